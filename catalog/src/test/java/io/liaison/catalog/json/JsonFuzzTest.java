package io.liaison.catalog.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.liaison.catalog.ShippedCatalog;
import io.liaison.core.decision.DecisionRequest;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.error.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes JSON request bodies: {@link Json#read(byte[], Class, String, int)} for each record of
 * {@link RequestJson} (the request, its item, reader, clearance, consents, labels and categories), and the
 * decision-request reading of {@link RequestJson#read(byte[], String)} against the shipped catalog.
 *
 * <p>Invariants: any bytes are either refused with {@link InvalidInputException} ({@code JSON_TOO_LARGE},
 * {@code JSON_INVALID}, or the code of the check a value fails, such as {@code TEXT_INVALID}) or read; a record
 * that was read, written again with {@link Json#compact} (as UTF-8, the form every writer in Liaison sends or
 * stores), reads back equal and is written the same again.
 * A decision request is read into a {@link DecisionRequest} or refused with a typed domain failure:
 * {@link InvalidInputException}, or {@link NotFoundException} for a policy that is not in the catalog (as
 * RequestJsonTest expects). Nothing else escapes: no NullPointerException, ClassCastException,
 * ArithmeticException, DateTimeException, StackOverflowError on deep nesting.
 *
 * <p>Seeds: {@code JsonFuzzTestInputs/read/} under {@code src/test/resources}; the raw bytes are the body.
 */
@Timeout(120)
class JsonFuzzTest {
    private static final RequestJson REQUESTS = new RequestJson(ShippedCatalog.load());
    private static final List<Class<? extends Record>> RECORDS = List.of(RequestJson.RequestDto.class,
            RequestJson.ItemDto.class, RequestJson.ReaderDto.class, RequestJson.ClearanceDto.class,
            RequestJson.ConsentDto.class, RequestJson.LabelDto.class, RequestJson.CategoryDto.class);

    @DictionaryEntries({"\\ud800", "\\udfff", "\\u0000", "\\\"", "\\/", "1e999999", "-0.0", "9223372036854775808",
        "-9223372036854775809", "0.000000001", "NaN", "null", "true", "[[[[[[[[", "{\"a\":{\"a\":{\"a\":",
        "\"read\"", "\"release\"", "\"onward-release\"", "\"PERMISSIVE\"", "\"RESTRICTIVE\"", "\"INFORMATIVE\"",
        "\"xml\":", "\"banner\":", "\"categories\":", "\"consents\":", "\"heldLabel\":",
        "\"+999999999-12-31T23:59:59.999999999Z\"", "\"2017-01-01T00:00:00+09:00\""})
    @FuzzTest(maxDuration = "60s")
    void read(byte[] body) {
        for (Class<? extends Record> type : RECORDS) {
            roundTrip(body, type);
        }
        DecisionRequest request;
        try {
            request = REQUESTS.read(body, "fuzz.json");
        } catch (InvalidInputException e) {
            assertThat(e.getMessage()).contains("fuzz.json");
            return;
        } catch (NotFoundException e) {
            assertThat(e.code()).isEqualTo("POLICY_UNKNOWN");
            return;
        }
        assertThat(request).isNotNull();
    }

    private static <T extends Record> void roundTrip(byte[] body, Class<T> type) {
        T value;
        try {
            value = Json.read(body, type, "fuzz.json", RequestJson.MAX_BYTES);
        } catch (InvalidInputException e) {
            // JSON_TOO_LARGE, JSON_INVALID, or the code of the check that refused a value (e.g. TEXT_INVALID).
            assertThat(e.code()).isNotBlank();
            assertThat(e.getMessage()).startsWith("fuzz.json: ");
            return;
        }
        assertThat(value).isNotNull();
        String written = Json.compact(value);
        T again = Json.read(written.getBytes(StandardCharsets.UTF_8), type, "written.json", Integer.MAX_VALUE);
        assertThat(again).as("%s written as %s", type.getSimpleName(), written).isEqualTo(value);
        assertThat(Json.compact(again)).isEqualTo(written);
    }
}
