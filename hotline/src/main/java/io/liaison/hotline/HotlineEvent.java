package io.liaison.hotline;

import io.liaison.core.hotline.LineHealth;
import io.liaison.core.hotline.TrackUpdate;
import io.liaison.core.party.Party;
import java.time.Instant;

/** What a duty officer's client is told of, live. */
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

    /** A track update, from this party or the other end, classified in this node's policy. */
    record TrackEvent(String line, Party party, TrackUpdate update, String marking) implements HotlineEvent {
        public String name() {
            return "track";
        }
    }
}
