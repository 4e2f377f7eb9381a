package io.liaison.core.access;

import java.util.List;

/**
 * Why a clearance may or may not read a label (R9), with the values involved.
 *
 * @param failure what failed, or {@link Failure#NONE}
 * @param tagSet the tag set concerned, or empty
 * @param values the values missing (restrictive) or wanted (permissive)
 */
public record AccessCheck(Failure failure, String tagSet, List<String> values) {
    public enum Failure { NONE, LEVEL, RESTRICTIVE, PERMISSIVE }

    public AccessCheck {
        values = List.copyOf(values);
    }

    public boolean permitted() {
        return failure == Failure.NONE;
    }

    static final AccessCheck PERMITTED = new AccessCheck(Failure.NONE, "", List.of());
}
