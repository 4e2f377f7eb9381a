package io.liaison.core.spif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.core.error.InvalidInputException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** A SPIF's rules on a small policy built in code: validity, markings per language, access. */
@org.junit.jupiter.api.Timeout(120)
class SpifRulesTest {
    private static final String SET = "1.9.1";

    private static Spif.TagCategory category(String name, long lacv, List<String> excludedClasses,
            List<Spif.MarkingData> markings) {
        return new Spif.TagCategory(name, lacv, false, excludedClasses, List.of(), List.of(), markings, List.of(),
                List.of());
    }

    private static Spif.MarkingData phrase(String phrase, String lang, String... codes) {
        return new Spif.MarkingData(Optional.of(phrase), List.of(codes), Optional.ofNullable(lang));
    }

    private static final Spif POLICY = new Spif(new Spif.PolicyId("DEMO", "1.9"), Optional.empty(), List.of(
            new Spif.Level("OPEN", 1, 1, Optional.empty(), false, List.of(), List.of(), List.of(), List.of()),
            new Spif.Level("SECRET", 3, 3, Optional.of("red"), false, List.of(phrase("SECRET DEFENSE", "fr")),
                    List.of(), List.of(new Spif.Required("oneOrMore", List.of(new Spif.CategoryRef("Release",
                    TagType.PERMISSIVE, Optional.empty(), OptionalLong.empty(), false)))), List.of())),
            List.of(new Spif.TagSet("Release", SET, List.of(
                    new Spif.Tag("Release", TagType.PERMISSIVE, Optional.empty(), Optional.empty(), false, List.of(
                            category("KOR", 410, List.of(), List.of(phrase("Korea", null), phrase("Coree", "fr"))),
                            category("JPN", 392, List.of("SECRET"), List.of(phrase("Japan", null)))),
                            List.of(new Spif.MarkingQualifier(List.of(), List.of(
                                    new Spif.Qualifier("REL TO ", "prefix", Optional.empty()),
                                    new Spif.Qualifier("DIFFUSION ", "prefix", Optional.of("fr")),
                                    new Spif.Qualifier(", ", "separator", Optional.empty()))))),
                    new Spif.Tag("Caveat", TagType.RESTRICTIVE, Optional.empty(), Optional.empty(), false, List.of(
                            category("CRYPTO", 1, List.of(), List.of())), List.of())))),
            List.of(), List.of(), List.of(), Optional.empty());

    private static SpifLabel label(long level, SpifLabel.Item... items) {
        return new SpifLabel(SpifLabel.Kind.LABEL, "1.9", List.of(level), List.of(items));
    }

    private static SpifLabel.Item rel(long lacv) {
        return new SpifLabel.Item(SET, SpifLabel.ItemType.PERMISSIVE, lacv);
    }

    private static final SpifLabel.Item CRYPTO = new SpifLabel.Item(SET, SpifLabel.ItemType.RESTRICTIVE, 1);

    @Test
    void aMarking_followsThePolicysOrderAndQualifiers_perLanguage_withFallbackToTheUntagged() {
        SpifLabel l = label(3, rel(410), CRYPTO);
        assertThat(SpifMarkings.marking(POLICY, l, Optional.empty())).isEqualTo("DEMO SECRET REL TO Korea CRYPTO");
        // fr-CA falls back to fr: the classification's and KOR's French phrases, the French prefix, and the untagged
        // separator the French qualifier borrows.
        assertThat(SpifMarkings.marking(POLICY, l, Optional.of("fr-CA"))).isEqualTo("DEMO SECRET DEFENSE DIFFUSION Coree "
                + "CRYPTO");
        SpifLabel both = label(1, rel(410), rel(392));
        assertThat(SpifMarkings.marking(POLICY, both, Optional.empty())).isEqualTo("DEMO OPEN REL TO Korea, Japan");
    }

    @Test
    void validity_checksRequiredAndExcluded_andAnUnknownValueIsRefusedWhenRead() {
        assertThat(SpifValidity.problems(POLICY, label(3, rel(410)))).isEmpty();
        assertThat(SpifValidity.problems(POLICY, label(3, CRYPTO))).containsExactly(
                "classification SECRET requires oneOrMore of Release permissive (any)");
        assertThat(SpifValidity.problems(POLICY, label(3, rel(392)))).containsExactly(
                "category JPN excludes classification SECRET");
        assertThatThrownBy(() -> SpifValidity.problems(POLICY, label(3, rel(999)))).isInstanceOf(
                InvalidInputException.class).hasMessageContaining("Cannot find the tagType/LACV");
    }

    @Test
    void access_needsTheClassificationListed_everyRestrictiveHeld_andOnePermissivePerTag() {
        SpifLabel l = label(3, rel(410), rel(392), CRYPTO);
        SpifLabel cleared = new SpifLabel(SpifLabel.Kind.CLEARANCE, "1.9", List.of(1L, 3L), List.of(rel(392), CRYPTO));
        SpifLabel noCrypto = new SpifLabel(SpifLabel.Kind.CLEARANCE, "1.9", List.of(1L, 3L), List.of(rel(392), rel(410)));
        SpifLabel openOnly = new SpifLabel(SpifLabel.Kind.CLEARANCE, "1.9", List.of(1L), List.of(rel(392), CRYPTO));
        assertThat(SpifAccess.mayRead(POLICY, cleared, POLICY, l)).isTrue();
        assertThat(SpifAccess.mayRead(POLICY, noCrypto, POLICY, l)).isFalse();
        assertThat(SpifAccess.mayRead(POLICY, openOnly, POLICY, l)).isFalse();
        assertThat(SpifMarkings.clearanceMarking(POLICY, cleared, Optional.empty())).isEqualTo("{OPEN|SECRET} REL TO "
                + "Japan CRYPTO");
    }
}
