package io.liaison.core.decision;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A decision an auditor can read: the outcome, a stable reason code, the rule applied (an R-number, with the
 * agreement article when there is one), a sentence, and the values involved.
 *
 * <p>Only {@link DecisionEngine} makes a decision that allows something: the factory for permits is
 * package-private, and there is no public constructor. Anyone may make a refusal, since refusing is the
 * default; a permit in hand therefore always came from the engine.
 */
public final class Decision {
    private final Outcome outcome;
    private final ReasonCode code;
    private final String rule;
    private final String message;
    private final Map<String, String> values;

    private Decision(Outcome outcome, ReasonCode code, String rule, String message, Map<String, String> values) {
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.code = Objects.requireNonNull(code, "code");
        this.rule = Objects.requireNonNull(rule, "rule");
        this.message = Objects.requireNonNull(message, "message");
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** A permit; only the engine makes one. */
    static Decision allow(ReasonCode code, String message, Map<String, String> values) {
        return new Decision(Outcome.ALLOW, code, code.rule(), message, values);
    }

    /** A refusal, with its reason. */
    public static Decision deny(ReasonCode code, String message, Map<String, String> values) {
        return new Decision(Outcome.DENY, code, code.rule(), message, values);
    }

    /** The same decision citing {@code rule} instead of the code's own rule. */
    Decision citing(String rule) {
        return new Decision(outcome, code, rule, message, values);
    }

    /** The same decision with the agreement's article added to its rule, e.g. {@code R6 (Art. 4)}. */
    public Decision withArticle(String article) {
        return article == null || article.isBlank() ? this
                : new Decision(outcome, code, code.rule() + " (" + article + ")", message, values);
    }

    /** The values of a decision from alternating names and values, in that order. */
    public static Map<String, String> values(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("values come in name, value pairs");
        }
        Map<String, String> m = LinkedHashMap.newLinkedHashMap(namesAndValues.length / 2);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return m;
    }

    public Outcome outcome() {
        return outcome;
    }

    public ReasonCode code() {
        return code;
    }

    public String rule() {
        return rule;
    }

    public String message() {
        return message;
    }

    public Map<String, String> values() {
        return values;
    }

    public boolean allowed() {
        return outcome == Outcome.ALLOW;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Decision d && outcome == d.outcome && code == d.code && rule.equals(d.rule)
                && message.equals(d.message) && values.equals(d.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(outcome, code, rule, message, values);
    }

    @Override
    public String toString() {
        return "Decision[" + outcome + " " + code + " " + rule + ": " + message + "]";
    }
}
