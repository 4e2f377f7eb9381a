package io.liaison.federation.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class EnvelopeIdsTest {
    @Test
    void anId_isAVersion7UuidCarryingItsMillisecond() {
        long at = 1_733_300_000_123L;
        UUID id = EnvelopeIds.next(at, new Random(1));
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(at);
        assertThat(UUID.fromString(id.toString())).isEqualTo(id);
    }

    @Test
    void ids_sortAsTheirTimes_asTextAndAsUuids() {
        List<String> made = new ArrayList<>();
        for (long ms = 1_733_300_000_000L; ms < 1_733_300_000_000L + 1_000; ms += 7) {
            made.add(EnvelopeIds.next(ms).toString());
        }
        assertThat(made).isSorted();
        assertThat(new HashSet<>(made)).hasSameSizeAs(made);
    }

    @Test
    void idsMadeInTheSameMillisecond_differ() {
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            seen.add(EnvelopeIds.next(1_733_300_000_000L));
        }
        assertThat(seen).hasSize(100_000);
    }

    @Test
    void aTimeOutside48Bits_isRefused() {
        assertThatThrownBy(() -> EnvelopeIds.next(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("48 bits");
        assertThatThrownBy(() -> EnvelopeIds.next(1L << 48)).isInstanceOf(IllegalArgumentException.class);
    }
}
