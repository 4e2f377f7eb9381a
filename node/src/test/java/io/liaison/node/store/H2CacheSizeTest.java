package io.liaison.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.liaison.core.party.Party;
import io.liaison.node.Node;
import io.liaison.node.TestNodes;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class H2CacheSizeTest {

    /** An embedded node keeps 128 MiB of H2's pages in memory, not H2's default of 16 MiB. */
    @Test
    void anEmbeddedNode_opensH2WithItsLargerPageCache() throws Exception {
        Clock clock = Clock.systemUTC();
        try (TestNodes.Created created = TestNodes.create(TestNodes.Db.H2, Party.of("KOR"), clock);
                Node node = created.open(clock)) {
            // The setting as given, and the store's cache as H2 sized it (MiB).
            String kib = setting(node, "CACHE_SIZE");
            String mib = setting(node, "INFO.CACHE_MAX_SIZE");
            assertThat(Integer.parseInt(kib)).isEqualTo(Database.H2_CACHE_KB).isEqualTo(131_072);
            assertThat(Integer.parseInt(mib)).isEqualTo(128);
        }
    }

    private static String setting(Node node, String upperName) {
        return node.database().jdbi().withHandle(h -> h.createQuery("SELECT setting_value FROM information_schema.settings "
                + "WHERE UPPER(setting_name) = :n").bind("n", upperName).mapTo(String.class).one());
    }
}
