package io.liaison.core.hotline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.liaison.core.party.Party;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of {@link TrackFusion}. Launch sites keep to latitudes within ±55° and longitudes within ±140°,
 * positions to 400 km and impact points to 1,000 km from them, and observations lie within two minutes of each
 * other at up to 3 km/s, so nothing (carried forward or not) comes near a pole or the date line.
 */
class TrackFusionProperties {
    private static final Instant T0 = Instant.parse("2026-03-01T06:00:00Z");
    private static final double DEG_EPS = 1e-9;
    private static final double M_EPS = 1e-6;
    private static final List<Party> PARTIES = List.of(Party.of("JPN"), Party.of("KOR"), Party.of("USA"));

    // ---- generators ----

    private static Arbitrary<GeoPoint> centres() {
        return Combinators.combine(Arbitraries.doubles().between(-55, 55), Arbitraries.doubles().between(-140, 140))
                .as((lat, lon) -> new GeoPoint(lat, lon, 0));
    }

    /** The point {@code metres} from {@code p} along {@code bearingDeg} on the haversine sphere. */
    static GeoPoint destination(GeoPoint p, double metres, double bearingDeg, double altitude) {
        double d = metres / GeoPoint.EARTH_RADIUS_M;
        double th = Math.toRadians(bearingDeg);
        double p1 = Math.toRadians(p.latitude());
        double l1 = Math.toRadians(p.longitude());
        double p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(th));
        double l2 = l1 + Math.atan2(Math.sin(th) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * Math.sin(p2));
        double lon = Math.toDegrees(l2);
        lon = lon > 180 ? lon - 360 : lon < -180 ? lon + 360 : lon;
        return new GeoPoint(Math.toDegrees(p2), lon, altitude);
    }

    /** A point within {@code radius} metres of {@code centre}. */
    private static Arbitrary<GeoPoint> near(GeoPoint centre, double radius, double minAlt, double maxAlt) {
        return Combinators.combine(Arbitraries.doubles().between(0, radius), Arbitraries.doubles().between(0, 360),
                Arbitraries.doubles().between(minAlt, maxAlt)).as((r, b, alt) -> destination(centre, r, b, alt));
    }

    private static Arbitrary<Velocity> velocities() {
        Arbitrary<Double> c = Arbitraries.doubles().between(-3_000, 3_000);
        return Combinators.combine(c, c, c).as(Velocity::new);
    }

    /** Sub-metre to 2,000 km, with the edges often. */
    private static Arbitrary<Double> sigmas(double min) {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.doubles().between(min, 2_000_000)),
                Tuple.of(3, Arbitraries.doubles().between(min, 5_000)),
                Tuple.of(1, Arbitraries.of(min, 2_000_000.0)));
    }

    /** An update of a track launched within {@code radius} metres of {@code centre}. */
    private static Arbitrary<TrackUpdate> updates(GeoPoint centre, double radius) {
        Arbitrary<Instant> times = Arbitraries.longs().between(0, 120_000).map(T0::plusMillis);
        Arbitrary<Double> qualities = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.doubles().between(0, 1)),
                Tuple.of(1, Arbitraries.of(0.0, 1.0)));
        return Combinators.combine(times, near(centre, radius, 0, 500), near(centre, 400_000, 0, 800_000),
                velocities(), near(centre, 1_000_000, 0, 0), sigmas(1), qualities)
                .as((t, launch, pos, vel, impact, sigma, q) -> new TrackUpdate("T1", t, pos, vel, launch, impact, sigma,
                        "radar 1", q, "秘"));
    }

    /** A view of a party's track: the party and track id are set later, so that they are unique. */
    private static Arbitrary<List<TrackUpdate>> cluster(double radius) {
        return centres().flatMap(c -> updates(c, radius).list().ofMinSize(1).ofMaxSize(5));
    }

    /** Gives each update its own (party, track id), so no two views are the same track of the same party. */
    private static List<TrackFusion.View> views(List<TrackUpdate> updates, int offset) {
        List<TrackFusion.View> out = new ArrayList<>();
        for (int i = 0; i < updates.size(); i++) {
            TrackUpdate u = updates.get(i);
            int n = offset + i;
            Party party = PARTIES.get(n % PARTIES.size());
            TrackUpdate named = new TrackUpdate("T" + n, u.time(), u.position(), u.velocity(), u.launchPoint(),
                    u.impactPoint(), u.impactUncertainty(), party.code() + " sensor " + n, u.quality(), u.classification());
            out.add(new TrackFusion.View(party, named));
        }
        return out;
    }

    @Provide
    Arbitrary<List<TrackFusion.View>> oneLaunch() {
        return cluster(10_000).map(us -> views(us, 0));
    }

    @Provide
    Arbitrary<TrackFusion.View> single() {
        return centres().flatMap(c -> updates(c, 0)).map(u -> views(List.of(u), 7).getFirst());
    }

    /** Views of one to four launches whose launch points lie at least 110 km from any other launch's. */
    @Provide
    Arbitrary<List<List<TrackFusion.View>>> launches() {
        return centres().list().ofMinSize(1).ofMaxSize(4).filter(TrackFusionProperties::apart).flatMap(cs -> {
            List<Arbitrary<List<TrackUpdate>>> each = cs.stream()
                    .<Arbitrary<List<TrackUpdate>>>map(c -> updates(c, 10_000).list().ofMinSize(1).ofMaxSize(4)).toList();
            return Combinators.combine(each).as(lists -> {
                List<List<TrackFusion.View>> out = new ArrayList<>();
                int offset = 0;
                for (List<TrackUpdate> l : lists) {
                    out.add(views(l, offset));
                    offset += l.size();
                }
                return out;
            });
        });
    }

    private static boolean apart(List<GeoPoint> centres) {
        for (int i = 0; i < centres.size(); i++) {
            for (int j = i + 1; j < centres.size(); j++) {
                if (centres.get(i).distanceTo(centres.get(j)) < 130_000) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Two views whose launch points are either within 10 km or more than 100 km apart, edges included. */
    @Provide
    Arbitrary<List<TrackFusion.View>> twoLaunchPoints() {
        Arbitrary<Double> distance = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.doubles().between(0, 9_990)),
                Tuple.of(3, Arbitraries.doubles().between(100_010, 400_000)),
                Tuple.of(1, Arbitraries.of(0.0, 9_990.0, 100_010.0)));
        return Combinators.combine(centres(), distance, Arbitraries.doubles().between(0, 360)).flatAs((c, d, b) -> {
            GeoPoint other = destination(c, d, b, 0);
            return Combinators.combine(updates(c, 0), updates(other, 0)).as((u1, u2) -> views(List.of(u1, u2), 0));
        });
    }

    // ---- properties ----

    @Property(tries = 250)
    void aSingleView_fusesToItself(@ForAll("single") TrackFusion.View v) {
        TrackUpdate u = v.update();
        List<TrackFusion.Fused> fused = TrackFusion.fuse(List.of(v));
        assertThat(fused).hasSize(1);
        TrackFusion.Fused f = fused.getFirst();
        assertThat(f.time()).isEqualTo(u.time());
        assertThat(f.position().latitude()).isCloseTo(u.position().latitude(), within(DEG_EPS));
        assertThat(f.position().longitude()).isCloseTo(u.position().longitude(), within(DEG_EPS));
        assertThat(f.position().altitude()).isCloseTo(u.position().altitude(), within(M_EPS));
        assertThat(f.velocity()).isEqualTo(u.velocity());
        assertThat(f.launchPoint().latitude()).isCloseTo(u.launchPoint().latitude(), within(DEG_EPS));
        assertThat(f.launchPoint().longitude()).isCloseTo(u.launchPoint().longitude(), within(DEG_EPS));
        assertThat(f.launchPoint().altitude()).isCloseTo(u.launchPoint().altitude(), within(M_EPS));
        // The generated impact points lie on the ellipsoid (altitude 0): the fused impact point always does.
        assertThat(f.impactPoint().latitude()).isCloseTo(u.impactPoint().latitude(), within(DEG_EPS));
        assertThat(f.impactPoint().longitude()).isCloseTo(u.impactPoint().longitude(), within(DEG_EPS));
        assertThat(f.impactPoint().altitude()).isEqualTo(u.impactPoint().altitude());
        assertThat(f.impactUncertainty()).isEqualTo(u.impactUncertainty());
        assertThat(f.id()).isEqualTo(v.party().code() + ":" + u.trackId());
        assertThat(f.contributions()).singleElement().satisfies(c -> {
            assertThat(c.party()).isEqualTo(v.party());
            assertThat(c.trackId()).isEqualTo(u.trackId());
            assertThat(c.sensor()).isEqualTo(u.sensor());
            assertThat(c.positionWeight()).isEqualTo(1.0);
            assertThat(c.impactWeight()).isEqualTo(1.0);
        });
    }

    @Property(tries = 250)
    void fusedImpactUncertainty_isNeverLargerThanTheBestInput(@ForAll("oneLaunch") List<TrackFusion.View> views) {
        TrackFusion.Fused f = onlyOne(TrackFusion.fuse(views));
        double best = views.stream().mapToDouble(v -> v.update().impactUncertainty()).min().orElseThrow();
        assertThat(f.impactUncertainty()).isLessThanOrEqualTo(best);
        if (views.size() > 1) {
            // 1/sqrt(Σ 1/σ²): strictly better than the best single one.
            assertThat(f.impactUncertainty()).isLessThan(best);
        }
    }

    @Property(tries = 250)
    void positionWeightsAndImpactWeights_eachSumToOne(@ForAll("oneLaunch") List<TrackFusion.View> views) {
        TrackFusion.Fused f = onlyOne(TrackFusion.fuse(views));
        assertThat(f.contributions()).hasSameSizeAs(views);
        assertThat(f.contributions()).allSatisfy(c -> {
            assertThat(c.positionWeight()).isBetween(0.0, 1.0);
            assertThat(c.impactWeight()).isBetween(0.0, 1.0);
        });
        assertThat(f.contributions().stream().mapToDouble(TrackFusion.Contribution::positionWeight).sum())
                .isCloseTo(1.0, within(1e-9));
        assertThat(f.contributions().stream().mapToDouble(TrackFusion.Contribution::impactWeight).sum())
                .isCloseTo(1.0, within(1e-9));
    }

    @Property(tries = 250)
    void fusedPosition_liesWithinTheBoxOfTheInputsCarriedForwardToTheNewestTime(
            @ForAll("oneLaunch") List<TrackFusion.View> views) {
        TrackFusion.Fused f = onlyOne(TrackFusion.fuse(views));
        Instant newest = views.stream().map(v -> v.update().time()).max(Comparator.naturalOrder()).orElseThrow();
        assertThat(f.time()).isEqualTo(newest);
        List<GeoPoint> now = views.stream().map(v -> v.update().position().moved(v.update().velocity(),
                (newest.toEpochMilli() - v.update().time().toEpochMilli()) / 1000.0)).toList();
        assertInBox(f.position(), now, true);
        assertInBox(f.launchPoint(), views.stream().map(v -> v.update().launchPoint()).toList(), true);
        assertInBox(f.impactPoint(), views.stream().map(v -> v.update().impactPoint()).toList(), true);
        assertThat(f.velocity().north()).isBetween(min(views, Velocity::north) - M_EPS,
                max(views, Velocity::north) + M_EPS);
        assertThat(f.velocity().east()).isBetween(min(views, Velocity::east) - M_EPS,
                max(views, Velocity::east) + M_EPS);
        assertThat(f.velocity().up()).isBetween(min(views, Velocity::up) - M_EPS,
                max(views, Velocity::up) + M_EPS);
    }

    @Property(tries = 300)
    void theResult_doesNotDependOnInputOrder(@ForAll("launches") List<List<TrackFusion.View>> launches,
            @ForAll long seed) {
        List<TrackFusion.View> all = launches.stream().flatMap(List::stream).collect(Collectors.toList());
        List<TrackFusion.Fused> expected = TrackFusion.fuse(all);
        List<TrackFusion.View> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new Random(seed));
        assertThat(TrackFusion.fuse(shuffled)).isEqualTo(expected);
        Collections.reverse(shuffled);
        assertThat(TrackFusion.fuse(shuffled)).isEqualTo(expected);
        assertThat(TrackFusion.fuse(new HashSet<>(all))).isEqualTo(expected);
    }

    @Property(tries = 300)
    void eachLaunch_isOneFusedTrack_andLaunchesOver100KmApartAreNeverFused(
            @ForAll("launches") List<List<TrackFusion.View>> launches) {
        List<TrackFusion.View> all = launches.stream().flatMap(List::stream).toList();
        List<TrackFusion.Fused> fused = TrackFusion.fuse(all);
        assertThat(fused).hasSameSizeAs(launches);
        Set<Set<String>> expected = launches.stream().map(l -> l.stream()
                .map(v -> v.party().code() + ":" + v.update().trackId()).collect(Collectors.toSet()))
                .collect(Collectors.toSet());
        Set<Set<String>> actual = fused.stream().map(f -> f.contributions().stream()
                .map(c -> c.party().code() + ":" + c.trackId()).collect(Collectors.toSet())).collect(Collectors.toSet());
        assertThat(actual).isEqualTo(expected);
        // Newest first.
        assertThat(fused).extracting(TrackFusion.Fused::time).isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Property(tries = 500)
    void twoViews_within10KmAreFused_over100KmApartAreNot(@ForAll("twoLaunchPoints") List<TrackFusion.View> views) {
        double d = views.get(0).update().launchPoint().distanceTo(views.get(1).update().launchPoint());
        List<TrackFusion.Fused> fused = TrackFusion.fuse(views);
        if (d <= 10_000) {
            assertThat(fused).as("launch points %.0f m apart", d).hasSize(1);
            assertThat(fused.getFirst().contributions()).hasSize(2);
        } else {
            assertThat(d).isGreaterThan(100_000);
            assertThat(fused).as("launch points %.0f m apart", d).hasSize(2);
            assertThat(fused).allSatisfy(f -> assertThat(f.contributions()).hasSize(1));
        }
    }

    @Property(tries = 200)
    void theDestinationHelper_isAtTheDistanceAsked(@ForAll @DoubleRange(min = -55, max = 55) double lat,
            @ForAll @DoubleRange(min = -150, max = 150) double lon, @ForAll @DoubleRange(min = 0, max = 400_000) double d,
            @ForAll @IntRange(min = 0, max = 359) int bearing) {
        GeoPoint p = new GeoPoint(lat, lon, 0);
        assertThat(p.distanceTo(destination(p, d, bearing, 0))).isCloseTo(d, within(0.01));
    }

    @Example
    void twoViews_ofTheSameLaunch_areWeightedAsDocumented() {
        GeoPoint launch = new GeoPoint(39.0, 125.7, 0);
        Velocity v = new Velocity(0, 1_000, 0);
        TrackUpdate jpn = new TrackUpdate("J1", T0, new GeoPoint(39.5, 128.0, 100_000), v, launch,
                new GeoPoint(40.0, 135.0, 0), 30_000, "JPN radar", 0.75, "秘");
        TrackUpdate kor = new TrackUpdate("K1", T0.plusSeconds(10), new GeoPoint(39.5, 128.2, 100_000), v,
                destination(launch, 5_000, 90, 0), new GeoPoint(40.0, 136.0, 0), 40_000, "KOR radar", 0.25, "군사Ⅲ급비밀");
        TrackFusion.Fused f = onlyOne(TrackFusion.fuse(List.of(new TrackFusion.View(Party.of("KOR"), kor),
                new TrackFusion.View(Party.of("JPN"), jpn))));
        assertThat(f.id()).isEqualTo("JPN:J1+KOR:K1");
        assertThat(f.time()).isEqualTo(T0.plusSeconds(10));
        // σ = 1/sqrt(1/30² + 1/40²) km = 24 km; impact weights 16/25 and 9/25.
        assertThat(f.impactUncertainty()).isCloseTo(24_000, within(1e-6));
        assertThat(f.contributions()).extracting(TrackFusion.Contribution::impactWeight)
                .containsExactly(16.0 / 25, 9.0 / 25);
        assertThat(f.contributions()).extracting(TrackFusion.Contribution::positionWeight).containsExactly(0.75, 0.25);
        assertThat(f.impactPoint().longitude()).isCloseTo(135.0 * 16 / 25 + 136.0 * 9 / 25, within(1e-9));
        double jpnLonNow = jpn.position().moved(v, 10).longitude();
        assertThat(f.position().longitude()).isCloseTo(0.75 * jpnLonNow + 0.25 * 128.2, within(1e-9));
    }

    /**
     * A view may carry an impact uncertainty below 1 m, while the weights floor σ at 1 m: the fused σ is still never
     * larger than the best input (this once gave 0.71 m for two 0.5 m views).
     */
    @Property(tries = 200)
    void fusedImpactUncertainty_isNeverLargerThanTheBestInput_evenBelowOneMetre(
            @ForAll @DoubleRange(min = 0, max = 0.99) double small, @ForAll("oneLaunch") List<TrackFusion.View> others) {
        TrackFusion.View first = others.getFirst();
        TrackUpdate u = first.update();
        TrackFusion.View precise = new TrackFusion.View(Party.of("KOR"), new TrackUpdate("P1", u.time(), u.position(),
                u.velocity(), u.launchPoint(), u.impactPoint(), small, "KOR sensor P", u.quality(), u.classification()));
        List<TrackFusion.View> views = new ArrayList<>(others);
        views.add(precise);
        TrackFusion.Fused f = onlyOne(TrackFusion.fuse(views));
        assertThat(f.impactUncertainty()).isLessThanOrEqualTo(small);
    }

    @Example
    void twoLaunchesFromOneSiteHoursApart_areTwoTracks() {
        Velocity v = new Velocity(500, 1500, 600);
        GeoPoint site = new GeoPoint(39.03, 125.75, 0);
        java.time.Instant t = java.time.Instant.parse("2017-08-28T20:58:00Z");
        TrackUpdate morning = new TrackUpdate("A", t, new GeoPoint(39.2, 126.2, 100_000), v, site,
                new GeoPoint(41.9, 144.6, 0), 20_000, "Aegis", 0.9, "秘");
        TrackUpdate evening = new TrackUpdate("B", t.plus(java.time.Duration.ofHours(8)), new GeoPoint(39.2, 126.2, 100_000),
                v, site, new GeoPoint(40.9, 139.6, 0), 20_000, "Aegis", 0.9, "秘");
        assertThat(TrackFusion.fuse(List.of(new TrackFusion.View(Party.of("JPN"), morning),
                new TrackFusion.View(Party.of("JPN"), evening)))).hasSize(2);
    }

    // ---- helpers ----

    private static TrackFusion.Fused onlyOne(List<TrackFusion.Fused> fused) {
        assertThat(fused).hasSize(1);
        return fused.getFirst();
    }

    private static void assertInBox(GeoPoint p, List<GeoPoint> points, boolean withAltitude) {
        assertThat(p.latitude()).isBetween(points.stream().mapToDouble(GeoPoint::latitude).min().orElseThrow() - DEG_EPS,
                points.stream().mapToDouble(GeoPoint::latitude).max().orElseThrow() + DEG_EPS);
        assertThat(p.longitude()).isBetween(points.stream().mapToDouble(GeoPoint::longitude).min().orElseThrow() - DEG_EPS,
                points.stream().mapToDouble(GeoPoint::longitude).max().orElseThrow() + DEG_EPS);
        if (withAltitude) {
            assertThat(p.altitude()).isBetween(points.stream().mapToDouble(GeoPoint::altitude).min().orElseThrow() - M_EPS,
                    points.stream().mapToDouble(GeoPoint::altitude).max().orElseThrow() + M_EPS);
        }
    }

    private static double min(List<TrackFusion.View> views, java.util.function.ToDoubleFunction<Velocity> f) {
        return views.stream().mapToDouble(v -> f.applyAsDouble(v.update().velocity())).min().orElseThrow();
    }

    private static double max(List<TrackFusion.View> views, java.util.function.ToDoubleFunction<Velocity> f) {
        return views.stream().mapToDouble(v -> f.applyAsDouble(v.update().velocity())).max().orElseThrow();
    }
}
