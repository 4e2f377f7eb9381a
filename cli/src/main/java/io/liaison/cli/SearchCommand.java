package io.liaison.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code liaison search QUERY}: full-text search over the items you may read. */
@Command(name = "search", mixinStandardHelpOptions = true, description = "Search the items you may read.")
final class SearchCommand implements Callable<Integer> {
    private final Services s;

    @Mixin Remote remote;

    @Parameters(paramLabel = "QUERY", arity = "0..1", defaultValue = "") String query;

    @Option(names = "--offset", defaultValue = "0") int offset;

    @Option(names = "--limit", defaultValue = "20") int limit;

    SearchCommand(Services s) {
        this.s = s;
    }

    @Override
    public Integer call() {
        printPage(s, remote.client().get("/api/search", Map.of("q", query, "offset", Integer.toString(offset), "limit",
                Integer.toString(limit))));
        return 0;
    }

    static void printPage(Services s, JsonNode page) {
        for (JsonNode h : page.path("items")) {
            s.out().printf("%-22s %s %s%s%n", h.path("id").asText(), Columns.pad(h.path("classification").asText(), 14),
                    h.path("title").asText(), h.has("chain") ? "  (" + h.path("chain").asText() + ", under "
                    + h.path("agreement").asText() + ")" : "");
        }
        StringBuilder facets = new StringBuilder();
        page.path("facets").path("classification").properties().forEach(e -> {
            if (e.getValue().asLong() > 0) {
                facets.append(facets.isEmpty() ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue().asLong());
            }
        });
        s.out().println(page.path("total").asLong() + " item(s)" + (facets.isEmpty() ? "" : " (" + facets + ")"));
    }
}
