package io.liaison.federation.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import io.liaison.core.party.Party;
import io.liaison.node.MutableClock;
import io.liaison.node.Node;
import io.liaison.node.TestNodes;
import io.liaison.node.audit.AuditEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Refused envelopes land in the node's audit log, on H2 and a fresh PostgreSQL. */
@org.junit.jupiter.api.Timeout(600)
class RefusalAuditTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T00:00:00Z"));

    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void refusedEnvelopes_areAudited_withoutTheirBody(TestNodes.Db db) {
        try (TestNodes.Created created = TestNodes.create(db, Party.of("KOR"), clock); Node node = created.open(clock)) {
            var audit = new RefusalAudit(node.database().jdbi(), node.audit());
            audit.record(Optional.of("JPN"), new Refusal("SIGNATURE_INVALID", "R14",
                    "the signature of envelope e-1 from JPN does not verify", java.util.Map.of("envelope", "e-1",
                    "from", "JPN")));
            audit.record(Optional.empty(), new Refusal("ENVELOPE_MALFORMED", "R14",
                    "envelope is malformed", java.util.Map.of()));
            List<AuditEntry> tail = node.audit().tail(io.liaison.node.audit.AuditLog.Viewer.SYSTEM, -1, 2);
            assertThat(tail).extracting(AuditEntry::event).containsExactly("envelope.refused", "envelope.refused");
            assertThat(tail.get(0).actor()).isEqualTo("peer:JPN");
            assertThat(tail.get(0).subject()).isEqualTo("e-1");
            assertThat(tail.get(0).outcome()).isEqualTo("DENY");
            assertThat(tail.get(0).code()).isEqualTo("SIGNATURE_INVALID");
            assertThat(tail.get(0).rule()).isEqualTo("R14");
            assertThat(tail.get(1).actor()).isEqualTo("peer:unknown");
            assertThat(tail.get(1).subject()).isEqualTo("(unreadable)");
            assertThat(node.verifyAudit().ok()).isTrue();
        }
    }
}
