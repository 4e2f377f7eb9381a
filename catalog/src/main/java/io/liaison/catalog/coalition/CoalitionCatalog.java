package io.liaison.catalog.coalition;

import io.liaison.catalog.json.Json;
import io.liaison.core.party.Party;
import io.liaison.core.policy.SecurityPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A coalition's catalog, generated in the catalog's own formats: for each member without a shipped policy, a
 * SPIF 2.1 file with four national levels ({@code ALB RESTRICTED} .. {@code ALB TOP SECRET}); a bilateral agreement
 * between every pair, each with its translation table both ways for the levels it covers (CONFIDENTIAL and SECRET
 * ranks); and a relay agreement for one trilateral, its hub the first member, limited to {@link #RELAY_PURPOSE}.
 * A member with a shipped policy (USA) keeps it. The files go into a catalog directory that
 * {@link io.liaison.catalog.CatalogFiles} reads.
 */
public final class CoalitionCatalog {
    /** NATO's 32 members, in the order they are taken (the hub first). */
    public static final List<String> NATO = List.of("USA", "GBR", "FRA", "DEU", "ALB", "BEL", "BGR", "CAN", "HRV", "CZE",
            "DNK", "EST", "FIN", "GRC", "HUN", "ISL", "ITA", "LVA", "LTU", "LUX", "MNE", "NLD", "MKD", "NOR", "POL", "PRT",
            "ROU", "SVK", "SVN", "ESP", "SWE", "TUR");
    /** The purpose the trilateral relay is limited to. */
    public static final String RELAY_PURPOSE = "coalition missile warning";
    private static final List<String> RANKS = List.of("RESTRICTED", "CONFIDENTIAL", "SECRET", "TOP SECRET");
    private static final List<Integer> COVERED_RANKS = List.of(1, 2);

    private final List<Party> members;

    /** The first {@code size} members of {@link #NATO}, 3 to 32. */
    public static CoalitionCatalog of(int size) {
        if (size < 3 || size > NATO.size()) {
            throw new IllegalArgumentException("a coalition here has 3 to " + NATO.size() + " members, not " + size);
        }
        return new CoalitionCatalog(NATO.subList(0, size).stream().map(Party::of).toList());
    }

    private CoalitionCatalog(List<Party> members) {
        this.members = List.copyOf(members);
    }

    public List<Party> members() {
        return members;
    }

    /** The hub of the trilateral relay and its two spokes. */
    public List<Party> trilateral() {
        return members.subList(0, 3);
    }

    public String relayId() {
        return "coalition-relay-" + ids(trilateral());
    }

    /** The id of the bilateral agreement between two members, in either order. */
    public String bilateralId(Party a, Party b) {
        return a.compareTo(b) < 0 ? "coalition-" + ids(List.of(a, b)) : "coalition-" + ids(List.of(b, a));
    }

    /** The id of a member's policy: the shipped one when there is one, else its generated one. */
    public String policyId(Party p) {
        return shipped(p).map(SecurityPolicy::id).orElse(p.code().toLowerCase(java.util.Locale.ROOT));
    }

    /** A member's level of a rank (0 RESTRICTED .. 3 TOP SECRET); a shipped policy's lowest rank is its second. */
    public String level(Party p, int rank) {
        var s = shipped(p);
        if (s.isPresent()) {
            var levels = s.get().levels();
            return levels.get(Math.min(levels.size() - 1, Math.max(0, rank - (4 - levels.size())))).name();
        }
        return p.code() + " " + RANKS.get(rank);
    }

    /** The levels an agreement covers for a member, the highest first. */
    public List<String> covered(Party p) {
        return COVERED_RANKS.reversed().stream().map(r -> level(p, r)).toList();
    }

    /** Writes {@code policies/*.xml} and {@code agreements/*.json} under {@code dir}; returns the number of files. */
    public int write(Path dir) {
        try {
            Files.createDirectories(dir.resolve("policies"));
            Files.createDirectories(dir.resolve("agreements"));
            int n = 0;
            for (Party p : members) {
                if (shipped(p).isEmpty()) {
                    Files.write(dir.resolve("policies").resolve(policyId(p) + ".xml"), spif(p));
                    n++;
                }
            }
            for (int i = 0; i < members.size(); i++) {
                for (int j = i + 1; j < members.size(); j++) {
                    Party a = members.get(i);
                    Party b = members.get(j);
                    Files.write(dir.resolve("agreements").resolve(bilateralId(a, b) + ".json"), agreement(
                            bilateralId(a, b), "Bilateral security agreement " + a + "–" + b, "BILATERAL", List.of(a, b),
                            List.of(), null));
                    n++;
                }
            }
            Files.write(dir.resolve("agreements").resolve(relayId() + ".json"), agreement(relayId(), "Trilateral "
                    + "sharing through " + trilateral().getFirst(), "RELAY", trilateral(), List.of(RELAY_PURPOSE),
                    trilateral().getFirst()));
            return n + 1;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the coalition catalog into " + dir, e);
        }
    }

    /** A member's generated policy, SPIF 2.1 with Liaison's optional attributes. */
    public byte[] spif(Party p) {
        String id = policyId(p);
        StringBuilder x = new StringBuilder();
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<spif:SPIF xmlns:spif=\"http://www.xmlspif.org/spif\" xmlns:liaison=\"urn:liaison:spif:1\" "
                + "schemaVersion=\"2.1\" version=\"1\" creationDate=\"20261203000000Z\" originatorDN=\"CN=Liaison "
                + "coalition catalog, O=").append(p.code()).append("\">\n");
        x.append("  <spif:securityPolicyId name=\"").append(p.code()).append(" national policy\" id=\"")
                .append(oid("policy " + p.code())).append("\" liaison:short=\"").append(id).append("\" liaison:owner=\"")
                .append(p.code()).append("\" liaison:blockSeparator=\"//\" liaison:portionPrefix=\"\" liaison:banner=\"phrase\"/>\n");
        x.append("  <spif:securityClassifications>\n");
        String[] colours = {"#007A33", "#0033A0", "#C8102E", "#FF8C00"};
        for (int r = 0; r < RANKS.size(); r++) {
            String name = level(p, r);
            x.append("    <spif:securityClassification name=\"").append(name).append("\" lacv=\"").append(r + 1)
                    .append("\" hierarchy=\"").append(r).append("\" color=\"").append(colours[r])
                    .append("\" liaison:textColor=\"#FFFFFF\">\n");
            x.append("      <spif:markingData phrase=\"").append(name).append("\" xml:lang=\"en\" liaison:portion=\"")
                    .append(p.code()).append(' ').append(RANKS.get(r).charAt(0)).append("\">\n");
            x.append("        <spif:code>pageTopBottom</spif:code>\n      </spif:markingData>\n");
            x.append("    </spif:securityClassification>\n");
        }
        x.append("  </spif:securityClassifications>\n</spif:SPIF>\n");
        return x.toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] agreement(String id, String title, String kind, List<Party> parties, List<String> scope, Party hub) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("id", id);
        a.put("title", title);
        a.put("kind", kind);
        a.put("parties", parties.stream().map(p -> Map.of("party", p.code(), "policy", policyId(p))).toList());
        List<Map<String, String>> table = new ArrayList<>();
        for (Party from : parties) {
            for (Party to : parties) {
                if (from.equals(to) || hub != null && !from.equals(hub) && !to.equals(hub)) {
                    continue;
                }
                for (int r : COVERED_RANKS.reversed()) {
                    Map<String, String> row = new LinkedHashMap<>();
                    row.put("from", from.code());
                    row.put("level", level(from, r));
                    row.put("to", to.code());
                    row.put("equivalent", level(to, r));
                    row.put("article", "Art. 3");
                    table.add(row);
                }
            }
        }
        a.put("equivalences", table);
        Map<String, List<String>> covered = new LinkedHashMap<>();
        parties.forEach(p -> covered.put(p.code(), covered(p)));
        a.put("covered", covered);
        Map<String, Object> rules = new LinkedHashMap<>();
        rules.put("originatorConsent", true);
        rules.put("purposeLimitation", true);
        rules.put("scope", scope);
        rules.put("hub", hub == null ? null : hub.code());
        a.put("rules", rules);
        a.put("term", null);
        a.put("noticePeriod", "P90D");
        a.put("lifecycleArticle", "Art. 12");
        List<Map<String, String>> events = new ArrayList<>();
        events.add(Map.of("date", "2024-01-15", "type", "PROPOSED", "by", parties.getFirst().code(), "note", "generated"));
        events.add(Map.of("date", "2024-01-15", "type", "SIGNED", "by", parties.getFirst().code(), "note", "generated"));
        for (Party p : parties) {
            events.add(Map.of("date", "2024-01-15", "type", "NOTIFIED", "by", p.code(), "note", "generated"));
        }
        a.put("events", events);
        a.put("source", "generated by Liaison's coalition catalog for " + members.size() + " members");
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(a);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static java.util.Optional<SecurityPolicy> shipped(Party p) {
        return io.liaison.catalog.CatalogFiles.shipped().catalog().policyOf(p).filter(s -> !s.id().equals("nato") && !s.id().equals("tlp"));
    }

    private static String ids(List<Party> parties) {
        return String.join("-", parties.stream().map(p -> p.code().toLowerCase(java.util.Locale.ROOT)).toList());
    }

    /** A stable object identifier under 2.25 (UUID-based) for a name. */
    private static String oid(String name) {
        UUID u = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
        ByteBuffer b = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
        return "2.25." + new BigInteger(1, b.array());
    }
}
