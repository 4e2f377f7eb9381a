package io.liaison.federation.lifecycle;

import io.liaison.catalog.json.Json;
import io.liaison.core.agreement.Agreement;
import io.liaison.core.agreement.AgreementEvent;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.agreement.AgreementState;
import io.liaison.core.agreement.EventType;
import io.liaison.core.error.ConflictException;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.error.NotFoundException;
import io.liaison.core.party.Party;
import io.liaison.federation.envelope.EnvelopeType;
import io.liaison.federation.envelope.VerifiedEnvelope;
import io.liaison.federation.outbox.Outbox;
import io.liaison.node.accounts.Accounts;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.agreements.AgreementLedger;
import io.liaison.node.audit.AuditEvent;
import io.liaison.node.audit.AuditLog;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import io.liaison.node.store.Database;
import io.liaison.node.store.Tx;

/**
 * Moving an agreement through R17 between nodes. A party's step ({@link #act}) is checked against the
 * lifecycle, recorded in this node's ledger and sent, signed, to the other parties in one transaction;
 * each receiver checks and records the same event ({@link #onMessage}), so both ledgers hold the same
 * events and both nodes compute the same state. Signing waits for every party's signature; entry into
 * force follows the later notification; notice, suspension, withdrawal and acting on a suspended notice
 * are the notifying party's messages.
 */
public final class Lifecycles {
    /** The body of a lifecycle message. */
    public record Step(AgreementId agreement, String event, String day, String note, String by) {}

    private static final Map<EventType, EnvelopeType> TYPES = Map.of(
            EventType.PROPOSED, EnvelopeType.AGREEMENT_PROPOSAL,
            EventType.DECLINED, EnvelopeType.AGREEMENT_DECLINE,
            EventType.SIGNED, EnvelopeType.AGREEMENT_SIGNATURE,
            EventType.NOTIFIED, EnvelopeType.ENTRY_NOTIFICATION,
            EventType.TERMINATION_NOTICE, EnvelopeType.TERMINATION_NOTICE,
            EventType.NOTICE_SUSPENDED, EnvelopeType.NOTICE_SUSPENSION,
            EventType.NOTICE_WITHDRAWN, EnvelopeType.NOTICE_WITHDRAWAL,
            EventType.NOTICE_ACTED_ON, EnvelopeType.NOTICE_ACTED_ON);

    private final Database database;
    private final AgreementLedger ledger;
    private final AuditLog audit;
    private final Outbox outbox;
    private final Party self;
    private final Clock clock;

    public Lifecycles(Database database, AgreementLedger ledger, AuditLog audit, Outbox outbox, Party self, Clock clock) {
        this.database = database;
        this.ledger = ledger;
        this.audit = audit;
        this.outbox = outbox;
        this.self = self;
        this.clock = clock;
    }

    /** This party's step on {@code day} (an admin's act); returns the state on that day afterwards. */
    public Optional<AgreementState> act(User admin, AgreementId agreementId, EventType type, LocalDate day, String note) {
        Accounts.requireRole(admin, Set.of(Role.ADMIN));
        Agreement a = ledger.catalog().agreement(agreementId).orElseThrow(() -> new NotFoundException("AGREEMENT_UNKNOWN",
                "agreement " + agreementId + " is not in the catalog"));
        if (!a.isParty(self)) {
            throw new InvalidInputException("NOT_A_PARTY", self + " is not a party to agreement " + agreementId);
        }
        String text = note == null ? "" : note;
        database.useTransaction(tx -> {
            apply(tx, agreementId, type, self, day, text, Optional.empty());
            Step step = new Step(agreementId, type.name(), day.toString(), text, self.code());
            for (Party other : a.members()) {
                if (!other.equals(self)) {
                    outbox.enqueue(tx, other, TYPES.get(type), agreementId, Optional.empty(),
                            Json.compact(step).getBytes(StandardCharsets.UTF_8));
                }
            }
            audit.append(tx, AuditEvent.done(admin.name(), "agreement." + type.name().toLowerCase(java.util.Locale.ROOT),
                    agreementId.value(), Map.of("day", day.toString(), "by", self.code(), "note", text)));
        });
        ledger.reload();
        audit.sequenceSoon();
        return state(agreementId, day);
    }

    /** The state of an agreement on a day, as this node knows it. */
    public Optional<AgreementState> state(AgreementId agreementId, LocalDate day) {
        return ledger.catalog().lifecycle(agreementId).stateOn(day);
    }

    /**
     * A peer's step, checked against the same lifecycle and recorded with the receipt; {@code record} writes
     * the receipt in the same transaction. Returns the refusal reason when R17 does not allow it.
     */
    public Optional<String> onMessage(VerifiedEnvelope v, BiConsumer<Tx, String> record) {
        Step step = Json.read(v.body(), Step.class, "lifecycle message", 64 * 1024);
        EventType type;
        LocalDate day;
        try {
            type = EventType.valueOf(step.event());
            day = LocalDate.parse(step.day());
        } catch (RuntimeException e) {
            return Optional.of("the step is malformed: " + e.getMessage());
        }
        if (TYPES.get(type) != v.type() || !v.agreement().equals(step.agreement())
                || !v.from().code().equals(step.by())) {
            return Optional.of("the step " + type + " by " + step.by() + " does not match its " + v.type() + " envelope from "
                    + v.from());
        }
        try {
            database.useTransaction(tx -> {
                apply(tx, step.agreement(), type, v.from(), day, step.note() == null ? "" : step.note(),
                        Optional.of(v.id().toString()));
                audit.append(tx, AuditEvent.done("peer:" + v.from().code(), "agreement."
                        + type.name().toLowerCase(java.util.Locale.ROOT), step.agreement().value(), Map.of("day", day.toString(),
                        "by", v.from().code())));
                record.accept(tx, "recorded " + type + " by " + v.from() + " on " + day);
            });
        } catch (ConflictException e) {
            return Optional.of(e.getMessage());
        }
        ledger.reload();
        audit.sequenceSoon();
        return Optional.empty();
    }

    private void apply(Tx h, AgreementId agreementId, EventType type, Party by, LocalDate day, String note,
            Optional<String> envelope) {
        if (type == EventType.SIGNED) {
            ledger.sign(h, agreementId, by, day, envelope, clock.millis());
        } else {
            ledger.record(h, agreementId, new AgreementEvent(day, type, by, note), envelope, clock.millis());
        }
    }
}
