package io.liaison.core.error;

/**
 * Stored data does not match the node's own signature over it: it was changed outside the node. Never answered as
 * a normal read; audited as an alarm.
 */
public final class IntegrityException extends DomainException {
    public IntegrityException(String code, String message) {
        super(code, message);
    }
}
