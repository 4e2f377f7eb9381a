package io.liaison.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code liaison incident report|list|close}: loss and compromise of received items (R15). */
@Command(name = "incident", mixinStandardHelpOptions = true,
        description = "Report the loss or compromise of a received item to its originator, and close the case (R15).")
final class IncidentCommand {
    private final Services s;
    @Mixin Remote remote;

    IncidentCommand(Services s) {
        this.s = s;
    }

    @Command(mixinStandardHelpOptions = true, name = "report", description = "Report at once; the case stays open until findings and measures are sent.")
    int report(@Parameters(paramLabel = "ITEM") String item,
            @Option(names = "--kind", required = true, description = "LOSS, COMPROMISE, SUSPECTED_LOSS or SUSPECTED_COMPROMISE")
            String kind, @Option(names = "--description", required = true) String description) {
        JsonNode r = remote.client().post("/api/items/" + item + "/incidents", Map.of("kind", kind, "description",
                description));
        s.out().println(r.path("id").asText() + " OPEN: reported to " + r.path("originator").asText());
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "list", description = "Cases this node reported (HOLDER) and received (ORIGINATOR).")
    int list() {
        JsonNode all = remote.client().get("/api/incidents", Map.of());
        for (JsonNode i : all) {
            s.out().printf("%s  %-6s %-10s %-11s item %s  %s -> %s  %s%n", i.path("id").asText(), i.path("status").asText(),
                    i.path("role").asText(), i.path("kind").asText(), i.path("item").asText(), i.path("holder").asText(),
                    i.path("originator").asText(), i.path("description").asText());
        }
        if (all.isEmpty()) {
            s.out().println("no incidents");
        }
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "close", description = "Close a case with findings and preventive measures for the originator.")
    int close(@Parameters(paramLabel = "INCIDENT") String id, @Option(names = "--findings", required = true) String findings,
            @Option(names = "--measures", required = true) String measures) {
        remote.client().post("/api/incidents/" + id + "/close", Map.of("findings", findings, "measures", measures));
        s.out().println("incident " + id + " closed");
        return 0;
    }
}
