package io.liaison.federation.release;

import io.liaison.core.error.InvalidInputException;
import java.util.Arrays;

/** What happened to a received item (R15): an actual or a suspected loss or compromise. */
public enum IncidentKind {
    LOSS,
    COMPROMISE,
    SUSPECTED_LOSS,
    SUSPECTED_COMPROMISE;

    public static IncidentKind parse(String text) {
        for (IncidentKind k : values()) {
            if (k.name().equals(text)) {
                return k;
            }
        }
        throw new InvalidInputException("KIND_UNKNOWN", "kind '" + (text == null ? "" : text.length() > 40
                ? text.substring(0, 40) + "…" : text) + "' is not one of " + Arrays.toString(values()));
    }
}
