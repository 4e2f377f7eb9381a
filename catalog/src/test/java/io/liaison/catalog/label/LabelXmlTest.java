package io.liaison.catalog.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.core.error.InvalidInputException;
import io.liaison.core.label.Category;
import io.liaison.core.label.PolicyIdentifier;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.policy.CategoryType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Timeout(120)
class LabelXmlTest {
    private static final SecurityLabel LABEL = new SecurityLabel(
            new PolicyIdentifier("NATO", Optional.of("urn:oid:1.3.26.1.3.1")), "NATO SECRET", Optional.of("<STAFF & \"co\">"),
            List.of(Category.of("Releasable To", CategoryType.PERMISSIVE, "NATO", "JPN"),
                    Category.of("Administrative", CategoryType.INFORMATIVE, "STAFF")),
            Optional.of(Party.of("NATO")), Instant.parse("2016-11-23T09:00:00Z"),
            Optional.of(Instant.parse("2026-11-23T00:00:00Z")));

    private static ParsedLabel read(String xml) {
        return LabelXml.read(xml.getBytes(StandardCharsets.UTF_8), "label.xml");
    }

    @Test
    void label_roundTripsThroughXml_underBothRoots() {
        for (LabelRole role : LabelRole.values()) {
            String xml = LabelXml.write(LABEL, role);
            assertThat(xml).contains("<" + role.element() + " xmlns=\"" + LabelXml.NS + "\"");
            ParsedLabel parsed = read(xml);
            assertThat(parsed.role()).isEqualTo(role);
            assertThat(parsed.label()).isEqualTo(LABEL);
        }
    }

    @Test
    void lowercaseType_isRefused() {
        String xml = LabelXml.write(LABEL, LabelRole.ORIGINATOR).replace("Type=\"PERMISSIVE\"", "Type=\"permissive\"");
        assertThatThrownBy(() -> read(xml)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.code()).isEqualTo("LABEL_XML_INVALID"))
                .hasMessageContaining("Type 'permissive' must be PERMISSIVE, RESTRICTIVE or INFORMATIVE (upper case)");
    }

    @Test
    void aLabelWithoutCreationDateTime_reads_andIsWrittenBackWithoutOne() {
        String xml = LabelXml.write(LABEL, LabelRole.ORIGINATOR).replaceAll("  <CreationDateTime>.*</CreationDateTime>\n", "");
        assertThat(xml).doesNotContain("CreationDateTime");
        var label = LabelXml.read(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8), "no-time.xml").label();
        assertThat(label.creationTime()).isEmpty();
        assertThat(label.classification()).isEqualTo(LABEL.classification());
        assertThat(LabelXml.write(label, LabelRole.ORIGINATOR)).isEqualTo(xml);
        assertThat(LABEL.creationTime()).contains(LABEL.created());
    }

    @Test
    void malformedParts_areRefusedNamingTheElement() {
        String ok = LabelXml.write(LABEL, LabelRole.ORIGINATOR);
        assertThatThrownBy(() -> read(ok.replace("2016-11-23T09:00:00Z", "23 Nov 2016")))
                .hasMessageContaining("element /originatorConfidentialityLabel/CreationDateTime");
        assertThatThrownBy(() -> read(ok.replace("<Classification>NATO SECRET</Classification>",
                "<Classification>A</Classification><Classification>B</Classification>")))
                .hasMessageContaining("Classification may appear once");
        assertThatThrownBy(() -> read(ok.replace("TagName=\"Administrative\" ", "")))
                .hasMessageContaining("attribute TagName is required");
        assertThatThrownBy(() -> read(ok.replace("<GenericValue>STAFF</GenericValue>", "")))
                .hasMessageContaining("has no GenericValue");
        assertThatThrownBy(() -> read(ok.replace(LabelXml.NS, "urn:other")))
                .hasMessageContaining("the root must be originatorConfidentialityLabel or alternativeConfidentialityLabel");
        assertThatThrownBy(() -> read(ok.replace("urn:oid:1.3.26.1.3.1", "http://example.org")))
                .hasMessageContaining("must start with urn:oid:");
    }
}
