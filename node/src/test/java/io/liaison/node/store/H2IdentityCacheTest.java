package io.liaison.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.liaison.core.party.Party;
import io.liaison.node.Node;
import io.liaison.node.TestNodes;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class H2IdentityCacheTest {

    /** H2 numbers the busy identity columns a thousand at a time; PostgreSQL keeps one per call, in order. */
    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void busyIdentityColumns_areCachedOnH2Only(TestNodes.Db db) throws Exception {
        Clock clock = Clock.systemUTC();
        try (TestNodes.Created created = TestNodes.create(db, Party.of("KOR"), clock); Node node = created.open(clock)) {
            for (String[] tc : new String[][] {{"audit_pending", "id"}, {"custody", "id"}}) {
                long cache = node.database().jdbi().withHandle(h -> db == TestNodes.Db.H2
                        ? h.createQuery("SELECT identity_cache FROM information_schema.columns WHERE table_name = :t AND "
                                + "column_name = :c").bind("t", tc[0]).bind("c", tc[1]).mapTo(Long.class).one()
                        : h.createQuery("SELECT cache_size FROM pg_sequences WHERE sequencename = "
                                + "pg_get_serial_sequence(:t, :c)::regclass::text").bind("t", tc[0]).bind("c", tc[1])
                                .mapTo(Long.class).one());
                assertThat(cache).as(tc[0]).isEqualTo(db == TestNodes.Db.H2 ? H2IdentityCache.CACHE : 1);
            }
        }
    }
}
