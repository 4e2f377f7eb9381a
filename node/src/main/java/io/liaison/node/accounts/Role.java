package io.liaison.node.accounts;

import io.liaison.core.error.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;

/** What a user may do on the node. Roles gate actions; they never grant access to an item (R9). */
public enum Role {
    ANALYST,
    RELEASING_OFFICER,
    SECURITY_OFFICER,
    DUTY_OFFICER,
    ADMIN;

    /** The written form: {@code releasing-officer}. */
    public String written() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Role parse(String text) {
        for (Role r : values()) {
            if (r.written().equals(text) || r.name().equals(text)) {
                return r;
            }
        }
        throw new InvalidInputException("ROLE_UNKNOWN", "role '" + text + "' is not one of "
                + String.join(", ", Arrays.stream(values()).map(Role::written).toList()));
    }
}
