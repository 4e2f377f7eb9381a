package io.liaison.catalog.spif;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.liaison.core.error.InvalidInputException;
import java.util.Set;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link PolicyFile#read} (SPIF files a security officer imports) and the round trip through
 * {@link PolicyFile#write}.
 *
 * <p>Invariants: any bytes are refused with {@link InvalidInputException} ({@code XML_TOO_LARGE}, {@code XML_INVALID}
 * or {@code SPIF_INVALID}) or read; nothing else escapes; a policy that was read, written and read again is the same
 * policy and writes the same bytes.
 *
 * <p>Seeds: {@code PolicyFileFuzzTestInputs/read/} under {@code src/test/resources}. Fuzz with {@code JAZZER_FUZZ=1}
 * (see docs/fuzzing.md).
 */
@Timeout(120)
class PolicyFileFuzzTest {
    private static final Set<String> CODES = Set.of("XML_TOO_LARGE", "XML_INVALID", "SPIF_INVALID");

    @DictionaryEntries({"<spif:SPIF xmlns:spif=\"http://www.xmlspif.org/spif\"", "<securityPolicyId name=\"P\" id=\"1.2\"/>",
        "<securityClassifications>", "<securityClassification name=\"S\" lacv=\"1\" hierarchy=\"1\"", "color=\"",
        "<securityCategoryTagSet name=\"T\" id=\"1.3\">", "tagType=\"enumerated\" enumType=\"permissive\"",
        "<tagCategory name=\"A\" lacv=\"1\"/>", "<excludedClass>", "<markingData phrase=\"", "xml:lang=\"fr\"",
        "<code>pageTopBottom</code>", "qualifierCode=\"prefix\"", "liaison:short=\"", "liaison:portion=\"",
        "xmlns:liaison=\"urn:liaison:spif:1\"", "<!DOCTYPE", "<!--", "-->"})
    @FuzzTest(maxDuration = "60s")
    void read(byte[] xml) {
        PolicyFile file;
        try {
            file = PolicyFile.read(xml, "fuzz.xml");
        } catch (InvalidInputException e) {
            assertThat(e.code()).isIn(CODES);
            return;
        }
        byte[] written = file.write();
        PolicyFile again = PolicyFile.read(written, "written.xml");
        assertThat(again).isEqualTo(file);
        assertThat(again.write()).isEqualTo(written);
    }
}
