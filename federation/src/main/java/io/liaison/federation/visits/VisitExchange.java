package io.liaison.federation.visits;

import io.liaison.catalog.json.Json;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.error.DomainException;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.core.visit.VisitKind;
import io.liaison.federation.envelope.EnvelopeType;
import io.liaison.federation.envelope.VerifiedEnvelope;
import io.liaison.federation.outbox.Outbox;
import io.liaison.node.accounts.User;
import io.liaison.node.audit.AuditLog;
import io.liaison.node.store.Database;
import io.liaison.node.store.Tx;
import io.liaison.node.exercises.Exercise;
import io.liaison.node.exercises.Exercises;
import io.liaison.node.visits.Visit;
import io.liaison.node.visits.Visits;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Carries visits between the nodes (R28, R30): a security officer's request travels signed to the host, and the
 * host's approval (with the highest level that may be disclosed) or refusal (with the reason) travels signed back.
 * Each is recorded and queued in one transaction, and audited at both ends by {@link Visits}.
 */
public final class VisitExchange {
    private static final int MAX_BODY = 16 * 1024;

    private final Database database;
    private final Visits visits;
    private final Exercises exercises;
    private final Outbox outbox;
    private final AuditLog audit;

    public VisitExchange(Database database, Visits visits, Exercises exercises, Outbox outbox, AuditLog audit) {
        this.database = database;
        this.visits = visits;
        this.exercises = exercises;
        this.outbox = outbox;
        this.audit = audit;
    }

    /** The body of a visit request; dates are ISO days, UTC. */
    public record Request(String id, String requester, String host, String agreement, String kind, String visitor,
            String nationality, String assuredClearance, String facility, String from, String until, String purpose,
            String requestedBy, String exercise, String replaces) {}

    /** The body of an invitation to observe an exercise (R32); days are ISO days, UTC. */
    public record Invitation(String id, String host, String invited, String agreement, String name, String place,
            String from, String until, int observerPlaces, String highestLevel, String invitedBy) {}

    /** The body of the host's answer. */
    public record Answer(String id, String status, String highestLevel, String answer, String answeredBy) {}

    /** Asks the host for a visit: recorded here and sent signed, in one transaction. */
    public Visit request(User officer, Visits.Request r) {
        Visit v = database.inTransaction(tx -> sendRequest(tx, visits.request(tx, officer, r), Optional.empty(),
                Optional.empty()));
        audit.sequenceSoon();
        return v;
    }

    private Visit sendRequest(Tx tx, Visit asked, Optional<String> exercise, Optional<String> replaces) {
        outbox.enqueue(tx, asked.host(), EnvelopeType.VISIT_REQUEST, asked.agreement(), Optional.empty(),
                json(new Request(asked.id(), asked.requester().code(), asked.host().code(), asked.agreement().value(),
                        asked.kind().name(), asked.visitor(), asked.nationality().code(), asked.assuredClearance(),
                        asked.facility(), asked.from().toString(), asked.until().toString(), asked.purpose().name(),
                        asked.requestedBy(), exercise.orElse(null), replaces.orElse(null))));
        return asked;
    }

    /** Invites another party to observe an exercise this party hosts (R32): recorded here and sent signed. */
    public Exercise invite(User officer, Exercises.Invitation r) {
        Exercise e = database.inTransaction(tx -> {
            Exercise sent = exercises.invite(tx, officer, r);
            outbox.enqueue(tx, sent.invited(), EnvelopeType.EXERCISE_INVITATION, sent.agreement(), Optional.empty(),
                    json(new Invitation(sent.id(), sent.host().code(), sent.invited().code(), sent.agreement().value(),
                            sent.name(), sent.place(), sent.from().toString(), sent.until().toString(),
                            sent.observerPlaces(), sent.highestLevel(), sent.invitedBy())));
            return sent;
        });
        audit.sequenceSoon();
        return e;
    }

    /**
     * Nominates an observer of an exercise this party was invited to (or replaces {@code replaces} with one): a visit
     * asked of the host under R28, sent signed with the exercise it is for.
     */
    public Visit nominate(User officer, String exercise, String observer, Party nationality, String clearance,
            Optional<String> replaces) {
        Visit v = database.inTransaction(tx -> sendRequest(tx, exercises.nominate(tx, officer, exercise, observer,
                nationality, clearance, replaces), Optional.of(exercise), replaces));
        audit.sequenceSoon();
        return v;
    }

    /** The host approves up to {@code highestLevel}; the answer goes back signed. */
    public Visit approve(User officer, String id, String highestLevel) {
        return answered(database.inTransaction(tx -> send(tx, visits.approve(tx, officer, id, highestLevel))));
    }

    /** The host refuses with {@code reason}; the answer goes back signed. */
    public Visit refuse(User officer, String id, String reason) {
        return answered(database.inTransaction(tx -> send(tx, visits.refuse(tx, officer, id, reason))));
    }

    private Visit answered(Visit v) {
        audit.sequenceSoon();
        return v;
    }

    private Visit send(Tx tx, Visit v) {
        outbox.enqueue(tx, v.requester(), EnvelopeType.VISIT_ANSWER, v.agreement(), Optional.empty(),
                json(new Answer(v.id(), v.status().name(), v.highestLevel().orElse(null), v.answer().orElse(""),
                        v.answeredBy().orElse(""))));
        return v;
    }

    /**
     * A peer's request or answer, recorded with the receipt ({@code record} writes it in the same transaction).
     * Returns the refusal reason when the message cannot be recorded.
     */
    public Optional<String> onMessage(VerifiedEnvelope v, BiConsumer<Tx, String> record) {
        try {
            database.useTransaction(tx -> {
                if (v.type() == EnvelopeType.VISIT_REQUEST) {
                    Request m = Json.read(v.body(), Request.class, "visit request", MAX_BODY);
                    if (!v.agreement().value().equals(m.agreement())) {
                        throw new io.liaison.core.error.InvalidInputException("VISIT_AGREEMENT_MISMATCH", "the visit "
                                + "names agreement " + m.agreement() + ", its envelope " + v.agreement());
                    }
                    Visit asked = visits.received(tx, v.from(), parse(m));
                    if (m.exercise() != null) {
                        exercises.observerReceived(tx, v.from(), m.exercise(), asked, Optional.ofNullable(m.replaces()));
                    }
                    record.accept(tx, "visit " + asked.id() + " awaits the answer of " + asked.host()
                            + "'s security officer");
                } else if (v.type() == EnvelopeType.EXERCISE_INVITATION) {
                    Invitation i = Json.read(v.body(), Invitation.class, "exercise invitation", MAX_BODY);
                    if (!v.agreement().value().equals(i.agreement()) || i.id() == null
                            || !i.id().matches("ex-[0-9a-f]{24}")) {
                        throw new io.liaison.core.error.InvalidInputException("EXERCISE_INVALID", "the invitation's id "
                                + "or agreement does not match its envelope");
                    }
                    Exercise e = exercises.received(tx, v.from(), new Exercise(i.id(), Exercise.Side.RECEIVED,
                            Party.of(i.host()), Party.of(i.invited()), AgreementId.of(i.agreement()), i.name(),
                            i.place(), LocalDate.parse(i.from()), LocalDate.parse(i.until()), i.observerPlaces(),
                            text(i.highestLevel()), text(i.invitedBy()), Instant.EPOCH));
                    record.accept(tx, "invitation to observe " + e.name() + " recorded");
                } else {
                    Answer a = Json.read(v.body(), Answer.class, "visit answer", MAX_BODY);
                    Visit.Status status = Visit.Status.valueOf(String.valueOf(a.status()));
                    Visit done = visits.answered(tx, v.from(), String.valueOf(a.id()), status,
                            Optional.ofNullable(a.highestLevel()), a.answer(), String.valueOf(a.answeredBy()));
                    record.accept(tx, "visit " + done.id() + " " + done.status().name().toLowerCase(java.util.Locale.ROOT)
                            + " by " + v.from());
                }
            });
        } catch (DomainException | IllegalArgumentException | NullPointerException | java.time.DateTimeException e) {
            return Optional.of(e.getMessage());
        }
        audit.sequenceSoon();
        return Optional.empty();
    }

    private static Visit parse(Request m) {
        if (m.id() == null || !m.id().matches("visit-[0-9a-f]{24}")) {
            throw new IllegalArgumentException("visit id " + m.id() + " is not one a node makes");
        }
        return new Visit(m.id(), Visit.Side.RECEIVED, Party.of(m.requester()), Party.of(m.host()),
                AgreementId.of(m.agreement()), VisitKind.valueOf(String.valueOf(m.kind())), text(m.visitor()),
                Party.of(m.nationality()), text(m.assuredClearance()), text(m.facility()), LocalDate.parse(m.from()),
                LocalDate.parse(m.until()), Purpose.of(m.purpose()), text(m.requestedBy()), Instant.EPOCH,
                Visit.Status.REQUESTED, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    private static String text(String s) {
        if (s == null || s.length() > 200) {
            throw new IllegalArgumentException("a visit field is missing or over 200 characters");
        }
        return s;
    }

    private static byte[] json(Object body) {
        return Json.compactBytes(body);
    }
}
