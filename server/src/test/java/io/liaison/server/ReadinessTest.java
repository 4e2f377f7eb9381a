package io.liaison.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.liaison.core.party.Party;
import io.liaison.node.MutableClock;
import io.liaison.node.Node;
import io.liaison.node.TestNodes;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A load balancer's two questions, on PostgreSQL: is the node alive, and can it serve (and if not, why not). */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReadinessTest {
    @Test
    void readiness_saysReadyWhileTheNodeCanServe_and503WithTheReasonWhenItCannot() {
        MutableClock clock = new MutableClock(Instant.parse("2020-01-01T00:00:00Z"));
        try (TestNodes.Created created = TestNodes.create(TestNodes.Db.POSTGRESQL, Party.of("KOR"), clock)) {
            Node node = created.open(clock);
            ApiServer server = ApiServer.start(node, java.util.Optional.empty(), java.util.Optional.empty(), "127.0.0.1",
                    0);
            try {
                Http http = new Http("http://127.0.0.1:" + server.port());
                Http.Answer ready = http.get("/api/ready", null);
                assertThat(ready.status()).isEqualTo(200);
                assertThat(ready.json().path("status").asText()).isEqualTo("READY");

                node.audit().close();
                Http.Answer unready = http.get("/api/ready", null);
                assertThat(unready.status()).isEqualTo(503);
                assertThat(unready.contentType()).startsWith("application/problem+json");
                assertThat(unready.json().path("detail").asText()).contains("the audit sequencer is not running");
                assertThat(http.get("/api/health", null).status()).as("alive, though not ready").isEqualTo(200);
            } finally {
                server.close();
                node.close();
            }
        }
    }
}
