package io.liaison.catalog.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.catalog.ShippedCatalog;
import io.liaison.core.agreement.Agreement;
import io.liaison.core.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Period;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Timeout(120)
class AgreementJsonTest {
    private static final String GSOMIA = new String(ShippedCatalog.resource("agreements/jpn-kor-gsomia-2016.json"),
            StandardCharsets.UTF_8);

    private static Agreement read(String json) {
        return AgreementJson.read(json.getBytes(StandardCharsets.UTF_8), "broken.json");
    }

    @Test
    void shippedGsomia_readsWithItsTableTermAndNotice() {
        Agreement a = read(GSOMIA);
        assertThat(a.table()).hasSize(5);
        assertThat(a.term()).contains(Period.ofYears(1));
        assertThat(a.noticePeriod()).isEqualTo(Period.ofDays(90));
        assertThat(a.coveredLevels(io.liaison.core.party.Party.of("KOR"))).containsExactly("군사Ⅱ급비밀", "군사Ⅲ급비밀");
    }

    @Test
    void unknownField_isRefusedNamingIt() {
        assertThatThrownBy(() -> read(GSOMIA.replace("\"kind\"", "\"kinds\"")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("broken.json")
                .hasMessageContaining("kinds");
    }

    @Test
    void badValues_areRefusedWithThePath() {
        assertThatThrownBy(() -> read(GSOMIA.replace("\"2019-08-23\"", "\"23 Aug 2019\"")))
                .hasMessageContaining("broken.json").hasMessageContaining("23 Aug 2019");
        assertThatThrownBy(() -> read(GSOMIA.replace("\"TERMINATION_NOTICE\"", "\"ABROGATED\"")))
                .hasMessageContaining("ABROGATED");
        assertThatThrownBy(() -> read(GSOMIA.replace("\"by\": \"KOR\"", "\"by\": \"kor\"")))
                .hasMessageContaining("party code 'kor' is invalid");
        assertThatThrownBy(() -> read(GSOMIA.replace("\"equivalent\": \"極秘\"", "\"equivalent\": \"注意\"")))
                .hasMessageContaining("ends at a level not covered for JPN");
        assertThatThrownBy(() -> read("[]")).hasMessageContaining("broken.json");
        assertThatThrownBy(() -> read("{\"id\": \"x")).hasMessageContaining("broken.json");
        assertThatThrownBy(() -> read(GSOMIA + "{}")).hasMessageContaining("broken.json");
    }

    @Test
    void oversizedFile_isRefused() {
        byte[] big = new byte[AgreementJson.MAX_BYTES + 1];
        assertThatThrownBy(() -> AgreementJson.read(big, "big.json")).hasMessageContaining("over the limit");
    }
}
