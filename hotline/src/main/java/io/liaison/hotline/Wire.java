package io.liaison.hotline;

import io.liaison.catalog.json.Json;
import io.liaison.core.hotline.TrackUpdate;
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
            return Json.compactBytes(this);
        }

        static Message parse(byte[] body) {
            return Json.read(body, Message.class, "hotline message", MAX_MESSAGE_BYTES);
        }
    }

    /** A human acknowledgement of message {@code message} on {@code line}, by {@code by} at {@code at}. */
    record Ack(String message, String line, String by, long at) {
        byte[] toJson() {
            return Json.compactBytes(this);
        }

        static Ack parse(byte[] body) {
            return Json.read(body, Ack.class, "hotline acknowledgement", 4096);
        }
    }

    /** A line check (R26). */
    record Check(String line, long at) {
        byte[] toJson() {
            return Json.compactBytes(this);
        }

        static Check parse(byte[] body) {
            return Json.read(body, Check.class, "line check", 4096);
        }
    }

    /** Track updates on a line, in order per track. */
    record Tracks(String line, List<TrackUpdate> updates) {
        byte[] toJson() {
            return Json.compactBytes(this);
        }

        static Tracks parse(byte[] body) {
            return Json.read(body, Tracks.class, "track updates", MAX_TRACK_BYTES);
        }
    }

    /** A surface contact on the wire; {@code time} in ms since the epoch, absent values null. */
    record Contact(String mmsi, Integer imo, String name, String callSign, double latitude, double longitude,
            Double course, Double speed, String source, long time, String classification) {
        static Contact of(io.liaison.core.maritime.Contact c) {
            return new Contact(c.mmsi().toString(), c.imo().map(io.liaison.core.maritime.Imo::value).orElse(null),
                    c.name().orElse(null), c.callSign().orElse(null), c.position().latitude(), c.position().longitude(),
                    c.course().orElse(null), c.speed().orElse(null), c.source(), c.time().toEpochMilli(),
                    c.classification());
        }

        io.liaison.core.maritime.Contact contact() {
            return new io.liaison.core.maritime.Contact(io.liaison.core.maritime.Mmsi.parse(mmsi),
                    java.util.Optional.ofNullable(imo).map(io.liaison.core.maritime.Imo::new),
                    java.util.Optional.ofNullable(name), java.util.Optional.ofNullable(callSign),
                    new io.liaison.core.hotline.GeoPoint(latitude, longitude, 0), java.util.Optional.ofNullable(course),
                    java.util.Optional.ofNullable(speed), source, java.time.Instant.ofEpochMilli(time), classification);
        }
    }

    /** Contacts of a maritime picture shared on {@code line} by share {@code share} for {@code purpose} (R33). */
    record Contacts(String line, String share, String purpose, List<Contact> contacts) {
        byte[] toJson() {
            return Json.compactBytes(this);
        }

        static Contacts parse(byte[] body) {
            return Json.read(body, Contacts.class, "maritime contacts", MAX_TRACK_BYTES);
        }
    }
}
