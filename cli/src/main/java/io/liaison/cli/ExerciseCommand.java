package io.liaison.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code liaison exercise invite|list|show|nominate} (R32): invitations to observe an exercise, and the invited
 * party's observers, each a visit under R28 that the host answers with {@code liaison visit approve|refuse}.
 */
@Command(name = "exercise", mixinStandardHelpOptions = true, description = {"Invitations to observe exercises (R32).",
        "The host invites; the invited party nominates observers (each a visit under R28) until the exercise starts;",
        "the host answers each with liaison visit approve|refuse, never above the exercise's level."})
final class ExerciseCommand {
    private final Services s;

    @Mixin Remote remote;

    ExerciseCommand(Services s) {
        this.s = s;
    }

    @Command(mixinStandardHelpOptions = true, name = "invite", description = "Invite another party to observe an "
            + "exercise this party hosts; it travels signed.")
    int invite(@Option(names = "--to", required = true, description = "the invited party") String invited,
            @Option(names = "--agreement", required = true) String agreement,
            @Option(names = "--name", required = true, description = "the exercise") String name,
            @Option(names = "--place", required = true) String place,
            @Option(names = "--from", required = true, paramLabel = "DAY") String from,
            @Option(names = "--until", required = true, paramLabel = "DAY") String until,
            @Option(names = "--places", required = true, description = "observer places") int places,
            @Option(names = "--level", required = true, description = "the highest level observers may see, in this "
                    + "party's policy") String level) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("invited", invited);
        body.put("agreement", agreement);
        body.put("name", name);
        body.put("place", place);
        body.put("from", from);
        body.put("until", until);
        body.put("observerPlaces", places);
        body.put("highestLevel", level);
        print(remote.client().post("/api/exercises", body));
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "list", description = "Invitations sent and received.")
    int list() {
        for (JsonNode e : remote.client().get("/api/exercises", Map.of())) {
            print(e);
        }
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "show", description = "An invitation and each observer as it "
            + "stands.")
    int show(@Parameters(paramLabel = "EXERCISE") String id) {
        JsonNode e = remote.client().get("/api/exercises/" + id, Map.of());
        print(e);
        for (JsonNode o : e.path("observers")) {
            s.out().println("  " + o.path("id").asText() + "  " + o.path("standing").asText() + "  "
                    + o.path("visitor").asText() + " (" + o.path("nationality").asText() + ", "
                    + o.path("assuredClearance").asText() + ")" + (o.has("highestLevel") ? "  up to "
                    + o.path("highestLevel").asText() : "") + (o.has("replacedBy") ? "  replaced by "
                    + o.path("replacedBy").asText() : ""));
        }
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "nominate", description = "Nominate an observer (or replace one) "
            + "before the exercise starts: a visit asked of the host under R28.")
    int nominate(@Parameters(paramLabel = "EXERCISE") String id,
            @Option(names = "--observer", required = true) String observer,
            @Option(names = "--nationality", required = true) String nationality,
            @Option(names = "--clearance", required = true, description = "the clearance this party assures") String
                    clearance,
            @Option(names = "--replaces", paramLabel = "VISIT", description = "the observer's visit this one replaces")
            String replaces) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("observer", observer);
        body.put("nationality", nationality);
        body.put("clearance", clearance);
        if (replaces != null) {
            body.put("replaces", replaces);
        }
        JsonNode v = remote.client().post("/api/exercises/" + id + "/observers", body);
        s.out().println(v.path("id").asText() + "  " + v.path("status").asText() + "  observer " + v.path("visitor")
                .asText() + " asked of " + v.path("host").asText() + " for " + v.path("from").asText() + ".."
                + v.path("until").asText() + " (R32, R28)");
        return 0;
    }

    private void print(JsonNode e) {
        s.out().println(e.path("id").asText() + "  " + e.path("side").asText() + "  " + e.path("host").asText() + " > "
                + e.path("invited").asText() + "  " + e.path("name").asText() + ", " + e.path("place").asText() + ", "
                + e.path("from").asText() + ".." + e.path("until").asText() + ", " + e.path("observerPlaces").asInt()
                + " observer place(s) up to " + e.path("highestLevel").asText());
    }
}
