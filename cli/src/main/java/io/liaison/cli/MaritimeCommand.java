package io.liaison.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code liaison maritime feed|contact|picture|share|shares|unshare|report|reports|feeds} (R33): the maritime picture
 * for anti-piracy and sanctions enforcement.
 */
@Command(name = "maritime", mixinStandardHelpOptions = true, description = {"The maritime picture (R33).",
        "AIS (NMEA 0183 files, or a node's --ais-udp/--ais-tcp feeds) and this party's own sightings, fused per",
        "vessel; shared on hotline lines under the line's agreement for a purpose; suspect activity (ship-to-ship",
        "transfer, AIS gone dark, flag change) filed as items with their evidence and released like any item."})
final class MaritimeCommand {
    private static final int MAX_FILE = 4 << 20;
    private final Services s;
    private final java.io.InputStream stdin;

    @Mixin Remote remote;

    MaritimeCommand(Services s, java.io.InputStream stdin) {
        this.s = s;
        this.stdin = stdin;
    }

    @Command(mixinStandardHelpOptions = true, name = "feed", description = "Feed a file of NMEA sentences (- for "
            + "standard input) into this party's picture.")
    int feed(@Parameters(paramLabel = "FILE") String file,
            @Option(names = "--classification", required = true, description = "the level the contacts are held at")
            String classification,
            @Option(names = "--source", defaultValue = "AIS file", description = "what saw them (default: AIS file)")
            String source) {
        String nmea = new String(Inputs.read(file, stdin, MAX_FILE), StandardCharsets.US_ASCII);
        JsonNode r = remote.client().post("/api/maritime/feed", Map.of("nmea", nmea, "source", source,
                "classification", classification));
        s.out().println(r.path("sentences").asInt() + " sentence(s), " + r.path("messages").asInt() + " message(s), "
                + r.path("contacts").asInt() + " contact(s) taken, " + r.path("refused").asInt() + " refused");
        for (JsonNode e : r.path("errors")) {
            s.out().println("  " + e.asText());
        }
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "contact", description = "Add one of this party's own sightings "
            + "(a patrol's report).")
    int contact(@Option(names = "--mmsi", required = true) String mmsi, @Option(names = "--imo") String imo,
            @Option(names = "--name") String name, @Option(names = "--call-sign") String callSign,
            @Option(names = "--lat", required = true) double lat, @Option(names = "--lon", required = true) double lon,
            @Option(names = "--course") Double course, @Option(names = "--speed", description = "knots") Double speed,
            @Option(names = "--source", required = true, description = "e.g. P-3C patrol") String source,
            @Option(names = "--at", required = true, paramLabel = "UTC") String at,
            @Option(names = "--classification", required = true) String classification) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("mmsi", mmsi);
        c.put("imo", imo);
        c.put("name", name);
        c.put("callSign", callSign);
        c.put("latitude", lat);
        c.put("longitude", lon);
        c.put("course", course);
        c.put("speed", speed);
        c.put("source", source);
        c.put("time", at);
        c.put("classification", classification);
        c.values().removeIf(java.util.Objects::isNull);
        JsonNode r = remote.client().post("/api/maritime/contacts", Map.of("contacts", List.of(c)));
        s.out().println(r.path("taken").asInt() + " contact(s) taken");
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "picture", description = "The picture you may read: vessels, "
            + "indications of suspect activity and the reports filed.")
    int picture(@Option(names = "--area", paramLabel = "S,W,N,E", description = "south,west,north,east in degrees")
            String area) {
        JsonNode p = remote.client().get("/api/maritime/picture", area == null ? Map.of() : Map.of("area", area));
        s.out().println(p.path("vessels").size() + " vessel(s) from " + p.path("views").size() + " contact(s)");
        for (JsonNode v : p.path("vessels")) {
            StringBuilder parties = new StringBuilder();
            for (JsonNode c : v.path("contributions")) {
                parties.append(parties.isEmpty() ? "" : ", ").append(c.path("party").asText()).append(' ')
                        .append(c.path("source").asText());
            }
            s.out().println(String.format(java.util.Locale.ROOT, "  %-16s %-20s %-8s %9.4f %10.4f %5s kn  %s  (%s)",
                    v.path("id").asText(), v.path("name").asText("-"), String.join("/", texts(v.path("flags"))),
                    v.path("latitude").asDouble(), v.path("longitude").asDouble(), v.has("speed")
                    ? String.format(java.util.Locale.ROOT, "%.1f", v.path("speed").asDouble()) : "?",
                    v.path("time").asText(), parties));
        }
        for (JsonNode i : p.path("indications")) {
            s.out().println("INDICATION " + i.path("key").asText() + ": " + i.path("summary").asText());
        }
        for (JsonNode r : p.path("reports")) {
            s.out().println("REPORT " + r.path("item").asText() + " " + r.path("kind").asText() + " "
                    + String.join(" and ", texts(r.path("vessels"))) + " (from " + r.path("origin").asText() + ", "
                    + r.path("observed").asText() + ")");
        }
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "share", description = "Share this party's picture on a hotline "
            + "line for a purpose; decided under the line's agreement (R33).")
    int share(@Option(names = "--line", required = true) String line,
            @Option(names = "--purpose", required = true, description = "e.g. \"DPRK sanctions enforcement\", "
                    + "anti-piracy") String purpose,
            @Option(names = "--classification", required = true) String classification) {
        JsonNode r = remote.client().post("/api/maritime/shares", Map.of("line", line, "purpose", purpose,
                "classification", classification));
        printShare(r);
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "shares", description = "The shares in force on your lines.")
    int shares() {
        for (JsonNode r : remote.client().get("/api/maritime/shares", Map.of())) {
            printShare(r);
        }
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "unshare", description = "End a share.")
    int unshare(@Parameters(paramLabel = "SHARE") String id) {
        remote.client().post("/api/maritime/shares/" + id + "/end", Map.of());
        s.out().println("share " + id + " ended");
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "report", description = "File an indication of the picture as a "
            + "report: an item with its evidence, to release like any item.")
    int report(@Parameters(paramLabel = "INDICATION", description = "its key, as `maritime picture` prints it")
            String indication, @Option(names = "--classification", required = true) String classification,
            @Option(names = "--purpose", required = true) List<String> purposes, @Option(names = "--note") String note) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("indication", indication);
        b.put("classification", classification);
        b.put("purposes", purposes);
        if (note != null) {
            b.put("note", note);
        }
        JsonNode item = remote.client().post("/api/maritime/reports", b);
        s.out().println("item " + item.path("id").asText() + "  " + item.path("marking").asText() + "  "
                + item.path("title").asText());
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "reports", description = "Reports of suspect activity you may "
            + "read.")
    int reports(@Option(names = "--area", paramLabel = "S,W,N,E") String area) {
        for (JsonNode r : remote.client().get("/api/maritime/reports", area == null ? Map.of() : Map.of("area", area))) {
            s.out().println(r.path("item").asText() + "  " + r.path("kind").asText() + "  " + String.join(" and ",
                    texts(r.path("vessels"))) + "  from " + r.path("origin").asText() + "  " + r.path("observed").asText());
        }
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "feeds", description = "The node's live AIS feeds and their counts.")
    int feeds() {
        for (JsonNode f : remote.client().get("/api/maritime/feeds", Map.of())) {
            s.out().println(f.path("source").asText() + "  " + f.path("sentences").asLong() + " sentence(s), "
                    + f.path("refused").asLong() + " refused, " + f.path("contacts").asLong() + " contact(s)");
        }
        return 0;
    }

    private void printShare(JsonNode r) {
        s.out().println(r.path("id").asText() + "  " + r.path("line").asText() + "  " + r.path("purpose").asText()
                + "  " + r.path("classification").asText() + "  sent " + r.path("sent").asLong() + ", refused "
                + r.path("refused").asLong());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(x -> out.add(x.asText()));
        return out;
    }
}
