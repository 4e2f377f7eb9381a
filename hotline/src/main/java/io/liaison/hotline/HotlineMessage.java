package io.liaison.hotline;

import io.liaison.core.hotline.Precedence;
import io.liaison.core.party.Party;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A message as this node holds it: sent ({@code OUT}) or received ({@code IN}); its state; its classification in
 * this node's policy and the marking shown with it (e.g. {@code JPN / 군사Ⅱ급비밀}); and its two receipts, delivery
 * and human acknowledgement.
 */
public record HotlineMessage(String id, String line, Direction direction, MessageState state, Precedence precedence,
        Party from, String sender, String classification, String marking, String text, List<FileInfo> files,
        Optional<String> replyTo, Instant sentAt, Optional<Instant> deliveredAt, Optional<Instant> acknowledgedAt,
        Optional<String> acknowledgedBy, Optional<Instant> escalatedAt, Optional<String> lastError) {

    /** A file's name, media type and size; its content is read separately. */
    public record FileInfo(String name, String mediaType, int bytes) {}

    public HotlineMessage {
        files = List.copyOf(files);
    }

    public boolean outgoing() {
        return direction == Direction.OUT;
    }
}
