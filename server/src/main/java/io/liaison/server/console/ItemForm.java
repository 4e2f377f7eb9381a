package io.liaison.server.console;

import java.util.List;

/** What the new-item form offers besides the levels. */
public final class ItemForm {
    private ItemForm() {}

    /** A tag of the policy: its set, its type, the form field of its values, and the values to tick. */
    public record Tag(String tagSet, String type, String field, List<String> values) {
        public Tag {
            values = List.copyOf(values);
        }
    }
}
