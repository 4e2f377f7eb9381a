package io.liaison.catalog.spif;

import io.liaison.catalog.xml.SafeXml;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.party.Party;
import io.liaison.core.policy.CategoryTag;
import io.liaison.core.policy.CategoryType;
import io.liaison.core.policy.Classification;
import io.liaison.core.policy.Phrases;
import io.liaison.core.policy.Rgb;
import io.liaison.core.policy.SecurityPolicy;
import io.liaison.core.policy.TagValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Reads an Open XML SPIF 2.1 file into a {@link SecurityPolicy}. Liaison's few additions (short id,
 * owner, text colour, block and portion layout, the nationality tag) sit in the namespace
 * {@value #LIAISON_NS}, which other SPIF readers ignore. A broken file is refused with an error naming
 * the file, the element and the rule.
 */
public final class SpifReader {
    public static final String SPIF_NS = "http://www.xmlspif.org/spif";
    public static final String LIAISON_NS = "urn:liaison:spif:1";
    public static final int MAX_BYTES = 1 << 20;
    private static final String XML_NS = "http://www.w3.org/XML/1998/namespace";

    private final String source;

    private SpifReader(String source) {
        this.source = source;
    }

    public static SecurityPolicy read(byte[] bytes, String source) {
        Document doc = SafeXml.parse(bytes, source, MAX_BYTES);
        return new SpifReader(source).policy(doc.getDocumentElement());
    }

    private SecurityPolicy policy(Element root) {
        if (!SPIF_NS.equals(root.getNamespaceURI()) || !"SPIF".equals(root.getLocalName())) {
            throw fail(root, "the root element must be SPIF in namespace " + SPIF_NS);
        }
        String version = root.getAttribute("schemaVersion");
        if (!version.isEmpty() && !version.startsWith("2.")) {
            throw fail(root, "schemaVersion " + version + " is not supported (Open XML SPIF 2.x)");
        }
        Element id = one(root, "securityPolicyId");
        String name = required(id, "name");
        Optional<String> oid = optional(id, "", "id");
        oid.ifPresent(o -> {
            if (!o.matches("[0-2](\\.(0|[1-9][0-9]*))+")) {
                throw fail(id, "attribute id '" + o + "' is not an object identifier");
            }
        });
        String shortId = required(id, LIAISON_NS, "short");
        Party owner = party(id, required(id, LIAISON_NS, "owner"));
        String blockSeparator = optional(id, LIAISON_NS, "blockSeparator").orElse("//");
        String portionPrefix = optional(id, LIAISON_NS, "portionPrefix").orElse("");

        List<Classification> levels = new ArrayList<>();
        for (Element c : SafeXml.children(one(root, "securityClassifications"), SPIF_NS, "securityClassification")) {
            levels.add(classification(c));
        }
        List<CategoryTag> tags = new ArrayList<>();
        List<Element> tagSets = SafeXml.children(root, SPIF_NS, "securityCategoryTagSets");
        if (tagSets.size() > 1) {
            throw fail(tagSets.get(1), "securityCategoryTagSets may appear once");
        }
        for (Element sets : tagSets) {
            for (Element set : SafeXml.children(sets, SPIF_NS, "securityCategoryTagSet")) {
                String setName = required(set, "name");
                String block = optional(set, LIAISON_NS, "block").orElse(setName);
                for (Element tag : SafeXml.children(set, SPIF_NS, "securityCategoryTag")) {
                    tags.add(tag(tag, setName, block));
                }
            }
        }
        try {
            return new SecurityPolicy(shortId, name, oid, owner, levels, tags, blockSeparator, portionPrefix);
        } catch (IllegalArgumentException e) {
            throw fail(root, e.getMessage());
        }
    }

    private Classification classification(Element c) {
        String name = required(c, "name");
        int lacv = integer(c, "lacv");
        int hierarchy = integer(c, "hierarchy");
        Rgb color = colour(c, "", "color");
        Rgb text = optional(c, LIAISON_NS, "textColor").isPresent() ? colour(c, LIAISON_NS, "textColor") : Rgb.of("#FFFFFF");
        Map<String, String> banner = phrases(c, "pageTopBottom");
        Map<String, String> portion = phrases(c, "portionMarking");
        if (banner.isEmpty()) {
            throw fail(c, "classification " + name + " has no markingData with code pageTopBottom");
        }
        if (portion.isEmpty()) {
            portion = banner;
        }
        try {
            return new Classification(name, lacv, hierarchy, color, text, new Phrases(banner), new Phrases(portion));
        } catch (IllegalArgumentException e) {
            throw fail(c, e.getMessage());
        }
    }

    private CategoryTag tag(Element tag, String setName, String block) {
        String tagType = required(tag, "tagType");
        CategoryType type = switch (tagType) {
            case "restrictive" -> CategoryType.RESTRICTIVE;
            case "permissive" -> CategoryType.PERMISSIVE;
            case "tagType7", "informative" -> CategoryType.INFORMATIVE;
            case "enumerated" -> switch (optional(tag, "", "enumType").orElse("")) {
                case "restrictive" -> CategoryType.RESTRICTIVE;
                case "permissive" -> CategoryType.PERMISSIVE;
                default -> throw fail(tag, "an enumerated tag needs enumType restrictive or permissive");
            };
            default -> throw fail(tag, "tagType '" + tagType + "' is not one of restrictive, permissive, enumerated,"
                    + " tagType7");
        };
        String prefix = "";
        String separator = "/";
        for (Element mq : SafeXml.children(tag, SPIF_NS, "markingQualifier")) {
            for (Element q : SafeXml.children(mq, SPIF_NS, "qualifier")) {
                String text = q.getAttribute("markingQualifier");
                switch (required(q, "qualifierCode")) {
                    case "prefix" -> prefix = text;
                    case "separator" -> separator = text;
                    case "suffix" -> { }
                    default -> throw fail(q, "qualifierCode must be prefix, separator or suffix");
                }
            }
        }
        boolean nationality = optional(tag, LIAISON_NS, "holds").map(h -> {
            if (!h.equals("nationality")) {
                throw fail(tag, "liaison:holds '" + h + "' is not supported (only nationality)");
            }
            return true;
        }).orElse(false);
        List<TagValue> values = new ArrayList<>();
        for (Element v : SafeXml.children(tag, SPIF_NS, "tagCategory")) {
            String vName = required(v, "name");
            Map<String, String> banner = phrases(v, "pageTopBottom");
            Map<String, String> portion = phrases(v, "portionMarking");
            List<String> excludes = new ArrayList<>();
            for (Element x : SafeXml.children(v, SPIF_NS, "excludedCategory")) {
                excludes.add(required(x, "tagSetRef"));
            }
            if (nationality) {
                party(v, vName);
            }
            Set<String> members = new java.util.LinkedHashSet<>();
            Optional<String> group = optional(v, LIAISON_NS, "members");
            if (group.isPresent()) {
                if (!nationality) {
                    throw fail(v, "liaison:members makes a group of nationalities, only on a tag that holds nationality");
                }
                for (String m : group.get().strip().split("\\s+")) {
                    members.add(party(v, m).code());
                }
            }
            values.add(new TagValue(vName, integer(v, "lacv"),
                    banner.isEmpty() ? Phrases.of("en", vName) : new Phrases(banner),
                    portion.isEmpty() ? (banner.isEmpty() ? vName : banner.values().iterator().next())
                            : portion.values().iterator().next(), excludes, members));
        }
        try {
            return new CategoryTag(setName, type, block, prefix, separator, nationality, values);
        } catch (IllegalArgumentException e) {
            throw fail(tag, e.getMessage());
        }
    }

    private Map<String, String> phrases(Element owner, String code) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Element md : SafeXml.children(owner, SPIF_NS, "markingData")) {
            boolean matches = SafeXml.children(md, SPIF_NS, "code").stream()
                    .anyMatch(c -> c.getTextContent().strip().equals(code));
            if (matches) {
                String lang = md.getAttributeNS(XML_NS, "lang");
                out.putIfAbsent(lang.isEmpty() ? "en" : lang, required(md, "phrase"));
            }
        }
        return out;
    }

    private Element one(Element parent, String local) {
        List<Element> found = SafeXml.children(parent, SPIF_NS, local);
        if (found.size() != 1) {
            throw fail(parent, "needs exactly one " + local + " element, found " + found.size());
        }
        return found.getFirst();
    }

    private String required(Element e, String attr) {
        return required(e, "", attr);
    }

    private String required(Element e, String ns, String attr) {
        return optional(e, ns, attr).orElseThrow(() -> fail(e, "attribute " + (ns.isEmpty() ? "" : "liaison:")
                + attr + " is required"));
    }

    private static Optional<String> optional(Element e, String ns, String attr) {
        String v = ns.isEmpty() ? e.getAttribute(attr) : e.getAttributeNS(ns, attr);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    private int integer(Element e, String attr) {
        String v = required(e, attr);
        try {
            int n = Integer.parseInt(v);
            if (n < 0) {
                throw fail(e, "attribute " + attr + " '" + v + "' must not be negative");
            }
            return n;
        } catch (NumberFormatException ex) {
            throw fail(e, "attribute " + attr + " '" + v + "' is not a whole number");
        }
    }

    private Rgb colour(Element e, String ns, String attr) {
        String v = required(e, ns, attr);
        try {
            return Rgb.of(v);
        } catch (IllegalArgumentException ex) {
            throw fail(e, "attribute " + attr + " '" + v + "' is not a colour #RRGGBB");
        }
    }

    private Party party(Element e, String code) {
        try {
            return Party.of(code);
        } catch (IllegalArgumentException ex) {
            throw fail(e, ex.getMessage());
        }
    }

    private InvalidInputException fail(Element e, String why) {
        return new InvalidInputException("SPIF_INVALID", "policy file " + source + ": element " + SafeXml.path(e)
                + ": " + why + " (Open XML SPIF 2.1)");
    }
}
