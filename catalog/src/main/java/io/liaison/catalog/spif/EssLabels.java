package io.liaison.catalog.spif;

import io.liaison.core.error.InvalidInputException;
import io.liaison.core.spif.Spif;
import io.liaison.core.spif.SpifLabel;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERTaggedObject;

/**
 * ESS security labels (RFC 2634) and clearances (RFC 5755) in BER or DER, read and written with Bouncy Castle's
 * ASN.1. A label is {@code SET { policy OID, classification INTEGER, privacy mark, security categories }} in any
 * order; a clearance is {@code SEQUENCE { policy OID, classList BIT STRING DEFAULT {unclassified}, security
 * categories }} (the older form with context tags [0] [1] [2] is read too). Security categories are ACP-145's: each
 * {@code SEQUENCE { type [0] OID, value [1] ANY }} whose type says how its tag set's values are written:
 * restrictive ({@value #RESTRICTIVE}) and permissive ({@value #PERMISSIVE}) as bit maps where bit n is lacv n,
 * enumerated permissive ({@value #ENUM_PERMISSIVE}) and restrictive ({@value #ENUM_RESTRICTIVE}) as sets of
 * integers, informative ({@value #INFORMATIVE}) as either. The policy is looked up as soon as it is decoded, so a
 * label of an unknown policy is refused by its identifier before anything else is read.
 */
public final class EssLabels {
    static final String RESTRICTIVE = "2.16.840.1.101.2.1.8.3.0";
    static final String ENUM_PERMISSIVE = "2.16.840.1.101.2.1.8.3.1";
    static final String PERMISSIVE = "2.16.840.1.101.2.1.8.3.2";
    static final String INFORMATIVE = "2.16.840.1.101.2.1.8.3.3";
    static final String ENUM_RESTRICTIVE = "2.16.840.1.101.2.1.8.3.4";
    private static final int MAX_BYTES = 64 * 1024;
    /** The largest lacv a bit map may carry here: a bigger one is refused rather than allocated. */
    private static final int MAX_BIT = 1 << 16;

    private EssLabels() {}

    /** A label (a SET) or a clearance (a SEQUENCE) in BER or DER. */
    public static SpifLabel read(byte[] bytes, String source, Function<String, Optional<Spif>> policies) {
        if (bytes.length == 0) {
            throw new InvalidInputException("LABEL_INVALID", "No data to parse (" + source + " is empty)");
        }
        if (bytes.length > MAX_BYTES) {
            throw new InvalidInputException("LABEL_INVALID", source + ": " + bytes.length + " bytes is over the limit of "
                    + MAX_BYTES);
        }
        ASN1Primitive p;
        try {
            p = ASN1Primitive.fromByteArray(bytes);
        } catch (IOException | IllegalArgumentException e) {
            throw invalid(source, "Failed to parse BER/DER encoded label: " + e.getMessage());
        }
        try {
            if (p instanceof ASN1Set set) {
                return label(set, source, policies);
            }
            if (p instanceof ASN1Sequence seq) {
                return clearance(seq, source, policies);
            }
        } catch (IllegalArgumentException | IllegalStateException | ClassCastException | ArithmeticException e) {
            // Bouncy Castle decodes a tagged or constructed value only when it is asked for, and refuses it then.
            throw invalid(source, "Failed to parse BER/DER encoded label: " + e.getMessage());
        }
        throw invalid(source, "Failed to parse BER/DER encoded label: an ESS security label is a SET and a clearance a "
                + "SEQUENCE");
    }

    private static SpifLabel label(ASN1Set set, String source, Function<String, Optional<Spif>> policies) {
        String policy = null;
        Long classification = null;
        ASN1Set categories = null;
        for (ASN1Encodable e : set) {
            ASN1Primitive p = e.toASN1Primitive();
            if (p instanceof ASN1ObjectIdentifier oid) {
                policy = oid.getId();
            } else if (p instanceof ASN1Integer i) {
                classification = attribute(i.getValue(), source);
            } else if (p instanceof ASN1Set s) {
                categories = s;
            } else if (!(p instanceof ASN1String) && !(p instanceof ASN1Sequence)) {
                throw invalid(source, "an ESS security label holds no " + p.getClass().getSimpleName());
            }
        }
        if (policy == null) {
            throw invalid(source, "No policy in label");
        }
        Spif spif = spif(policy, policies);
        return new SpifLabel(SpifLabel.Kind.LABEL, spif.policy().oid(), classification == null ? List.of()
                : List.of(classification), categories == null ? List.of() : categories(categories, source));
    }

    private static SpifLabel clearance(ASN1Sequence seq, String source, Function<String, Optional<Spif>> policies) {
        String policy = null;
        ASN1BitString classList = null;
        ASN1Set categories = null;
        for (ASN1Encodable e : seq) {
            ASN1Primitive p = e.toASN1Primitive();
            if (p instanceof ASN1TaggedObject t) {
                p = switch (t.getTagNo()) {
                    case 0 -> ASN1ObjectIdentifier.getInstance(t, false);
                    case 1 -> ASN1BitString.getInstance(t, false);
                    case 2 -> ASN1Set.getInstance(t, false);
                    default -> throw invalid(source, "a clearance holds no [" + t.getTagNo() + "]");
                };
            }
            if (p instanceof ASN1ObjectIdentifier oid) {
                policy = oid.getId();
            } else if (p instanceof ASN1BitString bits) {
                classList = bits;
            } else if (p instanceof ASN1Set s) {
                categories = s;
            } else {
                throw invalid(source, "a clearance holds no " + p.getClass().getSimpleName());
            }
        }
        if (policy == null) {
            throw invalid(source, "No policy in clearance");
        }
        Spif spif = spif(policy, policies);
        List<Long> classes = classList == null ? List.of(1L) : bits(classList, source);
        return new SpifLabel(SpifLabel.Kind.CLEARANCE, spif.policy().oid(), classes, categories == null ? List.of()
                : categories(categories, source));
    }

    private static Spif spif(String oid, Function<String, Optional<Spif>> policies) {
        return policies.apply(oid).orElseThrow(() -> new InvalidInputException("POLICY_UNKNOWN", "Unknown policy id: "
                + oid));
    }

    private static List<SpifLabel.Item> categories(ASN1Set set, String source) {
        List<SpifLabel.Item> out = new ArrayList<>();
        for (ASN1Encodable e : set) {
            if (!(e.toASN1Primitive() instanceof ASN1Sequence cat) || cat.size() != 2) {
                throw invalid(source, "a security category is a SEQUENCE of its type and value");
            }
            String type = oid(cat.getObjectAt(0), source);
            ASN1Primitive value = explicit(cat.getObjectAt(1), source);
            if (!(value instanceof ASN1Sequence tag) || tag.size() != 2) {
                throw invalid(source, "the value of security category " + type + " is a SEQUENCE of a tag name and its "
                        + "attributes");
            }
            String tagSet = ASN1ObjectIdentifier.getInstance(tag.getObjectAt(0)).getId();
            ASN1Primitive attributes = tag.getObjectAt(1).toASN1Primitive();
            SpifLabel.ItemType kind = switch (type) {
                case RESTRICTIVE -> SpifLabel.ItemType.RESTRICTIVE;
                case PERMISSIVE -> SpifLabel.ItemType.PERMISSIVE;
                case ENUM_PERMISSIVE -> SpifLabel.ItemType.ENUMERATED_PERMISSIVE;
                case ENUM_RESTRICTIVE -> SpifLabel.ItemType.ENUMERATED_RESTRICTIVE;
                case INFORMATIVE -> SpifLabel.ItemType.INFORMATIVE;
                default -> throw invalid(source, "security category type " + type + " is not one of ACP-145's ("
                        + String.join(", ", RESTRICTIVE, ENUM_PERMISSIVE, PERMISSIVE, INFORMATIVE, ENUM_RESTRICTIVE) + ")");
            };
            if (attributes instanceof ASN1TaggedObject t) {
                attributes = t.getBaseObject().toASN1Primitive();
            }
            List<Long> lacvs;
            if (attributes instanceof ASN1BitString bits && kind != SpifLabel.ItemType.ENUMERATED_PERMISSIVE
                    && kind != SpifLabel.ItemType.ENUMERATED_RESTRICTIVE) {
                lacvs = bits(bits, source);
            } else if (attributes instanceof ASN1Set values && (kind == SpifLabel.ItemType.ENUMERATED_PERMISSIVE
                    || kind == SpifLabel.ItemType.ENUMERATED_RESTRICTIVE || kind == SpifLabel.ItemType.INFORMATIVE)) {
                lacvs = new ArrayList<>();
                for (ASN1Encodable v : values) {
                    lacvs.add(attribute(ASN1Integer.getInstance(v).getValue(), source));
                }
            } else {
                throw invalid(source, "the attributes of tag set " + tagSet + " (" + kind.written() + ") are neither "
                        + "a bit map nor a set of integers as its type says");
            }
            for (long lacv : lacvs) {
                out.add(new SpifLabel.Item(tagSet, kind, lacv));
            }
        }
        return out;
    }

    /** A classification or security attribute: 0 to {@value #MAX_BIT} (ACP-145: INTEGER (0..MAX)). */
    private static long attribute(BigInteger value, String source) {
        if (value.signum() < 0 || value.compareTo(BigInteger.valueOf(MAX_BIT)) > 0) {
            throw invalid(source, "value " + value + " is outside 0.." + MAX_BIT);
        }
        return value.longValue();
    }

    private static String oid(ASN1Encodable e, String source) {
        ASN1Primitive p = e.toASN1Primitive();
        if (p instanceof ASN1TaggedObject t) {
            return ASN1ObjectIdentifier.getInstance(t, false).getId();
        }
        if (p instanceof ASN1ObjectIdentifier o) {
            return o.getId();
        }
        throw invalid(source, "a security category's type is an OBJECT IDENTIFIER");
    }

    private static ASN1Primitive explicit(ASN1Encodable e, String source) {
        ASN1Primitive p = e.toASN1Primitive();
        if (p instanceof ASN1TaggedObject t) {
            return t.getExplicitBaseObject().toASN1Primitive();
        }
        return p;
    }

    private static List<Long> bits(ASN1BitString bits, String source) {
        byte[] b = bits.getBytes();
        int length = b.length * 8 - bits.getPadBits();
        if (length > MAX_BIT) {
            throw invalid(source, "a bit map of " + length + " bits is over the limit of " + MAX_BIT);
        }
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            if ((b[i / 8] & (0x80 >> (i % 8))) != 0) {
                out.add((long) i);
            }
        }
        return out;
    }

    /** A label or clearance in DER, its categories written as its SPIF's tags say (informative: by tag7Encoding). */
    public static byte[] write(SpifLabel label, Spif spif) {
        ASN1EncodableVector categories = new ASN1EncodableVector();
        Map<String, List<SpifLabel.Item>> byTag = new LinkedHashMap<>();
        for (SpifLabel.Item i : label.categories()) {
            byTag.computeIfAbsent(i.tagSetId() + " " + i.type().name(), k -> new ArrayList<>()).add(i);
        }
        for (List<SpifLabel.Item> items : byTag.values()) {
            SpifLabel.ItemType kind = items.getFirst().type();
            String tagSet = items.getFirst().tagSetId();
            TreeSet<Long> lacvs = new TreeSet<>(items.stream().map(SpifLabel.Item::lacv).toList());
            boolean bitmap = switch (kind) {
                case RESTRICTIVE, PERMISSIVE -> true;
                case ENUMERATED_PERMISSIVE, ENUMERATED_RESTRICTIVE -> false;
                case INFORMATIVE -> spif.tagSet(tagSet).flatMap(s -> s.tags().stream().filter(t -> t.type()
                        == io.liaison.core.spif.TagType.TAG_TYPE_7).findFirst()).flatMap(Spif.Tag::tag7Encoding)
                        .map(enc -> enc.equals("bitSetAttributes")).orElse(true);
            };
            ASN1Encodable attributes;
            if (bitmap) {
                BitSet set = new BitSet();
                lacvs.forEach(l -> set.set(Math.toIntExact(l)));
                attributes = bitString(set);
            } else {
                ASN1EncodableVector ints = new ASN1EncodableVector();
                lacvs.forEach(l -> ints.add(new ASN1Integer(BigInteger.valueOf(l))));
                attributes = new DERSet(ints);
            }
            String type = switch (kind) {
                case RESTRICTIVE -> RESTRICTIVE;
                case PERMISSIVE -> PERMISSIVE;
                case ENUMERATED_PERMISSIVE -> ENUM_PERMISSIVE;
                case ENUMERATED_RESTRICTIVE -> ENUM_RESTRICTIVE;
                case INFORMATIVE -> INFORMATIVE;
            };
            categories.add(new DERSequence(new ASN1Encodable[] {
                new DERTaggedObject(false, 0, new ASN1ObjectIdentifier(type)),
                new DERTaggedObject(true, 1, new DERSequence(new ASN1Encodable[] {new ASN1ObjectIdentifier(tagSet),
                    attributes}))}));
        }
        ASN1EncodableVector out = new ASN1EncodableVector();
        out.add(new ASN1ObjectIdentifier(label.policyOid()));
        try {
            if (label.kind() == SpifLabel.Kind.LABEL) {
                label.classifications().forEach(c -> out.add(new ASN1Integer(c)));
                if (categories.size() > 0) {
                    out.add(new DERSet(categories));
                }
                return new DERSet(out).getEncoded(ASN1Encoding.DER);
            }
            BitSet classes = new BitSet();
            label.classifications().forEach(c -> classes.set(Math.toIntExact(c)));
            out.add(bitString(classes));
            if (categories.size() > 0) {
                out.add(new DERSet(categories));
            }
            return new DERSequence(out).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A bit map with bit n the most significant first, as X.690 names bits; no trailing zero bits (DER). */
    private static DERBitString bitString(BitSet set) {
        int length = set.length();
        byte[] bytes = new byte[(length + 7) / 8];
        for (int i = set.nextSetBit(0); i >= 0; i = set.nextSetBit(i + 1)) {
            bytes[i / 8] |= (byte) (0x80 >> (i % 8));
        }
        return new DERBitString(bytes, bytes.length * 8 - length);
    }

    private static InvalidInputException invalid(String source, String why) {
        return new InvalidInputException("LABEL_INVALID", source + ": " + why);
    }
}
