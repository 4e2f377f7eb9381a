package io.liaison.core.error;

import java.util.List;

/** Input that breaks a format or a rule: a label outside its policy, a malformed file, an illegal event. */
public final class InvalidInputException extends DomainException {
    private final List<String> details;

    public InvalidInputException(String code, String message) {
        this(code, message, List.of());
    }

    public InvalidInputException(String code, String message, List<String> details) {
        super(code, message);
        this.details = List.copyOf(details);
    }

    /** Every problem found, one sentence each; the message holds the first. */
    public List<String> details() {
        return details;
    }
}
