package io.liaison.catalog.label;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.liaison.catalog.ShippedCatalog;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.label.BannerParser;
import io.liaison.core.label.LabelValidator;
import io.liaison.core.label.Markings;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.policy.SecurityPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link BannerParser#parse} against the five shipped policies ({@link ShippedCatalog#load()}: kor,
 * jpn, usa, nato, tlp), each input being tried in every policy.
 *
 * <p>Invariants: a banner is refused with {@link InvalidInputException} ({@code BANNER_INVALID}, or
 * {@code LABEL_INVALID} for known parts that break a rule of the policy), or it yields a label valid in the
 * policy; every rendered banner, in each of the policy's languages, parses back to the same label
 * (docs/markings.md); and the label survives the ADatP-4774 XML round trip ({@link LabelXml#write}, then
 * {@link LabelXml#read}) unchanged.
 *
 * <p>The input is the whole fuzzer input as a string; UTF-8 seed files (BMP, no NUL) are read as written.
 * Seeds: {@code ShippedBannerFuzzTestInputs/parse/} under {@code src/test/resources}.
 */
@Timeout(120)
class ShippedBannerFuzzTest {
    private static final List<SecurityPolicy> POLICIES = List.copyOf(ShippedCatalog.load().policies());
    private static final Instant CREATED = Instant.parse("2017-03-01T09:00:00Z");
    private static final Set<String> CODES = Set.of("BANNER_INVALID", "LABEL_INVALID");

    @FuzzTest(maxDuration = "60s")
    void parse(FuzzedDataProvider data) {
        String banner = data.consumeRemainingAsString();
        for (SecurityPolicy policy : POLICIES) {
            check(banner, policy);
        }
    }

    private static void check(String banner, SecurityPolicy policy) {
        SecurityLabel label;
        try {
            label = BannerParser.parse(banner, policy, policy.owner(), CREATED);
        } catch (InvalidInputException e) {
            assertThat(e.code()).isIn(CODES);
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(LabelValidator.problems(label, policy)).isEmpty();
        String rendered = Markings.banner(label, policy);
        assertThat(BannerParser.parse(rendered, policy, policy.owner(), CREATED))
                .as("policy %s: banner '%s' rendered as '%s'", policy.id(), banner, rendered).isEqualTo(label);
        for (String lang : languages(policy)) {
            Markings.Rendered r = Markings.render(label, policy, lang);
            assertThat(BannerParser.parse(r.banner(), policy, policy.owner(), CREATED))
                    .as("policy %s: banner '%s' rendered in '%s' as '%s'", policy.id(), banner, lang, r.banner())
                    .isEqualTo(label);
            assertThat(r.portion()).isNotBlank();
        }
        String xml = LabelXml.write(label, LabelRole.ORIGINATOR);
        assertThat(LabelXml.read(xml.getBytes(StandardCharsets.UTF_8), "banner.xml").label()).isEqualTo(label);
    }

    private static Set<String> languages(SecurityPolicy policy) {
        Set<String> langs = new TreeSet<>();
        policy.levels().forEach(l -> langs.addAll(l.banner().byLanguage().keySet()));
        return langs;
    }
}
