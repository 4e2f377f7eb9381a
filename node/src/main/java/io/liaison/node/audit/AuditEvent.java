package io.liaison.node.audit;

import io.liaison.core.decision.Decision;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Something to record: who did what to which subject, what the record reveals (so that only those who may read
 * that see it, R10), the outcome and its reason. Details are a short JSON object of the values involved; never a
 * secret. Values longer than the log's columns are shortened here, so that recording never fails on input.
 */
public record AuditEvent(String actor, String event, String subject, Reveals reveals, String outcome, String code,
        String rule, Map<String, String> details) {
    static final int MAX_ACTOR = 64;
    static final int MAX_SUBJECT = 200;
    static final int MAX_VALUE = 1000;

    public AuditEvent {
        actor = clamp(Objects.requireNonNull(actor, "actor"), MAX_ACTOR);
        Objects.requireNonNull(event, "event");
        subject = clamp(Objects.requireNonNull(subject, "subject"), MAX_SUBJECT);
        Objects.requireNonNull(reveals, "reveals");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(rule, "rule");
        Map<String, String> d = new LinkedHashMap<>();
        details.forEach((k, v) -> d.put(clamp(k, 64), clamp(v, MAX_VALUE)));
        details = Map.copyOf(d);
    }

    /** A decision about an item, with its outcome, code, rule and values; it reveals the item. */
    public static AuditEvent onItem(String actor, String event, String itemId, Decision d) {
        return of(actor, event, itemId, Reveals.item(itemId), d);
    }

    /** A decision, with its outcome, code, rule and values. */
    public static AuditEvent of(String actor, String event, String subject, Reveals reveals, Decision d) {
        return new AuditEvent(actor, event, subject, reveals, d.outcome().name(), d.code().name(), d.rule(), d.values());
    }

    /** An event on an item that is not a decision (its creation, a transfer, a destruction). */
    public static AuditEvent doneOnItem(String actor, String event, String itemId, Map<String, String> details) {
        return done(actor, event, itemId, Reveals.item(itemId), details);
    }

    /** An event that reveals nothing needing a clearance (login, an account change, the node's configuration). */
    public static AuditEvent done(String actor, String event, String subject, Map<String, String> details) {
        return done(actor, event, subject, Reveals.NOTHING, details);
    }

    /** An event that is not a decision. */
    public static AuditEvent done(String actor, String event, String subject, Reveals reveals, Map<String, String> details) {
        return new AuditEvent(actor, event, subject, reveals, "DONE", event.toUpperCase(java.util.Locale.ROOT)
                .replace('.', '_'), "R11", details);
    }

    private static String clamp(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
