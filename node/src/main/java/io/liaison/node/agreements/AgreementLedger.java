package io.liaison.node.agreements;

import io.liaison.core.agreement.Agreement;
import io.liaison.core.agreement.AgreementEvent;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.agreement.EventType;
import io.liaison.core.agreement.Lifecycle;
import io.liaison.core.catalog.Catalog;
import io.liaison.core.decision.DecisionEngine;
import io.liaison.core.error.ConflictException;
import io.liaison.core.error.NotFoundException;
import io.liaison.core.party.Party;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The agreements in force on this node. The shipped catalog defines each agreement (parties, tables,
 * rules, term); its lifecycle comes from the events this node recorded from signed messages once it has
 * any for that agreement, or, for the agreements named message-driven, from those events alone (one
 * nobody proposed yet has no state). {@link #catalog} and {@link #engine} always reflect the committed ledger;
 * an event that R17 does not allow in the state it meets is refused before anything is stored.
 */
public final class AgreementLedger {
    private final Jdbi jdbi;
    private final Catalog base;
    private final java.util.Set<AgreementId> fromMessagesOnly;
    private final AtomicReference<Snapshot> current = new AtomicReference<>();

    private record Snapshot(Catalog catalog, DecisionEngine engine) {}

    public AgreementLedger(Jdbi jdbi, Catalog base, java.util.Set<AgreementId> fromMessagesOnly) {
        this.jdbi = jdbi;
        this.base = base;
        this.fromMessagesOnly = java.util.Set.copyOf(fromMessagesOnly);
        reload();
    }

    /** The catalog with each agreement's lifecycle as this node knows it. */
    public Catalog catalog() {
        return current.get().catalog();
    }

    /** The decision engine over {@link #catalog}. */
    public DecisionEngine engine() {
        return current.get().engine();
    }

    /** The events recorded for an agreement, in order. */
    public List<AgreementEvent> events(AgreementId agreement) {
        return jdbi.withHandle(h -> events(h).getOrDefault(agreement, List.of()));
    }

    /**
     * Records an event in the caller's transaction after checking that R17 allows it; call
     * {@link #reload} after the commit.
     */
    public void record(io.liaison.node.store.Tx tx, AgreementId agreementId, AgreementEvent e, Optional<String> envelope, long now) {
        Handle h = tx.sql();
        Agreement a = base.agreement(agreementId).orElseThrow(() -> new NotFoundException("AGREEMENT_UNKNOWN",
                "agreement " + agreementId + " is not in the catalog"));
        if (!a.isParty(e.by())) {
            throw new ConflictException("NOT_A_PARTY", e.by() + " is not a party to agreement " + agreementId);
        }
        List<AgreementEvent> events = new ArrayList<>(effectiveEvents(a, events(h).get(agreementId)));
        events.add(e);
        try {
            Lifecycle.of(with(a, events));
        } catch (io.liaison.core.error.InvalidInputException | IllegalArgumentException | IllegalStateException ex) {
            throw new ConflictException("LIFECYCLE_REFUSED", ex.getMessage());
        }
        if (!fromMessagesOnly.contains(agreementId) && events(h).get(agreementId) == null) {
            // The first recorded event continues the catalog's history: keep it in the ledger.
            for (AgreementEvent prior : a.events()) {
                insert(h, agreementId, prior, Optional.empty(), now);
            }
        }
        insert(h, agreementId, e, envelope, now);
    }

    /**
     * Records a party's signature in the caller's transaction; when every party has signed, records the
     * SIGNED event on the later signature's day and returns true.
     */
    public boolean sign(io.liaison.node.store.Tx tx, AgreementId agreementId, Party party, LocalDate day, Optional<String> envelope,
            long now) {
        Handle h = tx.sql();
        Agreement a = base.agreement(agreementId).orElseThrow(() -> new NotFoundException("AGREEMENT_UNKNOWN",
                "agreement " + agreementId + " is not in the catalog"));
        boolean already = h.createQuery("SELECT COUNT(*) FROM agreement_signatures WHERE agreement = :a AND party = :p")
                .bind("a", agreementId.value()).bind("p", party.code()).mapTo(Long.class).one() > 0;
        if (already) {
            throw new ConflictException("ALREADY_SIGNED", party + " has already signed " + agreementId);
        }
        h.createUpdate("INSERT INTO agreement_signatures (agreement, party, event_day) VALUES (:a, :p, :d)").bind("a", agreementId.value())
                .bind("p", party.code()).bind("d", day.toString()).execute();
        Map<String, String> signed = h.createQuery("SELECT party, event_day FROM agreement_signatures WHERE agreement = :a")
                .bind("a", agreementId.value()).map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        if (!signed.keySet().containsAll(a.members().stream().map(Party::code).toList())) {
            return false;
        }
        LocalDate last = signed.values().stream().map(LocalDate::parse).max(LocalDate::compareTo).orElseThrow();
        record(tx, agreementId, new AgreementEvent(last, EventType.SIGNED, party, "signed by " + String.join(", ",
                signed.keySet().stream().sorted().toList())), envelope, now);
        h.createUpdate("DELETE FROM agreement_signatures WHERE agreement = :a").bind("a", agreementId.value()).execute();
        return true;
    }

    /** Rebuilds the catalog and engine from the committed ledger. */
    public void reload() {
        Map<AgreementId, List<AgreementEvent>> recorded = jdbi.withHandle(this::events);
        List<Agreement> agreements = base.agreements().stream()
                .map(a -> with(a, effectiveEvents(a, recorded.get(a.id())))).toList();
        Catalog c = new Catalog(base.policies(), agreements);
        current.set(new Snapshot(c, new DecisionEngine(c)));
    }

    private List<AgreementEvent> effectiveEvents(Agreement a, List<AgreementEvent> recorded) {
        if (recorded != null) {
            return recorded;
        }
        return fromMessagesOnly.contains(a.id()) ? List.of() : a.events();
    }

    private static Agreement with(Agreement a, List<AgreementEvent> events) {
        return new Agreement(a.id(), a.title(), a.kind(), a.parties(), a.table(), a.covered(), a.rules(), a.term(),
                a.noticePeriod(), List.copyOf(events));
    }

    private Map<AgreementId, List<AgreementEvent>> events(Handle h) {
        Map<AgreementId, List<AgreementEvent>> out = new java.util.LinkedHashMap<>();
        h.createQuery("SELECT agreement, type, by_party, event_day, note FROM agreement_ledger ORDER BY seq")
                .map((rs, ctx) -> Map.entry(AgreementId.of(rs.getString(1)), new AgreementEvent(LocalDate.parse(rs.getString(4)),
                        EventType.valueOf(rs.getString(2)), Party.of(rs.getString(3)), rs.getString(5))))
                .forEach(en -> out.computeIfAbsent(en.getKey(), k -> new ArrayList<>()).add(en.getValue()));
        return out;
    }

    private static void insert(Handle h, AgreementId agreement, AgreementEvent e, Optional<String> envelope, long now) {
        h.createUpdate("INSERT INTO agreement_ledger (agreement, type, by_party, event_day, note, envelope_id, recorded_at) "
                        + "VALUES (:a, :t, :b, :d, :n, :e, :at)").bind("a", agreement.value()).bind("t", e.type().name())
                .bind("b", e.by().code()).bind("d", e.date().toString()).bind("n", e.note())
                .bind("e", envelope.orElse(null)).bind("at", now).execute();
    }

    /** The agreements that start with no events here and move only by messages. */
    public java.util.Set<AgreementId> fromMessagesOnly() {
        return fromMessagesOnly;
    }

    /** A clock-free helper for callers: today's date in UTC. */
    public static LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
    }
}
