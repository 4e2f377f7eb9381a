package io.liaison.hotline;

/**
 * Why an alarm was raised: a message passed its acknowledgement objective (R25), or a line went down (R26). Each
 * cites its rule.
 */
public enum AlarmKind {
    UNACKNOWLEDGED("R25"),
    LINE_DOWN("R26");

    private final String rule;

    AlarmKind(String rule) {
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
