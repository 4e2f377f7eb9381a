package io.liaison.catalog.spif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.catalog.ShippedCatalog;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.policy.CategoryType;
import io.liaison.core.policy.SecurityPolicy;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SpifReaderTest {
    private static final String US = new String(ShippedCatalog.resource("policies/usa.xml"), StandardCharsets.UTF_8);

    private static SecurityPolicy read(String xml) {
        return SpifReader.read(xml.getBytes(StandardCharsets.UTF_8), "broken.xml");
    }

    @Test
    void shippedUsPolicy_hasItsLevelsColoursAndDisseminationControls() {
        SecurityPolicy p = read(US);
        assertThat(p.levelNames()).isEqualTo("UNCLASSIFIED, CONFIDENTIAL, SECRET, TOP SECRET");
        assertThat(p.requireClassification("SECRET").color().hex()).isEqualTo("#C8102E");
        assertThat(p.requireClassification("TOP SECRET").textColor().hex()).isEqualTo("#000000");
        assertThat(p.tag("Dissemination Controls", CategoryType.RESTRICTIVE).orElseThrow().value("NOFORN").orElseThrow()
                .excludes()).containsExactly("Releasable To");
        assertThat(p.nationalityTag().orElseThrow().values().getFirst().name()).isEqualTo("USA");
    }

    @Test
    void missingAttribute_isRefusedNamingFileElementAndRule() {
        String broken = US.replaceFirst(" hierarchy=\"2\"", "");
        assertThatThrownBy(() -> read(broken)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.code()).isEqualTo("SPIF_INVALID"))
                .hasMessage("policy file broken.xml: element /SPIF/securityClassifications/securityClassification[3]:"
                        + " attribute hierarchy is required (Open XML SPIF 2.1)");
    }

    @Test
    void badValues_areRefusedWithTheValue() {
        assertThatThrownBy(() -> read(US.replaceFirst("hierarchy=\"2\"", "hierarchy=\"two\"")))
                .hasMessageContaining("attribute hierarchy 'two' is not a whole number");
        assertThatThrownBy(() -> read(US.replaceFirst("color=\"#C8102E\"", "color=\"red\"")))
                .hasMessageContaining("attribute color 'red' is not a colour #RRGGBB");
        assertThatThrownBy(() -> read(US.replaceFirst("tagType=\"restrictive\"", "tagType=\"Restrictive\"")))
                .hasMessageContaining("tagType 'Restrictive' is not one of");
        assertThatThrownBy(() -> read(US.replaceFirst("hierarchy=\"2\"", "hierarchy=\"1\"")))
                .hasMessageContaining("gives hierarchy 1 to two classifications");
        assertThatThrownBy(() -> read(US.replace("liaison:short=\"usa\"", "")))
                .hasMessageContaining("attribute liaison:short is required");
    }

    @Test
    void wrongRoot_isRefused() {
        assertThatThrownBy(() -> read("<SPIF/>")).hasMessageContaining("the root element must be SPIF in namespace");
        assertThatThrownBy(() -> read(US.replace("schemaVersion=\"2.1\"", "schemaVersion=\"1.0\"")))
                .hasMessageContaining("schemaVersion 1.0 is not supported");
    }
}
