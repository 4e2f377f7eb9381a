package io.liaison.federation.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.liaison.core.error.InvalidInputException;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the bodies a node reads from its peers: {@link ReleaseBody#parse} (the body of a RELEASE envelope) and
 * {@link Receipt#parse} (the body of a RECEIPT, also read back from the node's own table), each on the same
 * bytes.
 *
 * <p>Invariants: any bytes are either refused with {@link InvalidInputException} (from
 * {@link io.liaison.catalog.json.Json#read}: {@code JSON_TOO_LARGE}, {@code JSON_INVALID}, or the code of the
 * check a value fails) or read; and what was read, written with its own writer ({@link ReleaseBody#toJson},
 * {@link Receipt#toJson}), reads back equal. Nothing else escapes: no NullPointerException, ClassCastException,
 * StackOverflowError on deep nesting.
 *
 * <p>Seeds: {@code ReleaseBodyFuzzTestInputs/parse/} under {@code src/test/resources}; the raw bytes are the body.
 */
@Timeout(120)
class ReleaseBodyFuzzTest {
    /** The limit the inbox reads release bodies with (Envelope.MAX_BODY). */
    private static final int MAX_BODY = 24 << 20;

    @DictionaryEntries({"\"attachments\":[{\"name\":\"a\",\"mediaType\":\"text/plain\",\"data\":\"\"}]", "\"chain\":[\"JPN\"]",
        "\"privateRights\":false", "\"values\":{\"k\":\"v\"}", "\"head\":{\"treeSize\":1,\"signedAt\":1}", "\"outcome\":\"STORED\"",
        "\"outcome\":\"REFUSED\"", "\\ud800", "\\u0000", "9223372036854775808", "1e999999", "null"})
    @FuzzTest(maxDuration = "60s")
    void parse(byte[] json) {
        ReleaseBody body = null;
        try {
            body = ReleaseBody.parse(json, MAX_BODY);
        } catch (InvalidInputException e) {
            assertThat(e.code()).isNotBlank();
            assertThat(e.getMessage()).startsWith("release body: ");
        }
        if (body != null) {
            ReleaseBody again = ReleaseBody.parse(body.toJson(), Integer.MAX_VALUE);
            assertThat(again).isEqualTo(body);
            assertThat(again.toJson()).isEqualTo(body.toJson());
        }
        Receipt receipt = null;
        try {
            receipt = Receipt.parse(json);
        } catch (InvalidInputException e) {
            assertThat(e.code()).isNotBlank();
            assertThat(e.getMessage()).startsWith("receipt: ");
        }
        if (receipt != null) {
            Receipt again = Receipt.parse(receipt.toJson());
            assertThat(again).isEqualTo(receipt);
            // Not asserted: that the bytes are the same again. Receipt.values is a Map.copyOf, whose iteration
            // order (so the order of the keys in toJson) depends on the JVM and on the order the keys came in.
        }
    }
}
