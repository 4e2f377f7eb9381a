package io.liaison.core.maritime;

import io.liaison.core.hotline.GeoPoint;
import io.liaison.core.party.Party;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Suspect activity the picture shows by itself, for an analyst to confirm and report (R33):
 *
 * <ul>
 *   <li>{@link Kind#SHIP_TO_SHIP_TRANSFER}: two vessels within {@link #STS_DISTANCE_M} of each other, both at or
 *       below {@link #STS_SPEED_KN}, seen within {@link #STS_WINDOW} of each other, away from port (the picture
 *       knows no ports: an analyst judges);
 *   <li>{@link Kind#AIS_DARK}: a vessel last seen under way (above {@link #STS_SPEED_KN}) that has not been seen for
 *       {@link #DARK_AFTER};
 *   <li>{@link Kind#FLAG_CHANGE}: one IMO number seen under MMSIs of two flag states.
 * </ul>
 */
public final class Indications {
    public static final double STS_DISTANCE_M = 500;
    public static final double STS_SPEED_KN = 3;
    public static final Duration STS_WINDOW = Duration.ofMinutes(30);
    public static final Duration DARK_AFTER = Duration.ofHours(1);
    /** Grid rows for the pair search, in degrees of latitude (about 1.1 km, more than the STS distance). */
    private static final double CELL_DEG = 0.01;

    private Indications() {}

    public enum Kind {
        SHIP_TO_SHIP_TRANSFER, AIS_DARK, FLAG_CHANGE
    }

    /** An identity a vessel was seen under, from when, by whom. */
    public record Identity(Mmsi mmsi, Optional<String> name, Instant firstSeen, Party party) {
        public String flag() {
            return mmsi.flag().orElse("MID " + mmsi.mid().map(String::valueOf).orElse("?"));
        }
    }

    /** One observation that supports an indication. */
    public record Evidence(String vessel, Mmsi mmsi, String flag, Optional<String> name, GeoPoint position,
            Optional<Double> speed, Instant time, Party party, String source) {}

    /** A suspect activity: what, which vessels, where and when, a sentence, and its evidence. */
    public record Indication(Kind kind, List<String> vessels, GeoPoint position, Instant time, String summary,
            List<Evidence> evidence) {
        public Indication {
            vessels = List.copyOf(vessels);
            evidence = List.copyOf(evidence);
        }

        /** A stable key: the same activity found twice is one indication. */
        public String key() {
            return kind + ":" + String.join("+", vessels);
        }
    }

    /** The indications in {@code vessels} at {@code now}; {@code identities}: every identity seen per IMO number. */
    public static List<Indication> detect(List<VesselFusion.Vessel> vessels, Map<Imo, List<Identity>> identities,
            Instant now) {
        List<Indication> out = new ArrayList<>();
        out.addAll(transfers(vessels));
        for (VesselFusion.Vessel v : vessels) {
            double speed = v.speed().orElse(0.0);
            if (speed > STS_SPEED_KN && !v.time().plus(DARK_AFTER).isAfter(now)) {
                Duration gap = Duration.between(v.time(), now);
                out.add(new Indication(Kind.AIS_DARK, List.of(v.id()), v.position(), v.time(), String.format(Locale.ROOT,
                        "%s%s went dark: last seen %s at %s under way at %.1f kn, nothing for %d min", v.id(),
                        v.name().map(n -> " (" + n + ")").orElse(""), v.time(), v.position().written(), speed,
                        gap.toMinutes()), List.of(evidence(v))));
            }
        }
        Map<Imo, VesselFusion.Vessel> byImo = new HashMap<>();
        vessels.forEach(v -> v.imo().ifPresent(i -> byImo.putIfAbsent(i, v)));
        identities.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.comparingInt(Imo::value)))
                .forEach(e -> {
                    List<Identity> seen = e.getValue().stream().sorted(Comparator.comparing(Identity::firstSeen)).toList();
                    if (seen.stream().map(Identity::flag).distinct().count() > 1) {
                        Identity last = seen.getLast();
                        Optional<VesselFusion.Vessel> vessel = Optional.ofNullable(byImo.get(e.getKey()));
                        List<Evidence> ev = seen.stream().map(i -> new Evidence(e.getKey().toString(), i.mmsi(),
                                i.flag(), i.name(), vessel.map(VesselFusion.Vessel::position).orElse(new GeoPoint(0, 0, 0)),
                                Optional.empty(), i.firstSeen(), i.party(), "identity")).toList();
                        out.add(new Indication(Kind.FLAG_CHANGE, List.of(e.getKey().toString()),
                                vessel.map(VesselFusion.Vessel::position).orElse(new GeoPoint(0, 0, 0)), last.firstSeen(),
                                e.getKey() + " changed flag: " + String.join(" → ", seen.stream().map(i -> i.flag() + " (MMSI "
                                        + i.mmsi() + i.name().map(n -> ", " + n).orElse("") + ")").toList()), ev));
                    }
                });
        return out.stream().sorted(Comparator.comparing(Indication::time).reversed().thenComparing(Indication::key))
                .toList();
    }

    private static List<Indication> transfers(List<VesselFusion.Vessel> vessels) {
        Map<Long, List<VesselFusion.Vessel>> grid = new HashMap<>();
        List<VesselFusion.Vessel> slow = vessels.stream().filter(v -> v.speed().isPresent()
                && v.speed().get() <= STS_SPEED_KN).toList();
        for (VesselFusion.Vessel v : slow) {
            grid.computeIfAbsent(cell(row(v.position()), column(v.position())), k -> new ArrayList<>()).add(v);
        }
        List<Indication> out = new ArrayList<>();
        for (VesselFusion.Vessel a : slow) {
            long row = row(a.position());
            long column = column(a.position());
            // Near the poles a column is narrower than the distance: look across all of them.
            int span = Math.abs(a.position().latitude()) > 84 ? COLUMNS / 2 : 1;
            java.util.Set<Long> seen = new java.util.HashSet<>();
            for (long dy = -1; dy <= 1; dy++) {
                for (long dx = -span; dx <= span; dx++) {
                    long c = cell(row + dy, Math.floorMod(column + dx, COLUMNS));
                    if (!seen.add(c)) {
                        continue;
                    }
                    for (VesselFusion.Vessel b : grid.getOrDefault(c, List.of())) {
                        if (a.id().compareTo(b.id()) >= 0) {
                            continue;
                        }
                        double d = a.position().distanceTo(b.position());
                        long apart = Math.abs(Duration.between(a.time(), b.time()).toMillis());
                        if (d <= STS_DISTANCE_M && apart <= STS_WINDOW.toMillis()) {
                            Instant t = a.time().isAfter(b.time()) ? a.time() : b.time();
                            GeoPoint mid = midpoint(a.position(), b.position());
                            out.add(new Indication(Kind.SHIP_TO_SHIP_TRANSFER, List.of(a.id(), b.id()), mid, t,
                                    String.format(Locale.ROOT, "possible ship-to-ship transfer: %s%s and %s%s %.0f m "
                                            + "apart at %s, %.1f and %.1f kn", a.id(), named(a), b.id(), named(b), d,
                                            mid.written(), a.speed().orElseThrow(), b.speed().orElseThrow()),
                                    List.of(evidence(a), evidence(b))));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The middle of two close points, across the antimeridian too. */
    private static GeoPoint midpoint(GeoPoint a, GeoPoint b) {
        double lon = b.longitude();
        if (lon - a.longitude() > 180) {
            lon -= 360;
        } else if (a.longitude() - lon > 180) {
            lon += 360;
        }
        double mid = (a.longitude() + lon) / 2;
        mid = mid > 180 ? mid - 360 : mid < -180 ? mid + 360 : mid;
        return new GeoPoint((a.latitude() + b.latitude()) / 2, mid, 0);
    }

    private static String named(VesselFusion.Vessel v) {
        return v.name().map(n -> " (" + n + ", " + String.join("/", v.flags()) + ")")
                .orElse(" (" + String.join("/", v.flags()) + ")");
    }

    private static Evidence evidence(VesselFusion.Vessel v) {
        VesselFusion.Contribution c = v.contributions().getFirst();
        return new Evidence(v.id(), c.mmsi(), c.mmsi().flag().orElse("MID " + c.mmsi().mid().map(String::valueOf)
                .orElse("?")), v.name(), v.position(), v.speed(), v.time(), c.party(), c.source());
    }

    /** Columns of {@link #COLUMN_DEG} of longitude round the earth, wider than the STS distance below 84°. */
    private static final double COLUMN_DEG = 0.05;
    private static final int COLUMNS = (int) Math.round(360 / COLUMN_DEG);

    private static long row(GeoPoint p) {
        return (long) Math.floor(p.latitude() / CELL_DEG);
    }

    private static long column(GeoPoint p) {
        return Math.floorMod((long) Math.floor((p.longitude() + 180) / COLUMN_DEG), COLUMNS);
    }

    private static long cell(long row, long column) {
        return row * 1_000_000L + column;
    }
}
