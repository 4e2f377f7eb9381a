package io.liaison.hotline;

import static io.liaison.hotline.HotlinePair.GSOMIA;
import static io.liaison.hotline.HotlinePair.JPN;
import static io.liaison.hotline.HotlinePair.KOR;
import static io.liaison.hotline.HotlinePair.LINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.core.agreement.AgreementId;
import io.liaison.core.error.ForbiddenException;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.hotline.GeoPoint;
import io.liaison.core.hotline.Objectives;
import io.liaison.core.hotline.Precedence;
import io.liaison.core.hotline.TrackFusion;
import io.liaison.core.hotline.TrackUpdate;
import io.liaison.core.hotline.Velocity;
import io.liaison.node.MutableClock;
import io.liaison.node.TestNodes;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Live missile tracks on the line between two real nodes over mutual TLS. */
@org.junit.jupiter.api.Timeout(600)
class TracksTest {
    private final MutableClock clock = new MutableClock(Instant.now());
    /** Tongchang-ri. */
    private static final GeoPoint LAUNCH = new GeoPoint(39.66, 124.70, 0);
    /** About 2.7 km away: KOR's estimate of the same launch. */
    private static final GeoPoint LAUNCH_SEEN_BY_KOR = new GeoPoint(39.68, 124.72, 0);

    private Instant t0() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** An update {@code seconds} after launch at {@code t0}. */
    private static TrackUpdate update(String id, Instant t0, int seconds, GeoPoint launch, String sensor, String level) {
        Velocity v = new Velocity(300, 2_000, seconds < 100 ? 1_500 : -500);
        GeoPoint at = launch.moved(v, Math.min(seconds, 200));
        return new TrackUpdate(id, t0.plusSeconds(seconds), at, v, launch, new GeoPoint(40.9, 138.6, 0),
                Math.max(5_000, 60_000 - seconds * 200.0), sensor, Math.min(1, 0.5 + seconds / 400.0), level);
    }

    private static TrackUpdate jpnUpdate(String id, Instant t0, int seconds) {
        return update(id, t0, seconds, LAUNCH, "JPN FPS-5 Sado", "秘");
    }

    private static Optional<Tracks.Held> view(Hotline h, User u, io.liaison.core.party.Party party, String trackId) {
        return h.tracks().picture(u, LINE).views().stream()
                .filter(x -> x.party().equals(party) && x.update().trackId().equals(trackId)).findFirst();
    }

    private static Instant seenAt(Hotline h, User u, io.liaison.core.party.Party party, String trackId) {
        return view(h, u, party, trackId).map(x -> x.update().time()).orElse(Instant.MIN);
    }

    @Test
    void aNewLaunchTrack_flashesTheOtherEnd_andLaterUpdatesArriveInOrder() throws Exception {
        try (HotlinePair p = new HotlinePair(TestNodes.Db.H2, clock, Hotline.Options.defaults());
                Tracks.Feed feed = p.kh.tracks().subscribe(LINE, h -> true)) {
            Instant t0 = t0();
            TrackUpdate first = jpnUpdate("JPN-2026-001", t0, 0);
            assertThat(p.jh.tracks().publish(p.sato, LINE, List.of(first))).isEqualTo(1);

            // KOR gets a FLASH message at once whose text is the one-line summary.
            HotlinePair.await(15, () -> p.count(p.kor, "direction = 'IN'") == 1);
            HotlineMessage flash = p.kh.messages(p.kim, LINE, true, 10).getFirst();
            assertThat(flash.precedence()).isEqualTo(Precedence.FLASH);
            assertThat(flash.from()).isEqualTo(JPN);
            assertThat(flash.text()).startsWith("LAUNCH track JPN-2026-001 from 39.66N 124.70E").isEqualTo(first.summary());
            assertThat(flash.marking()).isEqualTo("JPN / 군사Ⅲ급비밀");
            assertThat(p.count(p.jpn, "direction = 'OUT' AND precedence = 0")).isEqualTo(1);

            // KOR's picture holds JPN's view, in KOR's policy.
            HotlinePair.await(15, () -> view(p.kh, p.kim, JPN, "JPN-2026-001").isPresent());
            Tracks.Held atKor = view(p.kh, p.kim, JPN, "JPN-2026-001").orElseThrow();
            assertThat(atKor.update().time()).isEqualTo(first.time());
            assertThat(atKor.update().position()).isEqualTo(first.position());
            assertThat(atKor.update().sensor()).isEqualTo("JPN FPS-5 Sado");
            assertThat(atKor.update().classification()).isEqualTo("군사Ⅲ급비밀");
            assertThat(atKor.marking()).isEqualTo("JPN / 군사Ⅲ급비밀");
            Tracks.Picture picture = p.kh.tracks().picture(p.kim, LINE);
            assertThat(picture.fused()).singleElement().satisfies(f -> assertThat(f.contributions())
                    .singleElement().satisfies(c -> assertThat(c.party()).isEqualTo(JPN)));

            // Later updates: KOR never shows an older one than it showed before, and ends with the latest.
            List<Instant> seen = new ArrayList<>();
            List<Instant> taken = new ArrayList<>();
            for (int s = 1; s <= 40; s++) {
                assertThat(p.jh.tracks().publish(p.sato, LINE, List.of(jpnUpdate("JPN-2026-001", t0, s)))).isEqualTo(1);
                seen.add(seenAt(p.kh, p.kim, JPN, "JPN-2026-001"));
                feed.take(0).forEach(h -> taken.add(h.update().time()));
                if (s % 10 == 0) {
                    Thread.sleep(30);
                }
            }
            Instant last = t0.plusSeconds(40);
            HotlinePair.await(15, () -> seenAt(p.kh, p.kim, JPN, "JPN-2026-001").equals(last));
            long end = System.currentTimeMillis() + 5_000;
            while ((taken.isEmpty() || !taken.getLast().equals(last)) && System.currentTimeMillis() < end) {
                feed.take(200).forEach(h -> taken.add(h.update().time()));
            }
            assertThat(seen).isSorted();
            assertThat(taken).as("each taken update newer than the one before").doesNotHaveDuplicates().isSorted()
                    .endsWith(last);
            // Only the first update of a track is a new launch: one FLASH message, one recorded start.
            assertThat(p.count(p.kor, "direction = 'IN'")).isEqualTo(1);
            assertThat(p.count(p.jpn, "direction = 'OUT'")).isEqualTo(1);
            assertThat(p.jpn.audit().tail(io.liaison.node.audit.AuditLog.Viewer.SYSTEM, -1, 200)).filteredOn(e -> e.event().equals("track.started")).hasSize(1);
            HotlinePair.await(10, () -> p.kor.audit().tail(io.liaison.node.audit.AuditLog.Viewer.SYSTEM, -1, 200).stream()
                    .anyMatch(e -> e.event().equals("track.started")));
            // Not newer than what is held: ignored.
            assertThat(p.jh.tracks().publish(p.sato, LINE, List.of(jpnUpdate("JPN-2026-001", t0, 40),
                    jpnUpdate("JPN-2026-001", t0, 3)))).isZero();
        }
    }

    @Test
    void twoPartiesViewsOfOneLaunch_fuseIntoOneTrack_atEitherEnd() throws Exception {
        try (HotlinePair p = new HotlinePair(TestNodes.Db.H2, clock, Hotline.Options.defaults())) {
            Instant t0 = t0();
            assertThat(LAUNCH.distanceTo(LAUNCH_SEEN_BY_KOR)).isBetween(1_000.0, 5_000.0);
            p.jh.tracks().publish(p.sato, LINE, List.of(jpnUpdate("JPN-2026-002", t0, 30)));
            TrackUpdate kors = update("KOR-0815", t0, 32, LAUNCH_SEEN_BY_KOR, "KOR Green Pine Block-C", "군사Ⅲ급비밀");
            assertThat(p.kh.tracks().publish(p.kim, LINE, List.of(kors))).isEqualTo(1);

            for (Hotline h : new Hotline[] {p.jh, p.kh}) {
                User reader = h == p.jh ? p.sato : p.kim;
                HotlinePair.await(15, () -> h.tracks().picture(reader, LINE).views().size() == 2);
                Tracks.Picture picture = h.tracks().picture(reader, LINE);
                assertThat(picture.fused()).as("at %s", h == p.jh ? "JPN" : "KOR").hasSize(1);
                TrackFusion.Fused f = picture.fused().getFirst();
                assertThat(f.contributions()).hasSize(2);
                assertThat(f.contributions()).extracting(TrackFusion.Contribution::party).containsExactly(JPN, KOR);
                assertThat(f.contributions()).extracting(TrackFusion.Contribution::sensor)
                        .containsExactly("JPN FPS-5 Sado", "KOR Green Pine Block-C");
                assertThat(f.id()).isEqualTo("JPN:JPN-2026-002+KOR:KOR-0815");
                assertThat(f.time()).isEqualTo(t0.plusSeconds(32));
                assertThat(f.impactUncertainty()).isLessThan(Math.min(kors.impactUncertainty(),
                        jpnUpdate("JPN-2026-002", t0, 30).impactUncertainty()));
            }
            // Each end marks the other's view in its own policy.
            HotlinePair.await(10, () -> view(p.jh, p.sato, KOR, "KOR-0815").isPresent());
            assertThat(view(p.jh, p.sato, KOR, "KOR-0815").orElseThrow().marking()).isEqualTo("KOR / 秘");
            assertThat(view(p.jh, p.sato, KOR, "KOR-0815").orElseThrow().update().classification()).isEqualTo("秘");
            assertThat(view(p.kh, p.kim, KOR, "KOR-0815").orElseThrow().marking()).isEqualTo("KOR / 군사Ⅲ급비밀");
            // KOR's new track flashed JPN too.
            HotlinePair.await(15, () -> p.jh.messages(p.sato, LINE, true, 10).stream()
                    .anyMatch(m -> m.precedence() == Precedence.FLASH && m.text().startsWith("LAUNCH track KOR-0815")));
            // A reader with no official need sees no picture; a security officer does (R9).
            assertThatThrownBy(() -> p.kh.tracks().picture(p.lee, LINE)).isInstanceOf(ForbiddenException.class);
            assertThat(p.kh.tracks().picture(p.park, LINE).views()).hasSize(2);
        }
    }

    @Test
    void aFeedThatFallsBehind_getsOnlyTheLatest_andNeverAnOlderOneThanItTook() throws Exception {
        try (HotlinePair p = new HotlinePair(TestNodes.Db.H2, clock, Hotline.Options.defaults());
                Tracks.Feed feed = p.kh.tracks().subscribe(LINE, h -> true)) {
            Instant t0 = t0();
            for (int s = 1; s <= 50; s++) {
                Instant t = t0.plusSeconds(s);
                p.jh.tracks().publish(p.sato, LINE, List.of(jpnUpdate("JPN-2026-003", t0, s)));
                // Each update reaches KOR on its own, so KOR's feed is offered all fifty.
                HotlinePair.await(15, () -> seenAt(p.kh, p.kim, JPN, "JPN-2026-003").equals(t));
            }
            Thread.sleep(100);
            List<Tracks.Held> got = feed.take(1_000);
            assertThat(got).singleElement().satisfies(h -> {
                assertThat(h.update().time()).isEqualTo(t0.plusSeconds(50));
                assertThat(h.party()).isEqualTo(JPN);
                assertThat(h.marking()).isEqualTo("JPN / 군사Ⅲ급비밀");
            });
            assertThat(feed.conflated()).isPositive().isEqualTo(49);
            assertThat(feed.take(200)).as("nothing more").isEmpty();

            // Older than (or as old as) what the feed took: never delivered.
            assertThat(p.jh.tracks().publish(p.sato, LINE, List.of(jpnUpdate("JPN-2026-003", t0, 20),
                    jpnUpdate("JPN-2026-003", t0, 50)))).isZero();
            assertThat(feed.take(500)).isEmpty();
            // Another track, even an older one, and a newer update of this one are delivered.
            p.jh.tracks().publish(p.sato, LINE, List.of(jpnUpdate("JPN-2026-004", t0, 5)));
            p.jh.tracks().publish(p.sato, LINE, List.of(jpnUpdate("JPN-2026-003", t0, 51)));
            List<Tracks.Held> next = new ArrayList<>();
            long end = System.currentTimeMillis() + 10_000;
            while (next.size() < 2 && System.currentTimeMillis() < end) {
                next.addAll(feed.take(200));
            }
            assertThat(next).extracting(h -> h.update().trackId() + "@" + (h.update().time().getEpochSecond()
                    - t0.getEpochSecond())).containsExactlyInAnyOrder("JPN-2026-004@5", "JPN-2026-003@51");
            feed.close();
            assertThat(feed.take(1_000)).as("closed").isEmpty();
        }
    }

    @Test
    void onlyADutyOfficerOfTheLine_publishes_andNothingAboveTheAgreementGoes() throws Exception {
        try (HotlinePair p = new HotlinePair(TestNodes.Db.H2, clock, Hotline.Options.defaults())) {
            Instant t0 = t0();
            for (User u : new User[] {p.lee, p.park}) {
                assertThatThrownBy(() -> p.kh.tracks().publish(u, LINE, List.of(update("KOR-1", t0, 0, LAUNCH,
                        "KOR radar", "군사Ⅲ급비밀")))).isInstanceOf(ForbiddenException.class)
                        .hasMessageContaining("not a duty officer of line " + LINE);
            }
            // A duty officer of another line is not one of this line.
            User jdo = HotlinePair.user(p.jpn, "tanaka", "jpn", "特定秘密", JPN, Role.DUTY_OFFICER);
            assertThatThrownBy(() -> p.jh.tracks().publish(jdo, LINE, List.of(jpnUpdate("JPN-1", t0, 0))))
                    .isInstanceOf(ForbiddenException.class);

            // kim is cleared to 군사Ⅱ급비밀 only.
            assertThatThrownBy(() -> p.kh.tracks().publish(p.kim, LINE, List.of(update("KOR-1", t0, 0, LAUNCH,
                    "KOR radar", "군사Ⅰ급비밀")))).isInstanceOf(ForbiddenException.class)
                    .satisfies(e -> assertThat(((ForbiddenException) e).code()).isEqualTo("CLEARANCE_BELOW_LEVEL"));

            // A duty officer cleared to 군사Ⅰ급비밀 still cannot share it: the GSOMIA does not cover it (R2).
            User kadmin = io.liaison.node.TestUsers.admin(p.kor);
            User choi = HotlinePair.user(p.kor, "choi", "kor", "군사Ⅰ급비밀", KOR, Role.DUTY_OFFICER);
            p.kh.addLine(kadmin, new Line("jpn-kor-ops", "ops", JPN, GSOMIA, Set.of("choi"), Set.of("sato"),
                    "JCS J3 watch", Objectives.defaults()));
            TrackUpdate fine = update("KOR-2", t0, 0, LAUNCH, "KOR radar", "군사Ⅲ급비밀");
            TrackUpdate above = update("KOR-3", t0, 0, LAUNCH, "KOR radar", "군사Ⅰ급비밀");
            assertThatThrownBy(() -> p.kh.tracks().publish(choi, "jpn-kor-ops", List.of(fine, above)))
                    .isInstanceOf(ForbiddenException.class).hasMessageContaining("군사Ⅰ급비밀")
                    .satisfies(e -> assertThat(((ForbiddenException) e).code()).isEqualTo("LEVEL_NOT_COVERED"));
            // The batch is refused whole: nothing kept, nothing announced.
            assertThat(p.kh.tracks().picture(choi, "jpn-kor-ops").views()).isEmpty();
            assertThat(p.count(p.kor, "1 = 1")).isZero();

            assertThatThrownBy(() -> p.jh.tracks().publish(p.sato, LINE, List.of(update("JPN-2", t0, 0, LAUNCH,
                    "JPN radar", "SECRET")))).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("'SECRET' is not a level of policy jpn");
            assertThatThrownBy(() -> p.jh.tracks().publish(p.sato, LINE, List.of()))
                    .isInstanceOf(InvalidInputException.class);
            assertThat(p.jh.tracks().picture(p.sato, LINE).views()).isEmpty();
            Thread.sleep(300);
            assertThat(p.kh.tracks().picture(p.kim, LINE).views()).isEmpty();
            assertThat(p.count(p.jpn, "1 = 1")).isZero();
        }
    }

    @Test
    void beforeTheAgreement_onlyUnclassifiedTracksGo() throws Exception {
        try (HotlinePair p = new HotlinePair(TestNodes.Db.H2, clock, Hotline.Options.defaults(), true)) {
            Instant t0 = t0();
            assertThatThrownBy(() -> p.jh.tracks().publish(p.sato, LINE, List.of(jpnUpdate("JPN-5", t0, 0))))
                    .isInstanceOf(ForbiddenException.class).hasMessageContaining("NOT_PROPOSED")
                    .satisfies(e -> assertThat(((ForbiddenException) e).code()).isEqualTo("AGREEMENT_NOT_IN_FORCE"));
            TrackUpdate open = update("JPN-6", t0, 0, LAUNCH, "JPN FPS-5 Sado", "注意");
            assertThat(p.jh.tracks().publish(p.sato, LINE, List.of(open))).isEqualTo(1);
            HotlinePair.await(15, () -> view(p.kh, p.kim, JPN, "JPN-6").isPresent());
            assertThat(view(p.kh, p.kim, JPN, "JPN-6").orElseThrow().marking()).isEqualTo("JPN / 평문");
            HotlinePair.await(15, () -> p.count(p.kor, "direction = 'IN'") == 1);
            assertThat(p.kh.messages(p.kim, LINE, true, 10).getFirst().text()).isEqualTo(open.summary());
        }
    }

    @Test
    void aSlowEndGetsEachTracksLatestState_notABacklog() throws Exception {
        try (HotlinePair p = new HotlinePair(TestNodes.Db.H2, clock, Hotline.Options.defaults())) {
            Instant t0 = t0();
            p.korDown();
            for (int s = 0; s < 30; s++) {
                p.jh.tracks().publish(p.sato, LINE, List.of(jpnUpdate("JPN-7", t0, s), jpnUpdate("JPN-8", t0, s)));
            }
            Thread.sleep(300);
            p.korUp();
            HotlinePair.await(20, () -> seenAt(p.kh, p.kim, JPN, "JPN-7").equals(t0.plusSeconds(29))
                    && seenAt(p.kh, p.kim, JPN, "JPN-8").equals(t0.plusSeconds(29)));
            assertThat(p.kh.tracks().picture(p.kim, LINE).views()).hasSize(2);
        }
    }
}
