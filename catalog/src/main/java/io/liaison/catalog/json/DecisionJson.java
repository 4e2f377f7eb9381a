package io.liaison.catalog.json;

import io.liaison.core.decision.Decision;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes a decision as JSON: outcome, code, rule, message, values. */
public final class DecisionJson {
    private DecisionJson() {}

    public static String write(Decision d) {
        return Json.write(map(d));
    }

    /** The decision as the map that is written: for callers that put it inside a larger answer. */
    public static Map<String, Object> map(Decision d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("outcome", d.outcome().name());
        m.put("code", d.code().name());
        m.put("rule", d.rule());
        m.put("message", d.message());
        m.put("values", d.values());
        return m;
    }
}
