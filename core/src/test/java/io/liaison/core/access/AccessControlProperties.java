package io.liaison.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.liaison.core.TestPolicies;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.policy.SecurityPolicy;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class AccessControlProperties {
    private static final SecurityPolicy POLICY = TestPolicies.us();
    private static final AccessControl AC = AccessControl.of(POLICY);

    @Property(tries = 2000)
    void compiledCheck_agreesWithTheNaiveOracle(@ForAll(supplier = Generators.Clearances.class) Clearance c, @ForAll(supplier = Generators.Labels.class) SecurityLabel l) {
        boolean expected = NaiveAccess.permits(POLICY, c, l);
        assertThat(AC.permits(AC.compile(c), AC.compile(l))).isEqualTo(expected);
        AccessCheck check = AC.check(AC.compile(c), AC.compile(l));
        assertThat(check.permitted()).isEqualTo(expected);
    }

    @Property(tries = 1000)
    void raisingTheClearanceLevel_neverLosesAccess(@ForAll(supplier = Generators.Clearances.class) Clearance c, @ForAll(supplier = Generators.Labels.class) SecurityLabel l) {
        if (AC.permits(AC.compile(c), AC.compile(l))) {
            Clearance top = new Clearance(c.policyId(), "TOP SECRET", c.categories(), c.nationality());
            assertThat(AC.permits(AC.compile(top), AC.compile(l))).isTrue();
        }
    }

    @Property(tries = 1000)
    void explanation_namesTheFirstFailingCheck(@ForAll(supplier = Generators.Clearances.class) Clearance c, @ForAll(supplier = Generators.Labels.class) SecurityLabel l) {
        AccessCheck check = AC.check(AC.compile(c), AC.compile(l));
        switch (check.failure()) {
            case LEVEL -> assertThat(POLICY.rank(c.level())).isLessThan(POLICY.rank(l.classification()));
            case RESTRICTIVE -> assertThat(c.held(check.tagSet())).doesNotContainAnyElementsOf(check.values());
            case PERMISSIVE -> assertThat(check.values()).noneMatch(v -> c.held(check.tagSet()).contains(v)
                    || v.equals(c.nationality().code()));
            case NONE -> assertThat(NaiveAccess.permits(POLICY, c, l)).isTrue();
        }
    }
}
