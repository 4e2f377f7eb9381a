package io.liaison.core.error;

/**
 * An expected failure of the domain: bad input, an unknown reference, a broken rule. Each subtype is
 * mapped to an answer (CLI exit code, HTTP status) in exactly one place at the edge. The message names
 * the value and the rule.
 */
public abstract sealed class DomainException extends RuntimeException
        permits InvalidInputException, NotFoundException, ConflictException, ForbiddenException,
        UnauthenticatedException, RateLimitedException, IntegrityException {
    private final String code;

    protected DomainException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** A stable, machine-readable code such as {@code LABEL_INVALID}. */
    public String code() {
        return code;
    }
}
