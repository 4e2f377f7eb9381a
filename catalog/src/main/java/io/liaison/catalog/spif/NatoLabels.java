package io.liaison.catalog.spif;

import io.liaison.catalog.xml.SafeXml;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.spif.Spif;
import io.liaison.core.spif.SpifLabel;
import io.liaison.core.spif.TagType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * ADatP-4774 confidentiality labels read into the number-coded form through their policy: the policy by name
 * (and, when a {@code URI} attribute gives {@code urn:oid:…}, that identifier must be the policy's), the
 * classification by name, each category by its tag set's name, its type (PERMISSIVE covers permissive and
 * enumerated permissive tags, RESTRICTIVE the restrictive ones, INFORMATIVE tagType7) and its value's name. Everything the standard's schema leaves optional (creation time, review time, originator) may be
 * absent. A name the policy does not define is refused with the name.
 */
public final class NatoLabels {
    public static final String NS = "urn:nato:stanag:4774:confidentialitymetadatalabel:1:0";
    private static final int MAX_BYTES = 256 * 1024;

    private NatoLabels() {}

    /** Whether {@code bytes} are an ADatP-4774 label (the namespace says so). */
    public static boolean is(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 512), java.nio.charset.StandardCharsets.UTF_8);
        return head.contains(NS);
    }

    /** The label, its policy found by {@code policies} (by name or object identifier). */
    public static SpifLabel read(byte[] bytes, String source, Function<String, Optional<Spif>> policies) {
        Element root = SafeXml.parse(bytes, source, MAX_BYTES).getDocumentElement();
        if (!NS.equals(root.getNamespaceURI())) {
            throw fail(source, "the root element is not in namespace " + NS);
        }
        Element info = child(root, "ConfidentialityInformation").orElseThrow(() -> fail(source,
                "no ConfidentialityInformation"));
        Element policyId = child(info, "PolicyIdentifier").orElseThrow(() -> fail(source, "no PolicyIdentifier"));
        String uri = policyId.getAttribute("URI");
        String name = policyId.getTextContent().strip();
        Spif spif = policies.apply(name).orElseThrow(() -> fail(source, "Unknown policy name: " + name));
        if (uri.startsWith("urn:oid:") && !uri.substring(8).equals(spif.policy().oid())) {
            throw fail(source, "Policy mismatch: " + uri.substring(8) + " is not the identifier of policy " + name
                    + " (" + spif.policy().oid() + ")");
        }
        List<Long> classifications = new ArrayList<>();
        Optional<Element> classification = child(info, "Classification");
        if (classification.isPresent()) {
            String level = classification.get().getTextContent().strip();
            classifications.add(spif.level(level).orElseThrow(() -> fail(source, "classification " + level
                    + " is not in policy " + spif.policy().name())).lacv());
        }
        List<SpifLabel.Item> items = new ArrayList<>();
        for (Node n = info.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element c) || !"Category".equals(c.getLocalName())) {
                continue;
            }
            String tagName = c.getAttribute("TagName");
            String type = c.getAttribute("Type");
            Spif.TagSet set;
            set = spif.tagSets().stream().filter(s -> s.name().equals(tagName)).findFirst().orElseThrow(() ->
                    fail(source, "Unknown tagset name: " + tagName));
            if (!List.of("PERMISSIVE", "RESTRICTIVE", "INFORMATIVE").contains(type)) {
                throw fail(source, "unsupported tag type " + type);
            }
            for (Node v = c.getFirstChild(); v != null; v = v.getNextSibling()) {
                if (v instanceof Element value && "GenericValue".equals(value.getLocalName())) {
                    String valueName = value.getTextContent().strip();
                    Spif.TagSet in = set;
                    Spif.Tag holder = set.tags().stream().filter(t -> matches(t, type) && t.category(valueName)
                            .isPresent()).findFirst().orElseThrow(() -> fail(source, "Cannot find the tagType/name: "
                            + valueName + " is not a " + type + " value of tag set " + in.name()));
                    items.add(new SpifLabel.Item(set.oid(), SpifLabel.ItemType.of(holder),
                            holder.category(valueName).orElseThrow().lacv()));
                }
            }
        }
        return new SpifLabel(SpifLabel.Kind.LABEL, spif.policy().oid(), classifications, items);
    }

    private static boolean matches(Spif.Tag tag, String type) {
        return switch (type) {
            case "PERMISSIVE" -> tag.type() == TagType.PERMISSIVE || tag.enumType().equals(Optional.of(TagType.PERMISSIVE));
            case "RESTRICTIVE" -> tag.type() == TagType.RESTRICTIVE
                    || tag.enumType().equals(Optional.of(TagType.RESTRICTIVE));
            case "INFORMATIVE" -> tag.type() == TagType.TAG_TYPE_7;
            default -> false;
        };
    }

    private static Optional<Element> child(Element parent, String local) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local.equals(e.getLocalName())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private static InvalidInputException fail(String source, String message) {
        return new InvalidInputException("LABEL_INVALID", source + ": " + message);
    }
}
