package io.liaison.node.items;

import java.util.Arrays;
import java.util.Objects;

/** A file attached to an item; encrypted with the item's text. */
public record Attachment(String name, String mediaType, byte[] data) {
    public Attachment {
        if (name == null || name.isBlank() || name.length() > 255 || name.contains("/") || name.contains("\\")) {
            throw new IllegalArgumentException("attachment name '" + name + "' must be 1 to 255 characters without slashes");
        }
        if (mediaType == null || !mediaType.matches("[a-zA-Z0-9.+-]+/[a-zA-Z0-9.+-]+")) {
            throw new IllegalArgumentException("attachment " + name + ": media type '" + mediaType + "' is not type/subtype");
        }
        Objects.requireNonNull(data, "attachment " + name + " has no data");
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attachment a && a.name.equals(name) && a.mediaType.equals(mediaType) && Arrays.equals(a.data, data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, mediaType, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "Attachment[" + name + ", " + mediaType + ", " + data.length + " bytes]";
    }
}
