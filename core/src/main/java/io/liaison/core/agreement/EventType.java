package io.liaison.core.agreement;

/** Dated events that drive an agreement's lifecycle (R17). */
public enum EventType {
    /** A party proposes the agreement (again, after a decline). */
    PROPOSED,
    /** The other party declines the proposal. */
    DECLINED,
    /** A party initials the agreed text; signing may follow. The state stays PROPOSED. */
    INITIALLED,
    /** The parties sign. */
    SIGNED,
    /** A party notifies that its internal procedures are complete; entry into force is on the later one. */
    NOTIFIED,
    /** A party confirms by note that the agreement renews on its next anniversary; the state stays IN_FORCE. */
    RENEWED,
    /** A party gives written notice of termination; it takes effect on a computed anniversary. */
    TERMINATION_NOTICE,
    /** The notifying party suspends its notice. */
    NOTICE_SUSPENDED,
    /** The notifying party withdraws its notice: the agreement is fully in force again. */
    NOTICE_WITHDRAWN,
    /** The notifying party acts on a suspended notice: the agreement terminates that day. */
    NOTICE_ACTED_ON
}
