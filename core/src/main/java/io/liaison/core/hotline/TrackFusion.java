package io.liaison.core.hotline;

import io.liaison.core.party.Party;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Fuses each party's view of the same missile into one combined track, showing who contributed what.
 *
 * <p>Views are the same missile when their launch points lie within {@link #SAME_LAUNCH_M} of each other and their
 * latest observations within {@link #SAME_FLIGHT} (linked in a chain: a salvo from one site is one group). Every
 * view is first carried forward to the newest observation time along its velocity. The
 * combined position and velocity are quality-weighted means; the predicted impact point is the
 * inverse-variance mean of the impact points, and its uncertainty {@code 1/sqrt(Σ 1/σ²)} is never larger than
 * the best single one.
 */
public final class TrackFusion {
    /** Launch points closer than this are one launch. */
    public static final double SAME_LAUNCH_M = 50_000;
    /** ... if their latest observations are this close in time: longer than any flight from launch to impact. */
    public static final java.time.Duration SAME_FLIGHT = java.time.Duration.ofMinutes(30);
    private static final double MIN_SIGMA_M = 1;
    private static final double MIN_WEIGHT = 1e-3;

    private TrackFusion() {}

    /** One party's latest update of one of its tracks. */
    public record View(Party party, TrackUpdate update) {
        public View {
            Objects.requireNonNull(party, "party");
            Objects.requireNonNull(update, "update");
        }
    }

    /** What one view put into a combined track: its weight in the position and in the impact point. */
    public record Contribution(Party party, String trackId, String sensor, double quality, Instant time,
            double positionWeight, double impactWeight) {}

    /** A combined track. */
    public record Fused(String id, Instant time, GeoPoint position, Velocity velocity, GeoPoint launchPoint,
            GeoPoint impactPoint, double impactUncertainty, List<Contribution> contributions) {
        public Fused {
            contributions = List.copyOf(contributions);
        }
    }

    /** Every combined track of {@code views}, newest first. */
    public static List<Fused> fuse(Collection<View> views) {
        List<View> sorted = views.stream().sorted(Comparator.comparing((View v) -> v.party().code())
                .thenComparing(v -> v.update().trackId())).toList();
        int n = sorted.size();
        UnionFind group = new UnionFind(n);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                TrackUpdate a = sorted.get(i).update();
                TrackUpdate b = sorted.get(j).update();
                if (a.launchPoint().distanceTo(b.launchPoint()) <= SAME_LAUNCH_M
                        && Math.abs(a.time().toEpochMilli() - b.time().toEpochMilli()) <= SAME_FLIGHT.toMillis()) {
                    group.union(i, j);
                }
            }
        }
        java.util.Map<Integer, List<View>> groups = new java.util.TreeMap<>();
        for (int i = 0; i < n; i++) {
            groups.computeIfAbsent(group.find(i), k -> new ArrayList<>()).add(sorted.get(i));
        }
        return groups.values().stream().map(TrackFusion::combine)
                .sorted(Comparator.comparing(Fused::time).reversed().thenComparing(Fused::id)).toList();
    }

    /** Combines the views of one missile. */
    static Fused combine(List<View> views) {
        Instant newest = views.stream().map(v -> v.update().time()).max(Comparator.naturalOrder()).orElseThrow();
        double qSum = views.stream().mapToDouble(v -> Math.max(MIN_WEIGHT, v.update().quality())).sum();
        double iSum = views.stream().mapToDouble(v -> inverseVariance(v.update())).sum();
        double lat = 0;
        double lon = 0;
        double alt = 0;
        double vn = 0;
        double ve = 0;
        double vu = 0;
        double lLat = 0;
        double lLon = 0;
        double lAlt = 0;
        double iLat = 0;
        double iLon = 0;
        List<Contribution> contributions = new ArrayList<>();
        double refLon = views.getFirst().update().position().longitude();
        for (View v : views) {
            TrackUpdate u = v.update();
            double w = Math.max(MIN_WEIGHT, u.quality()) / qSum;
            double wi = inverseVariance(u) / iSum;
            GeoPoint now = u.position().moved(u.velocity(), (newest.toEpochMilli() - u.time().toEpochMilli()) / 1000.0);
            lat += w * now.latitude();
            lon += w * unwrap(now.longitude(), refLon);
            alt += w * now.altitude();
            vn += w * u.velocity().north();
            ve += w * u.velocity().east();
            vu += w * u.velocity().up();
            lLat += w * u.launchPoint().latitude();
            lLon += w * unwrap(u.launchPoint().longitude(), refLon);
            lAlt += w * u.launchPoint().altitude();
            iLat += wi * u.impactPoint().latitude();
            iLon += wi * unwrap(u.impactPoint().longitude(), refLon);
            contributions.add(new Contribution(v.party(), u.trackId(), u.sensor(), u.quality(), u.time(), w, wi));
        }
        double best = views.stream().mapToDouble(v -> v.update().impactUncertainty()).min().orElseThrow();
        double sigma = Math.min(best, 1 / Math.sqrt(iSum));
        String id = String.join("+", views.stream().map(v -> v.party().code() + ":" + v.update().trackId()).toList());
        return new Fused(id, newest, new GeoPoint(clampLat(lat), wrap(lon), alt), new Velocity(vn, ve, vu),
                new GeoPoint(clampLat(lLat), wrap(lLon), lAlt), new GeoPoint(clampLat(iLat), wrap(iLon), 0),
                views.size() == 1 ? views.getFirst().update().impactUncertainty() : sigma, contributions);
    }

    private static double inverseVariance(TrackUpdate u) {
        double s = Math.max(MIN_SIGMA_M, u.impactUncertainty());
        return 1 / (s * s);
    }

    /** {@code lon} moved by whole turns to lie within 180° of {@code ref}, so means do not straddle the date line. */
    private static double unwrap(double lon, double ref) {
        double d = lon - ref;
        return d > 180 ? lon - 360 : d < -180 ? lon + 360 : lon;
    }

    private static double wrap(double lon) {
        return ((lon + 540) % 360) - 180 == -180 && lon > 0 ? 180 : ((lon + 540) % 360) - 180;
    }

    private static double clampLat(double lat) {
        return Math.max(-90, Math.min(90, lat));
    }
}
