package io.liaison.federation.envelope;

import io.liaison.node.audit.AuditEvent;
import io.liaison.node.audit.AuditLog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Records every refused envelope in the audit log (R14: a node accepts nothing it cannot verify, and says
 * so): the actor is the TLS peer's party when known, the subject the envelope id when it could be read,
 * the outcome DENY with the refusal's code, rule and values. Nothing of the body is recorded.
 */
public final class RefusalAudit {
    private final Jdbi jdbi;
    private final AuditLog audit;

    public RefusalAudit(Jdbi jdbi, AuditLog audit) {
        this.jdbi = jdbi;
        this.audit = audit;
    }

    public void record(Optional<String> tlsParty, Refusal refusal) {
        Map<String, String> details = new LinkedHashMap<>(refusal.values());
        details.put("reason", refusal.message());
        tlsParty.ifPresent(p -> details.put("tlsPeer", p));
        String actor = "peer:" + tlsParty.orElse("unknown");
        String subject = refusal.values().getOrDefault("envelope", "(unreadable)");
        jdbi.useTransaction(h -> audit.append(io.liaison.node.store.Database.tx(h), new AuditEvent(actor, "envelope.refused", subject, io.liaison.node.audit.Reveals.NOTHING, "DENY", refusal.code(),
                refusal.rule(), details)));
        audit.sequenceSoon();
    }
}
