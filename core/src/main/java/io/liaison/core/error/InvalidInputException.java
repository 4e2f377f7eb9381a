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

    /**
     * {@code value} when it is 1 to {@code max} characters of text with no control character; otherwise a refusal
     * with {@code code} naming the field.
     */
    public static String requireText(String code, String field, String value, int max) {
        if (value == null || value.isBlank() || value.length() > max || value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException(code, field + " must be 1 to " + max + " characters of text");
        }
        return value;
    }

    /** Every problem found, one sentence each; the message holds the first. */
    public List<String> details() {
        return details;
    }
}
