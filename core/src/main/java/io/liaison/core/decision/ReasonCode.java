package io.liaison.core.decision;

/** Stable reason codes, each with the rule of agreement-rules.md it applies. */
public enum ReasonCode {
    READ_ALLOWED("R9"),
    RELEASE_ALLOWED("R5"),
    ONWARD_RELEASE_ALLOWED("R6"),
    TRANSLATED("R3"),
    HOTLINE_ALLOWED("R27"),
    UNCLASSIFIED_NO_AGREEMENT("R27"),

    MARKING_INCOMPLETE("R1"),
    NO_LABEL_IN_READER_POLICY("R3"),
    CATEGORY_UNTRANSLATABLE("R3"),
    FACILITY_REGISTER_INACTIVE("R9"),
    CLEARANCE_BELOW_LEVEL("R9"),
    RESTRICTIVE_CATEGORY_NOT_HELD("R9"),
    PERMISSIVE_CATEGORY_NOT_HELD("R9"),
    NO_OFFICIAL_NEED("R9"),
    NOT_RELEASABLE_TO_PARTY("R9"),
    PURPOSE_NOT_PROVIDED("R7"),
    PRIVATE_RIGHTS("R8"),
    NOT_ORIGINATOR("R5"),
    HOLDER_IS_ORIGINATOR("R5"),
    RECIPIENT_IS_SENDER("R5"),
    AGREEMENT_UNKNOWN("R18"),
    PARTY_NOT_IN_AGREEMENT("R18"),
    AGREEMENT_NOT_IN_FORCE("R18"),
    LEVEL_NOT_COVERED("R2"),
    OUT_OF_SCOPE("R20"),
    RELAY_BYPASSES_HUB("R21"),
    CONSENT_MISSING("R6"),
    CONSENT_EXPIRED("R6"),
    CONSENT_REVOKED("R6"),
    VISIT_OUTSIDE_DATES("R28"),
    VISIT_LEVEL_EXCEEDED("R28"),
    VISIT_PURPOSE_OUTSIDE("R28"),
    VISITOR_ITEMS_ONLY("R28");

    private final String rule;

    ReasonCode(String rule) {
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
