package io.liaison.cli;

import static io.liaison.cli.Cli.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.catalog.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A served node's logs as JSON, one object a line, each line an API request causes carrying its request id (the
 * caller's, or a new one sent back), and the access log naming the route's template, never an item's id.
 */
@Timeout(120)
class JsonLogsTest {
    @Test
    void jsonLogLines_carryTheRequestId_andTheAccessLogNamesRouteTemplatesOnly(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("kor");
        ok(Cli.run("init", "--party", "KOR", "--dir", dir.toString()));
        int api = ServedNodes.freePort();
        List<String> printed = Collections.synchronizedList(new ArrayList<>());
        try (ServedNodes nodes = new ServedNodes()) {
            // The node's own logging configuration, as serve has it outside the tests.
            String config = Path.of(Main.class.getResource("/logback.xml").toURI()).toString();
            nodes.serve(dir, api, ServedNodes.freePort(), Map.of("LIAISON_LOG_FORMAT", "json", "LIAISON_ACCESS_LOG",
                    "INFO"), List.of("-Dlogback.configurationFile=" + config), printed, true);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api
                    + "/api/health")).header("X-Request-Id", "probe-1").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.headers().firstValue("X-Request-Id")).contains("probe-1");
            HttpResponse<String> item = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api
                    + "/api/items/secret-item-42")).build(), HttpResponse.BodyHandlers.ofString());
            String made = item.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(made).matches("[0-9a-f]{16}");

            JsonNode probe = await(printed, "probe-1");
            assertThat(probe.path("loggerName").asText()).isEqualTo("io.liaison.access");
            assertThat(probe.toString()).contains("/api/health").contains("200");
            JsonNode refused = await(printed, made);
            assertThat(refused.toString()).contains("/api/items/{id}").contains("401").doesNotContain("secret-item-42");
            synchronized (printed) {
                for (String line : printed) {
                    if (line.startsWith("{")) {
                        assertThat(Json.MAPPER.readTree(line).has("level")).as(line).isTrue();
                    }
                }
            }
        }
    }

    /** The access log line of a request, once it is printed. */
    private static JsonNode await(List<String> printed, String requestId) throws Exception {
        long end = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < end) {
            Optional<String> line;
            synchronized (printed) {
                line = printed.stream().filter(l -> l.startsWith("{") && l.contains("\"" + requestId + "\""))
                        .findFirst();
            }
            if (line.isPresent()) {
                return Json.MAPPER.readTree(line.get());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no log line with request id " + requestId + " in " + printed);
    }
}
