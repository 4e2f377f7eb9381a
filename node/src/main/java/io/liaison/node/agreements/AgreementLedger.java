package io.liaison.node.agreements;

import io.liaison.core.agreement.Agreement;
import io.liaison.core.agreement.AgreementEvent;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.agreement.EventType;
import io.liaison.core.agreement.Lifecycle;
import io.liaison.core.agreement.Transition;
import io.liaison.core.catalog.Catalog;
import io.liaison.core.decision.DecisionEngine;
import io.liaison.core.error.ConflictException;
import io.liaison.core.error.NotFoundException;
import io.liaison.core.party.Party;
import io.liaison.node.store.Tx;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The agreements in force on this node. The shipped catalog defines each agreement (parties, tables,
 * rules, term); its lifecycle comes from the events this node recorded from signed messages once it has
 * any for that agreement, or, for the agreements named message-driven, from those events alone (one
 * nobody proposed yet has no state). {@link #catalog} and {@link #engine} always reflect the committed ledger;
 * an event that R17 does not allow in the state it meets is refused before anything is stored. Each recorded event
 * keeps its origin: the shipped catalog, a step approved on this node, or a peer's signed message.
 */
public final class AgreementLedger {
    /** Where an event the catalog did not ship came from, when it is the catalog's own. */
    public static final String CATALOG = "shipped catalog";

    private final Jdbi jdbi;
    private final Catalog base;
    private final Set<AgreementId> fromMessagesOnly;
    private final java.util.function.Supplier<? extends java.util.Collection<io.liaison.core.policy.SecurityPolicy>>
            policies;
    private final AtomicReference<Snapshot> current = new AtomicReference<>();

    private record Snapshot(Catalog catalog, DecisionEngine engine) {}

    /** An event as recorded here, with where it came from. */
    public record Recorded(AgreementEvent event, String origin) {}

    /** A line of an agreement's history: a transition of its timeline and, for a dated event, its origin. */
    public record Line(Transition transition, Optional<String> origin) {}

    public AgreementLedger(Jdbi jdbi, Catalog base, Set<AgreementId> fromMessagesOnly) {
        this(jdbi, base, fromMessagesOnly, base::policies);
    }

    /** A ledger whose catalog takes the policies in force from {@code policies} at each {@link #reload}. */
    public AgreementLedger(Jdbi jdbi, Catalog base, Set<AgreementId> fromMessagesOnly,
            java.util.function.Supplier<? extends java.util.Collection<io.liaison.core.policy.SecurityPolicy>> policies) {
        this.jdbi = jdbi;
        this.base = base;
        this.policies = policies;
        this.fromMessagesOnly = Set.copyOf(fromMessagesOnly);
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

    /** The agreement as this node knows it; refused when the catalog does not hold it. */
    public Agreement require(AgreementId id) {
        return catalog().agreement(id).orElseThrow(() -> new NotFoundException("AGREEMENT_UNKNOWN", "agreement " + id
                + " is not in the catalog"));
    }

    /** The events recorded for an agreement, in order. */
    public List<AgreementEvent> events(AgreementId agreement) {
        return recorded(agreement).stream().map(Recorded::event).toList();
    }

    /** The events that make the agreement's state here, with their origins, in order. */
    public List<Recorded> recorded(AgreementId agreement) {
        Agreement a = base.agreement(agreement).orElseThrow(() -> unknown(agreement));
        List<Recorded> here = jdbi.withHandle(h -> recordedIn(h).getOrDefault(agreement, List.of()));
        if (!here.isEmpty() || fromMessagesOnly.contains(agreement)) {
            return here;
        }
        return a.events().stream().map(e -> new Recorded(e, CATALOG)).toList();
    }

    /** The timeline until {@code until}, each line with the origin of the event that made it, when there was one. */
    public List<Line> history(AgreementId agreement, LocalDate until) {
        List<Recorded> recorded = recorded(agreement);
        Lifecycle lc = catalog().lifecycle(agreement);
        List<Line> out = new ArrayList<>();
        for (Transition t : lc.timeline(until)) {
            out.add(new Line(t, t.event().flatMap(e -> recorded.stream().filter(r -> r.event().equals(e))
                    .map(Recorded::origin).findFirst())));
        }
        return out;
    }

    /** The parties that signed while the others have not yet (a signature waits for every party). */
    public Map<Party, LocalDate> signaturesWaiting(AgreementId agreement) {
        Map<Party, LocalDate> out = new LinkedHashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT party, event_day FROM agreement_signatures WHERE agreement = :a ORDER BY "
                        + "event_day, party").bind("a", agreement.value())
                .map((rs, ctx) -> Map.entry(Party.of(rs.getString(1)), LocalDate.parse(rs.getString(2))))
                .forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    /**
     * The lifecycle the agreement would have with {@code e} recorded next, without recording it: refused (R17) as
     * {@link #record} would refuse it. A signature checks only that this party may sign now.
     */
    public Lifecycle preview(AgreementId agreementId, AgreementEvent e) {
        return jdbi.withHandle(h -> {
            Agreement a = base.agreement(agreementId).orElseThrow(() -> unknown(agreementId));
            member(a, e.by());
            List<AgreementEvent> events = new ArrayList<>(effectiveEvents(a, events(recordedIn(h).get(agreementId))));
            if (e.type() == EventType.SIGNED) {
                if (alreadySigned(h, agreementId, e.by())) {
                    throw new ConflictException("ALREADY_SIGNED", e.by() + " has already signed " + agreementId);
                }
                requireOrder(a, events, e);
                Lifecycle now = checked(a, events);
                if (now.stateOn(e.date()).filter(s -> s == io.liaison.core.agreement.AgreementState.PROPOSED).isEmpty()) {
                    throw new ConflictException("LIFECYCLE_REFUSED", "agreement " + agreementId + ": " + e.by()
                            + " cannot sign on " + e.date() + " (R17): the agreement is " + now.stateOn(e.date())
                            .map(Enum::name).orElse("not proposed") + ", and signing is allowed from PROPOSED");
                }
                return now;
            }
            requireOrder(a, events, e);
            events.add(e);
            return checked(a, events);
        });
    }

    /**
     * Records an event in the caller's transaction after checking that R17 allows it; call
     * {@link #reload} after the commit. {@code origin} says where it came from.
     */
    public void record(Tx tx, AgreementId agreementId, AgreementEvent e, Optional<String> envelope, String origin,
            long now) {
        Handle h = tx.sql();
        Agreement a = base.agreement(agreementId).orElseThrow(() -> unknown(agreementId));
        member(a, e.by());
        List<Recorded> recorded = recordedIn(h).get(agreementId);
        List<AgreementEvent> events = new ArrayList<>(effectiveEvents(a, events(recorded)));
        requireOrder(a, events, e);
        events.add(e);
        checked(a, events);
        if (!fromMessagesOnly.contains(agreementId) && recorded == null) {
            // The first recorded event continues the catalog's history: keep it in the ledger.
            for (AgreementEvent prior : a.events()) {
                insert(h, agreementId, prior, Optional.empty(), CATALOG, now);
            }
        }
        insert(h, agreementId, e, envelope, origin, now);
    }

    /**
     * Records a party's signature in the caller's transaction; when every party has signed, records the
     * SIGNED event on the later signature's day and returns true.
     */
    public boolean sign(Tx tx, AgreementId agreementId, Party party, LocalDate day, Optional<String> envelope,
            String origin, long now) {
        Handle h = tx.sql();
        Agreement a = base.agreement(agreementId).orElseThrow(() -> unknown(agreementId));
        member(a, party);
        if (alreadySigned(h, agreementId, party)) {
            throw new ConflictException("ALREADY_SIGNED", party + " has already signed " + agreementId);
        }
        h.createUpdate("INSERT INTO agreement_signatures (agreement, party, event_day) VALUES (:a, :p, :d)")
                .bind("a", agreementId.value()).bind("p", party.code()).bind("d", day.toString()).execute();
        Map<String, String> signed = h.createQuery("SELECT party, event_day FROM agreement_signatures WHERE agreement = :a")
                .bind("a", agreementId.value()).map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        if (!signed.keySet().containsAll(a.members().stream().map(Party::code).toList())) {
            return false;
        }
        LocalDate last = signed.values().stream().map(LocalDate::parse).max(LocalDate::compareTo).orElseThrow();
        record(tx, agreementId, new AgreementEvent(last, EventType.SIGNED, party, "signed by " + String.join(", ",
                signed.keySet().stream().sorted().toList())), envelope, origin, now);
        h.createUpdate("DELETE FROM agreement_signatures WHERE agreement = :a").bind("a", agreementId.value()).execute();
        return true;
    }

    /** Rebuilds the catalog and engine from the committed ledger and the policies in force, and says so. */
    public void reload() {
        reloadHere();
        reloaded.run();
    }

    private volatile Runnable reloaded = () -> {};

    /** Told after each {@link #reload} (the node tells its other replicas). */
    public void onReload(Runnable listener) {
        this.reloaded = listener;
    }

    /** As {@link #reload}, without telling anyone: for a change another replica made. */
    public void reloadHere() {
        Map<AgreementId, List<Recorded>> recorded = jdbi.withHandle(AgreementLedger::recordedIn);
        List<Agreement> agreements = base.agreements().stream()
                .map(a -> a.withEvents(effectiveEvents(a, events(recorded.get(a.id()))))).toList();
        Catalog c = new Catalog(policies.get(), agreements);
        current.set(new Snapshot(c, new DecisionEngine(c)));
    }

    private List<AgreementEvent> effectiveEvents(Agreement a, List<AgreementEvent> recorded) {
        if (recorded != null) {
            return recorded;
        }
        return fromMessagesOnly.contains(a.id()) ? List.of() : a.events();
    }

    private static List<AgreementEvent> events(List<Recorded> recorded) {
        return recorded == null ? null : recorded.stream().map(Recorded::event).toList();
    }

    private static Lifecycle checked(Agreement a, List<AgreementEvent> events) {
        try {
            return Lifecycle.of(a.withEvents(events));
        } catch (io.liaison.core.error.InvalidInputException | IllegalArgumentException | IllegalStateException ex) {
            throw new ConflictException("LIFECYCLE_REFUSED", ex.getMessage());
        }
    }

    private static void requireOrder(Agreement a, List<AgreementEvent> events, AgreementEvent e) {
        if (!events.isEmpty() && e.date().isBefore(events.getLast().date())) {
            throw new ConflictException("LIFECYCLE_REFUSED", "agreement " + a.id() + ": event " + e.type() + " on "
                    + e.date() + " comes before the last recorded event (" + events.getLast().type() + " on "
                    + events.getLast().date() + "); steps are recorded in date order (R17)");
        }
    }

    private static void member(Agreement a, Party p) {
        if (!a.isParty(p)) {
            throw new ConflictException("NOT_A_PARTY", p + " is not a party to agreement " + a.id());
        }
    }

    private static boolean alreadySigned(Handle h, AgreementId agreementId, Party party) {
        return h.createQuery("SELECT COUNT(*) FROM agreement_signatures WHERE agreement = :a AND party = :p")
                .bind("a", agreementId.value()).bind("p", party.code()).mapTo(Long.class).one() > 0;
    }

    private static Map<AgreementId, List<Recorded>> recordedIn(Handle h) {
        Map<AgreementId, List<Recorded>> out = new LinkedHashMap<>();
        h.createQuery("SELECT agreement, type, by_party, event_day, note, envelope_id, origin FROM agreement_ledger "
                        + "ORDER BY seq")
                .map((rs, ctx) -> Map.entry(AgreementId.of(rs.getString(1)), new Recorded(new AgreementEvent(
                        LocalDate.parse(rs.getString(4)), EventType.valueOf(rs.getString(2)), Party.of(rs.getString(3)),
                        rs.getString(5)), origin(rs.getString(7), rs.getString(6), rs.getString(3)))))
                .forEach(en -> out.computeIfAbsent(en.getKey(), k -> new ArrayList<>()).add(en.getValue()));
        return out;
    }

    /** The origin as stored; rows from before origins were kept say what their envelope says. */
    private static String origin(String stored, String envelope, String by) {
        if (stored != null) {
            return stored;
        }
        return envelope != null ? "signed message from " + by + " (envelope " + envelope + ")" : "recorded here";
    }

    private static void insert(Handle h, AgreementId agreement, AgreementEvent e, Optional<String> envelope, String origin,
            long now) {
        h.createUpdate("INSERT INTO agreement_ledger (agreement, type, by_party, event_day, note, envelope_id, recorded_at, "
                        + "origin) VALUES (:a, :t, :b, :d, :n, :e, :at, :o)").bind("a", agreement.value())
                .bind("t", e.type().name()).bind("b", e.by().code()).bind("d", e.date().toString()).bind("n", e.note())
                .bind("e", envelope.orElse(null)).bind("at", now)
                .bind("o", origin.length() <= 300 ? origin : origin.substring(0, 299) + "…").execute();
    }

    private static NotFoundException unknown(AgreementId id) {
        return new NotFoundException("AGREEMENT_UNKNOWN", "agreement " + id + " is not in the catalog");
    }

    /** The agreements that start with no events here and move only by messages. */
    public Set<AgreementId> fromMessagesOnly() {
        return fromMessagesOnly;
    }

    /** A clock-free helper for callers: today's date in UTC. */
    public static LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
    }
}
