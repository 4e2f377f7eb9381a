package io.liaison.catalog.translation;

import static org.assertj.core.api.Assertions.assertThat;

import io.liaison.catalog.ConformanceData;
import io.liaison.catalog.spif.PolicyFile;
import io.liaison.catalog.spif.SpiffyXml;
import io.liaison.core.agreement.Agreement;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.agreement.AgreementKind;
import io.liaison.core.agreement.AgreementRules;
import io.liaison.core.agreement.Equivalence;
import io.liaison.core.agreement.PartyPolicy;
import io.liaison.core.catalog.Catalog;
import io.liaison.core.decision.ReasonCode;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.policy.Classification;
import io.liaison.core.policy.SecurityPolicy;
import io.liaison.core.spif.LabelForms;
import io.liaison.core.spif.SpifMarkings;
import io.liaison.core.translation.Translation;
import io.liaison.core.translation.Translator;
import java.nio.file.Files;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Translation through equivalent policies beside the agreement tables: two CERTs share under an arrangement with no
 * equivalence table, one marking in TLPX and the other in TLP, whose SPIFs declare each other equivalent. The label
 * is translated as the SPIF says, to the marking the conformance suite expects, and the translation names its basis;
 * a table, where there is one, still decides, and the levels must be covered on both sides (R2).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EquivalentPolicyTranslationTest {
    private static final Party A = Party.of("CERT-A");
    private static final Party B = Party.of("CERT-B");
    private static final Instant NOW = Instant.parse("2026-12-03T00:00:00Z");

    private final SecurityPolicy tlpx = policy("tlp-plus.xml", A);
    private final SecurityPolicy tlp = policy("tlp.xml", B);

    private static SecurityPolicy policy(String file, Party owner) {
        try {
            return PolicyFile.read(Files.readAllBytes(ConformanceData.dir().resolve(file)), file).policy(Optional.of(owner));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Translation translate(List<Equivalence> table, List<String> coveredForB) throws Exception {
        Agreement a = new Agreement(AgreementId.of("cert-a-cert-b-2026"), "CERT exchange", AgreementKind.BILATERAL,
                List.of(new PartyPolicy(A, tlpx.id()), new PartyPolicy(B, tlp.id())), table,
                Map.of(A, tlpx.levels().stream().map(Classification::name).toList(), B, coveredForB),
                new AgreementRules(false, false, Set.of(), Optional.empty()), Optional.of(Period.ofYears(1)),
                Period.ofDays(90), List.of());
        var spifLabel = SpiffyXml.read(Files.readAllBytes(ConformanceData.dir().resolve("tlpx-amber-eu.xml")),
                "tlpx-amber-eu.xml");
        SecurityLabel label = LabelForms.fromSpif(spifLabel, tlpx.spif().orElseThrow(), tlpx, A, NOW);
        return new Translator(new Catalog(List.of(tlpx, tlp), List.of(a))).translate(label, A, B, a.id(), NOW);
    }

    private List<String> allOfB() {
        return tlp.levels().stream().map(Classification::name).toList();
    }

    @Test
    void withNoTable_theSpifsEquivalenceTranslates_toTheMarkingTheSuiteExpects_andSaysSo() throws Exception {
        Translation t = translate(List.of(), allOfB());
        assertThat(t).isInstanceOf(Translation.Marked.class);
        Translation.Marked m = (Translation.Marked) t;
        assertThat(m.equivalent().classification()).isEqualTo("AMBER");
        assertThat(m.marking()).isEqualTo("CERT-A / AMBER");
        assertThat(m.basis()).startsWith("equivalent policy: TLPX (1.2.826.0.1.6726289.0.1) declares TLP")
                .contains("agreement cert-a-cert-b-2026 has no table from CERT-A to CERT-B");
        var spif = tlp.spif().orElseThrow();
        assertThat(SpifMarkings.marking(spif, LabelForms.toSpif(m.equivalent(), spif), Optional.empty()))
                .isEqualTo("TLP:AMBER [REGION=EU] [Additional Handling May Apply]/[Imported Data]");
    }

    @Test
    void aTable_stillDecides_andTheLevelsMustBeCoveredOnBothSides() throws Exception {
        String someLevel = tlpx.levels().getFirst().name();
        Translation tabled = translate(List.of(new Equivalence(A, someLevel, B, tlp.levels().getFirst().name(),
                "Art. 2")), allOfB());
        assertThat(tabled).isInstanceOfSatisfying(Translation.Refused.class, r -> assertThat(r.decision().code())
                .isEqualTo(ReasonCode.LEVEL_NOT_COVERED));
        Translation notCovered = translate(List.of(), allOfB().stream().filter(l -> !l.equals("AMBER")).toList());
        assertThat(notCovered).isInstanceOfSatisfying(Translation.Refused.class, r -> {
            assertThat(r.decision().code()).isEqualTo(ReasonCode.LEVEL_NOT_COVERED);
            assertThat(r.decision().message()).contains("AMBER, the equivalent in policy " + tlp.id());
        });
    }
}
