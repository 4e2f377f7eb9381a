package io.liaison.core.label;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.liaison.core.TestPolicies;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.party.Party;
import io.liaison.core.policy.SecurityPolicy;
import java.util.Set;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link BannerParser#parse} with the test policy (US style, {@link TestPolicies#us()}).
 *
 * <p>Invariants: a banner is either refused with {@link InvalidInputException} (code {@code BANNER_INVALID}, or
 * {@code LABEL_INVALID} when the parts are known but break a rule of the policy such as NOFORN with REL TO),
 * or it yields a label valid in the policy whose rendered banner ({@link Markings#banner}) parses back to the
 * same label and renders the same again, in each of the policy's languages. Nothing else escapes: no NullPointerException,
 * IndexOutOfBoundsException, PatternSyntaxException, StackOverflowError.
 *
 * <p>The input is the whole fuzzer input as a string ({@link FuzzedDataProvider#consumeRemainingAsString}), so
 * a UTF-8 seed file without NUL and outside the supplementary planes is read as written, and the fuzzer can
 * still reach every UTF-16 unit, lone surrogates included. Seeds: {@code BannerParserFuzzTestInputs/parse/}
 * under {@code src/test/resources}. Fuzz with {@code JAZZER_FUZZ=1} (see docs/fuzzing.md).
 */
@Timeout(120)
class BannerParserFuzzTest {
    private static final SecurityPolicy POLICY = TestPolicies.us();
    private static final Party USA = Party.of("USA");
    private static final Set<String> CODES = Set.of("BANNER_INVALID", "LABEL_INVALID");

    @FuzzTest(maxDuration = "60s")
    void parse(FuzzedDataProvider data) {
        String banner = data.consumeRemainingAsString();
        checkBanner(banner, POLICY, USA);
    }

    /** The banner parser's contract on any string, for one policy. */
    static void checkBanner(String banner, SecurityPolicy policy, Party originator) {
        SecurityLabel label;
        try {
            label = BannerParser.parse(banner, policy, originator, TestPolicies.T0);
        } catch (InvalidInputException e) {
            assertThat(e.code()).isIn(CODES);
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(LabelValidator.problems(label, policy)).isEmpty();
        assertThat(label.originator()).contains(originator);
        String rendered = Markings.banner(label, policy);
        SecurityLabel again = BannerParser.parse(rendered, policy, originator, TestPolicies.T0);
        assertThat(again).as("banner '%s' rendered as '%s'", banner, rendered).isEqualTo(label);
        assertThat(Markings.banner(again, policy)).isEqualTo(rendered);
        // The banner in each of the policy's languages reads back as the same label too.
        for (String lang : languages(policy)) {
            Markings.Rendered r = Markings.render(label, policy, lang);
            assertThat(BannerParser.parse(r.banner(), policy, originator, TestPolicies.T0))
                    .as("banner '%s' rendered in '%s' as '%s'", banner, lang, r.banner()).isEqualTo(label);
            assertThat(r.portion()).isNotBlank();
        }
    }

    private static Set<String> languages(SecurityPolicy policy) {
        Set<String> langs = new java.util.TreeSet<>();
        policy.levels().forEach(l -> langs.addAll(l.banner().byLanguage().keySet()));
        return langs;
    }
}
