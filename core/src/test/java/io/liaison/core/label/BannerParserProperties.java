package io.liaison.core.label;

import static org.assertj.core.api.Assertions.assertThat;

import io.liaison.core.TestPolicies;
import io.liaison.core.party.Party;
import io.liaison.core.policy.SecurityPolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;

class BannerParserProperties {
    private static final SecurityPolicy POLICY = TestPolicies.us();

    private static SecurityLabel parse(String banner) {
        return BannerParser.parse(banner, POLICY, Party.of("USA"), TestPolicies.T0);
    }

    @Property
    void relTo_isRenderedUsaFirstThenAlphabetically_whateverTheInputOrder(
            @ForAll @Size(min = 1, max = 6) @UniqueElements List<@From("countries") String> countries,
            @ForAll Random random) {
        List<String> shuffled = new ArrayList<>(countries);
        Collections.shuffle(shuffled, random);
        String banner = Markings.banner(parse("SECRET//REL TO " + String.join(", ", shuffled)), POLICY);
        List<String> rendered = List.of(banner.substring("SECRET//REL TO ".length()).split(", "));
        List<String> expected = new ArrayList<>(countries.stream().filter(c -> !c.equals("USA")).sorted().toList());
        if (countries.contains("USA")) {
            expected.addFirst("USA");
        }
        assertThat(rendered).containsExactlyElementsOf(expected);
    }

    @Property
    void theBannerAlone_isTheFullRenderingsBanner(
            @ForAll @Size(min = 0, max = 6) @UniqueElements List<@From("countries") String> countries,
            @ForAll @From("levels") String level) {
        SecurityLabel label = parse(level + (countries.isEmpty() ? "" : "//REL TO " + String.join(", ", countries)));
        assertThat(Markings.banner(label, POLICY)).isEqualTo(Markings.render(label, POLICY, "").banner());
    }

    @Provide
    Arbitrary<String> levels() {
        return Arbitraries.of("UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "TOP SECRET");
    }

    @Provide
    Arbitrary<String> countries() {
        return Arbitraries.of(TestPolicies.COUNTRIES);
    }
}
