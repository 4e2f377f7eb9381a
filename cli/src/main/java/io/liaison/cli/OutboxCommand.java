package io.liaison.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code liaison outbox}: what this node sent to its peers, and whether each was delivered and receipted. */
@Command(name = "outbox", mixinStandardHelpOptions = true,
        description = "Messages to peers, newest first: delivered or pending, and the receipt's outcome.")
final class OutboxCommand implements Callable<Integer> {
    private final Services s;
    @Mixin Remote remote;

    @Option(names = "--limit", defaultValue = "20") int limit;

    OutboxCommand(Services s) {
        this.s = s;
    }

    @Override
    public Integer call() {
        JsonNode all = remote.client().get("/api/outbox", Map.of("limit", Integer.toString(limit)));
        for (JsonNode m : all) {
            String state = m.path("delivered").isTextual()
                    ? "delivered " + m.path("delivered").asText() + ": " + m.path("outcome").asText() + " "
                            + m.path("code").asText()
                    : "pending after " + m.path("attempts").asInt() + " attempt(s)"
                            + (m.path("lastError").isTextual() ? " (" + m.path("lastError").asText() + ")" : "");
            s.out().printf("%s  %-24s to %s under %s  %s%n", m.path("id").asText(), m.path("type").asText(),
                    m.path("peer").asText(), m.path("agreement").asText(), state);
        }
        if (all.isEmpty()) {
            s.out().println("nothing sent yet");
        }
        return 0;
    }
}
