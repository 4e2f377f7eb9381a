package io.liaison.hotline;

import io.liaison.core.hotline.Precedence;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An alarm on a line, which persists until someone clears it, and whom it goes to. An alarm about a message carries
 * the message's classification (in this node's policy): it reveals the message, so only those who may read the
 * message see it or clear it (R9, R10).
 */
public record Alarm(String id, String line, AlarmKind kind, Optional<String> message, Optional<Precedence> precedence,
        Optional<String> classification, List<String> recipients, String detail, Instant raisedAt,
        Optional<Instant> clearedAt, Optional<String> clearedBy) {
    public Alarm {
        recipients = List.copyOf(recipients);
    }

    public boolean open() {
        return clearedAt.isEmpty();
    }
}
