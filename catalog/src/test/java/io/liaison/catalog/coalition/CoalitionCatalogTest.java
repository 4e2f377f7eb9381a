package io.liaison.catalog.coalition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.catalog.CatalogFiles;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.agreement.AgreementKind;
import io.liaison.core.catalog.Catalog;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.label.PolicyIdentifier;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.translation.Translation;
import io.liaison.core.translation.Translator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class CoalitionCatalogTest {
    @TempDir
    Path dir;

    @Test
    void thirtyTwoMembers_giveAPolicyEachAnAgreementPerPairAndARelay_readBackAsOneCatalog() {
        CoalitionCatalog coalition = CoalitionCatalog.of(32);
        assertThat(coalition.write(dir)).isEqualTo(31 + 496 + 1);
        Catalog catalog = CatalogFiles.read(dir).catalog();
        assertThat(catalog.policies()).hasSize(5 + 31);
        assertThat(catalog.agreements()).hasSize(4 + 496 + 1);
        for (Party a : coalition.members()) {
            assertThat(catalog.policyOf(a)).as(a.code()).isPresent();
            for (Party b : coalition.members()) {
                if (!a.equals(b)) {
                    assertThat(catalog.agreement(AgreementId.of(coalition.bilateralId(a, b)))).as(a + "-" + b).isPresent();
                }
            }
        }
        var relay = catalog.agreement(AgreementId.of(coalition.relayId())).orElseThrow();
        assertThat(relay.kind()).isEqualTo(AgreementKind.RELAY);
        assertThat(relay.rules().hub()).contains(Party.of("USA"));
    }

    @Test
    void aBilateralTable_translatesAMembersLevelIntoTheOthers_andTheUsKeepsItsShippedPolicy() {
        CoalitionCatalog coalition = CoalitionCatalog.of(5);
        coalition.write(dir);
        Catalog catalog = CatalogFiles.read(dir).catalog();
        Party fra = Party.of("FRA");
        Party alb = Party.of("ALB");
        SecurityLabel label = new SecurityLabel(PolicyIdentifier.of(catalog.policyOf(fra).orElseThrow().name()), "FRA SECRET",
                Optional.empty(), List.of(), Optional.of(fra), Instant.EPOCH, Optional.empty());
        Translation t = new Translator(catalog).translate(label, fra, alb, AgreementId.of(coalition.bilateralId(fra, alb)),
                Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(t).isInstanceOf(Translation.Marked.class);
        assertThat(((Translation.Marked) t).equivalent().classification()).isEqualTo("ALB SECRET");
        assertThat(coalition.policyId(Party.of("USA"))).isEqualTo("usa");
        assertThat(coalition.level(Party.of("USA"), 2)).isEqualTo("SECRET");
        assertThat(coalition.covered(Party.of("USA"))).containsExactly("SECRET", "CONFIDENTIAL");
    }

    @Test
    void aCatalogDirectory_withAPolicyIdTheShippedCatalogHas_isRefusedNamingTheFile() throws Exception {
        Files.createDirectories(dir.resolve("policies"));
        Files.write(dir.resolve("policies").resolve("usa.xml"), io.liaison.catalog.ShippedCatalog.resource("policies/usa.xml"));
        assertThatThrownBy(() -> CatalogFiles.read(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("usa.xml").hasMessageContaining("policy usa is given twice");
    }

    @Test
    void aFileOverItsSizeLimit_isRefusedBeforeItIsRead() throws Exception {
        Files.createDirectories(dir.resolve("agreements"));
        Files.write(dir.resolve("agreements").resolve("big.json"), new byte[io.liaison.catalog.json.AgreementJson.MAX_BYTES + 1]);
        assertThatThrownBy(() -> CatalogFiles.read(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("big.json is " + (io.liaison.catalog.json.AgreementJson.MAX_BYTES + 1) + " bytes");
    }

    @Test
    void anAgreementNamingAPolicyThatIsNotThere_isRefused() throws Exception {
        CoalitionCatalog.of(4).write(dir);
        Files.delete(dir.resolve("policies").resolve("deu.xml"));
        assertThatThrownBy(() -> CatalogFiles.read(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("deu");
    }
}
