package io.liaison.core.spif;

import io.liaison.core.error.InvalidInputException;

/** A tag's type, as SPIF 2.1 writes it: permissive, restrictive, enumerated, or tagType7. */
public enum TagType {
    PERMISSIVE("permissive"),
    RESTRICTIVE("restrictive"),
    ENUMERATED("enumerated"),
    TAG_TYPE_7("tagType7");

    private final String written;

    TagType(String written) {
        this.written = written;
    }

    public String written() {
        return written;
    }

    public static TagType parse(String text) {
        for (TagType t : values()) {
            if (t.written.equals(text)) {
                return t;
            }
        }
        throw new InvalidInputException("SPIF_INVALID", "tag type '" + text + "' is not permissive, restrictive, "
                + "enumerated or tagType7");
    }
}
