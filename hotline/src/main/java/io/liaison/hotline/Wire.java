package io.liaison.hotline;

import io.liaison.catalog.json.Json;
import io.liaison.core.hotline.TrackUpdate;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The bodies of hotline envelopes, as JSON. */
final class Wire {
    private Wire() {}

    static final int MAX_MESSAGE_BYTES = 2 << 20;
    static final int MAX_TRACK_BYTES = 8 << 20;

    /** A file sent with a message; {@code data} is base64. */
    record File(String name, String mediaType, byte[] data) {}

    /**
     * A message: its id, line, precedence, who sent it, its classification in the sender's policy, text and
     * files, the message it answers, when it was sent (sender's clock, ms) and its acknowledgement objective.
     */
    record Message(String id, String line, String precedence, String sender, String policy, String classification,
            String text, List<File> files, String replyTo, long sentAt, long objectiveMs) {
        byte[] toJson() {
            return Json.compact(this).getBytes(StandardCharsets.UTF_8);
        }

        static Message parse(byte[] body) {
            return Json.read(body, Message.class, "hotline message", MAX_MESSAGE_BYTES);
        }
    }

    /** A human acknowledgement of message {@code message} on {@code line}, by {@code by} at {@code at}. */
    record Ack(String message, String line, String by, long at) {
        byte[] toJson() {
            return Json.compact(this).getBytes(StandardCharsets.UTF_8);
        }

        static Ack parse(byte[] body) {
            return Json.read(body, Ack.class, "hotline acknowledgement", 4096);
        }
    }

    /** A line check (R26). */
    record Check(String line, long at) {
        byte[] toJson() {
            return Json.compact(this).getBytes(StandardCharsets.UTF_8);
        }

        static Check parse(byte[] body) {
            return Json.read(body, Check.class, "line check", 4096);
        }
    }

    /** Track updates on a line, in order per track. */
    record Tracks(String line, List<TrackUpdate> updates) {
        byte[] toJson() {
            return Json.compact(this).getBytes(StandardCharsets.UTF_8);
        }

        static Tracks parse(byte[] body) {
            return Json.read(body, Tracks.class, "track updates", MAX_TRACK_BYTES);
        }
    }
}
