package io.liaison.federation.aircraft;

import io.liaison.catalog.json.Json;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.aircraft.AircraftRequest;
import io.liaison.core.error.DomainException;
import io.liaison.core.party.Party;
import io.liaison.federation.envelope.EnvelopeType;
import io.liaison.federation.envelope.VerifiedEnvelope;
import io.liaison.federation.outbox.Outbox;
import io.liaison.node.accounts.User;
import io.liaison.node.aircraft.AircraftClearances;
import io.liaison.node.aircraft.Clearance;
import io.liaison.node.audit.AuditLog;
import io.liaison.node.store.Database;
import io.liaison.node.store.Tx;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Carries diplomatic clearances between the nodes (R31): the request travels signed to the host, and the host's
 * grant, amendment or refusal travels signed back, each recorded by node's {@link AircraftClearances} and queued in
 * one transaction.
 */
public final class AircraftExchange {
    private static final int MAX_BODY = 16 * 1024;

    private final Database database;
    private final AircraftClearances clearances;
    private final Outbox outbox;
    private final AuditLog audit;

    public AircraftExchange(Database database, AircraftClearances clearances, Outbox outbox, AuditLog audit) {
        this.database = database;
        this.clearances = clearances;
        this.outbox = outbox;
        this.audit = audit;
    }

    /** The body of a request; times are UTC instants. */
    public record Request(String id, String requester, String host, String agreement, String aircraftType,
            String registration, String callSign, String entryPoint, String exitPoint, String route, String entryAt,
            String exitAt, String purpose, int crew, int passengers, String cargo, String answerBy, String requestedBy) {}

    /** The body of the host's answer; {@code entryPoint} … {@code exitAt} only for an amendment. */
    public record Answer(String id, String status, String conditions, String expiresAt, String entryPoint,
            String exitPoint, String entryAt, String exitAt, String answer, String answeredBy) {}

    /** Asks {@code host} for a clearance: recorded here and sent signed, in one transaction. */
    public Clearance request(User officer, Party host, AgreementId agreement, AircraftRequest r) {
        Clearance c = database.inTransaction(tx -> {
            Clearance asked = clearances.request(tx, officer, host, agreement, r);
            outbox.enqueue(tx, host, EnvelopeType.AIRCRAFT_REQUEST, agreement, Optional.empty(), json(new Request(
                    asked.id(), asked.requester().code(), host.code(), agreement.value(), r.aircraftType(),
                    r.registration(), r.callSign(), r.entryPoint(), r.exitPoint(), r.route(), r.entryAt().toString(),
                    r.exitAt().toString(), r.purpose(), r.crew(), r.passengers(), r.cargo(), r.answerBy().toString(),
                    asked.requestedBy())));
            return asked;
        });
        audit.sequenceSoon();
        return c;
    }

    /** The host grants (with an amendment: for other points or times); the answer goes back signed. */
    public Clearance grant(User officer, String id, Optional<String> conditions, Optional<Instant> expires,
            Optional<AircraftClearances.Amendment> amendment) {
        return sent(database.inTransaction(tx -> send(tx, clearances.grant(tx, officer, id, conditions, expires,
                amendment))));
    }

    /** The host refuses with the reason; the answer goes back signed. */
    public Clearance refuse(User officer, String id, String reason) {
        return sent(database.inTransaction(tx -> send(tx, clearances.refuse(tx, officer, id, reason))));
    }

    private Clearance sent(Clearance c) {
        audit.sequenceSoon();
        return c;
    }

    private Clearance send(Tx tx, Clearance c) {
        boolean amended = c.status() == Clearance.Status.AMENDED;
        AircraftRequest r = c.request();
        outbox.enqueue(tx, c.requester(), EnvelopeType.AIRCRAFT_ANSWER, c.agreement(), Optional.empty(), json(new Answer(
                c.id(), c.status().name(), c.conditions().orElse(null), c.expiresAt().map(Instant::toString).orElse(null),
                amended ? r.entryPoint() : null, amended ? r.exitPoint() : null, amended ? r.entryAt().toString() : null,
                amended ? r.exitAt().toString() : null, c.answer().orElse(""), c.answeredBy().orElse(""))));
        return c;
    }

    /**
     * A peer's request or answer, recorded with the receipt ({@code record} writes it in the same transaction).
     * Returns the refusal reason when the message cannot be recorded.
     */
    public Optional<String> onMessage(VerifiedEnvelope v, BiConsumer<Tx, String> record) {
        try {
            database.useTransaction(tx -> {
                if (v.type() == EnvelopeType.AIRCRAFT_REQUEST) {
                    Request m = Json.read(v.body(), Request.class, "aircraft clearance request", MAX_BODY);
                    if (!v.agreement().value().equals(m.agreement()) || m.id() == null
                            || !m.id().matches("dc-[0-9a-f]{24}")) {
                        throw new IllegalArgumentException("the request's id or agreement does not match its envelope");
                    }
                    AircraftRequest r = new AircraftRequest(m.aircraftType(), m.registration(), m.callSign(),
                            m.entryPoint(), m.exitPoint(), m.route(), AircraftRequest.utc("entryAt", m.entryAt()),
                            AircraftRequest.utc("exitAt", m.exitAt()), m.purpose(), m.crew(), m.passengers(), m.cargo(),
                            AircraftRequest.utc("answerBy", m.answerBy()));
                    Clearance c = clearances.received(tx, v.from(), new Clearance(m.id(), Clearance.Side.RECEIVED,
                            Party.of(m.requester()), Party.of(m.host()), AgreementId.of(m.agreement()), r,
                            String.valueOf(m.requestedBy()), Instant.EPOCH, Clearance.Status.REQUESTED, Optional.empty(),
                            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
                    record.accept(tx, "clearance " + c.id() + " awaits the answer of " + c.host() + " by "
                            + r.answerBy());
                } else {
                    Answer a = Json.read(v.body(), Answer.class, "aircraft clearance answer", MAX_BODY);
                    Optional<AircraftClearances.Amendment> amendment = a.entryAt() == null ? Optional.empty()
                            : Optional.of(new AircraftClearances.Amendment(a.entryPoint(), a.exitPoint(),
                                    AircraftRequest.utc("entryAt", a.entryAt()), AircraftRequest.utc("exitAt", a.exitAt())));
                    Clearance done = clearances.answered(tx, v.from(), String.valueOf(a.id()),
                            Clearance.Status.valueOf(String.valueOf(a.status())), Optional.ofNullable(a.conditions()),
                            Optional.ofNullable(a.expiresAt()).map(e -> AircraftRequest.utc("expiresAt", e)), amendment,
                            a.answer(), a.answeredBy());
                    record.accept(tx, "clearance " + done.id() + " " + done.status() + " by " + v.from());
                }
            });
        } catch (DomainException | IllegalArgumentException | NullPointerException | java.time.DateTimeException e) {
            return Optional.of(e.getMessage());
        }
        audit.sequenceSoon();
        return Optional.empty();
    }

    private static byte[] json(Object body) {
        return Json.compactBytes(body);
    }
}
