package io.liaison.core.error;

/** Too many failed attempts in a short time; the caller must wait {@link #retryAfterSeconds()}. */
public final class RateLimitedException extends DomainException {
    private final long retryAfterSeconds;

    public RateLimitedException(String code, String message, long retryAfterSeconds) {
        super(code, message);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    /** Whole seconds until an attempt may be made again; at least 1. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
