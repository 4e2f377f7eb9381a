package io.liaison.catalog.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.catalog.ShippedCatalog;
import io.liaison.core.decision.DecisionRequest;
import io.liaison.core.error.DomainException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Timeout(120)
class RequestJsonTest {
    private static final RequestJson REQUESTS = new RequestJson(ShippedCatalog.load());
    private static final String RELEASE = """
            {"type": "release", "from": "JPN", "to": "KOR", "purpose": "DPRK missile threat",
             "agreement": "jpn-kor-gsomia-2016", "at": "2017-01-01T00:00:00Z",
             "item": {"id": "i1", "originator": "JPN", "purposes": ["DPRK missile threat"],
                      "label": {"policy": "jpn", "classification": "極秘"}}}
            """;

    private static DecisionRequest read(String json) {
        return REQUESTS.read(json.getBytes(StandardCharsets.UTF_8), "req.json");
    }

    @Test
    void releaseRequest_isRead() {
        assertThat(read(RELEASE)).isInstanceOfSatisfying(DecisionRequest.Release.class,
                r -> assertThat(r.item().originatorLabel().classification()).isEqualTo("極秘"));
    }

    @Test
    void labelByBanner_isRead() {
        DecisionRequest r = read(RELEASE.replace("\"classification\": \"極秘\"", "\"banner\": \"極秘//REL TO KOR\""));
        assertThat(((DecisionRequest.Release) r).item().originatorLabel().categories()).hasSize(1);
    }

    @Test
    void badRequests_areRefusedNamingTheProblem() {
        assertThatThrownBy(() -> read(RELEASE.replace("\"release\"", "\"publish\"")))
                .hasMessageContaining("type 'publish' is not one of read, release, onward-release");
        assertThatThrownBy(() -> read(RELEASE.replace("\"極秘\"", "\"TOP SECRET\"")))
                .isInstanceOf(DomainException.class).hasMessageContaining("classification TOP SECRET is not a level of policy jpn");
        assertThatThrownBy(() -> read(RELEASE.replace("\"policy\": \"jpn\"", "\"policy\": \"xyz\"")))
                .hasMessageContaining("policy xyz is not in the catalog");
        assertThatThrownBy(() -> read(RELEASE.replace("\"from\": \"JPN\",", "")))
                .hasMessageContaining("field from is required");
        assertThatThrownBy(() -> read(RELEASE.replace("\"to\"", "\"too\"")))
                .hasMessageContaining("too");
        assertThatThrownBy(() -> read("null")).hasMessageContaining("req.json");
        assertThatThrownBy(() -> read("{")).hasMessageContaining("req.json");
    }
}
