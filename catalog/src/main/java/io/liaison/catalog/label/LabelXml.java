package io.liaison.catalog.label;

import io.liaison.catalog.xml.SafeXml;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.label.Category;
import io.liaison.core.label.PolicyIdentifier;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.policy.CategoryType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * Reads and writes NATO ADatP-4774 confidentiality labels: {@code originatorConfidentialityLabel} and
 * {@code alternativeConfidentialityLabel}. Reading checks the format only (an upper-case {@code Type}, one
 * classification, …; what the standard's schema leaves optional, such as {@code CreationDateTime}, stays optional);
 * validity in a policy is the
 * {@link io.liaison.core.label.LabelValidator}'s job.
 */
public final class LabelXml {
    public static final String NS = "urn:nato:stanag:4774:confidentialitymetadatalabel:1:0";
    public static final int MAX_BYTES = 64 * 1024;

    private LabelXml() {}

    /**
     * Reads a label. A label in exactly the form {@link #write} gives (every label a node stores or sends) is read
     * without building a document ({@link CanonicalLabel}); any other bytes are read as a document, which gives every
     * error.
     */
    public static ParsedLabel read(byte[] bytes, String source) {
        if (bytes.length <= MAX_BYTES) {
            Optional<ParsedLabel> canonical = CanonicalLabel.read(bytes);
            if (canonical.isPresent()) {
                return canonical.get();
            }
        }
        return readDocument(bytes, source);
    }

    /** Reads a label as a document, whatever its layout: {@link #read} for bytes not in the written form. */
    static ParsedLabel readDocument(byte[] bytes, String source) {
        Element root = SafeXml.parse(bytes, source, MAX_BYTES).getDocumentElement();
        LabelRole role = null;
        for (LabelRole r : LabelRole.values()) {
            if (NS.equals(root.getNamespaceURI()) && r.element().equals(root.getLocalName())) {
                role = r;
            }
        }
        if (role == null) {
            throw fail(source, root, "the root must be originatorConfidentialityLabel or alternativeConfidentialityLabel"
                    + " in namespace " + NS);
        }
        Element info = one(source, root, "ConfidentialityInformation");
        Element policyEl = one(source, info, "PolicyIdentifier");
        String policyName = policyEl.getTextContent().strip();
        Optional<String> uri = attr(policyEl, "URI");
        String classification = one(source, info, "Classification").getTextContent().strip();
        Optional<String> privacy = optionalOne(source, info, "PrivacyMark").map(e -> e.getTextContent().strip());
        List<Category> categories = new ArrayList<>();
        for (Element c : SafeXml.children(info, NS, "Category")) {
            String tag = attr(c, "TagName").orElseThrow(() -> fail(source, c, "attribute TagName is required"));
            String typeText = attr(c, "Type").orElseThrow(() -> fail(source, c, "attribute Type is required"));
            CategoryType type = CategoryType.parseExact(typeText).orElseThrow(() -> fail(source, c,
                    "Type '" + typeText + "' must be PERMISSIVE, RESTRICTIVE or INFORMATIVE (upper case)"));
            List<String> values = SafeXml.children(c, NS, "GenericValue").stream()
                    .map(v -> v.getTextContent().strip()).toList();
            try {
                categories.add(new Category(tag, type, values));
            } catch (IllegalArgumentException e) {
                throw fail(source, c, e.getMessage());
            }
        }
        Optional<Party> originator = optionalOne(source, root, "OriginatorID").map(e -> {
            try {
                return Party.of(e.getTextContent().strip());
            } catch (IllegalArgumentException ex) {
                throw fail(source, e, ex.getMessage());
            }
        });
        // The standard leaves CreationDateTime optional; none is kept as the epoch, which is not written back.
        Instant created = optionalOne(source, root, "CreationDateTime").map(e -> instant(source, e,
                e.getTextContent().strip())).orElse(Instant.EPOCH);
        Optional<Instant> review = attr(root, "ReviewDateTime").map(v -> instant(source, root, v));
        try {
            return new ParsedLabel(role, new SecurityLabel(new PolicyIdentifier(policyName, uri), classification,
                    privacy, categories, originator, created, review));
        } catch (IllegalArgumentException e) {
            throw fail(source, info, e.getMessage());
        }
    }

    public static String write(SecurityLabel label, LabelRole role) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append('<').append(role.element()).append(" xmlns=\"").append(NS).append('"');
        label.reviewAt().ifPresent(r -> sb.append(" ReviewDateTime=\"").append(r).append('"'));
        sb.append(">\n  <ConfidentialityInformation>\n    <PolicyIdentifier");
        label.policy().uri().ifPresent(u -> sb.append(" URI=\"").append(SafeXml.escape(u)).append('"'));
        sb.append('>').append(SafeXml.escape(label.policy().name())).append("</PolicyIdentifier>\n");
        sb.append("    <Classification>").append(SafeXml.escape(label.classification())).append("</Classification>\n");
        label.privacyMark().ifPresent(p -> sb.append("    <PrivacyMark>").append(SafeXml.escape(p)).append("</PrivacyMark>\n"));
        for (Category c : label.categories()) {
            sb.append("    <Category TagName=\"").append(SafeXml.escape(c.tagName())).append("\" Type=\"")
                    .append(c.type().name()).append("\">\n");
            for (String v : c.values()) {
                sb.append("      <GenericValue>").append(SafeXml.escape(v)).append("</GenericValue>\n");
            }
            sb.append("    </Category>\n");
        }
        sb.append("  </ConfidentialityInformation>\n");
        label.originator().ifPresent(o -> sb.append("  <OriginatorID>").append(o.code()).append("</OriginatorID>\n"));
        label.creationTime().ifPresent(t -> sb.append("  <CreationDateTime>").append(t).append("</CreationDateTime>\n"));
        sb.append("</").append(role.element()).append(">\n");
        return sb.toString();
    }

    private static Instant instant(String source, Element e, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException ex) {
            throw fail(source, e, "'" + text + "' is not a UTC date-time such as 2016-11-23T09:00:00Z");
        }
    }

    private static Optional<String> attr(Element e, String name) {
        String v = e.getAttribute(name);
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    private static Element one(String source, Element parent, String local) {
        return optionalOne(source, parent, local).orElseThrow(() -> fail(source, parent, local + " is required"));
    }

    private static Optional<Element> optionalOne(String source, Element parent, String local) {
        List<Element> found = SafeXml.children(parent, NS, local);
        if (found.size() > 1) {
            throw fail(source, found.get(1), local + " may appear once");
        }
        return found.stream().findFirst();
    }

    private static InvalidInputException fail(String source, Element e, String why) {
        return new InvalidInputException("LABEL_XML_INVALID", "label " + source + ": element " + SafeXml.path(e) + ": "
                + why + " (ADatP-4774)");
    }
}
