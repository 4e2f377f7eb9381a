package io.liaison.node.search;

import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Purpose;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What the index knows of an item. {@code label} is the item's label in the node's policy; the index
 * validates it again on {@link SearchIndex#upsert}. An item with no purposes serves no official need, so
 * no search ever returns it.
 *
 * @param id the item's id, 1 to 256 characters; a later upsert with the same id replaces it
 * @param title indexed and stored, shown in hits
 * @param text indexed only, never stored in the index
 * @param label the item's security label
 * @param purposes the purposes the item serves (R7, official need)
 * @param created when the item was created
 */
public record IndexedItem(String id, String title, String text, SecurityLabel label, Set<Purpose> purposes,
        Instant created) {
    static final int MAX_ID_LENGTH = 256;

    public IndexedItem {
        if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("item id '" + id + "' is invalid: 1 to " + MAX_ID_LENGTH + " characters");
        }
        Objects.requireNonNull(title, "item " + id + " has no title");
        Objects.requireNonNull(text, "item " + id + " has no text");
        Objects.requireNonNull(label, "item " + id + " has no label");
        purposes = Set.copyOf(purposes);
        Objects.requireNonNull(created, "item " + id + " has no creation time");
    }
}
