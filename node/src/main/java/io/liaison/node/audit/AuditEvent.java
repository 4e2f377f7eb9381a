package io.liaison.node.audit;

import io.liaison.core.decision.Decision;
import java.util.Map;
import java.util.Objects;

/**
 * Something to record: who did what to which subject, the outcome and its reason. Details are a short
 * JSON object of the values involved; never a secret.
 */
public record AuditEvent(String actor, String event, String subject, String outcome, String code, String rule,
        Map<String, String> details) {
    public AuditEvent {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(rule, "rule");
        details = Map.copyOf(details);
    }

    /** A decision, with its outcome, code, rule and values. */
    public static AuditEvent of(String actor, String event, String subject, Decision d) {
        return new AuditEvent(actor, event, subject, d.outcome().name(), d.code().name(), d.rule(), d.values());
    }

    /** An event that is not a decision (login, configuration change, …). */
    public static AuditEvent done(String actor, String event, String subject, Map<String, String> details) {
        return new AuditEvent(actor, event, subject, "DONE", event.toUpperCase(java.util.Locale.ROOT).replace('.', '_'),
                "R11", details);
    }
}
