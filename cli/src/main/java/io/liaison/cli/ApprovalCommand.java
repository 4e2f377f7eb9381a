package io.liaison.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code liaison approval list|approve|deny}: what waits for a second security officer on a node (agreement steps,
 * changes of peers). Grants of clearances, roles and duties are {@code liaison user grants|approve|deny}.
 */
@Command(name = "approval", mixinStandardHelpOptions = true, description = {"Requests that wait for a second "
        + "security officer: agreement steps and changes of peers.",
        "Nobody approves their own request; an approved request is carried out at once."})
final class ApprovalCommand {
    private final Services s;

    @Mixin Remote remote;

    ApprovalCommand(Services s) {
        this.s = s;
    }

    @Command(mixinStandardHelpOptions = true, name = "list", description = "Pending requests (--all: decided ones too).")
    int list(@Option(names = "--all") boolean all,
            @Option(names = "--kind", description = "agreement-step, peer-change or contractor-assessment") String kind) {
        Map<String, String> q = new LinkedHashMap<>();
        if (all) {
            q.put("all", "true");
        }
        if (kind != null) {
            q.put("kind", kind);
        }
        for (JsonNode a : remote.client().get("/api/approvals", q)) {
            print(a);
        }
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "approve", description = "Approve a request and carry it out (a "
            + "security officer who did not ask).")
    int approve(@Parameters(paramLabel = "REQUEST") String id) {
        JsonNode a = remote.client().post("/api/approvals/" + id + "/approve", Map.of());
        s.out().print("approved and carried out: ");
        print(a);
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "deny", description = "Deny a request, with the reason (or withdraw "
            + "your own).")
    int deny(@Parameters(paramLabel = "REQUEST") String id, @Option(names = "--reason", required = true) String reason) {
        print(remote.client().post("/api/approvals/" + id + "/deny", Map.of("reason", reason)));
        return 0;
    }

    private void print(JsonNode a) {
        s.out().println(a.path("id").asText() + "  " + a.path("kind").asText() + "  " + a.path("status").asText()
                + "  asked by " + a.path("requestedBy").asText() + (a.has("decidedBy") ? ", decided by "
                + a.path("decidedBy").asText() : "") + ": " + a.path("summary").asText()
                + (a.has("reason") ? " (" + a.path("reason").asText() + ")" : ""));
    }
}
