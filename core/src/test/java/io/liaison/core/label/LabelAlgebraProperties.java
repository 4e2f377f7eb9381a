package io.liaison.core.label;

import static org.assertj.core.api.Assertions.assertThat;

import io.liaison.core.TestPolicies;
import io.liaison.core.access.AccessControl;
import io.liaison.core.access.Clearance;
import io.liaison.core.access.Generators;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.policy.CategoryType;
import io.liaison.core.policy.SecurityPolicy;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class LabelAlgebraProperties {
    private static final SecurityPolicy POLICY = TestPolicies.us();
    private static final AccessControl AC = AccessControl.of(POLICY);

    @Property
    void dominance_isReflexive(@ForAll(supplier = Generators.Labels.class) SecurityLabel a) {
        assertThat(LabelAlgebra.dominates(POLICY, a, a)).isTrue();
    }

    @Property(tries = 2000)
    void dominance_isTransitive(@ForAll(supplier = Generators.Labels.class) SecurityLabel a, @ForAll(supplier = Generators.Labels.class) SecurityLabel b,
            @ForAll(supplier = Generators.Labels.class) SecurityLabel c) {
        if (LabelAlgebra.dominates(POLICY, a, b) && LabelAlgebra.dominates(POLICY, b, c)) {
            assertThat(LabelAlgebra.dominates(POLICY, a, c)).isTrue();
        }
    }

    @Property(tries = 2000)
    void dominance_isAntisymmetricOnWhatAccessDependsOn(@ForAll(supplier = Generators.Labels.class) SecurityLabel a,
            @ForAll(supplier = Generators.Labels.class) SecurityLabel b) {
        if (LabelAlgebra.dominates(POLICY, a, b) && LabelAlgebra.dominates(POLICY, b, a)) {
            assertThat(projection(a)).isEqualTo(projection(b));
        }
    }

    @Property(tries = 2000)
    void dominance_meansEveryReaderOfTheDominantCanReadTheOther(@ForAll(supplier = Generators.Labels.class) SecurityLabel a,
            @ForAll(supplier = Generators.Labels.class) SecurityLabel b, @ForAll(supplier = Generators.Clearances.class) Clearance c) {
        if (LabelAlgebra.dominates(POLICY, a, b) && AC.permits(AC.compile(c), AC.compile(a))) {
            assertThat(AC.permits(AC.compile(c), AC.compile(b))).isTrue();
        }
    }

    @Property(tries = 2000)
    void combinedLabel_dominatesEveryPart(@ForAll(supplier = Generators.Labels.class) SecurityLabel a, @ForAll(supplier = Generators.Labels.class) SecurityLabel b) {
        LabelAlgebra.Combined combined;
        try {
            combined = LabelAlgebra.combine(POLICY, List.of(a, b), TestPolicies.T0);
        } catch (InvalidInputException e) {
            // Refused only when the parts cannot be combined within the policy, and the reason says so.
            assertThat(e.code()).isIn("COMBINE_EMPTY_PERMISSIVE", "COMBINE_CONFLICT");
            return;
        }
        assertThat(LabelAlgebra.dominates(POLICY, combined.label(), a)).isTrue();
        assertThat(LabelAlgebra.dominates(POLICY, combined.label(), b)).isTrue();
        assertThat(POLICY.rank(combined.label().classification()))
                .isEqualTo(Math.max(POLICY.rank(a.classification()), POLICY.rank(b.classification())));
        assertThat(LabelValidator.problems(combined.label(), POLICY)).isEmpty();
    }

    private static Set<String> projection(SecurityLabel l) {
        Set<String> out = l.categories().stream().filter(c -> c.type() != CategoryType.INFORMATIVE)
                .flatMap(c -> c.values().stream().map(v -> c.tagName() + "/" + c.type() + "/" + v))
                .collect(Collectors.toSet());
        out.add("level/" + l.classification());
        return out;
    }
}
