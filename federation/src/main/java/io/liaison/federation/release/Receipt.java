package io.liaison.federation.release;

import io.liaison.catalog.json.Json;
import io.liaison.node.audit.SignedHead;
import java.util.Map;
import java.util.Optional;

/**
 * The body of a RECEIPT envelope: which message it answers, whether the receiver stored it or refused it,
 * and why; for a stored item, the receiver's item id and marking (R3). Every receipt also carries the
 * receiver's last signed audit tree head ({@code head}), which the sender checks against what it knows
 * of that log; it is attached when the receipt is sent, so a receipt sent again carries a fresh one.
 */
public record Receipt(String forEnvelope, Outcome outcome, String item, String marking, String code, String rule,
        String reason, Map<String, String> values, SignedHead head) {
    /** Whether the receiver took the message (and did what it asks) or refused it, with the reason. */
    public enum Outcome { STORED, REFUSED }

    public static final Outcome STORED = Outcome.STORED;
    public static final Outcome REFUSED = Outcome.REFUSED;

    public Receipt {
        java.util.Objects.requireNonNull(outcome, "outcome");
        // Sorted, so that a receipt's JSON is the same bytes every time (it is stored and signed).
        values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(values));
    }

    /** A receipt without a tree head yet. */
    public Receipt(String forEnvelope, Outcome outcome, String item, String marking, String code, String rule,
            String reason, Map<String, String> values) {
        this(forEnvelope, outcome, item, marking, code, rule, reason, values, null);
    }

    /** A refusal of envelope {@code envelope}, with its reason and the values involved. */
    public static Receipt refused(java.util.UUID envelope, String code, String rule, String reason,
            Map<String, String> values) {
        return new Receipt(envelope.toString(), Outcome.REFUSED, null, null, code, rule, reason, values);
    }

    /** A refusal of envelope {@code envelope}, with its reason. */
    public static Receipt refused(java.util.UUID envelope, String code, String rule, String reason) {
        return refused(envelope, code, rule, reason, Map.of());
    }

    public Receipt withHead(Optional<SignedHead> latest) {
        return new Receipt(forEnvelope, outcome, item, marking, code, rule, reason, values, latest.orElse(null));
    }

    /** The receiver's tree head this receipt carries, if its log had one. */
    public Optional<SignedHead> latestHead() {
        return Optional.ofNullable(head);
    }

    public boolean stored() {
        return outcome == Outcome.STORED;
    }

    public byte[] toJson() {
        return Json.compactBytes(this);
    }

    public static Receipt parse(byte[] json) {
        return Json.read(json, Receipt.class, "receipt", 64 * 1024);
    }
}
