package io.liaison.hotline;

import static io.liaison.hotline.HotlinePair.LINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.core.agreement.AgreementId;
import io.liaison.core.error.ForbiddenException;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.error.NotFoundException;
import io.liaison.core.hotline.LineHealth;
import io.liaison.core.hotline.Precedence;
import io.liaison.node.MutableClock;
import io.liaison.node.TestNodes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The hotline between two real nodes over mutual TLS (R23-R27). */
@org.junit.jupiter.api.Timeout(600)
class HotlineTest {
    private final MutableClock clock = new MutableClock(Instant.now());

    private static io.liaison.hotline.Messages.Outgoing msg(Precedence p, String classification, String text) {
        return new io.liaison.hotline.Messages.Outgoing(LINE, p, classification, text, List.of(), Optional.empty());
    }

    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void flashOvertakesARoutineBacklog_orderHoldsWithinAPrecedence_andBothReceiptsComeBack(TestNodes.Db db)
            throws Exception {
        // KOR consumes slowly: 10 ms per message received.
        try (HotlinePair p = new HotlinePair(db, clock, new Hotline.Options(Duration.ZERO, Duration.ofMillis(10)))) {
            int routine = 300;
            for (int i = 0; i < routine; i++) {
                p.jh.send(p.sato, msg(Precedence.ROUTINE, "秘", "routine " + i));
            }
            long deliveredBefore = p.count(p.jpn, "direction = 'OUT' AND state = 'DELIVERED'");
            List<String> flashes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                flashes.add(p.jh.send(p.sato, msg(Precedence.FLASH, "極秘", "flash " + i)).id());
            }
            p.jh.send(p.sato, msg(Precedence.IMMEDIATE, "注意", "immediate 0"));
            HotlinePair.await(60, () -> p.count(p.jpn, "direction = 'OUT' AND state = 'DELIVERED'") == routine + 4);

            List<String> arrived = p.kor.database().jdbi().withHandle(h -> h.createQuery("SELECT id FROM "
                    + "hotline_messages WHERE direction = 'IN' ORDER BY seq").mapTo(String.class).list()).stream()
                    .map(id -> p.kh.readable(p.kim, id).text()).toList();
            // Bodies are sealed at rest: the stored bytes are not the text.
            byte[] stored = p.kor.database().jdbi().withHandle(h -> h.createQuery("SELECT body FROM hotline_messages "
                    + "WHERE direction = 'IN' ORDER BY seq LIMIT 1").mapTo(byte[].class).one());
            assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("routine");
            assertThat(arrived).hasSize(routine + 4);
            int lastFlash = arrived.indexOf("flash 2");
            int immediate = arrived.indexOf("immediate 0");
            assertThat(routine - deliveredBefore).as("a backlog was queued when the FLASH went").isGreaterThan(100);
            // Ahead of the FLASH: what was delivered before it was sent, and at most the one ROUTINE batch in flight.
            assertThat(lastFlash).as("FLASH overtakes the ROUTINE backlog").isLessThan((int) deliveredBefore + 64 + 3);
            assertThat(immediate).as("IMMEDIATE overtakes the ROUTINE backlog").isLessThan((int) deliveredBefore + 64 + 4);
            assertThat(arrived.subList(0, lastFlash + 1)).containsSubsequence("flash 0", "flash 1", "flash 2");
            List<String> routines = arrived.stream().filter(t -> t.startsWith("routine ")).toList();
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < routine; i++) {
                sent.add("routine " + i);
            }
            assertThat(routines).as("ROUTINE keeps its order").isEqualTo(sent);

            // The receiver marks in its own policy (R3); unclassified traffic at its lowest level (R27).
            HotlineMessage flashAtKor = p.kh.readable(p.kim, flashes.getFirst());
            assertThat(flashAtKor.marking()).isEqualTo("JPN / 군사Ⅱ급비밀");
            assertThat(p.kh.messages(p.kim, LINE, true, 10).getFirst().precedence()).isEqualTo(Precedence.FLASH);
            assertThat(p.kh.messages(p.kim, LINE, true, 400)).anySatisfy(m -> assertThat(m.marking())
                    .isEqualTo("JPN / 평문"));

            // Only the line's duty officer acknowledges; the acknowledgement reaches the sender.
            assertThatThrownBy(() -> p.kh.ack(p.park, flashes.getFirst())).isInstanceOf(ForbiddenException.class)
                    .hasMessageContaining("not a duty officer of line " + LINE);
            assertThatThrownBy(() -> p.kh.ack(p.lee, flashes.getFirst())).isInstanceOf(NotFoundException.class);
            p.kh.ack(p.kim, flashes.getFirst());
            assertThatThrownBy(() -> p.kh.ack(p.kim, flashes.getFirst())).hasMessageContaining("already acknowledged");
            HotlinePair.await(10, () -> p.jh.readable(p.sato, flashes.getFirst()).acknowledgedAt().isPresent());
            assertThat(p.jh.readable(p.sato, flashes.getFirst()).acknowledgedBy()).contains("KOR/kim");

            Hotline.LineStatus s = p.jh.status(p.sato).getFirst();
            assertThat(s.latency().get(Precedence.FLASH).delivery().samples()).isEqualTo(3);
            assertThat(s.latency().get(Precedence.FLASH).acknowledgement().samples()).isEqualTo(1);
            assertThat(s.latency().get(Precedence.ROUTINE).delivery().samples()).isEqualTo(routine);
            assertThat(s.queued().values()).allMatch(n -> n == 0);
            assertThat(p.kh.status(p.kim).getFirst().unacknowledged().get(Precedence.FLASH)).isEqualTo(2);
            assertThat(p.jpn.audit().tail(io.liaison.node.audit.AuditLog.Viewer.SYSTEM, -1, 2000)).anySatisfy(e -> assertThat(e.event()).isEqualTo("hotline.acknowledged"));
            assertThat(p.kor.audit().tail(io.liaison.node.audit.AuditLog.Viewer.SYSTEM, -1, 2000)).anySatisfy(e -> assertThat(e.event()).isEqualTo("hotline.received"));
            assertThat(p.jpn.verifyAudit().ok()).isTrue();
            assertThat(p.kor.verifyAudit().ok()).isTrue();
        }
    }

    @Test
    void badMessagesAreRefusedWithTheReason_andNothingIsStored() throws Exception {
        try (HotlinePair p = new HotlinePair(TestNodes.Db.H2, clock, Hotline.Options.defaults())) {
            assertThatThrownBy(() -> p.jh.send(p.sato, new io.liaison.hotline.Messages.Outgoing("jpn-kor-navy", Precedence.FLASH, "秘", "x",
                    List.of(), Optional.empty()))).isInstanceOf(NotFoundException.class)
                    .hasMessageContaining("line 'jpn-kor-navy' is not a hotline line").hasMessageContaining(LINE);
            assertThatThrownBy(() -> Precedence.parse("URGENT")).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("FLASH, IMMEDIATE, PRIORITY, ROUTINE");
            assertThatThrownBy(() -> p.jh.send(p.sato, msg(Precedence.FLASH, "SECRET", "x")))
                    .hasMessageContaining("classification 'SECRET' is not a level of policy jpn");
            assertThatThrownBy(() -> p.kh.send(p.kim, msg(Precedence.FLASH, "군사Ⅰ급비밀", "x")))
                    .isInstanceOf(ForbiddenException.class);
            assertThatThrownBy(() -> p.kh.send(p.park, msg(Precedence.FLASH, "군사Ⅲ급비밀", "x")))
                    .isInstanceOf(ForbiddenException.class).hasMessageContaining("not a duty officer of line " + LINE);
            assertThatThrownBy(() -> p.jh.send(p.sato, msg(Precedence.FLASH, "秘", "x".repeat(Messages.MAX_TEXT_BYTES + 1))))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("over the limit");
            assertThat(p.count(p.jpn, "1 = 1")).isZero();
        }
    }

    @Test
    void classifiedTrafficNeedsTheAgreementInForce_unclassifiedDoesNot() throws Exception {
        try (HotlinePair p = new HotlinePair(TestNodes.Db.H2, clock, new Hotline.Options(Duration.ZERO, Duration.ZERO),
                true)) {
            assertThatThrownBy(() -> p.jh.send(p.sato, msg(Precedence.FLASH, "秘", "launch detected")))
                    .isInstanceOf(ForbiddenException.class)
                    .hasMessageContaining("agreement jpn-kor-gsomia-2016 is NOT_PROPOSED on ").hasMessageContaining("R18");
            assertThat(p.jpn.audit().tail(io.liaison.node.audit.AuditLog.Viewer.SYSTEM, -1, 100)).anySatisfy(e -> {
                assertThat(e.event()).isEqualTo("hotline.send");
                assertThat(e.outcome()).isEqualTo("DENY");
                assertThat(e.code()).isEqualTo("AGREEMENT_NOT_IN_FORCE");
            });
            HotlineMessage sent = p.jh.send(p.sato, msg(Precedence.FLASH, "注意", "launch detected, details to follow"));
            HotlinePair.await(10, () -> p.count(p.kor, "direction = 'IN'") == 1);
            assertThat(p.kh.readable(p.kim, sent.id()).marking()).isEqualTo("JPN / 평문");
            assertThat(p.kor.audit().tail(io.liaison.node.audit.AuditLog.Viewer.SYSTEM, -1, 100)).anySatisfy(e -> assertThat(e.code()).isEqualTo("UNCLASSIFIED_NO_AGREEMENT"));
        }
    }

    @Test
    void anUnacknowledgedMessageEscalatesAtBothEnds_andTheAlarmStaysUntilCleared() throws Exception {
        try (HotlinePair p = new HotlinePair(TestNodes.Db.H2, clock, new Hotline.Options(Duration.ZERO, Duration.ZERO))) {
            HotlineMessage m = p.jh.send(p.sato, msg(Precedence.ROUTINE, "秘", "monthly contact test"));
            HotlinePair.await(10, () -> p.count(p.kor, "direction = 'IN'") == 1);
            clock.advance(Duration.ofHours(5).plusMinutes(59));
            assertThat(p.jh.checkEscalations()).isZero();
            clock.advance(Duration.ofMinutes(2));
            assertThat(p.jh.checkEscalations()).isEqualTo(1);
            assertThat(p.kh.checkEscalations()).isEqualTo(1);
            assertThat(p.jh.checkEscalations()).as("raised once").isZero();
            Alarm atJpn = p.jh.alarms(p.sato, false).getFirst();
            assertThat(atJpn.kind()).isEqualTo(AlarmKind.UNACKNOWLEDGED);
            assertThat(atJpn.recipients()).contains("sender sato", "escalation contact JS J3 watch");
            assertThat(atJpn.detail()).contains("ROUTINE").contains("6h").contains("R25");
            Alarm atKor = p.kh.alarms(p.park, false).getFirst();
            assertThat(atKor.recipients()).contains("security officers of KOR");
            assertThat(p.kh.alarms(p.lee, false)).as("not on duty: sees no alarm").isEmpty();

            p.kh.ack(p.kim, m.id());
            assertThat(p.kh.alarms(p.park, false)).as("alarms persist until cleared").hasSize(1);
            Alarm cleared = p.kh.clear(p.park, atKor.id(), "acknowledged late; desk was unmanned");
            assertThat(cleared.clearedBy()).contains("park");
            assertThat(p.kh.alarms(p.park, false)).isEmpty();
            assertThatThrownBy(() -> p.kh.clear(p.park, atKor.id(), "again")).hasMessageContaining("already cleared");
        }
    }

    @Test
    void anOutageIsDetected_alarmed_andQueuedMessagesFlowByPrecedenceOnRecovery() throws Exception {
        try (HotlinePair p = new HotlinePair(TestNodes.Db.H2, clock, new Hotline.Options(Duration.ZERO, Duration.ZERO))) {
            p.jh.checkLines();
            assertThat(p.jh.health(LINE).status()).as(p.jh.health(LINE).toString()).isEqualTo(LineHealth.Status.UP);
            p.korDown();
            p.jh.checkLines();
            assertThat(p.jh.health(LINE).status()).isEqualTo(LineHealth.Status.DEGRADED);
            p.jh.checkLines();
            p.jh.checkLines();
            assertThat(p.jh.health(LINE).status()).isEqualTo(LineHealth.Status.DOWN);
            assertThat(p.jh.alarms(p.sato, false)).anySatisfy(a -> assertThat(a.kind()).isEqualTo(AlarmKind.LINE_DOWN));

            for (Precedence pr : new Precedence[] {Precedence.ROUTINE, Precedence.PRIORITY, Precedence.ROUTINE,
                    Precedence.FLASH, Precedence.IMMEDIATE, Precedence.FLASH}) {
                p.jh.send(p.sato, msg(pr, "秘", pr.name()));
            }
            Thread.sleep(300);
            p.korUp();
            p.jh.checkLines();
            assertThat(p.jh.health(LINE).status()).isEqualTo(LineHealth.Status.UP);
            HotlinePair.await(20, () -> p.count(p.kor, "direction = 'IN'") == 6);
            List<Integer> order = p.kor.database().jdbi().withHandle(h -> h.createQuery("SELECT precedence FROM "
                    + "hotline_messages WHERE direction = 'IN' ORDER BY seq").mapTo(Integer.class).list());
            assertThat(order).isSorted();
            assertThat(p.jh.monitor().healthHistory(LINE, 10)).extracting(LineMonitor.HealthChange::status)
                    .containsExactly(LineHealth.Status.UP, LineHealth.Status.DOWN, LineHealth.Status.DEGRADED);
        }
    }

    @Test
    void aForgedOrReplayedHotlineEnvelope_isRefusedAtTheGate_andStoresNothing() throws Exception {
        try (HotlinePair p = new HotlinePair(TestNodes.Db.H2, clock, new Hotline.Options(Duration.ZERO, Duration.ZERO))) {
            String id = java.util.UUID.randomUUID().toString();
            byte[] body = new Wire.Message(id, LINE, "FLASH", "sato", "jpn", "秘", "genuine", List.of(), null,
                    clock.millis(), 600_000).toJson();
            var sealed = p.jf.sealer().seal(java.util.UUID.fromString(id),
                    io.liaison.federation.envelope.EnvelopeType.HOTLINE_MESSAGE, HotlinePair.KOR, HotlinePair.GSOMIA, body);
            var client = p.jf.clientFor(HotlinePair.KOR);

            byte[] altered = new Wire.Message(id, LINE, "FLASH", "sato", "jpn", "秘", "forged", List.of(), null,
                    clock.millis(), 600_000).toJson();
            var forged = new io.liaison.federation.envelope.Envelope(sealed.id(), sealed.type(), sealed.from(), sealed.to(),
                    sealed.agreement(), sealed.sentAt(), altered, sealed.signer(), sealed.signature());
            var refused = client.send(forged);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.body()).contains("SIGNATURE_INVALID");
            assertThat(p.count(p.kor, "1 = 1")).isZero();

            assertThat(client.send(sealed).status()).isEqualTo(200);
            var replayed = client.send(sealed);
            assertThat(replayed.status()).isEqualTo(409);
            assertThat(replayed.body()).contains("ENVELOPE_REPLAYED");
            assertThat(p.count(p.kor, "direction = 'IN'")).isEqualTo(1);
            assertThat(p.kor.audit().tail(io.liaison.node.audit.AuditLog.Viewer.SYSTEM, -1, 200)).anySatisfy(e -> assertThat(e.code()).isEqualTo("SIGNATURE_INVALID"));
        }
    }
}
