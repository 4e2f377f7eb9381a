package io.liaison.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code liaison visit request|list|show|approve|refuse|account}: visits under an agreement (R28), and security
 * representatives' visits (R30), between the parties' security officers; the visitor account of an approved visit.
 */
@Command(name = "visit", mixinStandardHelpOptions = true, description = {"Visits that may involve classified "
        + "information (R28) and security representatives' visits (R30).",
        "A security officer asks the host; the host's security officer approves up to a level, or refuses;",
        "the host's admin makes the visitor account, which reads only within the visit's level, purpose and days."})
final class VisitCommand {
    private final Services s;

    @Mixin Remote remote;

    VisitCommand(Services s) {
        this.s = s;
    }

    @Command(mixinStandardHelpOptions = true, name = "request", description = "Ask another party for a visit; it "
            + "travels signed to the host.")
    int request(@Option(names = "--host", required = true, description = "the host party, e.g. KOR") String host,
            @Option(names = "--agreement", required = true) String agreement,
            @Option(names = "--visitor", required = true, description = "the visitor's name") String visitor,
            @Option(names = "--nationality", required = true) String nationality,
            @Option(names = "--clearance", required = true, description = "the clearance this party assures, in its "
                    + "own policy") String clearance,
            @Option(names = "--facility", required = true) String facility,
            @Option(names = "--from", required = true, paramLabel = "DAY", description = "first day, YYYY-MM-DD (UTC)")
            String from,
            @Option(names = "--until", required = true, paramLabel = "DAY", description = "last day, YYYY-MM-DD (UTC)")
            String until,
            @Option(names = "--purpose", required = true) String purpose,
            @Option(names = "--kind", defaultValue = "visit", description = "visit or security-representative")
            String kind) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("host", host);
        body.put("agreement", agreement);
        body.put("kind", kind);
        body.put("visitor", visitor);
        body.put("nationality", nationality);
        body.put("clearance", clearance);
        body.put("facility", facility);
        body.put("from", from);
        body.put("until", until);
        body.put("purpose", purpose);
        print(remote.client().post("/api/visits", body));
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "list", description = "Visits asked by and of this party.")
    int list() {
        for (JsonNode v : remote.client().get("/api/visits", Map.of())) {
            print(v);
        }
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "show", description = "One visit with its answer.")
    int show(@Parameters(paramLabel = "VISIT") String id) {
        JsonNode v = remote.client().get("/api/visits/" + id, Map.of());
        print(v);
        s.out().println("  visitor: " + v.path("visitor").asText() + " (" + v.path("nationality").asText()
                + "), clearance assured by " + v.path("requester").asText() + ": " + v.path("assuredClearance").asText());
        s.out().println("  facility: " + v.path("facility").asText() + ", " + v.path("from").asText() + " to "
                + v.path("until").asText() + ", for " + v.path("purpose").asText());
        s.out().println("  under " + v.path("agreement").asText() + " (" + v.path("rule").asText() + "), asked by "
                + v.path("requestedBy").asText() + " at " + v.path("requestedAt").asText());
        if (v.has("answeredBy")) {
            s.out().println("  answered by " + v.path("answeredBy").asText() + ": " + v.path("answer").asText());
        }
        if (v.has("account")) {
            s.out().println("  visitor account: " + v.path("account").asText());
        }
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "approve", description = "Approve a visit asked of this party, "
            + "up to the highest level that may be disclosed (R28).")
    int approve(@Parameters(paramLabel = "VISIT") String id,
            @Option(names = "--level", required = true, description = "a level of this party's policy") String level) {
        print(remote.client().post("/api/visits/" + id + "/approve", Map.of("highestLevel", level)));
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "refuse", description = "Refuse a visit asked of this party, with "
            + "the reason.")
    int refuse(@Parameters(paramLabel = "VISIT") String id, @Option(names = "--reason", required = true) String reason) {
        print(remote.client().post("/api/visits/" + id + "/refuse", Map.of("reason", reason)));
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "account", description = {"Make the visitor account of an "
            + "approved visit this party hosts (admin).", "The password comes from --password or $LIAISON_NEW_PASSWORD."})
    int account(@Parameters(paramLabel = "VISIT") String id, @Option(names = "--name", required = true) String name,
            @Option(names = "--password") String password) {
        JsonNode u = remote.client().post("/api/visits/" + id + "/account", Map.of("name", name, "password",
                Optional.ofNullable(password).orElseGet(() -> Optional.ofNullable(System.getenv("LIAISON_NEW_PASSWORD"))
                        .orElse(""))));
        JsonNode v = u.path("visit");
        s.out().println("visitor account " + u.path("name").asText() + " (" + u.path("nationality").asText() + "): reads "
                + "up to " + v.path("highestLevel").asText() + " for " + v.path("purpose").asText() + ", "
                + v.path("from").asText() + " to " + v.path("until").asText() + " (R28)");
        return 0;
    }

    private void print(JsonNode v) {
        s.out().println(v.path("id").asText() + "  " + v.path("status").asText() + "  " + v.path("requester").asText()
                + " > " + v.path("host").asText() + "  " + v.path("kind").asText() + "  " + v.path("from").asText()
                + ".." + v.path("until").asText() + "  " + v.path("facility").asText()
                + (v.has("highestLevel") ? "  up to " + v.path("highestLevel").asText() : "")
                + (v.path("status").asText().equals("REFUSED") ? "  (" + v.path("answer").asText() + ")" : ""));
    }
}
