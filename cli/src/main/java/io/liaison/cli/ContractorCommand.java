package io.liaison.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code liaison contractor add|list|assess|person} (R29): contractor facilities, their assessments (approved by a
 * second security officer with {@code liaison approval approve}), and the persons of a facility with their briefing.
 */
@Command(name = "contractor", mixinStandardHelpOptions = true, description = {"Contractor facilities, their "
        + "assessments and their people (R29).",
        "A contractor's person reads nothing classified without the facility's assessment (within its level), the",
        "briefing and the clearance; rank or role alone opens nothing."})
final class ContractorCommand {
    private final Services s;

    @Mixin Remote remote;

    ContractorCommand(Services s) {
        this.s = s;
    }

    @Command(mixinStandardHelpOptions = true, name = "add", description = "Record a contractor facility.")
    int add(@Parameters(paramLabel = "NAME") String name) {
        print(remote.client().post("/api/contractors", Map.of("name", name)));
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "list", description = "The facilities and their assessments.")
    int list() {
        for (JsonNode f : remote.client().get("/api/contractors", Map.of())) {
            print(f);
        }
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "assess", description = "Ask to record a facility's assessment; "
            + "a second security officer approves it (liaison approval approve).")
    int assess(@Parameters(paramLabel = "FACILITY", description = "its id or name") String facility,
            @Option(names = "--level", required = true, description = "the highest level it can protect") String level,
            @Option(names = "--assessed-by", required = true) String by,
            @Option(names = "--on", required = true, paramLabel = "DAY", description = "YYYY-MM-DD") String on) {
        JsonNode a = remote.client().post("/api/contractors/" + segment(facility) + "/assessment",
                Map.of("level", level, "assessedBy", by, "on", on));
        s.out().println(a.path("id").asText() + "  " + a.path("status").asText() + ": " + a.path("summary").asText());
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "person", description = "Record that a user is a person of a "
            + "facility, and the day of their briefing.")
    int person(@Parameters(paramLabel = "USER") String user,
            @Option(names = "--facility", required = true) String facility,
            @Option(names = "--briefed", paramLabel = "DAY", description = "the day of the briefing (YYYY-MM-DD); "
                    + "without it, not briefed yet") String briefed) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("facility", facility);
        if (briefed != null) {
            body.put("briefedOn", briefed);
        }
        JsonNode u = remote.client().post("/api/users/" + user + "/contractor", body);
        JsonNode c = u.path("contractor");
        s.out().println(u.path("name").asText() + ": person of " + c.path("facility").asText() + ", "
                + (c.has("assessedLevel") ? "assessed up to " + c.path("assessedLevel").asText() : "not assessed")
                + ", " + (c.has("briefedOn") ? "briefed on " + c.path("briefedOn").asText() : "not briefed") + " (R29)");
        return 0;
    }

    /** A facility's name as one path segment. */
    private static String segment(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private void print(JsonNode f) {
        s.out().println(f.path("id").asText() + "  " + f.path("name").asText() + "  " + (f.has("assessedLevel")
                ? "assessed up to " + f.path("assessedLevel").asText() + " by " + f.path("assessedBy").asText() + " on "
                + f.path("assessedOn").asText() + ", approved by " + f.path("approvedBy").asText() : "not assessed"));
    }
}
