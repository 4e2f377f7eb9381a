package io.liaison.catalog.spif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.catalog.ConformanceData;
import io.liaison.catalog.ShippedCatalog;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.party.Party;
import io.liaison.core.policy.CategoryType;
import io.liaison.core.policy.SecurityPolicy;
import io.liaison.core.spif.Spif;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PolicyFileTest {
    private static final String US = new String(ShippedCatalog.resource("policies/usa.xml"), StandardCharsets.UTF_8);

    private static SecurityPolicy read(String xml) {
        return PolicyFile.read(xml.getBytes(StandardCharsets.UTF_8), "broken.xml").policy(Optional.empty());
    }

    @Test
    void shippedUsPolicy_hasItsLevelsColoursAndDisseminationControls() {
        SecurityPolicy p = read(US);
        assertThat(p.levelNames()).isEqualTo("UNCLASSIFIED, CONFIDENTIAL, SECRET, TOP SECRET");
        assertThat(p.requireClassification("SECRET").color().hex()).isEqualTo("#C8102E");
        assertThat(p.requireClassification("TOP SECRET").textColor().hex()).isEqualTo("#000000");
        assertThat(p.requireClassification("SECRET").portion().primary()).isEqualTo("S");
        assertThat(p.tag("Dissemination Controls", CategoryType.RESTRICTIVE).orElseThrow().value("NOFORN").orElseThrow()
                .excludes()).containsExactly("Releasable To");
        assertThat(p.nationalityTag().orElseThrow().values().getFirst().name()).isEqualTo("USA");
        assertThat(p.nationalityTag().orElseThrow().value("FVEY").orElseThrow().members()).contains("GBR", "NZL");
    }

    static final java.util.List<String> SHIPPED = ShippedCatalog.POLICIES;

    @ParameterizedTest
    @FieldSource("SHIPPED")
    void everyShippedPolicy_roundTripsThroughReadAndWriteUnchanged(String id) {
        byte[] shipped = ShippedCatalog.resource("policies/" + id + ".xml");
        PolicyFile file = PolicyFile.read(shipped, id + ".xml");
        byte[] written = file.write();
        assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo(new String(shipped, StandardCharsets.UTF_8));
        PolicyFile again = PolicyFile.read(written, "again.xml");
        assertThat(again).isEqualTo(file);
        assertThat(again.policy(Optional.empty())).isEqualTo(file.policy(Optional.empty()));
    }

    @Test
    void shippedNatoPolicy_isTheAdatp4774ExamplePolicyValueForValue() throws Exception {
        Spif example = Spif21Reader.read(Files.readAllBytes(ConformanceData.dir().resolve("nato-4774-policy.xml")),
                "nato-4774-policy.xml");
        PolicyFile shipped = ShippedCatalog.policyFile("nato");
        assertThat(shipped.spif()).isEqualTo(example);
        SecurityPolicy nato = shipped.policy(Optional.empty());
        assertThat(nato.oid()).contains("1.3.26.1.3.1");
        assertThat(nato.levelNames()).isEqualTo("UNCLASSIFIED, RESTRICTED, CONFIDENTIAL, SECRET, TOP SECRET");
        assertThat(nato.requireClassification("SECRET").banner().primary()).isEqualTo("NATO SECRET");
        assertThat(nato.requireClassification("TOP SECRET").banner().primary()).isEqualTo("COSMIC TOP SECRET");
        assertThat(nato.requireClassification("UNCLASSIFIED").banner().in("fr")).isEqualTo("NATO SANS CLASSIFICATION");
        assertThat(nato.tagsNamed("Releasable To").getFirst().values()).hasSize(90);
        assertThat(nato.nationalityTag().orElseThrow().value("NATO").orElseThrow().heldByNationality("DEU")).isTrue();
        assertThat(shipped.spif().tagSet("Only").orElseThrow().oid()).isEqualTo("1.3.26.1.4.5");
    }

    @Test
    void natoBanners_followTheSpifsQualifiersAndPhrasesPerLanguage_andParseBack() {
        SecurityPolicy nato = ShippedCatalog.policyFile("nato").policy(Optional.empty());
        var label = new io.liaison.core.label.SecurityLabel(new io.liaison.core.label.PolicyIdentifier("NATO",
                Optional.of("urn:oid:1.3.26.1.3.1")), "SECRET", Optional.empty(), java.util.List.of(
                io.liaison.core.label.Category.of("Releasable To", CategoryType.PERMISSIVE, "KOR", "JPN"),
                io.liaison.core.label.Category.of("Only", CategoryType.PERMISSIVE, "DEU")), Optional.of(Party.of("NATO")),
                java.time.Instant.parse("2016-11-23T00:00:00Z"), Optional.empty());
        String en = io.liaison.core.label.Markings.render(label, nato, "en").banner();
        String fr = io.liaison.core.label.Markings.render(label, nato, "fr-CA").banner();
        assertThat(en).isEqualTo("NATO SECRET//Releasable to Japan, Korea, Republic of//Germany ONLY");
        assertThat(fr).isEqualTo("NATO SECRET//Communicable a Japon, Corée, République de//Allemagne SEULEMENT");
        for (String banner : java.util.List.of(en, fr)) {
            var parsed = io.liaison.core.label.BannerParser.parse(banner, nato, Party.of("NATO"), label.created());
            assertThat(parsed.categories()).as(banner).containsExactlyInAnyOrderElementsOf(label.categories().stream()
                    .map(c -> new io.liaison.core.label.Category(c.tagName(), c.type(), c.values().stream().sorted(
                            java.util.Comparator.comparingInt(nato.tag(c.tagName(), c.type()).orElseThrow()::indexOf))
                            .toList())).toList());
        }
    }

    @Test
    void aPlainSpif_needsAnOwner_andGetsAnIdFromItsName_coloursByName_andBannersByTheSpifsRules() throws Exception {
        PolicyFile tlp = PolicyFile.read(Files.readAllBytes(ConformanceData.dir().resolve("tlp.xml")), "tlp.xml");
        assertThatThrownBy(() -> tlp.policy(Optional.empty())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("names no owner (liaison:owner on securityPolicyId)");
        SecurityPolicy p = tlp.policy(Optional.of(Party.of("FIRST")));
        assertThat(p.id()).matches("[a-z][a-z0-9-]{1,31}");
        assertThat(p.owner()).isEqualTo(Party.of("FIRST"));
        assertThat(p.levels()).allSatisfy(l -> assertThat(l.color().hex()).matches("#[0-9A-F]{6}"));
        assertThat(tlp.write()).isEqualTo(PolicyFile.read(tlp.write(), "again.xml").write());
    }

    @Test
    void brokenFiles_areRefusedNamingTheFileTheElementAndTheValue() {
        assertThatThrownBy(() -> read(US.replaceFirst(" hierarchy=\"2\"", "")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code()).isEqualTo("SPIF_INVALID"))
                .hasMessage("broken.xml: /SPIF/securityClassifications/securityClassification[3]: attribute hierarchy "
                        + "is missing");
        assertThatThrownBy(() -> read(US.replaceFirst("hierarchy=\"2\"", "hierarchy=\"two\"")))
                .hasMessageContaining("attribute hierarchy 'two' is not a whole number");
        assertThatThrownBy(() -> read(US.replaceFirst("color=\"#C8102E\"", "color=\"reddish\"")))
                .hasMessageContaining("colour 'reddish' is neither #RRGGBB nor a colour name");
        assertThatThrownBy(() -> read(US.replaceFirst("tagType=\"restrictive\"", "tagType=\"Restrictive\"")))
                .hasMessageContaining("tag type 'Restrictive' is not permissive, restrictive");
        assertThatThrownBy(() -> read(US.replaceFirst("hierarchy=\"2\"", "hierarchy=\"1\"")))
                .hasMessageContaining("gives hierarchy 1 to two classifications");
        assertThatThrownBy(() -> read(US.replace("liaison:holds=\"nationality\"", "liaison:holds=\"colour\"")))
                .hasMessageContaining("liaison:holds 'colour' is not supported");
        assertThat(read(US.replaceFirst("color=\"#C8102E\"", "color=\"red\"")).requireClassification("SECRET").color()
                .hex()).isEqualTo("#FF0000");
    }

    @Test
    void wrongRoot_isRefused() {
        assertThatThrownBy(() -> read("<SPIF/>")).hasMessageContaining("expected one securityPolicyId, found 0");
        assertThatThrownBy(() -> read("<policy/>")).hasMessageContaining("the root element must be SPIF");
        assertThatThrownBy(() -> read(US.replace("schemaVersion=\"2.1\"", "schemaVersion=\"x\"")))
                .hasMessageContaining("schemaVersion x is not an Open XML SPIF version");
    }
}
