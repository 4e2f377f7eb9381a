package io.liaison.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.liaison.node.TestNodes;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A value too large for its row, stored through the node's pool on PostgreSQL, is compressed with lz4 (this machine's
 * server has it), where a plain connection compresses it with the database's default, set to pglz for the test.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class Lz4CompressionTest {

    @Test
    void aLargeValue_isCompressedWithLz4_throughTheNodesPool() throws Exception {
        String url = TestNodes.createDatabase();
        try {
            try (var admin = java.sql.DriverManager.getConnection(url, "postgres", ""); var st = admin.createStatement()) {
                // Whatever the server's own default: every connection opened from here on starts with pglz.
                st.execute("DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET default_toast_compression = pglz', "
                        + "current_database()); END $$");
            }
            try (Database db = Database.open(url, "postgres", "", 2); Handle h = db.jdbi().open();
                    var plain = java.sql.DriverManager.getConnection(url, "postgres", "");
                    var st = plain.createStatement()) {
                h.execute("CREATE TABLE bodies (id INT PRIMARY KEY, body BYTEA NOT NULL)");
                st.execute("INSERT INTO bodies VALUES (1, convert_to(repeat('<label>秘</label>', 400), 'UTF8'))");
                try (var rs = st.executeQuery("SELECT pg_column_compression(body) FROM bodies WHERE id = 1")) {
                    rs.next();
                    assertThat(rs.getString(1)).as("outside the node's pool").isEqualTo("pglz");
                }

                byte[] body = "{\"label\":\"<originatorConfidentialityLabel>秘</originatorConfidentialityLabel>\"}"
                        .repeat(60).getBytes(StandardCharsets.UTF_8);
                assertThat(body.length).isGreaterThan(3_000);
                h.createUpdate("INSERT INTO bodies VALUES (2, :b)").bind("b", body).execute();
                assertThat(h.createQuery("SELECT pg_column_compression(body) FROM bodies WHERE id = 2").mapTo(String.class)
                        .one()).isEqualTo("lz4");
                assertThat(h.createQuery("SELECT body FROM bodies WHERE id = 2").mapTo(byte[].class).one()).isEqualTo(body);
            }
        } finally {
            TestNodes.dropDatabase(url);
        }
    }
}
