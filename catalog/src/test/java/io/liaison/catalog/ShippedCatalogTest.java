package io.liaison.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.liaison.core.agreement.AgreementId;
import io.liaison.core.catalog.Catalog;
import io.liaison.core.policy.CategoryType;
import io.liaison.core.policy.Classification;
import io.liaison.core.policy.SecurityPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@org.junit.jupiter.api.Timeout(120)
class ShippedCatalogTest {
    private static final Catalog CATALOG = ShippedCatalog.load();

    @ParameterizedTest
    @CsvSource({"kor,ko,5", "jpn,ja,4", "usa,en,4", "nato,en,5", "tlp,en,5"})
    void everyPolicy_hasItsLevelsAColourEachAndPhrasesInItsOwnLanguageAndEnglish(String id, String lang, int levels) {
        SecurityPolicy p = CATALOG.requirePolicy(id);
        assertThat(p.levels()).hasSize(levels);
        for (Classification c : p.levels()) {
            assertThat(c.banner().byLanguage().keySet().iterator().next()).isEqualTo(lang);
            assertThat(c.banner().exactly("en")).isPresent();
            assertThat(c.color()).isNotNull();
        }
    }

    @Test
    void usPolicy_coversNofornRelToAndOrcon_andNatoCoversReleasableTo() {
        SecurityPolicy us = CATALOG.requirePolicy("usa");
        var dissem = us.tag("Dissemination Controls", CategoryType.RESTRICTIVE).orElseThrow();
        assertThat(dissem.value("NOFORN")).isPresent();
        assertThat(dissem.value("ORCON")).isPresent();
        assertThat(us.tag("Releasable To", CategoryType.PERMISSIVE)).isPresent();
        SecurityPolicy nato = CATALOG.requirePolicy("nato");
        assertThat(nato.tag("Releasable To", CategoryType.PERMISSIVE).orElseThrow().holdsNationality()).isTrue();
        assertThat(nato.oid()).contains("1.3.26.1.3.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jpn-kor-gsomia-2016", "usa-kor-gsa-1987", "usa-jpn-gsomia-2007", "tisa-2014"})
    void everyAgreement_loadsWithALifecycle(AgreementId id) {
        assertThat(CATALOG.requireAgreement(id).table()).isNotEmpty();
        assertThat(CATALOG.lifecycle(id).entryIntoForce()).isPresent();
    }

    @Test
    void bannerColours_followTheConventions() {
        SecurityPolicy us = CATALOG.requirePolicy("usa");
        assertThat(us.requireClassification("UNCLASSIFIED").color().hex()).isEqualTo("#007A33");
        assertThat(us.requireClassification("CONFIDENTIAL").color().hex()).isEqualTo("#0033A0");
        assertThat(us.requireClassification("SECRET").color().hex()).isEqualTo("#C8102E");
        assertThat(us.requireClassification("TOP SECRET").color().hex()).isEqualTo("#FF8C00");
    }
}
