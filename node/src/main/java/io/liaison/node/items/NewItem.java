package io.liaison.node.items;

import io.liaison.core.error.InvalidInputException;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Purpose;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** What a user submits to create an item: the label must be in the node's policy (checked by Items). */
public record NewItem(String title, String text, SecurityLabel label, Set<Purpose> purposes, boolean privateRights,
        List<Attachment> attachments, String location) {
    /** At most this many purposes, so that they fit where they are recorded. */
    public static final int MAX_PURPOSES = 16;

    public NewItem {
        requireTitle(title);
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(label, "label");
        purposes = Set.copyOf(purposes);
        if (purposes.size() > MAX_PURPOSES) {
            throw new InvalidInputException("PURPOSES_TOO_MANY", "an item serves at most " + MAX_PURPOSES + " purposes, not "
                    + purposes.size());
        }
        attachments = List.copyOf(attachments);
        location = location == null || location.isBlank() ? "registry" : location;
        if (location.length() > 400) {
            throw new InvalidInputException("LOCATION_INVALID", "a location has at most 400 characters, not "
                    + location.length());
        }
    }

    /**
     * A title is 1 to 1000 characters of text people read: no control characters (line breaks included), no
     * bidirectional overrides or isolates that make it read differently from what it says, no invisible characters,
     * and no unpaired surrogates.
     */
    public static void requireTitle(String title) {
        if (title == null || title.isBlank() || title.length() > 1000) {
            throw new InvalidInputException("TITLE_INVALID", "a title has 1 to 1000 characters");
        }
        for (int i = 0; i < title.length(); i++) {
            char c = title.charAt(i);
            if (Character.isISOControl(c) || c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069'
                    || c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\u200E' || c == '\u200F'
                    || c == '\u2060' || c == '\uFEFF' || c == '\u061C') {
                throw new InvalidInputException("TITLE_INVALID", "the title has character U+" + String.format("%04X",
                        (int) c) + " at position " + i + ": control, bidirectional and invisible characters are not "
                        + "allowed in titles");
            }
            if (Character.isHighSurrogate(c) && (i + 1 >= title.length() || !Character.isLowSurrogate(title.charAt(i + 1)))
                    || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(title.charAt(i - 1)))) {
                throw new InvalidInputException("TITLE_INVALID", "the title has an unpaired surrogate at position " + i);
            }
        }
    }
}
