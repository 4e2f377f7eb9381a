package io.liaison.core.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.core.error.InvalidInputException;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(30)
class AgreementIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"jpn-kor-gsomia-2016", "tisa-2014", "abc", "a23456789012345678901234567890123456789012345678901234567890123x"})
    void wellFormedIds_parse_andPrintAsTheirText(String text) {
        AgreementId id = AgreementId.of(text);
        assertThat(id.value()).isEqualTo(text);
        assertThat(id).hasToString(text).isEqualTo(AgreementId.of(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ab", "JPN-KOR", "2016-gsomia", "-gsomia", "gsomia 2016", "gsomia_2016", "지소미아",
        "gsomia\n2016", "a234567890123456789012345678901234567890123456789012345678901234x"})
    void anythingElse_isBadInput_namingTheValueAndTheRule(String text) {
        assertThatThrownBy(() -> AgreementId.of(text)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("agreement id '" + text.substring(0, Math.min(text.length(), 80)))
                .hasMessageContaining("3 to 64 lower-case letters, digits and '-'")
                .satisfies(e -> assertThat(((InvalidInputException) e).code()).isEqualTo("AGREEMENT_ID_INVALID"));
    }

    @Test
    void aNullOrHugeValue_isRefused_andTheMessageStaysShort() {
        assertThatThrownBy(() -> AgreementId.of(null)).isInstanceOf(InvalidInputException.class);
        String huge = "a".repeat(100_000);
        assertThatThrownBy(() -> AgreementId.of(huge)).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
    }

    @Test
    void ids_orderByTheirText() {
        assertThat(new TreeSet<>(java.util.List.of(AgreementId.of("usa-kor-gsa-1987"), AgreementId.of("jpn-kor-gsomia-2016"),
                AgreementId.of("tisa-2014")))).extracting(AgreementId::value)
                .containsExactly("jpn-kor-gsomia-2016", "tisa-2014", "usa-kor-gsa-1987");
    }
}
