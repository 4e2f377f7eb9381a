package io.liaison.core.policy;

import java.util.Objects;

/**
 * One classification level of a policy (SPIF {@code securityClassification}). {@code hierarchy} orders
 * levels: a higher number is more sensitive. {@code lacv} is the level's label-and-cert value.
 */
public record Classification(
        String name, int lacv, int hierarchy, Rgb color, Rgb textColor, Phrases banner, Phrases portion) {
    public Classification {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("classification name is empty");
        }
        if (lacv < 0 || hierarchy < 0) {
            throw new IllegalArgumentException(
                    "classification " + name + ": lacv " + lacv + " and hierarchy " + hierarchy + " must be >= 0");
        }
        Objects.requireNonNull(color, "color");
        Objects.requireNonNull(textColor, "textColor");
        Objects.requireNonNull(banner, "banner");
        Objects.requireNonNull(portion, "portion");
    }
}
