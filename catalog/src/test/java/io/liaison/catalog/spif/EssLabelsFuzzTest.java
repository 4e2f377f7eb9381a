package io.liaison.catalog.spif;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.liaison.catalog.ShippedCatalog;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.spif.Spif;
import io.liaison.core.spif.SpifLabel;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link EssLabels#read} (ESS labels and clearances from untrusted bytes) and the round trip through
 * {@link EssLabels#write}, against the shipped NATO policy.
 *
 * <p>Invariants: any bytes are refused with {@link InvalidInputException} ({@code LABEL_INVALID} or
 * {@code POLICY_UNKNOWN}) or read; nothing else escapes (no ClassCastException, ArithmeticException or
 * OutOfMemoryError from a huge bit map); what was read, written as DER, reads back as the same label.
 *
 * <p>Seeds: {@code EssLabelsFuzzTestInputs/read/} under {@code src/test/resources}. Fuzz with {@code JAZZER_FUZZ=1}
 * (see docs/fuzzing.md).
 */
@Timeout(120)
class EssLabelsFuzzTest {
    private static final Spif NATO = ShippedCatalog.policyFile("nato").spif();
    private static final Set<String> CODES = Set.of("LABEL_INVALID", "POLICY_UNKNOWN");

    @FuzzTest(maxDuration = "60s")
    void read(byte[] der) {
        SpifLabel label;
        try {
            label = EssLabels.read(der, "fuzz.der", oid -> oid.equals(NATO.policy().oid()) ? Optional.of(NATO)
                    : Optional.empty());
        } catch (InvalidInputException e) {
            assertThat(e.code()).isIn(CODES);
            return;
        }
        byte[] written = EssLabels.write(label, NATO);
        SpifLabel again = EssLabels.read(written, "written.der", oid -> Optional.of(NATO));
        assertThat(again.kind()).isEqualTo(label.kind());
        assertThat(new HashSet<>(again.classifications())).isEqualTo(new HashSet<>(label.classifications()));
        assertThat(new HashSet<>(again.categories())).isEqualTo(new HashSet<>(label.categories()));
    }
}
