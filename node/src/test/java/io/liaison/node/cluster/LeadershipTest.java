package io.liaison.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.node.TestNodes;
import io.liaison.node.store.Database;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two replicas on one PostgreSQL database: one leads, the other takes over when the leader's lock connection closes,
 * and from then on the former leader's fenced writes are refused. Signals reach the other replica and not the sender.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LeadershipTest {
    private String url;
    private Database db;

    @BeforeEach
    void create() {
        url = TestNodes.createDatabase();
        db = Database.open(url, "postgres", "", 4);
    }

    @AfterEach
    void drop() {
        db.close();
        TestNodes.dropDatabase(url);
    }

    /** Records what a replica's listener hears. */
    private static final class Heard implements Leadership.Listener {
        final BlockingQueue<String> events = new LinkedBlockingQueue<>();

        @Override
        public void lead(long epoch) {
            events.add("lead " + epoch);
        }

        @Override
        public void lost(String why) {
            events.add("lost");
        }
    }

    private void fencedWrite(Leadership who) {
        db.jdbi().useTransaction(h -> {
            who.fence(Database.tx(h));
            h.execute("UPDATE node_leader SET since = since WHERE id = 1");
        });
    }

    @Test
    void oneLeads_theOtherTakesOverWhenItGoes_andTheFormerLeadersWritesAreFenced() throws Exception {
        Leadership a = Leadership.replica("a", url, "postgres", "", db);
        Leadership b = Leadership.replica("b", url, "postgres", "", db);
        Heard heardA = new Heard();
        Heard heardB = new Heard();
        a.start(heardA);
        assertThat(heardA.events.poll(10, TimeUnit.SECONDS)).isEqualTo("lead 1");
        b.start(heardB);
        assertThat(Leadership.holder(db)).hasValueSatisfying(h -> assertThat(h.replica()).isEqualTo("a"));
        fencedWrite(a);
        assertThatThrownBy(() -> fencedWrite(b)).isInstanceOf(FencedException.class).hasMessageContaining("does not lead");

        // a goes as a killed process goes: its lock connection closes, and b takes over.
        long before = System.nanoTime();
        a.close();
        assertThat(heardB.events.poll(10, TimeUnit.SECONDS)).isEqualTo("lead 2");
        System.out.println("leadership: b led " + (System.nanoTime() - before) / 1_000_000 + " ms after a let go");
        assertThat(b.leading()).isTrue();
        fencedWrite(b);
        assertThat(Leadership.holder(db)).hasValueSatisfying(h -> assertThat(h.epoch()).isEqualTo(2));
        b.close();
    }

    @Test
    void aLeaderWhoseEpochMoved_isFenced_evenBeforeItNotices() throws Exception {
        Leadership a = Leadership.replica("a", url, "postgres", "", db);
        Heard heardA = new Heard();
        a.start(heardA);
        assertThat(heardA.events.poll(10, TimeUnit.SECONDS)).isEqualTo("lead 1");
        // Another replica's claim, as after a partition between a and the database.
        db.jdbi().useHandle(h -> h.execute("UPDATE node_leader SET epoch = epoch + 1, holder = 'c' WHERE id = 1"));
        assertThatThrownBy(() -> fencedWrite(a)).isInstanceOf(FencedException.class)
                .hasMessageContaining("led in epoch 1 but the node is in epoch 2");
        assertThat(heardA.events.poll(10, TimeUnit.SECONDS)).isEqualTo("lost");
        assertThat(a.leading()).isFalse();
        a.close();
    }

    @Test
    void signals_reachTheOtherReplicas_notTheSender() throws Exception {
        try (PgSignals one = new PgSignals(db.dataSource(), url, "postgres", "");
                PgSignals two = new PgSignals(db.dataSource(), url, "postgres", "")) {
            BlockingQueue<String> atOne = new LinkedBlockingQueue<>();
            BlockingQueue<String> atTwo = new LinkedBlockingQueue<>();
            one.on("items", atOne::add);
            two.on("items", atTwo::add);
            two.on("other", atTwo::add);
            while (!one.listening() || !two.listening()) {
                Thread.sleep(20);
            }
            one.publish("items", "jpn-1,jpn-2");
            assertThat(atTwo.poll(10, TimeUnit.SECONDS)).isEqualTo("jpn-1,jpn-2");
            two.publish("items", "jpn-3");
            assertThat(atOne.poll(10, TimeUnit.SECONDS)).isEqualTo("jpn-3");
            assertThat(atTwo).isEmpty();
            assertThatThrownBy(() -> one.publish("items", "x".repeat(Signals.MAX_PAYLOAD)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("over 7000");
        }
    }
}
