package io.liaison.cli;

import io.liaison.core.policy.CategoryTag;
import io.liaison.core.policy.Classification;
import io.liaison.core.policy.SecurityPolicy;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code liaison policy list|show|check}: the shipped policies, their levels, colours and categories, and any SPIF 2.1
 * file checked; {@code liaison policy import|versions|export}: the policies on a node, imported as SPIF 2.1 (a second
 * security officer approves each version with {@code liaison approval approve}) and exported as SPIF 2.1.
 */
@Command(name = "policy", description = {"The security policies: the shipped catalog's, any SPIF 2.1 file, and",
        "the versions imported on a node."}, mixinStandardHelpOptions = true)
final class PolicyCommand {
    private final Services s;

    @Mixin Remote remote;

    PolicyCommand(Services s) {
        this.s = s;
    }

    @Command(mixinStandardHelpOptions = true, name = "list", description = "List the policies.")
    int list() {
        for (SecurityPolicy p : s.catalog().policies()) {
            s.out().printf("%-5s %-10s owner %-6s levels: %s%n", p.id(), p.name(), p.owner(), p.levelNames());
        }
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "show", description = "Show a policy's levels, colours, markings and category tags.")
    int show(@Parameters(paramLabel = "ID", description = "policy id, e.g. kor") String id) {
        SecurityPolicy p = s.catalog().requirePolicy(id);
        s.out().println(s.terminal().bold(p.name()) + " (" + p.id() + ", owner " + p.owner()
                + p.oid().map(o -> ", OID " + o).orElse("") + ")");
        print(s, p);
        return 0;
    }

    static void print(Services s, SecurityPolicy p) {
        for (Classification c : p.levels().reversed()) {
            List<String> other = c.banner().byLanguage().values().stream().skip(1).toList();
            s.out().printf("  %s %s  portion %s  colour %s on %s%n", s.terminal().banner(c, c.banner().primary()),
                    other.isEmpty() ? "" : "(" + String.join(", ", other) + ")", c.portion().primary(), c.textColor().hex(),
                    c.color().hex());
        }
        for (CategoryTag t : p.tags()) {
            s.out().printf("  category %s (%s%s): %s%n", t.tagSet(), t.type(), t.holdsNationality() ? ", nationality" : "",
                    String.join(", ", t.values().stream().map(v -> v.name()).toList()));
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "check", description = {"Read any Open XML SPIF 2.1 file and",
            "summarise it, or refuse it with the precise reason (a file that is not well-formed, a duplicate, a",
            "reference to nothing). Exit 0 when it reads, 2 when it is refused."})
    int check(@Parameters(paramLabel = "FILE", description = "a SPIF file") String file) {
        io.liaison.core.spif.Spif spif = io.liaison.catalog.spif.Spif21Reader.read(Inputs.read(file, java.io.InputStream.nullInputStream(),
                io.liaison.catalog.spif.PolicyFile.MAX_BYTES), Inputs.source(file));
        s.out().println(spif.policy().name() + " (" + spif.policy().oid() + ")" + spif.creationDate()
                .map(d -> ", created " + d).orElse(""));
        s.out().println("  classifications: " + String.join(", ", spif.levels().stream().map(l -> l.name() + " ("
                + l.lacv() + ", rank " + l.hierarchy() + l.colour().map(c -> ", " + c).orElse("") + ")").toList()));
        for (io.liaison.core.spif.Spif.TagSet set : spif.tagSets()) {
            s.out().println("  tag set " + set.name() + " (" + set.oid() + "): " + String.join(", ", set.tags().stream()
                    .map(t -> t.name() + " " + t.type().written() + t.enumType().map(e -> " " + e.written()).orElse("")
                            + " with " + t.categories().size() + " values").toList()));
        }
        if (!spif.equivalentPolicies().isEmpty()) {
            s.out().println("  equivalent policies: " + String.join(", ", spif.equivalentPolicies().stream()
                    .map(e -> e.id().name() + " (" + e.id().oid() + ")").toList()));
        }
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "import", description = {"Import a SPIF 2.1 file on the node as",
            "the next version of its policy. It is checked at once (it must read, and keep every level and value of",
            "the version in force); it is in force once a second security officer approves it",
            "(liaison approval approve ID), and from then on every decision and marking uses it."})
    int importFile(@Parameters(paramLabel = "FILE", description = "a SPIF 2.1 file, or - for standard input") String file,
            @Option(names = "--owner", paramLabel = "PARTY", description = "whose policy it is, when the file does not "
                    + "say (liaison:owner)") String owner) {
        byte[] bytes = Inputs.read(file, System.in, io.liaison.catalog.spif.PolicyFile.MAX_BYTES);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("spif", new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        body.put("source", Inputs.source(file));
        if (owner != null) {
            body.put("owner", owner);
        }
        JsonNode a = remote.client().post("/api/policies", body);
        s.out().println(a.path("id").asText() + "  " + a.path("status").asText() + ": " + a.path("summary").asText());
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "versions", description = "The policies in force on the node, "
            + "and every version of each (0: shipped).")
    int versions() {
        JsonNode all = remote.client().get("/api/policies", Map.of());
        s.out().println(Columns.pad("POLICY", 12) + " VERSION " + Columns.pad("STATE", 8) + " " + Columns.pad("OWNER", 8)
                + " " + Columns.pad("NAME", 20) + " " + Columns.pad("APPROVED BY", 14) + " SHA-256");
        for (JsonNode v : all.path("versions")) {
            s.out().println(Columns.pad(v.path("policy").asText(), 12) + " " + Columns.pad(v.path("version").asText(), 7)
                    + " " + Columns.pad(v.path("state").asText(), 8) + " " + Columns.pad(v.path("owner").asText(), 8) + " "
                    + Columns.pad(v.path("name").asText(), 20) + " " + Columns.pad(v.path("approvedBy").asText(""), 14)
                    + " " + v.path("sha256").asText());
        }
        for (JsonNode p : all.path("inForce")) {
            s.out().println("in force: " + p.path("id").asText() + " version " + p.path("version").asText() + " ("
                    + p.path("name").asText() + ")");
        }
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "export", description = "Write a policy on the node as SPIF 2.1: "
            + "the version in force, or --policy-version N.")
    int export(@Parameters(paramLabel = "ID", description = "policy id, e.g. kor") String id,
            @Option(names = "--policy-version", paramLabel = "N", description = "a version number (0: shipped)")
            Integer version,
            @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "write here instead of standard output")
            java.nio.file.Path out) throws java.io.IOException {
        Map<String, String> query = version == null ? Map.of() : Map.of("version", Integer.toString(version));
        String spif = remote.client().text("/api/policies/" + id + "/spif", query);
        if (out == null) {
            s.out().print(spif);
            s.out().flush();
        } else {
            java.nio.file.Files.writeString(out, spif, java.nio.charset.StandardCharsets.UTF_8);
            s.out().println(out + ": policy " + id + (version == null ? " in force" : " version " + version));
        }
        return 0;
    }
}
