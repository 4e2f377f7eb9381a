package io.liaison.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.catalog.label.LabelRole;
import io.liaison.catalog.label.LabelXml;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.label.BannerParser;
import io.liaison.core.label.Markings;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.policy.SecurityPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@org.junit.jupiter.api.Timeout(120)
class LabelVectorsTest {

    static List<Vectors.Vector> vectors() {
        return Vectors.load(Vectors.LABELS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void banner_parsesAndRendersAsTheVectorSays(Vectors.Vector v) {
        JsonNode b = v.body();
        SecurityPolicy policy = Fixtures.catalog().requirePolicy(b.get("policy").asText());
        String banner = b.get("banner").asText();
        Instant created = Instant.parse("2020-01-01T00:00:00Z");
        if (b.has("error")) {
            assertThatThrownBy(() -> BannerParser.parse(banner, policy, policy.owner(), created))
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.code()).isEqualTo(b.get("error").asText()));
            return;
        }
        SecurityLabel label = BannerParser.parse(banner, policy, policy.owner(), created);
        Markings.Rendered r = Markings.render(label, policy, "");
        JsonNode expect = b.get("expect");
        assertThat(r.banner()).isEqualTo(expect.get("banner").asText());
        assertThat(r.portion()).isEqualTo(expect.get("portion").asText());
        assertThat(r.level().color().hex()).isEqualTo(expect.get("color").asText());
        assertThat(r.level().textColor().hex()).isEqualTo(expect.get("textColor").asText());

        // The rendered banner parses back to the same label, and the XML form round-trips.
        assertThat(BannerParser.parse(r.banner(), policy, policy.owner(), created)).isEqualTo(label);
        String xml = LabelXml.write(label, LabelRole.ORIGINATOR);
        assertThat(LabelXml.read(xml.getBytes(StandardCharsets.UTF_8), v.name()).label()).isEqualTo(label);
    }
}
