package io.liaison.catalog.spif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.catalog.ConformanceData;

import io.liaison.core.error.InvalidInputException;
import io.liaison.core.spif.Spif;
import io.liaison.core.spif.TagType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Open XML SPIF 2.1 reader against every SPIF file of the spiffing conformance suite, as published. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Spif21ReaderTest {
    private static Spif read(String file) throws Exception {
        return Spif21Reader.read(Files.readAllBytes(ConformanceData.dir().resolve(file)), file);
    }

    @Test
    void theNatoExamplePolicy_isReadValueForValue() throws Exception {
        Spif nato = read("nato-4774-policy.xml");
        assertThat(nato.policy().oid()).isNotBlank();
        assertThat(nato.levels()).extracting(Spif.Level::name).containsExactly("UNCLASSIFIED", "RESTRICTED",
                "CONFIDENTIAL", "SECRET", "TOP SECRET");
        assertThat(nato.levels()).extracting(Spif.Level::hierarchy).containsExactly(1, 2, 3, 4, 5);
        assertThat(nato.tagSets()).extracting(Spif.TagSet::name, Spif.TagSet::oid).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Additional Sensitivity", "1.3.26.1.4.1"),
                org.assertj.core.groups.Tuple.tuple("Releasable To", "1.3.26.1.4.2"),
                org.assertj.core.groups.Tuple.tuple("Only", "1.3.26.1.4.5"),
                org.assertj.core.groups.Tuple.tuple("Administrative", "1.3.26.1.4.3"),
                org.assertj.core.groups.Tuple.tuple("Context", "1.3.26.1.4.4"));
        long categories = nato.tagSets().stream().flatMap(s -> s.tags().stream()).mapToLong(t -> t.categories().size())
                .sum();
        assertThat(categories).isEqualTo(205);
        // Marking data per language: the French phrase of UNCLASSIFIED is there beside the English one.
        assertThat(nato.level("UNCLASSIFIED").orElseThrow().markings()).anySatisfy(m ->
                assertThat(m.lang()).hasValueSatisfying(l -> assertThat(l).startsWith("fr")));
    }

    @Test
    void theTlpPolicies_areRead_withEquivalentPoliciesAndColoursByName_andATruncatedFileIsRefused() throws Exception {
        Spif tlpx = read("tlp-plus.xml");
        assertThat(tlpx.equivalentPolicies()).extracting(e -> e.id().name()).containsExactly("TLP", "UK-DEMO");
        assertThat(tlpx.defaultPolicy()).contains(new Spif.PolicyId("Default", "1.1"));
        assertThat(tlpx.level("GREEN").orElseThrow().colour()).contains("green");
        assertThat(tlpx.level("GREEN").orElseThrow().equivalents()).extracting(Spif.Equivalent::policyRef,
                Spif.Equivalent::applied).containsExactly(org.assertj.core.groups.Tuple.tuple("TLP", "both"),
                org.assertj.core.groups.Tuple.tuple("UK-DEMO", "encrypt"));
        assertThat(read("tlp.xml").levels()).isNotEmpty();
        // The suite's bsi-commercial.xml is cut off before its closing tag (not in tests.xml): refused where it ends.
        assertThatThrownBy(() -> read("bsi-commercial.xml")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("bsi-commercial.xml: line 54");
    }

    @Test
    void theFoodPolicies_asPublished_areRefusedAsNotWellFormed_andTheOneTagCorrected_readsWhole() throws Exception {
        for (String file : List.of("food-policy.xml", "food-policy-missi.xml")) {
            assertThatThrownBy(() -> read(file)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(file).hasMessageContaining("line " + (file.equals("food-policy.xml") ? 81 : 85))
                    .hasMessageContaining("must be terminated by the matching end-tag");
            String corrected = Files.readString(ConformanceData.dir().resolve(file), StandardCharsets.UTF_8)
                    .replace("</securityCategiryTagSet>", "</securityCategoryTagSet>");
            Spif food = Spif21Reader.read(corrected.getBytes(StandardCharsets.UTF_8), file + " (corrected)");
            assertThat(food.levels()).extracting(Spif.Level::name).containsExactly("Freely Available", "Commodity",
                    "Luxury", "Ambrosia");
            Spif.Tag flavour = food.tagSet("Taste Sensations").orElseThrow().tags().stream()
                    .filter(t -> t.name().equals("Flavour")).findFirst().orElseThrow();
            assertThat(flavour.category("Chocolate").orElseThrow().excludedClasses()).containsExactly("Commodity",
                    "Ambrosia");
            assertThat(flavour.category("Chocolate").orElseThrow().markings()).singleElement().satisfies(m -> {
                assertThat(m.phrase()).contains("Yummy Chocolate");
                assertThat(m.codes()).containsExactly("suppressClassName");
            });
            Spif.Tag allergens = food.tagSet("Allergens").orElseThrow().tags().getFirst();
            assertThat(allergens.qualifiers()).singleElement().satisfies(q -> assertThat(q.qualifiers())
                    .extracting(Spif.Qualifier::code, Spif.Qualifier::text).containsExactly(
                            org.assertj.core.groups.Tuple.tuple("prefix", "Contains "),
                            org.assertj.core.groups.Tuple.tuple("separator", "+")));
            assertThat(food.tagSet("Ethics").orElseThrow().tag(TagType.ENUMERATED, Optional.of(TagType.RESTRICTIVE)))
                    .isPresent();
            assertThat(food.qualifiers()).singleElement().satisfies(q -> assertThat(q.codes())
                    .containsExactly("pageBottom"));
        }
    }

    @Test
    void theBorkedFoodPolicy_isRefusedForItsDuplicateExcludedClassification() {
        assertThatThrownBy(() -> read("food-policy-borked.xml")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Duplicate excluded classification in category Chocolate");
    }

    @Test
    void aSpifOfTwoTagSetsWithOneId_orAReferenceToNothing_isRefused() {
        String twoIds = """
                <SPIF><securityPolicyId name="P" id="1.2"/><securityClassifications>
                <securityClassification name="A" lacv="1" hierarchy="1"/></securityClassifications>
                <securityCategoryTagSets>
                <securityCategoryTagSet name="S1" id="1.2.1"><securityCategoryTag name="T" tagType="permissive">
                <tagCategory name="x" lacv="1"/></securityCategoryTag></securityCategoryTagSet>
                <securityCategoryTagSet name="S2" id="1.2.1"><securityCategoryTag name="T" tagType="permissive">
                <tagCategory name="y" lacv="1"><excludedClass>B</excludedClass></tagCategory></securityCategoryTag>
                </securityCategoryTagSet></securityCategoryTagSets></SPIF>""";
        assertThatThrownBy(() -> Spif21Reader.read(twoIds.getBytes(StandardCharsets.UTF_8), "two.xml"))
                .hasMessage("two.xml: duplicate tag set id 1.2.1");
        String dangling = twoIds.replace("id=\"1.2.1\"><securityCategoryTag name=\"T\" tagType=\"permissive\">\n<tagCategory "
                + "name=\"y\"", "id=\"1.2.2\"><securityCategoryTag name=\"T\" tagType=\"permissive\">\n<tagCategory "
                + "name=\"y\"");
        assertThatThrownBy(() -> Spif21Reader.read(dangling.getBytes(StandardCharsets.UTF_8), "dangling.xml"))
                .hasMessageContaining("excluded classification B in category y of tag T is not a classification");
    }
}
