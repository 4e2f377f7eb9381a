package io.liaison.core.decision;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A decision an auditor can read: the outcome, a stable reason code, the rule applied (an R-number,
 * with the agreement article when there is one), a sentence, and the values involved.
 */
public record Decision(Outcome outcome, ReasonCode code, String rule, String message, Map<String, String> values) {
    public Decision {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static Decision allow(ReasonCode code, String message, Map<String, String> values) {
        return new Decision(Outcome.ALLOW, code, code.rule(), message, values);
    }

    public static Decision deny(ReasonCode code, String message, Map<String, String> values) {
        return new Decision(Outcome.DENY, code, code.rule(), message, values);
    }

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

    public boolean allowed() {
        return outcome == Outcome.ALLOW;
    }
}
