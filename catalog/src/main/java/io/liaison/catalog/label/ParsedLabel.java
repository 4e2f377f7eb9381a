package io.liaison.catalog.label;

import io.liaison.core.label.SecurityLabel;
import java.util.Objects;

/** A label read from XML, with the root it came under. */
public record ParsedLabel(LabelRole role, SecurityLabel label) {
    public ParsedLabel {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(label, "label");
    }
}
