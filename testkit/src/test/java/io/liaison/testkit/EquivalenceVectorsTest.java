package io.liaison.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.core.agreement.Agreement;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.agreement.Equivalence;
import io.liaison.core.catalog.Catalog;
import io.liaison.core.label.PolicyIdentifier;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.policy.SecurityPolicy;
import io.liaison.core.translation.Translation;
import io.liaison.core.translation.Translator;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@org.junit.jupiter.api.Timeout(120)
class EquivalenceVectorsTest {
    private static final Catalog CATALOG = Fixtures.catalog();
    private static final Translator TRANSLATOR = new Translator(CATALOG);

    static List<Vectors.Vector> vectors() {
        return Vectors.load(Vectors.EQUIVALENCES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void translation_matchesTheVector(Vectors.Vector v) {
        JsonNode b = v.body();
        Party from = Party.of(b.get("from").asText());
        Translation t = TRANSLATOR.translate(label(from, b.get("level").asText()), from, Party.of(b.get("to").asText()),
                AgreementId.of(b.get("agreement").asText()), Instant.parse("2020-01-01T00:00:00Z"));
        JsonNode expect = b.get("expect");
        if (expect.has("refused")) {
            assertThat(t).isInstanceOfSatisfying(Translation.Refused.class, r -> {
                assertThat(r.decision().code().name()).isEqualTo(expect.get("refused").asText());
                assertThat(r.decision().rule()).isEqualTo(expect.get("rule").asText());
            });
        } else {
            assertThat(t).isInstanceOfSatisfying(Translation.Marked.class, m -> {
                assertThat(m.marking()).isEqualTo(expect.get("marking").asText());
                assertThat(m.equivalent().classification()).isEqualTo(expect.get("level").asText());
                assertThat(m.originatorLabel().classification()).isEqualTo(b.get("level").asText());
            });
        }
    }

    @Test
    void vectors_coverEveryRowOfEveryShippedTable() {
        Set<String> covered = new HashSet<>();
        for (Vectors.Vector v : vectors()) {
            JsonNode b = v.body();
            if (!b.get("expect").has("refused")) {
                covered.add(b.get("agreement").asText() + "|" + b.get("from").asText() + "|" + b.get("level").asText()
                        + "|" + b.get("to").asText());
            }
        }
        for (Agreement a : CATALOG.agreements()) {
            for (Equivalence row : a.table()) {
                assertThat(covered).as("vector for %s row %s", a.id(), row)
                        .contains(a.id() + "|" + row.from() + "|" + row.fromLevel() + "|" + row.to());
            }
        }
    }

    private static SecurityLabel label(Party party, String level) {
        SecurityPolicy p = CATALOG.policyOf(party).orElseThrow();
        return SecurityLabel.of(PolicyIdentifier.of(p.name()), level, party, Instant.parse("2019-01-01T00:00:00Z"));
    }
}
