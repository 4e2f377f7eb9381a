package io.liaison.catalog.spif;

import io.liaison.core.error.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Liaison's additions to a SPIF, for the facts the standard has no place for, as attributes in the namespace
 * {@value #NS} that other SPIF readers ignore. All are optional: a SPIF without them is read with defaults.
 *
 * @param shortId the catalog id ({@code liaison:short} on {@code securityPolicyId}), e.g. {@code kor}
 * @param owner the party whose policy it is ({@code liaison:owner})
 * @param blockSeparator text between marking blocks ({@code liaison:blockSeparator}), e.g. {@code //}
 * @param portionPrefix text before a portion marking ({@code liaison:portionPrefix}), e.g. {@code //JPN }
 * @param bannerAsWritten whether a classification's banner is its phrase as written ({@code liaison:banner="phrase"}),
 *     rather than the marking the SPIF's rules make of a label with that classification alone (policy name, phrase,
 *     qualifiers), as for any other SPIF
 * @param textColours a classification's banner text colour, by its name ({@code liaison:textColor})
 * @param stixIds a classification's STIX 2.1 marking definition, by its name ({@code liaison:stixId})
 * @param portions the portion marking of a classification or category per language, on the {@code markingData} of
 *     that language ({@code liaison:portion}), by {@link #levelKey} or {@link #categoryKey}
 * @param nationalityTags the tags whose values are nationalities ({@code liaison:holds="nationality"}), by
 *     {@link #tagKey}
 * @param blocks a tag set's marking block ({@code liaison:block}), by its name
 * @param members a category that stands for a group of nationalities ({@code liaison:members}), by
 *     {@link #categoryKey}
 */
public record LiaisonSpif(Optional<String> shortId, Optional<String> owner, Optional<String> blockSeparator,
        Optional<String> portionPrefix, boolean bannerAsWritten, Map<String, String> textColours, Map<String, String> stixIds,
        Map<String, Map<String, String>> portions, Set<String> nationalityTags, Map<String, String> blocks,
        Map<String, String> members) {
    public static final String NS = "urn:liaison:spif:1";
    private static final String XML_NS = "http://www.w3.org/XML/1998/namespace";
    private static final char SEP = '\u001F';

    public LiaisonSpif {
        Objects.requireNonNull(shortId, "shortId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(blockSeparator, "blockSeparator");
        Objects.requireNonNull(portionPrefix, "portionPrefix");
        textColours = Map.copyOf(textColours);
        stixIds = Map.copyOf(stixIds);
        Map<String, Map<String, String>> p = new LinkedHashMap<>();
        portions.forEach((k, v) -> p.put(k, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        portions = java.util.Collections.unmodifiableMap(p);
        nationalityTags = Set.copyOf(nationalityTags);
        blocks = Map.copyOf(blocks);
        members = Map.copyOf(members);
    }

    /** No additions: a plain SPIF. */
    public static LiaisonSpif none() {
        return new LiaisonSpif(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false,
                Map.of(), Map.of(), Map.of(), Set.of(), Map.of(), Map.of());
    }

    public boolean isEmpty() {
        return equals(none());
    }

    public static String levelKey(String level) {
        return "level" + SEP + level;
    }

    public static String tagKey(String tagSet, String tag) {
        return tagSet + SEP + tag;
    }

    public static String categoryKey(String tagSet, String tag, String category) {
        return tagSet + SEP + tag + SEP + category;
    }

    /** The additions in a SPIF document, read beside {@link Spif21Reader}. */
    static LiaisonSpif read(Element root, String source) {
        Element id = first(root, "securityPolicyId").orElseThrow();
        Map<String, String> text = new LinkedHashMap<>();
        Map<String, String> stix = new LinkedHashMap<>();
        Map<String, Map<String, String>> portions = new LinkedHashMap<>();
        Set<String> nationality = new LinkedHashSet<>();
        Map<String, String> blocks = new LinkedHashMap<>();
        Map<String, String> members = new LinkedHashMap<>();
        for (Element list : children(root, "securityClassifications")) {
            for (Element c : children(list, "securityClassification")) {
                String name = c.getAttribute("name");
                attribute(c, "textColor").ifPresent(v -> text.put(name, v));
                attribute(c, "stixId").ifPresent(v -> stix.put(name, v));
                portions(c, levelKey(name), portions);
            }
        }
        for (Element list : children(root, "securityCategoryTagSets")) {
            for (Element s : children(list, "securityCategoryTagSet")) {
                String set = s.getAttribute("name");
                attribute(s, "block").ifPresent(v -> blocks.put(set, v));
                for (Element t : children(s, "securityCategoryTag")) {
                    String tag = t.getAttribute("name");
                    Optional<String> holds = attribute(t, "holds");
                    if (holds.isPresent()) {
                        if (!holds.get().equals("nationality")) {
                            throw new InvalidInputException("SPIF_INVALID", source + ": tag " + tag + ": liaison:holds '"
                                    + holds.get() + "' is not supported (only nationality)");
                        }
                        nationality.add(tagKey(set, tag));
                    }
                    for (Element c : children(t, "tagCategory")) {
                        String key = categoryKey(set, tag, c.getAttribute("name"));
                        attribute(c, "members").ifPresent(v -> members.put(key, v.strip()));
                        portions(c, key, portions);
                    }
                }
            }
        }
        Optional<String> banner = attribute(id, "banner");
        if (banner.isPresent() && !banner.get().equals("phrase")) {
            throw new InvalidInputException("SPIF_INVALID", source + ": liaison:banner '" + banner.get()
                    + "' is not supported (only phrase)");
        }
        return new LiaisonSpif(attribute(id, "short"), attribute(id, "owner"), attribute(id, "blockSeparator"),
                attribute(id, "portionPrefix"), banner.isPresent(), text, stix, portions, nationality, blocks, members);
    }

    private static void portions(Element owner, String key, Map<String, Map<String, String>> out) {
        for (Element m : children(owner, "markingData")) {
            Optional<String> portion = attribute(m, "portion");
            if (portion.isPresent()) {
                String lang = m.getAttributeNS(XML_NS, "lang");
                out.computeIfAbsent(key, k -> new LinkedHashMap<>()).putIfAbsent(lang.isEmpty() ? "" : lang, portion.get());
            }
        }
    }

    private static Optional<String> attribute(Element e, String local) {
        return e.hasAttributeNS(NS, local) ? Optional.of(e.getAttributeNS(NS, local)) : Optional.empty();
    }

    private static java.util.List<Element> children(Element parent, String local) {
        java.util.List<Element> out = new java.util.ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local.equals(e.getLocalName())
                    && (e.getNamespaceURI() == null || e.getNamespaceURI().equals(PolicyFile.SPIF_NS))) {
                out.add(e);
            }
        }
        return out;
    }

    private static Optional<Element> first(Element parent, String local) {
        return children(parent, local).stream().findFirst();
    }
}
