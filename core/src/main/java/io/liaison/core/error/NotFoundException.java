package io.liaison.core.error;

/** A reference to a policy, agreement, party or level that the catalog does not hold. */
public final class NotFoundException extends DomainException {
    public NotFoundException(String code, String message) {
        super(code, message);
    }
}
