package io.liaison.core.spif;

import io.liaison.core.error.InvalidInputException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A label's or clearance's categories as its policy defines them, in the policy's own order (document order across
 * its tag sets, never the order an encoding listed them), and the lookups every SPIF rule shares.
 */
final class SpifCategories {
    private SpifCategories() {}

    /** A label's category as the policy defines it: its tag set, its tag, itself, and its place in the policy. */
    record Resolved(Spif.TagSet set, Spif.Tag tag, Spif.TagCategory category, int ordinal) {}

    /** The policy's categories in document order, each with its set and tag. */
    static Map<Spif.TagCategory, Resolved> index(Spif spif) {
        Map<Spif.TagCategory, Resolved> out = new IdentityHashMap<>();
        int ordinal = 0;
        for (Spif.TagSet s : spif.tagSets()) {
            for (Spif.Tag t : s.tags()) {
                for (Spif.TagCategory c : t.categories()) {
                    out.put(c, new Resolved(s, t, c, ordinal++));
                }
            }
        }
        return out;
    }

    static void samePolicy(Spif spif, SpifLabel label) {
        if (!label.policyOid().equals(spif.policy().oid())) {
            throw new InvalidInputException("POLICY_MISMATCH", (label.kind() == SpifLabel.Kind.LABEL ? "Label"
                    : "Clearance") + " is incorrect policy: " + label.policyOid() + " is not " + spif.policy().name()
                    + " (" + spif.policy().oid() + ")");
        }
    }

    /** The label's categories resolved against the policy, without duplicates, in the policy's order. */
    static List<Resolved> categories(Spif spif, SpifLabel label) {
        Map<Spif.TagCategory, Resolved> index = index(spif);
        TreeMap<Integer, Resolved> out = new TreeMap<>();
        for (SpifLabel.Item item : label.categories()) {
            if (label.kind() == SpifLabel.Kind.CLEARANCE && item.type() == SpifLabel.ItemType.INFORMATIVE) {
                throw new InvalidInputException("LABEL_INVALID", "unsupported tag type informative in a clearance");
            }
            Spif.TagSet set = spif.tagSets().stream().filter(s -> s.oid().equals(item.tagSetId())).findFirst()
                    .orElseThrow(() -> new InvalidInputException("LABEL_INVALID", "Unknown tagset id: "
                            + item.tagSetId()));
            Spif.TagCategory c = set.tags().stream().filter(t -> SpifLabel.ItemType.of(t) == item.type())
                    .flatMap(t -> t.category(item.lacv()).stream()).findFirst().orElseThrow(() ->
                            new InvalidInputException("LABEL_INVALID", "Cannot find the tagType/LACV: tag set "
                                    + set.name() + " has no " + item.type().written() + " category of lacv "
                                    + item.lacv()));
            Resolved r = index.get(c);
            out.put(r.ordinal(), r);
        }
        return List.copyOf(out.values());
    }

    static Spif.Level classification(Spif spif, long lacv) {
        return spif.level(lacv).orElseThrow(() -> new InvalidInputException("LABEL_INVALID", "Unknown classification: "
                + "lacv " + lacv + " is not a classification of " + spif.policy().name()));
    }

    static Spif.Level classification(Spif spif, SpifLabel label) {
        if (label.classifications().isEmpty()) {
            throw new InvalidInputException("LABEL_INVALID", "the label has no classification");
        }
        return classification(spif, label.classifications().getFirst());
    }

    /** The categories a reference names: the one of its lacv, or, without one, all of exactly that type. */
    static Set<Spif.TagCategory> referenced(Spif spif, Spif.CategoryRef ref) {
        Spif.TagSet set = spif.tagSet(ref.tagSetRef()).orElseThrow(() -> new InvalidInputException("SPIF_INVALID",
                "Unknown tagset name: " + ref.tagSetRef()));
        Set<Spif.TagCategory> out = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Spif.Tag t : set.tags()) {
            if (t.type() != ref.tagType() || ref.enumType().isPresent() && !t.enumType().equals(ref.enumType())) {
                continue;
            }
            for (Spif.TagCategory c : t.categories()) {
                if (ref.lacv().isEmpty() || ref.lacv().getAsLong() == c.lacv()) {
                    out.add(c);
                }
            }
        }
        return out;
    }
}
