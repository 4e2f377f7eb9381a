package io.liaison.hotline;

/**
 * Why an alarm was raised: a message passed its acknowledgement objective (R25), a line went down (R26), or a
 * military aircraft's clearance was not answered by its deadline (R31). Each cites its rule.
 */
public enum AlarmKind {
    UNACKNOWLEDGED("R25"),
    LINE_DOWN("R26"),
    AIRCRAFT_ANSWER_LATE("R31");

    private final String rule;

    AlarmKind(String rule) {
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
