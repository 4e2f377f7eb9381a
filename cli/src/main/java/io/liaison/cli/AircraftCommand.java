package io.liaison.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code liaison aircraft request|list|show|grant|refuse|flight} (R31): diplomatic clearances for cross-border visits
 * of military aircraft, times in UTC and points as ICAO location indicators.
 */
@Command(name = "aircraft", mixinStandardHelpOptions = true, description = {"Diplomatic clearances for military "
        + "aircraft (R31).",
        "Asked before the flight; the host grants (with conditions and an expiry), amends or refuses; a late answer",
        "raises an alarm at both ends; a flight without a valid clearance is flagged. Times are UTC (…Z); entry and",
        "exit points are ICAO location indicators (four letters)."})
final class AircraftCommand {
    private final Services s;

    @Mixin Remote remote;

    AircraftCommand(Services s) {
        this.s = s;
    }

    @Command(mixinStandardHelpOptions = true, name = "request", description = "Ask the host for a clearance; it travels "
            + "signed.")
    int request(@Option(names = "--host", required = true) String host,
            @Option(names = "--agreement", required = true) String agreement,
            @Option(names = "--type", required = true, description = "ICAO type designator, e.g. C130") String type,
            @Option(names = "--registration", required = true) String registration,
            @Option(names = "--call-sign", required = true) String callSign,
            @Option(names = "--entry", required = true, description = "entry point, e.g. RKRR") String entry,
            @Option(names = "--exit", required = true, description = "exit point, e.g. RJJJ") String exit,
            @Option(names = "--route", required = true) String route,
            @Option(names = "--entry-at", required = true, paramLabel = "UTC") String entryAt,
            @Option(names = "--exit-at", required = true, paramLabel = "UTC") String exitAt,
            @Option(names = "--purpose", required = true) String purpose,
            @Option(names = "--crew", required = true) int crew,
            @Option(names = "--passengers", defaultValue = "0") int passengers,
            @Option(names = "--cargo", defaultValue = "", description = "declared cargo (empty: nothing to declare)")
            String cargo,
            @Option(names = "--answer-by", required = true, paramLabel = "UTC") String answerBy) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("host", host);
        b.put("agreement", agreement);
        b.put("aircraftType", type);
        b.put("registration", registration);
        b.put("callSign", callSign);
        b.put("entryPoint", entry);
        b.put("exitPoint", exit);
        b.put("route", route);
        b.put("entryAt", entryAt);
        b.put("exitAt", exitAt);
        b.put("purpose", purpose);
        b.put("crew", crew);
        b.put("passengers", passengers);
        b.put("cargo", cargo);
        b.put("answerBy", answerBy);
        print(remote.client().post("/api/aircraft", b));
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "list", description = "Clearances asked by and of this party "
            + "(--alarms: those whose answer came late).")
    int list(@Option(names = "--alarms") boolean alarms) {
        for (JsonNode c : remote.client().get("/api/aircraft", alarms ? Map.of("alarms", "true") : Map.of())) {
            print(c);
        }
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "show", description = "One clearance.")
    int show(@Parameters(paramLabel = "CLEARANCE") String id) {
        JsonNode c = remote.client().get("/api/aircraft/" + id, Map.of());
        print(c);
        s.out().println("  " + c.path("aircraftType").asText() + " " + c.path("registration").asText() + ", route "
                + c.path("route").asText() + "; " + c.path("crew").asInt() + " crew, " + c.path("passengers").asInt()
                + " passengers; cargo: " + (c.path("cargo").asText().isEmpty() ? "none declared" : c.path("cargo").asText()));
        s.out().println("  purpose: " + c.path("purpose").asText() + "; answer asked by " + c.path("answerBy").asText());
        if (c.has("answer")) {
            s.out().println("  answered by " + c.path("answeredBy").asText() + ": " + c.path("answer").asText()
                    + (c.has("conditions") ? "; conditions: " + c.path("conditions").asText() : ""));
        }
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "grant", description = "Grant a clearance asked of this party; "
            + "with --entry-at/--exit-at (and points), amended.")
    int grant(@Parameters(paramLabel = "CLEARANCE") String id, @Option(names = "--conditions") String conditions,
            @Option(names = "--expires", paramLabel = "UTC") String expires,
            @Option(names = "--entry") String entry, @Option(names = "--exit") String exit,
            @Option(names = "--entry-at", paramLabel = "UTC") String entryAt,
            @Option(names = "--exit-at", paramLabel = "UTC") String exitAt) {
        Map<String, Object> b = new LinkedHashMap<>();
        put(b, "conditions", conditions);
        put(b, "expiresAt", expires);
        put(b, "entryPoint", entry);
        put(b, "exitPoint", exit);
        put(b, "entryAt", entryAt);
        put(b, "exitAt", exitAt);
        print(remote.client().post("/api/aircraft/" + id + "/grant", b));
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "refuse", description = "Refuse a clearance asked of this party.")
    int refuse(@Parameters(paramLabel = "CLEARANCE") String id, @Option(names = "--reason", required = true) String reason) {
        print(remote.client().post("/api/aircraft/" + id + "/refuse", Map.of("reason", reason)));
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "flight", description = "Check a flight observed entering; one "
            + "without a valid clearance is flagged (R31).")
    int flight(@Option(names = "--call-sign", required = true) String callSign,
            @Option(names = "--entry", required = true) String entry,
            @Option(names = "--at", required = true, paramLabel = "UTC") String at) {
        JsonNode f = remote.client().post("/api/aircraft-flights", Map.of("callSign", callSign, "entryPoint", entry,
                "at", at));
        s.out().println((f.path("cleared").asBoolean() ? "CLEARED: " : "FLAGGED: ") + f.path("reason").asText());
        return f.path("cleared").asBoolean() ? 0 : 3;
    }

    private static void put(Map<String, Object> b, String k, String v) {
        if (v != null) {
            b.put(k, v);
        }
    }

    private void print(JsonNode c) {
        s.out().println(c.path("id").asText() + "  " + c.path("status").asText() + "  " + c.path("requester").asText()
                + " > " + c.path("host").asText() + "  " + c.path("callSign").asText() + "  " + c.path("entryPoint")
                .asText() + " " + c.path("entryAt").asText() + " .. " + c.path("exitPoint").asText() + " "
                + c.path("exitAt").asText() + (c.has("expiresAt") ? "  expires " + c.path("expiresAt").asText() : "")
                + (c.has("alarmAt") ? "  ALARM: no answer by " + c.path("answerBy").asText() : ""));
    }
}
