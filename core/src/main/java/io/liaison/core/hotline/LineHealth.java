package io.liaison.core.hotline;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A line's health from its signed checks (R26): UP while checks are answered quickly; DEGRADED when an answer
 * is slow or one or two checks in a row failed; DOWN from the third failure in a row until a check is
 * answered again.
 */
public record LineHealth(Status status, int failuresInARow, Optional<Duration> lastRoundTrip, Optional<String> lastError) {
    /** An answer slower than this makes the line DEGRADED. */
    public static final Duration SLOW = Duration.ofSeconds(1);
    /** This many failed checks in a row make the line DOWN. */
    public static final int DOWN_AFTER = 3;

    public enum Status { UP, DEGRADED, DOWN }

    public LineHealth {
        Objects.requireNonNull(status, "status");
        if (failuresInARow < 0) {
            throw new IllegalArgumentException("failures in a row cannot be negative");
        }
        Objects.requireNonNull(lastRoundTrip, "lastRoundTrip");
        Objects.requireNonNull(lastError, "lastError");
    }

    /** A line not checked yet: taken as UP until a check says otherwise. */
    public static LineHealth unchecked() {
        return new LineHealth(Status.UP, 0, Optional.empty(), Optional.empty());
    }

    /** After a check answered in {@code roundTrip}. */
    public LineHealth answered(Duration roundTrip) {
        return new LineHealth(roundTrip.compareTo(SLOW) >= 0 ? Status.DEGRADED : Status.UP, 0, Optional.of(roundTrip),
                Optional.empty());
    }

    /** After a check that failed with {@code error}. */
    public LineHealth failed(String error) {
        int failures = failuresInARow + 1;
        Status next = failures >= DOWN_AFTER || status == Status.DOWN ? Status.DOWN : Status.DEGRADED;
        return new LineHealth(next, failures, lastRoundTrip, Optional.of(error));
    }
}
