package io.liaison.core.spif;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** The access decision between a clearance and a label of the same SPIF. */
public final class SpifAccess {
    private SpifAccess() {}

    /**
     * Whether {@code clearance} may see {@code label}: the label's classification is one the clearance lists; every
     * restrictive category of the label is held; of each tag's permissive categories, at least one is held.
     * Informative categories decide nothing. A label and clearance of different policies decide nothing either: the
     * answer is no.
     */
    public static boolean mayRead(Spif clearancePolicy, SpifLabel clearance, Spif labelPolicy, SpifLabel label) {
        if (!clearance.policyOid().equals(label.policyOid())) {
            return false;
        }
        SpifCategories.samePolicy(clearancePolicy, clearance);
        Spif spif = labelPolicy;
        Spif.Level level = SpifCategories.classification(spif, label);
        if (!clearance.classifications().contains(level.lacv())) {
            return false;
        }
        Set<Spif.TagCategory> held = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        SpifCategories.categories(spif, clearance).forEach(c -> held.add(c.category()));
        String permissiveTag = null;
        List<Spif.TagCategory> permissive = new ArrayList<>();
        for (SpifCategories.Resolved c : SpifCategories.categories(spif, label)) {
            if (permissiveTag != null && !permissiveTag.equals(c.tag().name())) {
                if (permissive.stream().noneMatch(held::contains)) {
                    return false;
                }
                permissiveTag = null;
                permissive.clear();
            }
            SpifLabel.ItemType type = SpifLabel.ItemType.of(c.tag());
            if (type.restrictive()) {
                if (!held.contains(c.category())) {
                    return false;
                }
            } else if (type != SpifLabel.ItemType.INFORMATIVE) {
                permissive.add(c.category());
                permissiveTag = c.tag().name();
            }
        }
        return permissiveTag == null || permissive.stream().anyMatch(held::contains);
    }
}
