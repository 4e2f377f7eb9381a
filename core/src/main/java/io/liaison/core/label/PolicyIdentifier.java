package io.liaison.core.label;

import java.util.Objects;
import java.util.Optional;

/** ADatP-4774 {@code PolicyIdentifier}: the policy's name, with an optional {@code urn:oid:} URI. */
public record PolicyIdentifier(String name, Optional<String> uri) {
    public PolicyIdentifier {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("PolicyIdentifier is empty");
        }
        Objects.requireNonNull(uri, "uri");
        uri.ifPresent(u -> {
            if (!u.startsWith("urn:oid:")) {
                throw new IllegalArgumentException("PolicyIdentifier URI '" + u + "' must start with urn:oid:");
            }
        });
    }

    public static PolicyIdentifier of(String name) {
        return new PolicyIdentifier(name, Optional.empty());
    }
}
