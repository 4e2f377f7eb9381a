package io.liaison.catalog.binding;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.liaison.core.error.InvalidInputException;
import java.util.Set;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link BoundObject#verify} (bound data objects another system made), trusting any signer so that every
 * step of the verification is reached.
 *
 * <p>Invariants: any bytes are refused with {@link InvalidInputException} ({@code XML_TOO_LARGE}, {@code XML_INVALID},
 * {@code BINDING_INVALID}, {@code BINDING_BROKEN}) or verified; nothing else escapes from the XML signature code;
 * what verifies has the data its signature covers (a second verification gives the same label and data).
 *
 * <p>Seeds: {@code BoundObjectFuzzTestInputs/verify/} under {@code src/test/resources}. Fuzz with
 * {@code JAZZER_FUZZ=1} (see docs/fuzzing.md).
 */
@Timeout(120)
class BoundObjectFuzzTest {
    private static final Set<String> CODES = Set.of("XML_TOO_LARGE", "XML_INVALID", "BINDING_INVALID", "BINDING_BROKEN");

    @DictionaryEntries({"Id=\"binding\"", "Id=\"data\"", "URI=\"#data\"", "URI=\"#binding\"", "<ds:Reference",
        "<ds:DigestValue>", "<ds:SignatureValue>", "<ds:X509Certificate>", "<bdo:Data", "<mb:MetadataBinding",
        "<!DOCTYPE", "xmlns:ds="})
    @FuzzTest(maxDuration = "60s")
    void verify(byte[] xml) {
        BoundObject read;
        try {
            read = BoundObject.verify(xml, "fuzz.xml", c -> true);
        } catch (InvalidInputException e) {
            assertThat(e.code()).isIn(CODES);
            return;
        }
        BoundObject again = BoundObject.verify(xml, "fuzz.xml", c -> true);
        assertThat(again.data()).isEqualTo(read.data());
        assertThat(again.label()).isEqualTo(read.label());
    }
}
