package io.liaison.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.liaison.core.agreement.Agreement;
import io.liaison.core.agreement.AgreementKind;
import io.liaison.core.catalog.Catalog;
import io.liaison.core.label.PolicyIdentifier;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.policy.SecurityPolicy;
import io.liaison.core.translation.Translation;
import io.liaison.core.translation.Translator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Translation is monotone in level: a higher source level never maps to a lower equivalent. */
class TranslationProperties {
    private static final Catalog CATALOG = Fixtures.catalog();
    private static final Translator TRANSLATOR = new Translator(CATALOG);

    record Direction(Agreement agreement, Party from, Party to) {}

    record Pair(Direction direction, String lower, String higher) {}

    @Provide
    Arbitrary<Pair> pairs() {
        List<Direction> directions = new ArrayList<>();
        for (Agreement a : CATALOG.agreements()) {
            for (Party from : a.members()) {
                for (Party to : a.members()) {
                    boolean viaHub = a.kind() != AgreementKind.RELAY || a.rules().hub().orElseThrow().equals(from)
                            || a.rules().hub().orElseThrow().equals(to);
                    if (!from.equals(to) && viaHub) {
                        directions.add(new Direction(a, from, to));
                    }
                }
            }
        }
        return Arbitraries.of(directions).flatMap(d -> {
            List<String> covered = d.agreement().coveredLevels(d.from());
            Arbitrary<String> level = Arbitraries.of(covered);
            return Combinators.combine(level, level).as((x, y) -> {
                SecurityPolicy p = policy(d.agreement(), d.from());
                return p.rank(x) <= p.rank(y) ? new Pair(d, x, y) : new Pair(d, y, x);
            });
        });
    }

    @Property(tries = 500)
    void translation_isMonotoneInLevel(@ForAll("pairs") Pair pair) {
        Direction d = pair.direction();
        SecurityPolicy to = policy(d.agreement(), d.to());
        int lower = to.rank(equivalent(d, pair.lower()));
        int higher = to.rank(equivalent(d, pair.higher()));
        assertThat(lower).isLessThanOrEqualTo(higher);
    }

    private static String equivalent(Direction d, String level) {
        SecurityPolicy from = policy(d.agreement(), d.from());
        SecurityLabel label = SecurityLabel.of(PolicyIdentifier.of(from.name()), level, d.from(), Instant.EPOCH);
        Translation t = TRANSLATOR.translate(label, d.from(), d.to(), d.agreement().id(), Instant.EPOCH);
        return ((Translation.Marked) t).equivalent().classification();
    }

    private static SecurityPolicy policy(Agreement a, Party p) {
        return CATALOG.requirePolicy(a.policyOf(p).orElseThrow());
    }
}
