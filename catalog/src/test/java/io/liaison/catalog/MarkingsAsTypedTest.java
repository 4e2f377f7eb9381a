package io.liaison.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.catalog.json.AgreementJson;
import io.liaison.core.access.AccessCheck;
import io.liaison.core.access.Clearance;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.catalog.Catalog;
import io.liaison.core.label.BannerParser;
import io.liaison.core.label.LabelValidator;
import io.liaison.core.label.Markings;
import io.liaison.core.label.PolicyIdentifier;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.policy.SecurityPolicy;
import io.liaison.core.translation.Translation;
import io.liaison.core.translation.Translator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Markings as people type and read them: a level in a compatible form is the same level (NFKC) wherever a level is
 * typed, and the US policy knows the tetragraphs of REL TO and the SCI control systems of a banner.
 */
@Timeout(60)
class MarkingsAsTypedTest {
    private static final Catalog CATALOG = ShippedCatalog.load();
    private static final SecurityPolicy KOR = CATALOG.requirePolicy("kor");
    private static final SecurityPolicy USA = CATALOG.requirePolicy("usa");
    private static final Instant T = Instant.parse("2026-12-03T00:00:00Z");

    private static boolean permits(io.liaison.core.access.AccessControl access, Clearance c, SecurityLabel l) {
        AccessCheck check = access.check(access.compile(c), access.compile(l));
        return check.permitted();
    }

    @ParameterizedTest
    @CsvSource({"군사II급비밀,군사Ⅱ급비밀", "군사III급비밀,군사Ⅲ급비밀", "군사I급비밀,군사Ⅰ급비밀", "' 군사Ⅱ급비밀 ',군사Ⅱ급비밀",
        "군사Ⅱ급비밀,군사Ⅱ급비밀"})
    void aLevelTypedInACompatibleForm_isTheSameLevel_spelledAsThePolicySpellsIt(String typed, String level) {
        assertThat(KOR.classification(typed).orElseThrow().name()).isEqualTo(level);
        assertThat(KOR.canonicalLevel(typed)).isEqualTo(level);
        assertThat(BannerParser.parse(typed, KOR, Party.of("KOR"), T).classification()).isEqualTo(level);
        SecurityLabel label = SecurityLabel.of(new PolicyIdentifier(KOR.name(), KOR.oid().map(o -> "urn:oid:" + o)), typed,
                Party.of("KOR"), T);
        assertThat(LabelValidator.requireValid(label, KOR).classification()).isEqualTo(level);
    }

    @Test
    void anythingElse_isStillNoLevel() {
        assertThat(KOR.classification("군사IV급비밀")).isEmpty();
        assertThat(KOR.classification("군사 II급비밀")).isEmpty();
        assertThatThrownBy(() -> BannerParser.parse("SEKRET", USA, Party.of("USA"), T))
                .hasMessageContaining("is not a level of policy usa");
    }

    @Test
    void aTranslationAndAnAccessCheck_takeTheTypedLevel() {
        SecurityLabel typed = SecurityLabel.of(new PolicyIdentifier(KOR.name(), KOR.oid().map(o -> "urn:oid:" + o)),
                "군사II급비밀", Party.of("KOR"), T);
        Translation t = new Translator(CATALOG).translate(typed, Party.of("KOR"), Party.of("JPN"),
                AgreementId.of("jpn-kor-gsomia-2016"), T);
        assertThat(t).isInstanceOf(Translation.Marked.class);
        assertThat(((Translation.Marked) t).marking()).isEqualTo("KOR / 極秘");
        assertThat(permits(CATALOG.accessControl("kor"), new Clearance("kor", "군사II급비밀", Map.of(), Party.of("KOR")),
                typed)).isTrue();
    }

    @Test
    void anAgreementTableTypedWithAsciiNumerals_loadsInThePolicysSpelling() throws Exception {
        String json = new String(ShippedCatalog.class.getResourceAsStream(
                "/io/liaison/catalog/agreements/jpn-kor-gsomia-2016.json").readAllBytes(), StandardCharsets.UTF_8)
                .replace("Ⅱ", "II").replace("Ⅲ", "III");
        assertThat(json).contains("군사II급비밀").doesNotContain("군사Ⅱ급비밀");
        var agreement = AgreementJson.read(json.getBytes(StandardCharsets.UTF_8), "typed");
        Catalog c = new Catalog(CATALOG.policies(), List.of(agreement));
        var a = c.requireAgreement(AgreementId.of("jpn-kor-gsomia-2016"));
        assertThat(a.coveredLevels(Party.of("KOR"))).containsExactly("군사Ⅱ급비밀", "군사Ⅲ급비밀");
        assertThat(a.equivalent(Party.of("JPN"), "秘", Party.of("KOR")).orElseThrow().toLevel()).isEqualTo("군사Ⅲ급비밀");
    }

    @Test
    void usBanners_withTetragraphsAndSciControlSystems_parseRenderAndDecide() {
        SecurityLabel fvey = BannerParser.parse("SECRET//REL TO USA, FVEY", USA, Party.of("USA"), T);
        assertThat(Markings.banner(fvey, USA)).isEqualTo("SECRET//REL TO USA, FVEY");
        SecurityLabel mixed = BannerParser.parse("SECRET//REL TO FVEY, USA, JPN", USA, Party.of("USA"), T);
        assertThat(Markings.banner(mixed, USA)).as("USA first, trigraphs, then tetragraphs")
                .isEqualTo("SECRET//REL TO USA, JPN, FVEY");
        SecurityLabel sci = BannerParser.parse("TOP SECRET//SI/TK//NOFORN", USA, Party.of("USA"), T);
        assertThat(Markings.banner(sci, USA)).isEqualTo("TOP SECRET//SI/TK//NOFORN");
        assertThat(sci.categories().stream().map(c -> c.tagName() + "=" + c.values()).toList())
                .contains("SCI Control Systems=[SI, TALENT KEYHOLE]", "Dissemination Controls=[NOFORN]");

        var access = CATALOG.accessControl("usa");
        // A member of the group holds it through its nationality; a party outside it does not.
        assertThat(permits(access, new Clearance("usa", "SECRET", Map.of(), Party.of("AUS")), fvey)).isTrue();
        assertThat(permits(access, new Clearance("usa", "SECRET", Map.of(), Party.of("NZL")), fvey)).isTrue();
        assertThat(permits(access, new Clearance("usa", "SECRET", Map.of(), Party.of("JPN")), fvey)).isFalse();
        SecurityLabel nato = BannerParser.parse("SECRET//REL TO USA, NATO", USA, Party.of("USA"), T);
        assertThat(permits(access, new Clearance("usa", "SECRET", Map.of(), Party.of("DEU")), nato)).isTrue();
        assertThat(permits(access, new Clearance("usa", "SECRET", Map.of(), Party.of("KOR")), nato)).isFalse();
        // SCI needs the control systems held, like any restrictive category.
        assertThat(permits(access, new Clearance("usa", "TOP SECRET", Map.of("Dissemination Controls", Set.of("NOFORN")),
                Party.of("USA")), sci)).isFalse();
        assertThat(permits(access, new Clearance("usa", "TOP SECRET", Map.of("Dissemination Controls", Set.of("NOFORN"),
                "SCI Control Systems", Set.of("SI", "TALENT KEYHOLE")), Party.of("USA")), sci)).isTrue();
        assertThatThrownBy(() -> BannerParser.parse("SECRET//REL TO USA, FIVE EYES", USA, Party.of("USA"), T))
                .hasMessageContaining("FIVE EYES");
    }
}
