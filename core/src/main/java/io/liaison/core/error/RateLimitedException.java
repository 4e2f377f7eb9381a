package io.liaison.core.error;

/** Too many failed attempts in a short time; the caller must wait. */
public final class RateLimitedException extends DomainException {
    public RateLimitedException(String code, String message) {
        super(code, message);
    }
}
