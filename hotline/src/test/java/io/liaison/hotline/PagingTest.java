package io.liaison.hotline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.core.error.NotFoundException;
import io.liaison.core.hotline.Precedence;
import io.liaison.node.MutableClock;
import io.liaison.node.TestNodes;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A line's archive pages beyond a thousand messages, newest first, from the last message of the page before. */
@Timeout(180)
class PagingTest {
    private final MutableClock clock = new MutableClock(Instant.now());

    @Test
    void aLinesArchive_pagesBeyondAThousand() throws Exception {
        try (HotlinePair p = new HotlinePair(TestNodes.Db.H2, clock, new Hotline.Options(Duration.ZERO, Duration.ZERO))) {
            int sent = 1_005;
            for (int i = 0; i < sent; i++) {
                p.jh.send(p.sato, new Messages.Outgoing(HotlinePair.LINE, Precedence.ROUTINE, "注意", "line test " + i,
                        List.of(), Optional.empty()));
            }
            List<HotlineMessage> first = p.jh.messages(p.sato, HotlinePair.LINE, false, 1_000);
            assertThat(first).hasSize(1_000);
            assertThat(first.getFirst().text()).isEqualTo("line test 1004");
            List<HotlineMessage> rest = p.jh.messages(p.sato, HotlinePair.LINE, false, 1_000,
                    Optional.of(first.getLast().id()));
            assertThat(rest).extracting(HotlineMessage::text).containsExactly("line test 4", "line test 3", "line test 2",
                    "line test 1", "line test 0");
            Set<String> ids = new HashSet<>();
            first.forEach(m -> ids.add(m.id()));
            rest.forEach(m -> ids.add(m.id()));
            assertThat(ids).hasSize(sent);
            // A cursor that is no message answers as one the reader may not read: not found (R10).
            assertThatThrownBy(() -> p.jh.messages(p.sato, HotlinePair.LINE, false, 10,
                    Optional.of(UUID.randomUUID().toString()))).isInstanceOf(NotFoundException.class);
        }
    }
}
