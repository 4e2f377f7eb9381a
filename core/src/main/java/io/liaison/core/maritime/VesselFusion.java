package io.liaison.core.maritime;

import io.liaison.core.hotline.GeoPoint;
import io.liaison.core.hotline.UnionFind;
import io.liaison.core.party.Party;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Fuses every party's contacts into one track per vessel, as the missile picture fuses launches: contacts with the
 * same IMO number are one vessel; so are contacts with the same MMSI unless they carry two different IMO numbers
 * (one MMSI claimed by two hulls is shown as two). The vessel's position, course and speed are its newest
 * contact's; the contributions name what each party's source saw and when.
 */
public final class VesselFusion {
    private VesselFusion() {}

    /** One party's latest contact of one vessel identity. */
    public record View(Party party, Contact contact) {
        public View {
            Objects.requireNonNull(party, "party");
            Objects.requireNonNull(contact, "contact");
        }
    }

    /** What one view put into a vessel track. */
    public record Contribution(Party party, Mmsi mmsi, String source, Instant time, GeoPoint position,
            String classification) {}

    /** A vessel track. */
    public record Vessel(String id, Optional<Imo> imo, List<Mmsi> mmsis, Optional<String> name,
            Optional<String> callSign, List<String> flags, GeoPoint position, Optional<Double> course,
            Optional<Double> speed, Instant time, List<Contribution> contributions) {
        public Vessel {
            mmsis = List.copyOf(mmsis);
            flags = List.copyOf(flags);
            contributions = List.copyOf(contributions);
        }
    }

    /** Every vessel of {@code views}, newest first. */
    public static List<Vessel> fuse(Collection<View> views) {
        List<View> all = List.copyOf(views);
        int n = all.size();
        UnionFind group = new UnionFind(n);
        Map<Integer, Integer> byImo = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Optional<Imo> imo = all.get(i).contact().imo();
            if (imo.isPresent()) {
                Integer first = byImo.putIfAbsent(imo.get().value(), i);
                if (first != null) {
                    group.union(first, i);
                }
            }
        }
        Map<Integer, List<Integer>> byMmsi = new HashMap<>();
        for (int i = 0; i < n; i++) {
            byMmsi.computeIfAbsent(all.get(i).contact().mmsi().value(), k -> new ArrayList<>()).add(i);
        }
        for (List<Integer> same : byMmsi.values()) {
            long imos = same.stream().map(i -> all.get(i).contact().imo()).flatMap(Optional::stream).distinct().count();
            if (imos <= 1) {
                for (int k = 1; k < same.size(); k++) {
                    group.union(same.getFirst(), same.get(k));
                }
            } else {
                Integer anchor = null;
                for (int i : same) {
                    if (all.get(i).contact().imo().isEmpty()) {
                        if (anchor == null) {
                            anchor = i;
                        } else {
                            group.union(anchor, i);
                        }
                    }
                }
            }
        }
        Map<Integer, List<View>> groups = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            groups.computeIfAbsent(group.find(i), k -> new ArrayList<>()).add(all.get(i));
        }
        return groups.values().stream().map(VesselFusion::combine)
                .sorted(Comparator.comparing(Vessel::time).reversed().thenComparing(Vessel::id)).toList();
    }

    static Vessel combine(List<View> views) {
        List<View> newestFirst = views.stream().sorted(Comparator.comparing((View v) -> v.contact().time()).reversed()
                .thenComparing(v -> v.party().code())).toList();
        Contact newest = newestFirst.getFirst().contact();
        Optional<Imo> imo = newestFirst.stream().map(v -> v.contact().imo()).flatMap(Optional::stream).findFirst();
        TreeSet<Mmsi> mmsis = new TreeSet<>();
        TreeSet<String> flags = new TreeSet<>();
        List<Contribution> contributions = new ArrayList<>();
        for (View v : newestFirst) {
            Contact c = v.contact();
            mmsis.add(c.mmsi());
            flags.add(c.flag().orElse("MID " + c.mmsi().mid().map(String::valueOf).orElse("?")));
            contributions.add(new Contribution(v.party(), c.mmsi(), c.source(), c.time(), c.position(),
                    c.classification()));
        }
        String id = imo.map(Imo::toString).orElse("MMSI " + newest.mmsi());
        return new Vessel(id, imo, List.copyOf(mmsis), first(newestFirst, Contact::name),
                first(newestFirst, Contact::callSign), List.copyOf(flags), newest.position(), newest.course(),
                newest.speed(), newest.time(), contributions);
    }

    private static Optional<String> first(List<View> views, java.util.function.Function<Contact, Optional<String>> f) {
        return views.stream().map(v -> f.apply(v.contact())).flatMap(Optional::stream).findFirst();
    }

}
