package io.liaison.core.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.core.TestPolicies;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.party.Party;
import io.liaison.core.policy.SecurityPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Timeout(120)
class BannerParserTest {
    private static final SecurityPolicy POLICY = TestPolicies.us();
    private static final Party USA = Party.of("USA");

    private static SecurityLabel parse(String banner) {
        return BannerParser.parse(banner, POLICY, USA, TestPolicies.T0);
    }

    @Test
    void abbreviation_isRefusedInABanner() {
        assertThatThrownBy(() -> parse("S//NOFORN")).isInstanceOf(InvalidInputException.class)
                .hasMessage("classification 'S' is an abbreviation; a banner must spell it out as SECRET (policy test-us)");
    }

    @Test
    void nofornWithRelTo_isRefused() {
        assertThatThrownBy(() -> parse("SECRET//NOFORN/REL TO USA, GBR")).hasMessageContaining("NOFORN excludes Releasable To");
    }

    @Test
    void malformedBanners_areRefusedWithTheOffendingPart() {
        assertThatThrownBy(() -> parse("SECRET//REL TO USA, XYZ")).hasMessageContaining("value 'XYZ'");
        assertThatThrownBy(() -> parse("SECRET////ORCON")).hasMessageContaining("empty block");
        assertThatThrownBy(() -> parse("SECRET//ORCON//")).hasMessageContaining("empty block");
        assertThatThrownBy(() -> parse("SECRET//ORCON/ORCON")).hasMessageContaining("repeats ORCON");
        assertThatThrownBy(() -> parse("SECRET//WNINTEL")).hasMessageContaining("'WNINTEL'");
        assertThatThrownBy(() -> parse("x".repeat(5000))).hasMessageContaining("limit is 4096");
    }

    @Test
    void banner_roundTripsThroughRendering() {
        SecurityLabel l = parse("TOP SECRET//PROPIN/ORCON/REL TO GBR, USA//BRAVO");
        assertThat(Markings.banner(l, POLICY)).isEqualTo("TOP SECRET//ORCON/PROPIN/REL TO USA, GBR//BRAVO");
        assertThat(Markings.render(l, POLICY, "en").portion()).isEqualTo("TS//OC/PR/REL TO USA, GBR//BRAVO");
        assertThat(parse(Markings.banner(l, POLICY))).isEqualTo(l);
    }
}
