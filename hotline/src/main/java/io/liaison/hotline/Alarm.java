package io.liaison.hotline;

import io.liaison.core.hotline.Precedence;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An alarm on a line, which persists until someone clears it: {@code UNACKNOWLEDGED} (a message passed its
 * acknowledgement objective, R25) or {@code LINE_DOWN} (R26). {@code recipients} names who it goes to.
 */
public record Alarm(String id, String line, String kind, Optional<String> message, Optional<Precedence> precedence,
        List<String> recipients, String detail, Instant raisedAt, Optional<Instant> clearedAt, Optional<String> clearedBy) {
    public Alarm {
        recipients = List.copyOf(recipients);
    }

    public boolean open() {
        return clearedAt.isEmpty();
    }
}
