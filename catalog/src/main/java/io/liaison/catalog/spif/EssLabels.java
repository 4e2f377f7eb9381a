package io.liaison.catalog.spif;

import io.liaison.core.error.InvalidInputException;
import io.liaison.core.spif.Spif;
import io.liaison.core.spif.SpifLabel;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1String;

/**
 * ESS security labels (RFC 2634) in BER or DER, read with Bouncy Castle's ASN.1:
 * {@code SET { security-policy-identifier OID, security-classification INTEGER, privacy-mark, security-categories }}
 * in any order. The policy is looked up as soon as the label is decoded, so a label of an unknown policy is refused
 * by its identifier before anything else is read.
 *
 * <p>Not read yet: security categories (ACP-145 bitmaps, enumerations and informative values); a label carrying
 * them is refused saying so.
 */
public final class EssLabels {
    private static final int MAX_BYTES = 64 * 1024;

    private EssLabels() {}

    public static SpifLabel read(byte[] bytes, String source, Function<String, Optional<Spif>> policies) {
        if (bytes.length == 0) {
            throw new InvalidInputException("LABEL_INVALID", "No data to parse (" + source + " is empty)");
        }
        if (bytes.length > MAX_BYTES) {
            throw new InvalidInputException("LABEL_INVALID", source + ": " + bytes.length + " bytes is over the limit of "
                    + MAX_BYTES);
        }
        ASN1Set set;
        try {
            ASN1Primitive p = ASN1Primitive.fromByteArray(bytes);
            if (!(p instanceof ASN1Set s)) {
                throw new InvalidInputException("LABEL_INVALID", source + ": Failed to parse BER/DER encoded label: "
                        + "an ESS security label is a SET");
            }
            set = s;
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidInputException("LABEL_INVALID", source + ": Failed to parse BER/DER encoded label: "
                    + e.getMessage());
        }
        String policy = null;
        Long classification = null;
        boolean categories = false;
        for (ASN1Encodable e : set) {
            ASN1Primitive p = e.toASN1Primitive();
            if (p instanceof ASN1ObjectIdentifier oid) {
                policy = oid.getId();
            } else if (p instanceof ASN1Integer i) {
                classification = i.getValue().longValueExact();
            } else if (p instanceof ASN1Set) {
                categories = true;
            } else if (!(p instanceof ASN1String)) {
                throw new InvalidInputException("LABEL_INVALID", source + ": an ESS security label holds no "
                        + p.getClass().getSimpleName());
            }
        }
        if (policy == null) {
            throw new InvalidInputException("LABEL_INVALID", source + ": No policy in label");
        }
        String id = policy;
        Spif spif = policies.apply(id).orElseThrow(() -> new InvalidInputException("POLICY_UNKNOWN",
                "Unknown policy id: " + id));
        if (categories) {
            throw new InvalidInputException("LABEL_UNREAD", source + ": security categories of an ESS label are not "
                    + "read yet");
        }
        return new SpifLabel(SpifLabel.Kind.LABEL, spif.policy().oid(), classification == null ? List.of()
                : List.of(classification), List.of());
    }
}
