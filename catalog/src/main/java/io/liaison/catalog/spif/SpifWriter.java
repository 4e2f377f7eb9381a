package io.liaison.catalog.spif;

import io.liaison.core.spif.Spif;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a {@link PolicyFile} as an Open XML SPIF 2.1 document, in the schema's element order, two spaces an indent,
 * with Liaison's additions as attributes in their own namespace only where the file has them. The same policy always
 * gives the same bytes, so that a policy read and written again is unchanged.
 */
public final class SpifWriter {
    private final StringBuilder out = new StringBuilder(8192);
    private final PolicyFile file;
    private final LiaisonSpif liaison;

    private SpifWriter(PolicyFile file) {
        this.file = file;
        this.liaison = file.liaison();
    }

    public static byte[] write(PolicyFile file) {
        SpifWriter w = new SpifWriter(file);
        w.document();
        return w.out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void document() {
        Spif spif = file.spif();
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        file.comment().ifPresent(c -> out.append("<!--").append(c).append("-->\n"));
        List<String> root = new ArrayList<>(List.of("xmlns:spif", PolicyFile.SPIF_NS));
        if (!liaison.isEmpty()) {
            root.addAll(List.of("xmlns:liaison", LiaisonSpif.NS));
        }
        root.addAll(List.of("schemaVersion", "2.1"));
        file.version().ifPresent(v -> root.addAll(List.of("version", v)));
        spif.creationDate().ifPresent(v -> root.addAll(List.of("creationDate", v)));
        file.originatorDN().ifPresent(v -> root.addAll(List.of("originatorDN", v)));
        open(0, "SPIF", root);
        spif.defaultPolicy().ifPresent(d -> empty(1, "defaultSecurityPolicyId", List.of("name", d.name(), "id", d.oid())));
        List<String> id = new ArrayList<>(List.of("name", spif.policy().name(), "id", spif.policy().oid()));
        liaison.shortId().ifPresent(v -> id.addAll(List.of("liaison:short", v)));
        liaison.owner().ifPresent(v -> id.addAll(List.of("liaison:owner", v)));
        liaison.blockSeparator().ifPresent(v -> id.addAll(List.of("liaison:blockSeparator", v)));
        liaison.portionPrefix().ifPresent(v -> id.addAll(List.of("liaison:portionPrefix", v)));
        if (liaison.bannerAsWritten()) {
            id.addAll(List.of("liaison:banner", "phrase"));
        }
        empty(1, "securityPolicyId", id);
        if (!spif.equivalentPolicies().isEmpty()) {
            open(1, "equivalentPolicies", List.of());
            for (Spif.EquivalentPolicy e : spif.equivalentPolicies()) {
                element(2, "equivalentPolicy", List.of("name", e.id().name(), "id", e.id().oid()),
                        () -> required(3, e.required()));
            }
            close(1, "equivalentPolicies");
        }
        open(1, "securityClassifications", List.of());
        for (Spif.Level l : spif.levels()) {
            List<String> a = new ArrayList<>(List.of("name", l.name(), "lacv", Long.toString(l.lacv()), "hierarchy",
                    Integer.toString(l.hierarchy())));
            l.colour().ifPresent(c -> a.addAll(List.of("color", c)));
            if (l.obsolete()) {
                a.addAll(List.of("obsolete", "true"));
            }
            Optional.ofNullable(liaison.textColours().get(l.name())).ifPresent(v -> a.addAll(List.of("liaison:textColor", v)));
            Optional.ofNullable(liaison.stixIds().get(l.name())).ifPresent(v -> a.addAll(List.of("liaison:stixId", v)));
            element(2, "securityClassification", a, () -> {
                markings(3, l.markings(), LiaisonSpif.levelKey(l.name()));
                qualifiers(3, l.qualifiers());
                required(3, l.required());
                equivalents(3, "equivalentClassification", l.equivalents());
            });
        }
        close(1, "securityClassifications");
        if (!spif.tagSets().isEmpty()) {
            open(1, "securityCategoryTagSets", List.of());
            for (Spif.TagSet s : spif.tagSets()) {
                List<String> a = new ArrayList<>(List.of("name", s.name(), "id", s.oid()));
                Optional.ofNullable(liaison.blocks().get(s.name())).ifPresent(v -> a.addAll(List.of("liaison:block", v)));
                open(2, "securityCategoryTagSet", a);
                for (Spif.Tag t : s.tags()) {
                    tag(3, s, t);
                }
                close(2, "securityCategoryTagSet");
            }
            close(1, "securityCategoryTagSets");
        }
        markings(1, spif.markings(), "");
        qualifiers(1, spif.qualifiers());
        close(0, "SPIF");
    }

    private void tag(int depth, Spif.TagSet s, Spif.Tag t) {
        List<String> a = new ArrayList<>(List.of("name", t.name(), "tagType", t.type().written()));
        t.enumType().ifPresent(e -> a.addAll(List.of("enumType", e.written())));
        t.tag7Encoding().ifPresent(e -> a.addAll(List.of("tag7Encoding", e)));
        if (t.singleSelection()) {
            a.addAll(List.of("singleSelection", "true"));
        }
        if (liaison.nationalityTags().contains(LiaisonSpif.tagKey(s.name(), t.name()))) {
            a.addAll(List.of("liaison:holds", "nationality"));
        }
        element(depth, "securityCategoryTag", a, () -> {
            for (Spif.TagCategory c : t.categories()) {
                String key = LiaisonSpif.categoryKey(s.name(), t.name(), c.name());
                List<String> ca = new ArrayList<>(List.of("name", c.name(), "lacv", Long.toString(c.lacv())));
                if (c.obsolete()) {
                    ca.addAll(List.of("obsolete", "true"));
                }
                Optional.ofNullable(liaison.members().get(key)).ifPresent(v -> ca.addAll(List.of("liaison:members", v)));
                element(depth + 1, "tagCategory", ca, () -> {
                    markings(depth + 2, c.markings(), key);
                    qualifiers(depth + 2, c.qualifiers());
                    for (String x : c.excludedClasses()) {
                        indent(depth + 2).append("<spif:excludedClass>").append(escape(x)).append("</spif:excludedClass>\n");
                    }
                    for (Spif.CategoryRef r : c.excluded()) {
                        empty(depth + 2, "excludedCategory", reference(r));
                    }
                    required(depth + 2, c.required());
                    equivalents(depth + 2, "equivalentSecCategoryTag", c.equivalents());
                });
            }
            qualifiers(depth + 1, t.qualifiers());
        });
    }

    private void markings(int depth, List<Spif.MarkingData> markings, String key) {
        Map<String, String> portions = key.isEmpty() ? Map.of() : liaison.portions().getOrDefault(key, Map.of());
        java.util.Set<String> placed = new java.util.HashSet<>();
        for (Spif.MarkingData m : markings) {
            List<String> a = new ArrayList<>();
            m.phrase().ifPresent(p -> a.addAll(List.of("phrase", p)));
            m.lang().ifPresent(l -> a.addAll(List.of("xml:lang", l)));
            String lang = m.lang().orElse("");
            if (portions.containsKey(lang) && placed.add(lang)) {
                a.addAll(List.of("liaison:portion", portions.get(lang)));
            }
            element(depth, "markingData", a, () -> m.codes().forEach(c -> indent(depth + 1).append("<spif:code>")
                    .append(escape(c)).append("</spif:code>\n")));
        }
    }

    private void qualifiers(int depth, List<Spif.MarkingQualifier> qualifiers) {
        for (Spif.MarkingQualifier mq : qualifiers) {
            element(depth, "markingQualifier", List.of(), () -> {
                for (String c : mq.codes()) {
                    indent(depth + 1).append("<spif:code>").append(escape(c)).append("</spif:code>\n");
                }
                for (Spif.Qualifier q : mq.qualifiers()) {
                    List<String> a = new ArrayList<>(List.of("markingQualifier", q.text(), "qualifierCode", q.code()));
                    q.lang().ifPresent(l -> a.addAll(List.of("xml:lang", l)));
                    empty(depth + 1, "qualifier", a);
                }
            });
        }
    }

    private void required(int depth, List<Spif.Required> required) {
        for (Spif.Required r : required) {
            element(depth, "requiredCategory", List.of("operation", r.operation()), () -> r.groups()
                    .forEach(g -> empty(depth + 1, "categoryGroup", reference(g))));
        }
    }

    private void equivalents(int depth, String name, List<Spif.Equivalent> equivalents) {
        for (Spif.Equivalent e : equivalents) {
            List<String> a = new ArrayList<>(List.of("policyRef", e.policyRef()));
            e.lacv().ifPresent(v -> a.addAll(List.of("lacv", Long.toString(v))));
            a.addAll(List.of("applied", e.applied()));
            e.tagSetId().ifPresent(v -> a.addAll(List.of("tagSetId", v)));
            e.tagType().ifPresent(v -> a.addAll(List.of("tagType", v.written())));
            e.action().ifPresent(v -> a.addAll(List.of("action", v)));
            element(depth, name, a, () -> required(depth + 1, e.required()));
        }
    }

    private static List<String> reference(Spif.CategoryRef r) {
        List<String> a = new ArrayList<>(List.of("tagSetRef", r.tagSetRef(), "tagType", r.tagType().written()));
        r.enumType().ifPresent(e -> a.addAll(List.of("enumType", e.written())));
        r.lacv().ifPresent(v -> a.addAll(List.of("lacv", Long.toString(v))));
        if (r.all()) {
            a.addAll(List.of("all", "true"));
        }
        return a;
    }

    // The XML itself: an element with attributes, and content written by a body when it has any.

    private void element(int depth, String name, List<String> attributes, Runnable body) {
        int mark = out.length();
        open(depth, name, attributes);
        int start = out.length();
        body.run();
        if (out.length() == start) {
            out.setLength(mark);
            empty(depth, name, attributes);
        } else {
            close(depth, name);
        }
    }

    private void open(int depth, String name, List<String> attributes) {
        tag(depth, name, attributes).append(">\n");
    }

    private void empty(int depth, String name, List<String> attributes) {
        tag(depth, name, attributes).append("/>\n");
    }

    private StringBuilder tag(int depth, String name, List<String> attributes) {
        indent(depth).append("<spif:").append(name);
        for (int i = 0; i < attributes.size(); i += 2) {
            out.append(' ').append(attributes.get(i)).append("=\"").append(escape(attributes.get(i + 1))).append('"');
        }
        return out;
    }

    private void close(int depth, String name) {
        indent(depth).append("</spif:").append(name).append(">\n");
    }

    private StringBuilder indent(int depth) {
        return out.repeat("  ", depth);
    }

    private static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\n' -> sb.append("&#10;");
                case '\r' -> sb.append("&#13;");
                case '\t' -> sb.append("&#9;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
