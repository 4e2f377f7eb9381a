package io.liaison.core.error;

/** The caller is known but its role does not allow the action (roles are route metadata, never access to items). */
public final class ForbiddenException extends DomainException {
    public ForbiddenException(String code, String message) {
        super(code, message);
    }
}
