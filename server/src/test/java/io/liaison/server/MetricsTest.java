package io.liaison.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.liaison.node.MutableClock;
import io.liaison.node.TestNodes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Prometheus metrics: only for a signed-in account; API requests by route template (never an item's id) and status;
 * the audit log's size, readiness and the policy versions in force.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MetricsTest {
    @Test
    void metrics_needAnAccount_andNameRouteTemplatesNeverItems() {
        try (ServedApi served = ServedApi.start(TestNodes.Db.H2, new MutableClock(Instant.parse("2020-01-01T00:00:00Z")))) {
            Http http = served.http();
            assertThat(http.get("/api/metrics", null).status()).isEqualTo(401);
            String analyst = served.user("analyst", "군사Ⅱ급비밀", List.of("analyst"));
            Http.Answer item = http.post("/api/items", analyst, Map.of("title", "Launch", "text", "TEL", "label",
                    Map.of("classification", "군사Ⅲ급비밀"), "purposes", List.of("DPRK missile threat")));
            String id = item.json().path("id").asText();
            assertThat(http.get("/api/items/" + id + "?purpose=DPRK%20missile%20threat", analyst).status()).isEqualTo(200);

            Http.Answer metrics = http.get("/api/metrics", analyst);
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.body())
                    .contains("liaison_http_requests_seconds_count{method=\"GET\",route=\"/api/items/{id}\",status=\"200\"} 1")
                    .contains("liaison_http_requests_seconds_count{method=\"POST\",route=\"/api/items\",status=\"201\"} 1")
                    .contains("liaison_audit_entries ").contains("liaison_ready 1")
                    .contains("liaison_leader 1").contains("liaison_leader_epoch 0")
                    .contains("liaison_policy_version{policy=\"kor\"} 0").contains("jvm_memory_used_bytes")
                    .doesNotContain(id);
        }
    }
}
