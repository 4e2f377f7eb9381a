package io.liaison.catalog.label;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.liaison.catalog.xml.SafeXml;
import io.liaison.core.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Document;

/**
 * Fuzzes {@link LabelXml#read} (ADatP-4774 labels from untrusted bytes: request bodies, release bodies from
 * peers) and the round trip through {@link LabelXml#write}.
 *
 * <p>Invariants: any bytes are either refused with {@link InvalidInputException} ({@code XML_TOO_LARGE},
 * {@code XML_INVALID} or {@code LABEL_XML_INVALID}, as {@link io.liaison.catalog.xml.SafeXml} and LabelXml
 * document) or read as a label; a DOCTYPE (so an external entity or an entity bomb) is always refused; and a
 * label that was read, written again under either root, reads back as the same label; and what the fast reading of the
 * written form ({@link CanonicalLabel}) accepts, the document reading reads alike. Nothing else escapes:
 * no NullPointerException, DOMException, StackOverflowError, IllegalStateException from the parser.
 *
 * <p>Seeds: {@code LabelXmlFuzzTestInputs/read/} under {@code src/test/resources}; the raw bytes are the XML
 * document. Fuzz with {@code JAZZER_FUZZ=1} (see docs/fuzzing.md).
 */
@Timeout(120)
class LabelXmlFuzzTest {
    private static final Set<String> CODES = Set.of("XML_TOO_LARGE", "XML_INVALID", "LABEL_XML_INVALID");

    @DictionaryEntries({"<!DOCTYPE", "<!ENTITY", " SYSTEM \"file:///etc/hosts\"", "<![CDATA[", "]]>", "<!--", "-->", "<?",
        "?>", "&#9;", "&#10;", "&#13;", "&#x1;", "&#x85;", "&#x2028;", "&amp;", "&lt;", "&quot;", "&apos;",
        "version=\"1.1\"", "encoding=\"UTF-16\"", "xmlns:l=\"urn:nato:stanag:4774:confidentialitymetadatalabel:1:0\"",
        "<l:", "</l:", " ReviewDateTime=\"", " URI=\"urn:oid:", "PERMISSIVE", "RESTRICTIVE", "INFORMATIVE",
        "<GenericValue>", "</GenericValue>", "+999999999-12-31T23:59:59.999999999Z", ".000000001Z", "+09:00"})
    @FuzzTest(maxDuration = "60s")
    void read(byte[] xml) {
        // The hardened parser alone: whatever it accepts has no DOCTYPE, so no entity was declared or expanded.
        try {
            Document d = SafeXml.parse(xml, "fuzz.xml", LabelXml.MAX_BYTES);
            assertThat(d.getDoctype()).isNull();
        } catch (InvalidInputException e) {
            assertThat(e.code()).isIn(CODES);
        }
        ParsedLabel parsed;
        try {
            parsed = LabelXml.read(xml, "fuzz.xml");
        } catch (InvalidInputException e) {
            assertThat(e.code()).isIn(CODES);
            assertThat(e.getMessage()).contains("fuzz.xml");
            return;
        }
        // The fast reading of the written form agrees with the document reading.
        assertThat(LabelXml.readDocument(xml, "fuzz.xml")).isEqualTo(parsed);
        for (LabelRole role : LabelRole.values()) {
            String written = LabelXml.write(parsed.label(), role);
            ParsedLabel again = LabelXml.read(written.getBytes(StandardCharsets.UTF_8), "written.xml");
            assertThat(again.role()).isEqualTo(role);
            assertThat(again.label()).as("label written as%n%s", written).isEqualTo(parsed.label());
            assertThat(LabelXml.write(again.label(), role)).isEqualTo(written);
        }
    }
}
