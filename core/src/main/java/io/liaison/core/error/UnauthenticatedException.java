package io.liaison.core.error;

/** No valid credentials: a missing, unknown or expired token, or a wrong password. */
public final class UnauthenticatedException extends DomainException {
    public UnauthenticatedException(String code, String message) {
        super(code, message);
    }
}
