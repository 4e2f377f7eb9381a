package io.liaison.core.access;

import io.liaison.core.TestPolicies;
import io.liaison.core.label.Category;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.policy.CategoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ArbitrarySupplier;
import net.jqwik.api.Combinators;

/** Random valid labels and clearances of {@link TestPolicies#us()}. */
public final class Generators {
    private Generators() {}

    public static Arbitrary<SecurityLabel> labels() {
        Arbitrary<String> level = Arbitraries.of(TestPolicies.LEVELS);
        Arbitrary<List<String>> controls = Arbitraries.of("ORCON", "PROPIN").list().uniqueElements().ofMaxSize(2);
        Arbitrary<Boolean> noforn = Arbitraries.of(true, false, false, false);
        Arbitrary<List<String>> rel = Arbitraries.of(TestPolicies.COUNTRIES).list().uniqueElements().ofMaxSize(4);
        Arbitrary<List<String>> context = Arbitraries.of(TestPolicies.CONTEXT).list().uniqueElements().ofMaxSize(2);
        Arbitrary<Boolean> admin = Arbitraries.of(true, false);
        return Combinators.combine(level, controls, noforn, rel, context, admin).as((lv, ctl, nf, r, ctx, adm) -> {
            List<Category> cats = new ArrayList<>();
            List<String> restrictive = new ArrayList<>(ctl);
            if (nf) {
                restrictive.add("NOFORN");
            }
            if (!restrictive.isEmpty()) {
                cats.add(new Category("Dissemination Controls", CategoryType.RESTRICTIVE, restrictive));
            }
            if (!r.isEmpty() && !nf) {
                cats.add(new Category("Releasable To", CategoryType.PERMISSIVE, r));
            }
            if (!ctx.isEmpty()) {
                cats.add(new Category("Context", CategoryType.PERMISSIVE, ctx));
            }
            if (adm) {
                cats.add(new Category("Admin", CategoryType.INFORMATIVE, List.of("STAFF")));
            }
            return TestPolicies.label(lv, cats.toArray(Category[]::new));
        });
    }

    public static Arbitrary<Clearance> clearances() {
        Arbitrary<String> level = Arbitraries.of(TestPolicies.LEVELS);
        Arbitrary<Set<String>> controls = Arbitraries.of(TestPolicies.CONTROLS).set().ofMaxSize(3);
        Arbitrary<Set<String>> rel = Arbitraries.of(TestPolicies.COUNTRIES).set().ofMaxSize(2);
        Arbitrary<Set<String>> context = Arbitraries.of(TestPolicies.CONTEXT).set().ofMaxSize(3);
        Arbitrary<String> nationality = Arbitraries.of(TestPolicies.COUNTRIES);
        return Combinators.combine(level, controls, rel, context, nationality).as((lv, ctl, r, ctx, nat) ->
                new Clearance("test-us", lv, Map.of("Dissemination Controls", ctl, "Releasable To", r, "Context", ctx),
                        Party.of(nat)));
    }

    /** For {@code @ForAll(supplier = Generators.Labels.class)}. */
    public static final class Labels implements ArbitrarySupplier<SecurityLabel> {
        @Override
        public Arbitrary<SecurityLabel> get() {
            return labels();
        }
    }

    /** For {@code @ForAll(supplier = Generators.Clearances.class)}. */
    public static final class Clearances implements ArbitrarySupplier<Clearance> {
        @Override
        public Arbitrary<Clearance> get() {
            return clearances();
        }
    }
}
