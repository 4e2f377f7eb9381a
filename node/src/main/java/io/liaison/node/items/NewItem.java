package io.liaison.node.items;

import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Purpose;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** What a user submits to create an item: the label must be in the node's policy (checked by Items). */
public record NewItem(String title, String text, SecurityLabel label, Set<Purpose> purposes, boolean privateRights,
        List<Attachment> attachments, String location) {
    public NewItem {
        if (title == null || title.isBlank() || title.length() > 1000) {
            throw new IllegalArgumentException("title must be 1 to 1000 characters");
        }
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(label, "label");
        purposes = Set.copyOf(purposes);
        attachments = List.copyOf(attachments);
        location = location == null || location.isBlank() ? "registry" : location;
        if (location.length() > 400) {
            throw new IllegalArgumentException("location must be at most 400 characters");
        }
    }
}
