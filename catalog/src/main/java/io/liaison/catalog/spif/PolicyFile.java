package io.liaison.catalog.spif;

import io.liaison.catalog.xml.SafeXml;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.party.Party;
import io.liaison.core.policy.SecurityPolicy;
import io.liaison.core.spif.Spif;
import java.util.Objects;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A policy as a SPIF 2.1 file holds it: the standard's policy ({@link Spif}), the file's version and originator,
 * Liaison's additions ({@link LiaisonSpif}), and the comment before its root element, which says where its facts come
 * from. It is read from any SPIF 2.1 ({@link #read}), written back as one
 * ({@link #write}, which gives the same bytes for the same policy), and gives the policy the decisions use
 * ({@link #policy}).
 */
public record PolicyFile(Spif spif, Optional<String> version, Optional<String> originatorDN, LiaisonSpif liaison,
        Optional<String> comment) {
    public static final String SPIF_NS = "http://www.xmlspif.org/spif";
    public static final int MAX_BYTES = 1 << 20;

    public PolicyFile {
        Objects.requireNonNull(spif, "spif");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(originatorDN, "originatorDN");
        Objects.requireNonNull(liaison, "liaison");
        Objects.requireNonNull(comment, "comment");
        comment.ifPresent(c -> {
            if (c.contains("--") || c.endsWith("-")) {
                throw invalid("a policy file's comment may not hold '--' or end with '-'");
            }
        });
    }

    /** Reads a SPIF 2.1 document, refusing a broken one with the reason and where it stands. */
    public static PolicyFile read(byte[] bytes, String source) {
        Document doc = SafeXml.parse(bytes, source, MAX_BYTES);
        Spif spif = Spif21Reader.read(doc, source);
        Element root = doc.getDocumentElement();
        Optional<String> comment = Optional.empty();
        for (org.w3c.dom.Node n = doc.getFirstChild(); n != null && n != root; n = n.getNextSibling()) {
            if (n instanceof org.w3c.dom.Comment c) {
                comment = Optional.of(c.getData());
                break;
            }
        }
        return new PolicyFile(spif, attribute(root, "version"), attribute(root, "originatorDN"),
                LiaisonSpif.read(root, source), comment);
    }

    /** The file as SPIF 2.1, UTF-8. */
    public byte[] write() {
        return SpifWriter.write(this);
    }

    /**
     * The policy the decisions and markings use, owned by the party the file names ({@code liaison:owner}) or, when
     * it names none, by {@code owner}; refused when neither says whose policy it is.
     */
    public SecurityPolicy policy(Optional<Party> owner) {
        return SpifPolicies.policy(this, owner);
    }

    /** The catalog id the policy is known by: {@code liaison:short}, else one made from its name. */
    public String shortId() {
        return liaison.shortId().orElseGet(() -> SpifPolicies.slug(spif.policy().name()));
    }

    /** This policy as another version: a number the node gives each import in turn. */
    public PolicyFile withVersion(String v) {
        return new PolicyFile(spif, Optional.of(v), originatorDN, liaison, comment);
    }

    private static Optional<String> attribute(Element e, String name) {
        return e.hasAttribute(name) && !e.getAttribute(name).isBlank() ? Optional.of(e.getAttribute(name))
                : Optional.empty();
    }

    static InvalidInputException invalid(String message) {
        return new InvalidInputException("SPIF_INVALID", message);
    }
}
