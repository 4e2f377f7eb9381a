package io.liaison.catalog.spif;

import io.liaison.catalog.xml.SafeXml;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.spif.Spif;
import io.liaison.core.spif.TagType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads any Open XML SPIF 2.1 file, element for element, into a {@link Spif}: with or without the SPIF namespace,
 * colours by name or number or none, several tag sets and tags of a type, excluded classes and categories,
 * required categories, markings per language and qualifiers, equivalent policies and equivalents. Liaison's own
 * attributes are not needed. The XML must be well-formed (a misspelt closing tag is refused where it stands), and
 * a file that breaks the policy's own consistency is refused with the reason ({@link Spif}). {@code markingCode}, an
 * older name of {@code markingData}, is read as it.
 */
public final class Spif21Reader {
    private static final String XML_NS = "http://www.w3.org/XML/1998/namespace";
    private final String source;

    private Spif21Reader(String source) {
        this.source = source;
    }

    public static Spif read(byte[] bytes, String source) {
        return read(SafeXml.parse(bytes, source, PolicyFile.MAX_BYTES), source);
    }

    static Spif read(Document doc, String source) {
        try {
            return new Spif21Reader(source).spif(doc.getDocumentElement());
        } catch (InvalidInputException e) {
            if (e.getMessage().startsWith(source + ":")) {
                throw e;
            }
            throw new InvalidInputException(e.code(), source + ": " + e.getMessage());
        }
    }

    private Spif spif(Element root) {
        if (!spif(root, "SPIF")) {
            throw fail(root, "the root element must be SPIF");
        }
        String version = root.getAttribute("schemaVersion");
        if (!version.isEmpty() && !version.matches("[12](\\.\\d+)*")) {
            throw fail(root, "schemaVersion " + version + " is not an Open XML SPIF version");
        }
        Spif.PolicyId id = policyId(one(root, "securityPolicyId"));
        Optional<Spif.PolicyId> fallback = first(root, "defaultSecurityPolicyId").map(this::policyId);
        List<Spif.EquivalentPolicy> equivalents = new ArrayList<>();
        for (Element list : children(root, "equivalentPolicies")) {
            for (Element e : children(list, "equivalentPolicy")) {
                equivalents.add(new Spif.EquivalentPolicy(policyId(e), required(e)));
            }
        }
        List<Spif.Level> levels = new ArrayList<>();
        for (Element e : children(one(root, "securityClassifications"), "securityClassification")) {
            levels.add(new Spif.Level(attribute(e, "name"), number(e, "lacv"), (int) number(e, "hierarchy"),
                    optional(e, "color"), flag(e, "obsolete"), markings(e), qualifiers(e), required(e),
                    equivalents(e, "equivalentClassification")));
        }
        List<Spif.TagSet> sets = new ArrayList<>();
        for (Element list : children(root, "securityCategoryTagSets")) {
            for (Element s : children(list, "securityCategoryTagSet")) {
                List<Spif.Tag> tags = new ArrayList<>();
                for (Element t : children(s, "securityCategoryTag")) {
                    tags.add(tag(t));
                }
                sets.add(new Spif.TagSet(attribute(s, "name"), attribute(s, "id"), tags));
            }
        }
        return new Spif(id, optional(root, "creationDate"), levels, sets, markings(root), qualifiers(root), equivalents,
                fallback);
    }

    private Spif.Tag tag(Element t) {
        TagType type = TagType.parse(attribute(t, "tagType"));
        List<Spif.TagCategory> categories = new ArrayList<>();
        for (Element c : children(t, "tagCategory")) {
            List<String> excludedClasses = new ArrayList<>();
            for (Element x : children(c, "excludedClass")) {
                excludedClasses.add(x.getTextContent().strip());
            }
            List<Spif.CategoryRef> excluded = new ArrayList<>();
            for (Element x : children(c, "excludedCategory")) {
                excluded.add(reference(x));
            }
            categories.add(new Spif.TagCategory(attribute(c, "name"), number(c, "lacv"), flag(c, "obsolete"),
                    excludedClasses, excluded, required(c), markings(c), qualifiers(c), equivalents(c,
                    "equivalentSecCategoryTag")));
        }
        return new Spif.Tag(attribute(t, "name"), type, optional(t, "enumType").map(TagType::parse),
                optional(t, "tag7Encoding"), flag(t, "singleSelection"), categories, qualifiers(t));
    }

    private Spif.PolicyId policyId(Element e) {
        return new Spif.PolicyId(attribute(e, "name"), attribute(e, "id"));
    }

    private List<Spif.MarkingData> markings(Element parent) {
        List<Spif.MarkingData> out = new ArrayList<>();
        for (Element m : elements(parent)) {
            if (spif(m, "markingData") || spif(m, "markingCode")) {
                List<String> codes = new ArrayList<>();
                for (Element c : children(m, "code")) {
                    codes.add(c.getTextContent().strip());
                }
                out.add(new Spif.MarkingData(optional(m, "phrase"), codes, lang(m)));
            }
        }
        return out;
    }

    private List<Spif.MarkingQualifier> qualifiers(Element parent) {
        List<Spif.MarkingQualifier> out = new ArrayList<>();
        for (Element m : children(parent, "markingQualifier")) {
            List<String> codes = new ArrayList<>();
            optional(m, "code").ifPresent(codes::add);
            optional(m, "markingCode").ifPresent(codes::add);
            for (Element c : children(m, "code")) {
                codes.add(c.getTextContent().strip());
            }
            List<Spif.Qualifier> qualifiers = new ArrayList<>();
            for (Element q : children(m, "qualifier")) {
                qualifiers.add(new Spif.Qualifier(attribute(q, "markingQualifier"), attribute(q, "qualifierCode"),
                        lang(q)));
            }
            out.add(new Spif.MarkingQualifier(codes, qualifiers));
        }
        return out;
    }

    private List<Spif.Required> required(Element parent) {
        List<Spif.Required> out = new ArrayList<>();
        for (Element r : children(parent, "requiredCategory")) {
            List<Spif.CategoryRef> groups = new ArrayList<>();
            for (Element g : children(r, "categoryGroup")) {
                groups.add(reference(g));
            }
            out.add(new Spif.Required(attribute(r, "operation"), groups));
        }
        return out;
    }

    private List<Spif.Equivalent> equivalents(Element parent, String name) {
        List<Spif.Equivalent> out = new ArrayList<>();
        for (Element e : children(parent, name)) {
            out.add(new Spif.Equivalent(attribute(e, "policyRef"), lacv(e), optional(e, "applied").orElse("both"),
                    optional(e, "tagSetId"), optional(e, "tagType").map(TagType::parse), optional(e, "action"),
                    required(e)));
        }
        return out;
    }

    private Spif.CategoryRef reference(Element e) {
        return new Spif.CategoryRef(attribute(e, "tagSetRef"), TagType.parse(attribute(e, "tagType")),
                optional(e, "enumType").map(TagType::parse), lacv(e), flag(e, "all"));
    }

    // Reading elements and attributes, with or without the SPIF namespace.

    private static boolean spif(Element e, String local) {
        String ns = e.getNamespaceURI();
        return local.equals(e.getLocalName()) && (ns == null || ns.equals(PolicyFile.SPIF_NS));
    }

    private static List<Element> elements(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    private static List<Element> children(Element parent, String local) {
        return elements(parent).stream().filter(e -> spif(e, local)).toList();
    }

    private static Optional<Element> first(Element parent, String local) {
        return children(parent, local).stream().findFirst();
    }

    private Element one(Element parent, String local) {
        List<Element> found = children(parent, local);
        if (found.size() != 1) {
            throw fail(parent, "expected one " + local + ", found " + found.size());
        }
        return found.getFirst();
    }

    private String attribute(Element e, String name) {
        return optional(e, name).orElseThrow(() -> fail(e, "attribute " + name + " is missing"));
    }

    private static Optional<String> optional(Element e, String name) {
        return e.hasAttribute(name) ? Optional.of(e.getAttribute(name)) : Optional.empty();
    }

    /** A lacv, where an empty attribute is none. */
    private OptionalLong lacv(Element e) {
        return optional(e, "lacv").filter(v -> !v.isBlank()).map(v -> OptionalLong.of(number(e, "lacv")))
                .orElse(OptionalLong.empty());
    }

    private long number(Element e, String name) {
        String v = attribute(e, name).strip();
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException x) {
            throw fail(e, "attribute " + name + " '" + v + "' is not a whole number");
        }
    }

    private boolean flag(Element e, String name) {
        String v = optional(e, name).orElse("false").strip();
        if (!v.equals("true") && !v.equals("false")) {
            throw fail(e, "attribute " + name + " '" + v + "' is not true or false");
        }
        return v.equals("true");
    }

    private static Optional<String> lang(Element e) {
        String lang = e.getAttributeNS(XML_NS, "lang");
        return lang == null || lang.isEmpty() ? Optional.empty() : Optional.of(lang);
    }

    private InvalidInputException fail(Element e, String message) {
        return new InvalidInputException("SPIF_INVALID", source + ": " + SafeXml.path(e) + ": " + message);
    }
}
