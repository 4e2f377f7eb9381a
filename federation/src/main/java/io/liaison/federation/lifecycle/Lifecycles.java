package io.liaison.federation.lifecycle;

import io.liaison.catalog.json.Json;
import io.liaison.core.agreement.Agreement;
import io.liaison.core.agreement.AgreementEvent;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.agreement.AgreementState;
import io.liaison.core.agreement.EventType;
import io.liaison.core.agreement.Lifecycle;
import io.liaison.core.agreement.Transition;
import io.liaison.core.error.ConflictException;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.party.Party;
import io.liaison.federation.envelope.EnvelopeType;
import io.liaison.federation.envelope.VerifiedEnvelope;
import io.liaison.federation.outbox.Outbox;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.agreements.AgreementLedger;
import io.liaison.node.approvals.Approval;
import io.liaison.node.approvals.Approvals;
import io.liaison.node.audit.AuditEvent;
import io.liaison.node.audit.AuditLog;
import io.liaison.node.audit.Reveals;
import io.liaison.node.store.Database;
import io.liaison.node.store.Tx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Moving an agreement through R17 between nodes, by its parties. A security officer asks for this party's step
 * ({@link #request}); it is checked against the lifecycle at once, and carried out only when a second security
 * officer approves it ({@link Approvals}): then it is recorded in this node's ledger, sent signed to the other
 * parties and audited with its rule and article, in one transaction. Each receiver checks and records the same
 * event ({@link #onMessage}), so both ledgers hold the same events and both nodes compute the same state. Signing
 * waits for every party's signature; entry into force follows the later notification; notice, suspension,
 * withdrawal and acting on a suspended notice are the notifying party's messages.
 */
public final class Lifecycles {
    /** The kind of an agreement step in {@link Approvals}. */
    public static final String KIND = "agreement-step";
    private static final int MAX_NOTE = 500;

    /** A party's step, as people name it. */
    public enum Step {
        PROPOSE(EventType.PROPOSED, EnvelopeType.AGREEMENT_PROPOSAL, "proposes"),
        DECLINE(EventType.DECLINED, EnvelopeType.AGREEMENT_DECLINE, "declines"),
        INITIAL(EventType.INITIALLED, EnvelopeType.AGREEMENT_INITIALS, "initials the text of"),
        SIGN(EventType.SIGNED, EnvelopeType.AGREEMENT_SIGNATURE, "signs"),
        NOTIFY(EventType.NOTIFIED, EnvelopeType.ENTRY_NOTIFICATION, "notifies the completion of its procedures for"),
        RENEW(EventType.RENEWED, EnvelopeType.RENEWAL_CONFIRMATION, "confirms the renewal of"),
        NOTICE(EventType.TERMINATION_NOTICE, EnvelopeType.TERMINATION_NOTICE, "gives written notice of termination of"),
        SUSPEND(EventType.NOTICE_SUSPENDED, EnvelopeType.NOTICE_SUSPENSION, "suspends its notice of termination of"),
        WITHDRAW(EventType.NOTICE_WITHDRAWN, EnvelopeType.NOTICE_WITHDRAWAL, "withdraws its notice of termination of"),
        TERMINATE(EventType.NOTICE_ACTED_ON, EnvelopeType.NOTICE_ACTED_ON, "acts on its suspended notice and terminates");

        private final EventType event;
        private final EnvelopeType envelope;
        private final String verb;

        Step(EventType event, EnvelopeType envelope, String verb) {
            this.event = event;
            this.envelope = envelope;
            this.verb = verb;
        }

        public EventType event() {
            return event;
        }

        /** The name people type: {@code notice}, {@code terminate}. */
        public String written() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses a written step, naming the steps when it is not one. */
        public static Step parse(String written) {
            for (Step s : values()) {
                if (s.written().equals(written)) {
                    return s;
                }
            }
            throw new InvalidInputException("STEP_UNKNOWN", "step '" + (written == null ? "" : written.length() > 40
                    ? written.substring(0, 40) + "…" : written) + "' is not one of " + String.join(", ",
                    Arrays.stream(values()).map(Step::written).toList()) + " (R17)");
        }

        /** The step that records {@code type}. */
        public static Step of(EventType type) {
            return Arrays.stream(values()).filter(s -> s.event == type).findFirst().orElseThrow();
        }
    }

    /** The body of a lifecycle message between nodes. */
    public record Message(AgreementId agreement, String event, String day, String note, String by) {}

    /** What an approval of {@link #KIND} carries. */
    record Payload(AgreementId agreement, EventType type, LocalDate day, String note) {}

    /** A step asked for: the request a second officer decides, and the state the step would lead to. */
    public record Requested(Approval approval, Optional<AgreementState> stateAfter, String effect) {}

    private final Database database;
    private final AgreementLedger ledger;
    private final AuditLog audit;
    private final Outbox outbox;
    private final Approvals approvals;
    private final Party self;
    private final Clock clock;

    public Lifecycles(Database database, AgreementLedger ledger, AuditLog audit, Outbox outbox, Approvals approvals,
            Party self, Clock clock) {
        this.database = database;
        this.ledger = ledger;
        this.audit = audit;
        this.outbox = outbox;
        this.approvals = approvals;
        this.self = self;
        this.clock = clock;
        approvals.register(new Approvals.Action(KIND, Set.of(Role.SECURITY_OFFICER), this::carryOut,
                request -> ledger.reload()));
    }

    /**
     * A security officer asks for this party's step on {@code day} (today when empty; never in the future). It is
     * checked against R17 now, and waits for a second security officer.
     */
    public Requested request(User officer, AgreementId agreementId, Step step, Optional<LocalDate> day, String note) {
        Agreement a = ledger.require(agreementId);
        if (!a.isParty(self)) {
            throw new InvalidInputException("NOT_A_PARTY", self + " is not a party to agreement " + agreementId);
        }
        LocalDate today = AgreementLedger.today(clock);
        LocalDate on = day.orElse(today);
        if (on.isAfter(today)) {
            throw new InvalidInputException("STEP_DAY_INVALID", "a step is recorded when it is taken: " + on
                    + " is after today (" + today + ")");
        }
        String text = note == null ? "" : note.strip();
        if (text.length() > MAX_NOTE || text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            throw new InvalidInputException("NOTE_INVALID", "a step's note is up to " + MAX_NOTE
                    + " characters of text");
        }
        AgreementEvent e = new AgreementEvent(on, step.event(), self, text);
        Lifecycle after = ledger.preview(agreementId, e);
        String effect = effect(a, step, e, after);
        String summary = self + " " + step.verb + " " + agreementId + " on " + on + ": " + effect;
        String payload = Json.compact(new Payload(agreementId, step.event(), on, text));
        Approval approval = database.inTransaction(tx -> approvals.request(tx, officer, KIND, agreementId.value(),
                summary, payload, Map.of("step", step.written(), "day", on.toString(), "rule", a.lifecycleRule())));
        audit.sequenceSoon();
        return new Requested(approval, after.stateOn(on), effect);
    }

    /** What the step does, in a sentence: the state it leads to, or what it waits for. */
    private String effect(Agreement a, Step step, AgreementEvent e, Lifecycle after) {
        if (step == Step.SIGN) {
            Set<Party> waiting = new java.util.LinkedHashSet<>(a.members());
            waiting.removeAll(ledger.signaturesWaiting(a.id()).keySet());
            waiting.remove(self);
            return waiting.isEmpty() ? "every party will have signed: SIGNED"
                    : "the signature waits for " + String.join(", ", waiting.stream().map(Party::code).toList());
        }
        return after.timeline(e.date().plusYears(200)).stream().filter(t -> t.event().filter(e::equals).isPresent())
                .findFirst().map(t -> t.state() + " (" + t.cause() + ")").orElse("recorded");
    }

    /** Carries out an approved step: recorded here, sent to the other parties, audited with its rule and article. */
    private void carryOut(Tx tx, Approval request, User approver) {
        Payload p = Json.read(request.payload().getBytes(StandardCharsets.UTF_8), Payload.class, "agreement step",
                64 * 1024);
        Agreement a = ledger.require(p.agreement());
        String origin = "step " + request.id() + " asked by " + request.requestedBy() + ", approved by " + approver.name();
        apply(tx, p.agreement(), p.type(), self, p.day(), p.note(), Optional.empty(), origin);
        Message message = new Message(p.agreement(), p.type().name(), p.day().toString(), p.note(), self.code());
        for (Party other : a.members()) {
            if (!other.equals(self)) {
                outbox.enqueue(tx, other, Step.of(p.type()).envelope, p.agreement(), Optional.empty(),
                        Json.compactBytes(message));
            }
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("day", p.day().toString());
        details.put("by", self.code());
        details.put("note", p.note());
        details.put("article", a.lifecycleArticle());
        details.put("request", request.id());
        details.put("requestedBy", request.requestedBy());
        audit.append(tx, stepAudited(approver.name(), a, p.type(), details));
    }

    private static AuditEvent stepAudited(String actor, Agreement a, EventType type, Map<String, String> details) {
        String event = "agreement." + type.name().toLowerCase(Locale.ROOT);
        return new AuditEvent(actor, event, a.id().value(), Reveals.NOTHING, "DONE",
                "AGREEMENT_" + type.name(), a.lifecycleRule(), details);
    }

    /** The state of an agreement on a day, as this node knows it. */
    public Optional<AgreementState> state(AgreementId agreementId, LocalDate day) {
        return ledger.catalog().lifecycle(agreementId).stateOn(day);
    }

    /** The agreement's history until {@code until}, each dated step with where it came from. */
    public List<AgreementLedger.Line> history(AgreementId agreementId, LocalDate until) {
        ledger.require(agreementId);
        return ledger.history(agreementId, until);
    }

    /**
     * A peer's step, checked against the same lifecycle and recorded with the receipt; {@code record} writes
     * the receipt in the same transaction. Returns the refusal reason when R17 does not allow it.
     */
    public Optional<String> onMessage(VerifiedEnvelope v, BiConsumer<Tx, String> record) {
        Message step = Json.read(v.body(), Message.class, "lifecycle message", 64 * 1024);
        EventType type;
        LocalDate day;
        try {
            type = EventType.valueOf(step.event());
            day = LocalDate.parse(step.day());
        } catch (RuntimeException e) {
            return Optional.of("the step is malformed: " + e.getMessage());
        }
        if (Step.of(type).envelope != v.type() || !v.agreement().equals(step.agreement())
                || !v.from().code().equals(step.by())) {
            return Optional.of("the step " + type + " by " + step.by() + " does not match its " + v.type() + " envelope from "
                    + v.from());
        }
        String note = step.note() == null ? "" : step.note();
        if (note.length() > MAX_NOTE) {
            return Optional.of("the step's note is over " + MAX_NOTE + " characters");
        }
        try {
            Agreement a = ledger.require(step.agreement());
            database.useTransaction(tx -> {
                apply(tx, step.agreement(), type, v.from(), day, note, Optional.of(v.id().toString()),
                        "signed message from " + v.from() + " (envelope " + v.id() + ")");
                audit.append(tx, stepAudited("peer:" + v.from().code(), a, type, Map.of("day", day.toString(), "by",
                        v.from().code(), "note", note, "article", a.lifecycleArticle(), "envelope", v.id().toString())));
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
            Optional<String> envelope, String origin) {
        if (type == EventType.SIGNED) {
            ledger.sign(h, agreementId, by, day, envelope, origin, clock.millis());
        } else {
            ledger.record(h, agreementId, new AgreementEvent(day, type, by, note), envelope, origin, clock.millis());
        }
    }

    /** The transitions of a history, for callers that only need the timeline. */
    public static List<Transition> transitions(List<AgreementLedger.Line> lines) {
        return lines.stream().map(AgreementLedger.Line::transition).toList();
    }
}
