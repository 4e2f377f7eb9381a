package io.liaison.core.visit;

import io.liaison.core.error.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;

/**
 * A visit that may involve classified information (R28), a security representatives' visit (R30), or an exercise
 * observer's visit (R32).
 */
public enum VisitKind {
    VISIT("R28"),
    SECURITY_REPRESENTATIVE("R30"),
    /** An observer of an exercise the host invited the sending party to observe (R32), a visit under R28. */
    OBSERVER("R32");

    private final String rule;

    VisitKind(String rule) {
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }

    /** The written form: {@code security-representative}. */
    public String written() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static VisitKind parse(String text) {
        for (VisitKind k : values()) {
            if (k.written().equals(text) || k.name().equals(text)) {
                return k;
            }
        }
        throw new InvalidInputException("VISIT_KIND_UNKNOWN", "visit kind '" + text + "' is not one of "
                + String.join(", ", Arrays.stream(values()).map(VisitKind::written).toList()));
    }
}
