package io.liaison.core.hotline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.core.hotline.LineHealth.Status;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The line health of R26 against a small oracle: a check either fails or is answered in some time. */
class LineHealthProperties {

    /** One check: failed (empty) or answered within the given round trip. */
    @Provide
    Arbitrary<List<Optional<Duration>>> checks() {
        Arbitrary<Optional<Duration>> answered = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(0, 999)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(1_000, 10_000)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(999L, 1_000L, 1_001L)))
                .map(ms -> Optional.of(Duration.ofMillis(ms)));
        Arbitrary<Optional<Duration>> failed = Arbitraries.just(Optional.empty());
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, answered), net.jqwik.api.Tuple.of(1, failed))
                .list().ofMaxSize(40);
    }

    @Property(tries = 2000)
    void theHealthFollowsTheChecks(@ForAll("checks") List<Optional<Duration>> checks) {
        LineHealth h = LineHealth.unchecked();
        assertThat(h.status()).isEqualTo(Status.UP);
        int failuresInARow = 0;
        Optional<Duration> lastRoundTrip = Optional.empty();
        int i = 0;
        for (Optional<Duration> check : checks) {
            Status before = h.status();
            if (check.isPresent()) {
                h = h.answered(check.get());
                failuresInARow = 0;
                lastRoundTrip = check;
                // Any answered check leaves DOWN; a slow answer is DEGRADED, a quick one UP.
                assertThat(h.status()).as("after an answer in %s", check.get())
                        .isEqualTo(check.get().compareTo(LineHealth.SLOW) < 0 ? Status.UP : Status.DEGRADED);
                assertThat(h.lastError()).isEmpty();
            } else {
                String error = "connection refused " + i;
                h = h.failed(error);
                failuresInARow++;
                assertThat(h.lastError()).contains(error);
                if (failuresInARow < LineHealth.DOWN_AFTER) {
                    assertThat(h.status()).as("after %d failure(s) in a row, coming from %s", failuresInARow, before)
                            .isEqualTo(Status.DEGRADED);
                }
            }
            // DOWN exactly when the last DOWN_AFTER checks (or more) all failed.
            assertThat(h.status() == Status.DOWN).as("%d failure(s) in a row: %s", failuresInARow, h)
                    .isEqualTo(failuresInARow >= LineHealth.DOWN_AFTER);
            assertThat(h.failuresInARow()).isEqualTo(failuresInARow);
            assertThat(h.lastRoundTrip()).isEqualTo(lastRoundTrip);
            i++;
        }
    }

    @Property
    void downTakes_exactlyDownAfterFailuresInARow_fromAnyAnsweredState(@ForAll @IntRange(min = 0, max = 5_000) int ms) {
        LineHealth h = LineHealth.unchecked().answered(Duration.ofMillis(ms));
        for (int k = 1; k < LineHealth.DOWN_AFTER; k++) {
            h = h.failed("timeout");
            assertThat(h.status()).isEqualTo(Status.DEGRADED);
        }
        h = h.failed("timeout");
        assertThat(h.status()).isEqualTo(Status.DOWN);
        assertThat(h.failed("again").status()).isEqualTo(Status.DOWN);
        LineHealth back = h.answered(Duration.ofMillis(ms));
        assertThat(back.status()).isNotEqualTo(Status.DOWN);
        assertThat(back.failuresInARow()).isZero();
        // One answer between failures resets the count: two more failures are not enough.
        assertThat(back.failed("x").failed("y").status()).isEqualTo(Status.DEGRADED);
    }

    @Example
    void theRule_isThreeFailuresAndOneSecond() {
        assertThat(LineHealth.DOWN_AFTER).isEqualTo(3);
        assertThat(LineHealth.SLOW).isEqualTo(Duration.ofSeconds(1));
        assertThat(LineHealth.unchecked().answered(Duration.ofMillis(999)).status()).isEqualTo(Status.UP);
        assertThat(LineHealth.unchecked().answered(Duration.ofMillis(1_500)).status()).isEqualTo(Status.DEGRADED);
        assertThatThrownBy(() -> new LineHealth(Status.UP, -1, Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
