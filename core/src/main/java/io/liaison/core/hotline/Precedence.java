package io.liaison.core.hotline;

import io.liaison.core.error.InvalidInputException;
import java.time.Duration;
import java.util.Arrays;

/**
 * How urgent a message is (R23), highest first; urgency, not classification. Each has the default objective
 * for a human acknowledgement from ACP 121 (R25).
 */
public enum Precedence {
    FLASH(Duration.ofMinutes(10)),
    IMMEDIATE(Duration.ofMinutes(30)),
    PRIORITY(Duration.ofHours(3)),
    ROUTINE(Duration.ofHours(6));

    private final Duration defaultObjective;

    Precedence(Duration defaultObjective) {
        this.defaultObjective = defaultObjective;
    }

    /** 0 for FLASH, the highest, to 3 for ROUTINE. */
    public int rank() {
        return ordinal();
    }

    public Duration defaultObjective() {
        return defaultObjective;
    }

    /** Whether this precedence is served before {@code other}. */
    public boolean above(Precedence other) {
        return ordinal() < other.ordinal();
    }

    public static Precedence ofRank(int rank) {
        if (rank < 0 || rank >= values().length) {
            throw new InvalidInputException("PRECEDENCE_UNKNOWN", "precedence rank " + rank + " is outside 0..3 (R23)");
        }
        return values()[rank];
    }

    /** Parses a written precedence; anything else is refused, naming the four. */
    public static Precedence parse(String text) {
        if (text != null) {
            for (Precedence p : values()) {
                if (p.name().equals(text.strip())) {
                    return p;
                }
            }
        }
        throw new InvalidInputException("PRECEDENCE_UNKNOWN", "precedence '" + text + "' is not one of "
                + String.join(", ", Arrays.stream(values()).map(Enum::name).toList()) + " (R23)");
    }
}
