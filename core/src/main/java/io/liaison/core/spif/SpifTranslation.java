package io.liaison.core.spif;

import io.liaison.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** A label translated into a policy its SPIF declares equivalent. */
public final class SpifTranslation {
    private SpifTranslation() {}

    /**
     * The label in an equivalent policy: its classification through the equivalent classification for encryption,
     * each category through its equivalents for that policy (discarded where the equivalent says so), and the
     * categories the equivalences require. Refused when the classification or a category has no equivalent there.
     */
    public static SpifLabel translate(Spif from, SpifLabel label, Spif to) {
        SpifCategories.samePolicy(from, label);
        Spif.Level level = SpifCategories.classification(from, label);
        String target = to.policy().oid();
        Function<String, Optional<String>> oidOf = name -> from.equivalentPolicies().stream()
                .filter(e -> e.id().name().equals(name)).findFirst().map(e -> e.id().oid());
        Spif.Equivalent eq = level.equivalents().stream().filter(e -> !e.applied().equals("decrypt")
                && oidOf.apply(e.policyRef()).equals(Optional.of(target))).findFirst().orElseThrow(() ->
                new InvalidInputException("NO_EQUIVALENT", "No equivalent classification of " + level.name() + " in "
                        + to.policy().name()));
        long lacv = eq.lacv().orElseThrow(() -> new InvalidInputException("NO_EQUIVALENT", "the equivalent of "
                + level.name() + " in " + to.policy().name() + " names no classification"));
        SpifCategories.classification(to, lacv);
        Set<SpifLabel.Item> items = new LinkedHashSet<>();
        for (Spif.Required r : eq.required()) {
            items.addAll(fixup(to, r));
        }
        for (SpifCategories.Resolved c : SpifCategories.categories(from, label)) {
            List<Spif.Equivalent> list = c.category().equivalents().stream().filter(e -> oidOf.apply(e.policyRef())
                    .equals(Optional.of(target))).toList();
            if (list.isEmpty()) {
                throw new InvalidInputException("NO_EQUIVALENT", "No equivalence to " + c.category().name() + " in "
                        + to.policy().name());
            }
            for (Spif.Equivalent e : list) {
                if (e.action().isPresent()) {
                    continue;
                }
                Spif.TagSet set = e.tagSetId().flatMap(to::tagSet).orElseThrow(() -> new InvalidInputException(
                        "NO_EQUIVALENT", "the equivalent of " + c.category().name() + " names no tag set of "
                        + to.policy().name()));
                TagType type = e.tagType().orElseThrow();
                Spif.Tag tag = set.tags().stream().filter(t -> t.type() == type && t.category(e.lacv().orElse(-1))
                        .isPresent()).findFirst().orElseThrow(() -> new InvalidInputException("NO_EQUIVALENT",
                        "Cannot find the tagType/LACV " + e.lacv() + " in tag set " + set.name()));
                items.add(new SpifLabel.Item(set.oid(), SpifLabel.ItemType.of(tag), e.lacv().getAsLong()));
            }
        }
        from.equivalentPolicies().stream().filter(p -> p.id().oid().equals(target))
                .forEach(p -> p.required().forEach(r -> items.addAll(fixup(to, r))));
        return new SpifLabel(SpifLabel.Kind.LABEL, target, List.of(lacv), List.copyOf(items));
    }

    /** Every category a required group names in the target policy, added whatever the group's operation. */
    private static List<SpifLabel.Item> fixup(Spif to, Spif.Required r) {
        List<SpifLabel.Item> out = new ArrayList<>();
        Map<Spif.TagCategory, SpifCategories.Resolved> index = SpifCategories.index(to);
        for (Spif.CategoryRef g : r.groups()) {
            for (Spif.TagCategory c : SpifCategories.referenced(to, g)) {
                SpifCategories.Resolved res = index.get(c);
                out.add(new SpifLabel.Item(res.set().oid(), SpifLabel.ItemType.of(res.tag()), c.lacv()));
            }
        }
        return out;
    }
}
