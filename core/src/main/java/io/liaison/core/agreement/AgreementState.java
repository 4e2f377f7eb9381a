package io.liaison.core.agreement;

/** The lifecycle states of R17. */
public enum AgreementState {
    PROPOSED,
    DECLINED,
    SIGNED,
    IN_FORCE,
    TERMINATION_NOTIFIED,
    NOTICE_SUSPENDED,
    TERMINATED;

    /** R18: new provision is allowed only in these states. */
    public boolean allowsProvision() {
        return this == IN_FORCE || this == TERMINATION_NOTIFIED || this == NOTICE_SUSPENDED;
    }
}
