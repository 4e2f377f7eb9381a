package io.liaison.catalog.spif;

import io.liaison.catalog.xml.SafeXml;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.spif.SpifLabel;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The number-coded XML form of labels and clearances that spiffing reads (namespace {@value #NS}): the policy by
 * object identifier, the classification(s) by lacv, and each category by its tag set's identifier, its kind and
 * its lacv. Text inside the elements is a reader's aid and is ignored.
 */
public final class SpiffyXml {
    public static final String NS = "http://surevine.com/xmlns/spiffy";
    private static final int MAX_BYTES = 256 * 1024;

    private SpiffyXml() {}

    /** Whether {@code bytes} are a label or clearance in this form (the root's namespace says so). */
    public static boolean is(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 512), java.nio.charset.StandardCharsets.UTF_8);
        return head.contains(NS);
    }

    public static SpifLabel read(byte[] bytes, String source) {
        Element root = SafeXml.parse(bytes, source, MAX_BYTES).getDocumentElement();
        if (!NS.equals(root.getNamespaceURI())) {
            throw new InvalidInputException("LABEL_INVALID", source + ": the root element is not in namespace " + NS);
        }
        SpifLabel.Kind kind = switch (root.getLocalName()) {
            case "label" -> SpifLabel.Kind.LABEL;
            case "clearance" -> SpifLabel.Kind.CLEARANCE;
            default -> throw new InvalidInputException("LABEL_INVALID", source + ": the root element "
                    + root.getLocalName() + " is neither label nor clearance");
        };
        String policy = null;
        List<Long> classifications = new ArrayList<>();
        List<SpifLabel.Item> categories = new ArrayList<>();
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element e) || !NS.equals(e.getNamespaceURI())) {
                continue;
            }
            switch (e.getLocalName()) {
                case "policy" -> policy = attribute(e, "id", source);
                case "classification" -> classifications.add(lacv(e, source));
                case "tag" -> categories.add(new SpifLabel.Item(attribute(e, "id", source),
                        SpifLabel.ItemType.parse(attribute(e, "type", source)), lacv(e, source)));
                default -> throw new InvalidInputException("LABEL_INVALID", source + ": " + SafeXml.path(e)
                        + ": element " + e.getLocalName() + " is not part of a label");
            }
        }
        if (policy == null) {
            throw new InvalidInputException("LABEL_INVALID", source + ": no policy");
        }
        return new SpifLabel(kind, policy, classifications, categories);
    }

    private static String attribute(Element e, String name, String source) {
        if (!e.hasAttribute(name)) {
            throw new InvalidInputException("LABEL_INVALID", source + ": " + SafeXml.path(e) + ": attribute " + name
                    + " is missing");
        }
        return e.getAttribute(name).strip();
    }

    private static long lacv(Element e, String source) {
        String v = attribute(e, "lacv", source);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException x) {
            throw new InvalidInputException("LABEL_INVALID", source + ": " + SafeXml.path(e) + ": lacv '" + v
                    + "' is not a whole number");
        }
    }
}
