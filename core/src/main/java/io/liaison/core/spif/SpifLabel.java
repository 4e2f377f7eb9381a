package io.liaison.core.spif;

import io.liaison.core.error.InvalidInputException;
import java.util.List;
import java.util.Objects;

/**
 * A label or a clearance as numbers: the policy's object identifier, the classifications (one for a label; those it
 * clears for a clearance) by lacv, and the categories, each by its tag set's identifier, its kind and its lacv. This
 * is the number-coded form every encoding reads into (spiffing's XML form, ADatP-4774 XML resolved through the
 * policy, ESS BER); validity, markings and access are decided on it against the {@link Spif}.
 */
public record SpifLabel(Kind kind, String policyOid, List<Long> classifications, List<Item> categories) {

    /** A label marks data; a clearance says what a person may see. */
    public enum Kind { LABEL, CLEARANCE }

    public SpifLabel {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(policyOid, "policyOid");
        classifications = List.copyOf(classifications);
        categories = List.copyOf(categories);
        if (kind == Kind.LABEL && classifications.size() > 1) {
            throw new InvalidInputException("LABEL_INVALID", "a label has one classification, not "
                    + classifications.size());
        }
    }

    /** One category of the label: its tag set, its kind and its value. */
    public record Item(String tagSetId, ItemType type, long lacv) {
        public Item {
            Objects.requireNonNull(tagSetId, "tagSetId");
            Objects.requireNonNull(type, "type");
        }
    }

    /** The kind of a category as the encodings write it; informative is SPIF's tagType7. */
    public enum ItemType {
        PERMISSIVE("permissive", TagType.PERMISSIVE, null),
        RESTRICTIVE("restrictive", TagType.RESTRICTIVE, null),
        ENUMERATED_PERMISSIVE("enumeratedPermissive", TagType.ENUMERATED, TagType.PERMISSIVE),
        ENUMERATED_RESTRICTIVE("enumeratedRestrictive", TagType.ENUMERATED, TagType.RESTRICTIVE),
        INFORMATIVE("informative", TagType.TAG_TYPE_7, null);

        private final String written;
        private final TagType tagType;
        private final TagType enumType;

        ItemType(String written, TagType tagType, TagType enumType) {
            this.written = written;
            this.tagType = tagType;
            this.enumType = enumType;
        }

        public String written() {
            return written;
        }

        /** The SPIF tag type a category of this kind belongs to. */
        public TagType tagType() {
            return tagType;
        }

        /** For an enumerated kind, the enumeration's type. */
        public java.util.Optional<TagType> enumType() {
            return java.util.Optional.ofNullable(enumType);
        }

        /** Whether a category of this kind restricts who may see (all must be held) rather than permits. */
        public boolean restrictive() {
            return this == RESTRICTIVE || this == ENUMERATED_RESTRICTIVE;
        }

        public static ItemType parse(String text) {
            for (ItemType t : values()) {
                if (t.written.equals(text)) {
                    return t;
                }
            }
            throw new InvalidInputException("LABEL_INVALID", "tag type '" + text + "' is not one of permissive, "
                    + "restrictive, enumeratedPermissive, enumeratedRestrictive, informative");
        }

        /** The kind of a SPIF tag. */
        public static ItemType of(Spif.Tag tag) {
            return switch (tag.type()) {
                case PERMISSIVE -> PERMISSIVE;
                case RESTRICTIVE -> RESTRICTIVE;
                case TAG_TYPE_7 -> INFORMATIVE;
                case ENUMERATED -> tag.enumType().orElseThrow() == TagType.RESTRICTIVE ? ENUMERATED_RESTRICTIVE
                        : ENUMERATED_PERMISSIVE;
            };
        }
    }
}
