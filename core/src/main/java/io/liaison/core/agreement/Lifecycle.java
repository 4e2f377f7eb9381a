package io.liaison.core.agreement;

import io.liaison.core.error.InvalidInputException;
import io.liaison.core.party.Party;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The state machine of R17, run over an agreement's dated events. Entry into force is on the later of
 * the parties' notifications; the agreement renews on each anniversary of that date; a termination
 * notice takes effect on the first anniversary at least the notice period after it. Nothing here is a
 * hard-coded date: every effect is computed from the events, the term and the notice period.
 */
public final class Lifecycle {
    private final Agreement agreement;
    private final List<Transition> changes;
    private final long[] days;
    private final AgreementState[] states;
    private final Optional<LocalDate> entryIntoForce;

    private Lifecycle(Agreement agreement, List<Transition> changes, Optional<LocalDate> entryIntoForce) {
        this.agreement = agreement;
        this.changes = List.copyOf(changes);
        this.entryIntoForce = entryIntoForce;
        this.days = new long[changes.size()];
        this.states = new AgreementState[changes.size()];
        for (int i = 0; i < changes.size(); i++) {
            days[i] = changes.get(i).date().toEpochDay();
            states[i] = changes.get(i).state();
        }
    }

    /** Runs the events; an event that is not allowed in the state it meets is refused, naming both (R17). */
    public static Lifecycle of(Agreement agreement) {
        List<Transition> out = new ArrayList<>();
        AgreementState state = null;
        Map<Party, LocalDate> notified = new LinkedHashMap<>();
        Map<Party, LocalDate> initialled = new LinkedHashMap<>();
        LocalDate entry = null;
        LocalDate pending = null;
        Party notifier = null;
        LocalDate previous = LocalDate.MIN;
        for (AgreementEvent e : agreement.events()) {
            if (e.date().isBefore(previous)) {
                throw illegal(agreement, e, "events must be in date order; it comes after " + previous);
            }
            previous = e.date();
            if (pending != null && state == AgreementState.TERMINATION_NOTIFIED && !pending.isAfter(e.date())) {
                out.add(new Transition(pending, AgreementState.TERMINATED, false,
                        "termination notice by " + notifier + " took effect (R17)", Optional.empty()));
                state = AgreementState.TERMINATED;
                pending = null;
            }
            switch (e.type()) {
                case PROPOSED -> {
                    require(agreement, e, state, null, AgreementState.DECLINED);
                    state = AgreementState.PROPOSED;
                    out.add(change(e, state, "proposed by " + e.by()));
                }
                case DECLINED -> {
                    require(agreement, e, state, AgreementState.PROPOSED);
                    initialled.clear();
                    state = AgreementState.DECLINED;
                    out.add(change(e, state, "declined by " + e.by()));
                }
                case INITIALLED -> {
                    require(agreement, e, state, AgreementState.PROPOSED);
                    if (initialled.putIfAbsent(e.by(), e.date()) != null) {
                        throw illegal(agreement, e, e.by() + " has already initialled on " + initialled.get(e.by()));
                    }
                    out.add(change(e, state, "initialled by " + e.by() + (initialled.keySet().containsAll(
                            agreement.members()) ? "; every party has initialled the text" : "")));
                }
                case RENEWED -> {
                    require(agreement, e, state, AgreementState.IN_FORCE);
                    out.add(change(e, state, "renewal on " + nextAnniversary(entry, agreement.term(), e.date())
                            .map(LocalDate::toString).orElse("(no anniversary: open-ended)") + " confirmed by "
                            + e.by() + " (R17)"));
                }
                case SIGNED -> {
                    require(agreement, e, state, AgreementState.PROPOSED);
                    state = AgreementState.SIGNED;
                    out.add(change(e, state, "signed"));
                }
                case NOTIFIED -> {
                    require(agreement, e, state, AgreementState.SIGNED);
                    if (notified.putIfAbsent(e.by(), e.date()) != null) {
                        throw illegal(agreement, e, e.by() + " has already notified on " + notified.get(e.by()));
                    }
                    if (notified.keySet().containsAll(agreement.members())) {
                        entry = e.date();
                        state = AgreementState.IN_FORCE;
                        out.add(change(e, state, "entered into force on the later of the parties' notifications"
                                + " (R17)"));
                    }
                }
                case TERMINATION_NOTICE -> {
                    require(agreement, e, state, AgreementState.IN_FORCE);
                    notifier = e.by();
                    pending = effectiveTermination(entry, agreement.term(), agreement.noticePeriod(), e.date());
                    state = AgreementState.TERMINATION_NOTIFIED;
                    out.add(change(e, state, "written notice of termination by " + e.by() + "; takes effect "
                            + pending + " (end of " + pending.minusDays(1) + ")"));
                }
                case NOTICE_SUSPENDED -> {
                    require(agreement, e, state, AgreementState.TERMINATION_NOTIFIED);
                    requireNotifier(agreement, e, notifier);
                    pending = null;
                    state = AgreementState.NOTICE_SUSPENDED;
                    out.add(change(e, state, "notice suspended by " + e.by() + "; it may still be acted on"));
                }
                case NOTICE_WITHDRAWN -> {
                    require(agreement, e, state, AgreementState.TERMINATION_NOTIFIED, AgreementState.NOTICE_SUSPENDED);
                    requireNotifier(agreement, e, notifier);
                    pending = null;
                    notifier = null;
                    state = AgreementState.IN_FORCE;
                    out.add(change(e, state, "notice withdrawn by " + e.by() + "; fully in force again"));
                }
                case NOTICE_ACTED_ON -> {
                    require(agreement, e, state, AgreementState.NOTICE_SUSPENDED);
                    requireNotifier(agreement, e, notifier);
                    state = AgreementState.TERMINATED;
                    out.add(change(e, state, "suspended notice acted on by " + e.by()));
                }
            }
        }
        if (pending != null && state == AgreementState.TERMINATION_NOTIFIED) {
            out.add(new Transition(pending, AgreementState.TERMINATED, false,
                    "termination notice by " + notifier + " takes effect (R17)", Optional.empty()));
        }
        return new Lifecycle(agreement, out, Optional.ofNullable(entry));
    }

    /**
     * The day a termination notice given on {@code noticeDate} takes effect: the first anniversary of
     * entry into force that is at least {@code notice} after the notice (R17); for an open-ended
     * arrangement, the notice date plus the notice period.
     */
    public static LocalDate effectiveTermination(LocalDate entry, Optional<Period> term, Period notice,
            LocalDate noticeDate) {
        if (term.isEmpty() || term.get().isZero()) {
            return noticeDate.plus(notice);
        }
        LocalDate earliest = noticeDate.plus(notice);
        for (int k = 1; ; k++) {
            LocalDate anniversary = entry.plus(term.get().multipliedBy(k));
            if (!earliest.isAfter(anniversary)) {
                return anniversary;
            }
        }
    }

    /** The first anniversary of entry into force after {@code day}; empty for an open-ended arrangement. */
    public static Optional<LocalDate> nextAnniversary(LocalDate entry, Optional<Period> term, LocalDate day) {
        if (entry == null || term.isEmpty() || term.get().isZero()) {
            return Optional.empty();
        }
        for (int k = 1; ; k++) {
            LocalDate anniversary = entry.plus(term.get().multipliedBy(k));
            if (anniversary.isAfter(day)) {
                return Optional.of(anniversary);
            }
        }
    }

    public Agreement agreement() {
        return agreement;
    }

    /** The state on a day, or empty before the first event. */
    public Optional<AgreementState> stateOn(LocalDate date) {
        long d = date.toEpochDay();
        int lo = 0;
        int hi = days.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (days[mid] <= d) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? Optional.empty() : Optional.of(states[found]);
    }

    public Optional<LocalDate> entryIntoForce() {
        return entryIntoForce;
    }

    /** Every change of state, then the automatic renewals up to {@code until}, in date order. */
    public List<Transition> timeline(LocalDate until) {
        List<Transition> out = new ArrayList<>();
        for (Transition t : changes) {
            if (!t.date().isAfter(until)) {
                out.add(t);
            }
        }
        if (entryIntoForce.isPresent() && agreement.term().isPresent() && !agreement.term().get().isZero()) {
            Set<AgreementState> running = EnumSet.of(AgreementState.IN_FORCE, AgreementState.TERMINATION_NOTIFIED,
                    AgreementState.NOTICE_SUSPENDED);
            for (int k = 1; ; k++) {
                LocalDate anniversary = entryIntoForce.get().plus(agreement.term().get().multipliedBy(k));
                if (anniversary.isAfter(until)) {
                    break;
                }
                AgreementState s = stateOn(anniversary).orElseThrow();
                if (!running.contains(s)) {
                    if (s == AgreementState.TERMINATED) {
                        break;
                    }
                    continue;
                }
                out.add(new Transition(anniversary, s, true, "renewed automatically for " + agreement.term().get()
                        + " (R17)", Optional.empty()));
            }
        }
        out.sort(Comparator.comparing(Transition::date).thenComparing(Transition::renewal));
        return out;
    }

    private static Transition change(AgreementEvent e, AgreementState state, String cause) {
        String note = e.note().isEmpty() ? "" : " — " + e.note();
        return new Transition(e.date(), state, false, cause + note, Optional.of(e));
    }

    private static void require(Agreement a, AgreementEvent e, AgreementState state, AgreementState... allowed) {
        for (AgreementState s : allowed) {
            if (s == state) {
                return;
            }
        }
        List<String> names = new ArrayList<>();
        for (AgreementState s : allowed) {
            names.add(s == null ? "(no state yet)" : s.name());
        }
        throw illegal(a, e, "it is not allowed in state " + (state == null ? "(no state yet)" : state)
                + "; allowed from " + String.join(", ", names));
    }

    private static void requireNotifier(Agreement a, AgreementEvent e, Party notifier) {
        if (!e.by().equals(notifier)) {
            throw illegal(a, e, "only the notifying party " + notifier + " may do this");
        }
    }

    private static InvalidInputException illegal(Agreement a, AgreementEvent e, String why) {
        return new InvalidInputException("LIFECYCLE_INVALID", "agreement " + a.id() + ": event " + e.type() + " on "
                + e.date() + " by " + e.by() + " is refused (R17): " + why);
    }
}
