package io.liaison.core.agreement;

import io.liaison.core.party.Party;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A security agreement as data: parties and their policies, a directional equivalence table, the levels
 * it covers per party, its rules, its term and notice period, and its dated events.
 *
 * @param term how long each period runs before automatic renewal; empty for an open-ended arrangement
 * @param noticePeriod how long before an anniversary a termination notice must be given
 * @param lifecycleArticle the provision on entry into force, duration and termination (e.g. {@code Art. 21}),
 *     cited with R17 by every lifecycle step; empty when the catalog does not know it
 */
public record Agreement(
        AgreementId id,
        String title,
        AgreementKind kind,
        List<PartyPolicy> parties,
        List<Equivalence> table,
        Map<Party, List<String>> covered,
        AgreementRules rules,
        Optional<Period> term,
        Period noticePeriod,
        List<AgreementEvent> events,
        String lifecycleArticle) {
    public Agreement {
        lifecycleArticle = lifecycleArticle == null ? "" : lifecycleArticle.strip();
        Objects.requireNonNull(id, "id");
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("agreement " + id + " has no title");
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(term, "term");
        Objects.requireNonNull(noticePeriod, "noticePeriod");
        parties = List.copyOf(parties);
        table = List.copyOf(table);
        events = List.copyOf(events);
        Map<Party, List<String>> cov = new LinkedHashMap<>();
        covered.forEach((p, levels) -> cov.put(p, List.copyOf(levels)));
        covered = java.util.Collections.unmodifiableMap(cov);

        Set<Party> members = new HashSet<>();
        for (PartyPolicy pp : parties) {
            if (!members.add(pp.party())) {
                throw new IllegalArgumentException("agreement " + id + " lists party " + pp.party() + " twice");
            }
        }
        if (kind == AgreementKind.BILATERAL && members.size() != 2) {
            throw new IllegalArgumentException("bilateral agreement " + id + " needs exactly 2 parties, has " + members.size());
        }
        if (kind == AgreementKind.RELAY) {
            if (rules.hub().isEmpty() || !members.contains(rules.hub().get())) {
                throw new IllegalArgumentException("relay arrangement " + id + " needs a hub among its parties");
            }
            if (members.size() < 3) {
                throw new IllegalArgumentException("relay arrangement " + id + " needs a hub and at least 2 spokes");
            }
        } else if (rules.hub().isPresent()) {
            throw new IllegalArgumentException("bilateral agreement " + id + " cannot name a relay hub");
        }
        for (Equivalence e : table) {
            if (!members.contains(e.from()) || !members.contains(e.to())) {
                throw new IllegalArgumentException("agreement " + id + ": row " + e.from() + " " + e.fromLevel() + " -> "
                        + e.to() + " names a party outside the agreement");
            }
            if (!cov.getOrDefault(e.from(), List.of()).contains(e.fromLevel())) {
                throw new IllegalArgumentException("agreement " + id + ": row " + e.from() + " " + e.fromLevel()
                        + " -> " + e.to() + " starts from a level not in the covered levels of " + e.from());
            }
            if (!cov.getOrDefault(e.to(), List.of()).contains(e.toLevel())) {
                throw new IllegalArgumentException("agreement " + id + ": row " + e.from() + " " + e.fromLevel()
                        + " -> " + e.to() + " " + e.toLevel() + " ends at a level not covered for " + e.to());
            }
        }
        for (var entry : cov.entrySet()) {
            if (!members.contains(entry.getKey())) {
                throw new IllegalArgumentException("agreement " + id + " covers levels of " + entry.getKey()
                        + ", which is not a party");
            }
        }
        if (noticePeriod.isNegative()) {
            throw new IllegalArgumentException("agreement " + id + " has a negative notice period");
        }
        for (AgreementEvent e : events) {
            if (!members.contains(e.by())) {
                throw new IllegalArgumentException("agreement " + id + ": event " + e.type() + " on " + e.date()
                        + " is by " + e.by() + ", which is not a party");
            }
        }
    }

    /** An agreement whose lifecycle provision the catalog does not know. */
    public Agreement(AgreementId id, String title, AgreementKind kind, List<PartyPolicy> parties, List<Equivalence> table,
            Map<Party, List<String>> covered, AgreementRules rules, Optional<Period> term, Period noticePeriod,
            List<AgreementEvent> events) {
        this(id, title, kind, parties, table, covered, rules, term, noticePeriod, events, "");
    }

    /** The same agreement with {@code events} as its history (a node's ledger continues the catalog's). */
    public Agreement withEvents(List<AgreementEvent> events) {
        return new Agreement(id, title, kind, parties, table, covered, rules, term, noticePeriod, events, lifecycleArticle);
    }

    /** The rule and, when known, the article a lifecycle step cites, e.g. {@code R17 (Art. 21)}. */
    public String lifecycleRule() {
        return lifecycleArticle.isEmpty() ? "R17" : "R17 (" + lifecycleArticle + ")";
    }

    public Set<Party> members() {
        Set<Party> out = new java.util.LinkedHashSet<>();
        parties.forEach(p -> out.add(p.party()));
        return out;
    }

    public boolean isParty(Party party) {
        for (PartyPolicy p : parties) {
            if (p.party().equals(party)) {
                return true;
            }
        }
        return false;
    }

    public Optional<String> policyOf(Party party) {
        return parties.stream().filter(p -> p.party().equals(party)).map(PartyPolicy::policyId).findFirst();
    }

    public List<String> coveredLevels(Party party) {
        return covered.getOrDefault(party, List.of());
    }

    /** The row that maps {@code level} of {@code from} into {@code to}'s policy (R3), if the table has it. */
    public Optional<Equivalence> equivalent(Party from, String level, Party to) {
        for (Equivalence e : table) {
            if (e.from().equals(from) && e.to().equals(to) && e.fromLevel().equals(level)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Rows from one party to another, in table order. */
    public List<Equivalence> rows(Party from, Party to) {
        List<Equivalence> out = new ArrayList<>();
        for (Equivalence e : table) {
            if (e.from().equals(from) && e.to().equals(to)) {
                out.add(e);
            }
        }
        return out;
    }

    /** The article that states the equivalence table, e.g. {@code Art. 4}; empty when none is recorded. */
    public String tableArticle() {
        return table.stream().map(Equivalence::article).filter(s -> !s.isBlank()).findFirst().orElse("");
    }
}
