package io.liaison.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.liaison.node.TestNodes;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A lookup of a run of keys, first run while its table is empty: once the table has grown, PostgreSQL finds the keys
 * through the index when the query is planned each time, and keeps scanning the whole table when it is not.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PlannedEachTimeTest {
    private static final String LOOKUP = "SELECT id FROM envelopes WHERE id IN (<ids>)";
    private static final List<String> IDS = IntStream.range(0, 64).mapToObj(i -> "absent-" + i).toList();

    @Test
    void aLookupFirstRunOnAnEmptyTable_usesTheIndexOnceTheTableHasGrown_onlyWhenPlannedEachTime() {
        String url = TestNodes.createDatabase();
        // One handle, so that every lookup runs in the session whose plans PostgreSQL keeps.
        try (Database db = Database.open(url, "postgres", "", 2); Handle h = db.jdbi().open()) {
            // Not analysed behind the test's back: the kept plan would be dropped.
            h.execute("CREATE TABLE envelopes (id VARCHAR(36) PRIMARY KEY, receipt VARCHAR(8000) NOT NULL) "
                    + "WITH (autovacuum_enabled = false)");
            for (int i = 0; i < 15; i++) {
                lookup(h, true);
                lookup(h, false);
            }
            h.execute("INSERT INTO envelopes SELECT gen_random_uuid()::text, repeat('r', 900) FROM generate_series(1, 20000)");
            h.useTransaction(t -> {
                List<Long> before = scans(t);
                lookup(t, true);
                List<Long> scans = since(before, scans(t));
                assertThat(scans.get(0)).as("planned each time: sequential scans").isZero();
                assertThat(scans.get(1)).as("planned each time: index scans").isPositive();
            });
            h.useTransaction(t -> {
                List<Long> before = scans(t);
                lookup(t, false);
                List<Long> scans = since(before, scans(t));
                assertThat(scans.get(0)).as("the plan kept from the empty table: sequential scans").isEqualTo(1);
                assertThat(scans.get(1)).as("the plan kept from the empty table: index scans").isZero();
            });
        } finally {
            TestNodes.dropDatabase(url);
        }
    }

    private static void lookup(Handle h, boolean plannedEachTime) {
        var q = h.createQuery(LOOKUP);
        if (plannedEachTime) {
            q.addCustomizer(Database.PLANNED_EACH_TIME);
        }
        assertThat(q.bindList("ids", IDS).mapTo(String.class).list()).isEmpty();
    }

    private static List<Long> since(List<Long> before, List<Long> after) {
        return List.of(after.get(0) - before.get(0), after.get(1) - before.get(1));
    }

    /** The session's sequential and index scans of the table not yet reported, as PostgreSQL counts them. */
    private static List<Long> scans(Handle h) {
        return h.createQuery("SELECT COALESCE(seq_scan, 0), COALESCE(idx_scan, 0) FROM pg_stat_xact_user_tables "
                + "WHERE relname = 'envelopes'").map((rs, ctx) -> List.of(rs.getLong(1), rs.getLong(2))).one();
    }
}
