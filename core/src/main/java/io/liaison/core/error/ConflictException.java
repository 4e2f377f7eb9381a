package io.liaison.core.error;

/** The request conflicts with what exists: a user or an item by that name, a state that forbids it. */
public final class ConflictException extends DomainException {
    public ConflictException(String code, String message) {
        super(code, message);
    }
}
