package io.liaison.hotline;

import io.liaison.core.hotline.LineHealth;
import java.time.Instant;

/** What a duty officer's client is told of, live; track updates come through {@link Tracks.Feed} instead. */
public sealed interface HotlineEvent {
    String line();

    /** The SSE event name. */
    String name();

    /** A message arrived on a line (IN), or this node sent one (OUT). */
    record MessageEvent(String line, HotlineMessage message) implements HotlineEvent {
        public String name() {
            return "message";
        }
    }

    /** A receipt: {@code DELIVERED}, {@code REFUSED} or {@code ACKNOWLEDGED}, with the latency from sending. */
    record ReceiptEvent(String line, String message, String kind, String classification, String by, Instant at,
            long latencyMs, String reason) implements HotlineEvent {
        public String name() {
            return "receipt";
        }
    }

    record AlarmEvent(String line, Alarm alarm) implements HotlineEvent {
        public String name() {
            return "alarm";
        }
    }

    record HealthEvent(String line, LineHealth.Status status, Instant at, String detail) implements HotlineEvent {
        public String name() {
            return "health";
        }
    }
}
