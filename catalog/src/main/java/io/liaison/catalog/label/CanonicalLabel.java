package io.liaison.catalog.label;

import io.liaison.core.label.Category;
import io.liaison.core.label.PolicyIdentifier;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.policy.CategoryType;
import io.liaison.core.time.UtcInstants;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A label read without building a document, when its bytes are exactly what {@link LabelXml#write} gives for the label
 * read: the form every label stored or sent by a node has. The reading is taken only if writing the label again gives
 * the same bytes, and the bytes hold no character XML 1.0 refuses; the document reading of such bytes is that same
 * label, so nothing is accepted here that {@link LabelXml#readDocument} would refuse or read otherwise. Anything else
 * (another layout, a comment, a character reference {@code write} does not make, a value it would not write back
 * alike) is left to the document reading, which also gives every error.
 */
final class CanonicalLabel {
    private static final String PROLOG = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<";

    private CanonicalLabel() {}

    /** The label, if {@code bytes} are a label in exactly its written form. */
    static Optional<ParsedLabel> read(byte[] bytes) {
        String s = new String(bytes, StandardCharsets.UTF_8);
        if (!xmlChars(s)) {
            return Optional.empty();
        }
        try {
            Cursor c = new Cursor(s);
            c.expect(PROLOG);
            String root = c.until(" ");
            LabelRole role = Arrays.stream(LabelRole.values()).filter(r -> r.element().equals(root)).findFirst()
                    .orElseThrow();
            c.expect(" xmlns=\"" + LabelXml.NS + "\"");
            Optional<Instant> review = c.skip(" ReviewDateTime=\"") ? present(c.attribute()).map(UtcInstants::parse)
                    : Optional.empty();
            c.expect(">\n  <ConfidentialityInformation>\n    <PolicyIdentifier");
            Optional<String> uri = c.skip(" URI=\"") ? present(c.attribute()) : Optional.empty();
            c.expect(">");
            String policy = c.text("</PolicyIdentifier>\n");
            c.expect("    <Classification>");
            String classification = c.text("</Classification>\n");
            Optional<String> privacy = c.skip("    <PrivacyMark>") ? Optional.of(c.text("</PrivacyMark>\n"))
                    : Optional.empty();
            List<Category> categories = new ArrayList<>();
            while (c.skip("    <Category TagName=\"")) {
                String tag = c.attribute();
                c.expect(" Type=\"");
                CategoryType type = CategoryType.parseExact(c.attribute()).orElseThrow();
                c.expect(">\n");
                List<String> values = new ArrayList<>();
                while (c.skip("      <GenericValue>")) {
                    values.add(c.text("</GenericValue>\n"));
                }
                c.expect("    </Category>\n");
                categories.add(new Category(tag, type, values));
            }
            c.expect("  </ConfidentialityInformation>\n");
            Optional<Party> originator = c.skip("  <OriginatorID>") ? Optional.of(Party.of(c.text("</OriginatorID>\n")))
                    : Optional.empty();
            Instant created = c.skip("  <CreationDateTime>") ? UtcInstants.parse(c.text("</CreationDateTime>\n"))
                    : Instant.EPOCH;
            c.expect("</" + role.element() + ">\n");
            if (!c.atEnd()) {
                return Optional.empty();
            }
            SecurityLabel label = new SecurityLabel(new PolicyIdentifier(policy, uri), classification, privacy, categories,
                    originator, created, review);
            return Arrays.equals(LabelXml.write(label, role).getBytes(StandardCharsets.UTF_8), bytes)
                    ? Optional.of(new ParsedLabel(role, label)) : Optional.empty();
        } catch (RuntimeException notCanonical) {
            return Optional.empty();
        }
    }

    /** As the document reading takes an attribute: an empty one is absent. */
    private static Optional<String> present(String attribute) {
        return attribute.isEmpty() ? Optional.empty() : Optional.of(attribute);
    }

    /** Whether every character is one XML 1.0 admits raw in a document ({@code write} leaves the others unescaped). */
    private static boolean xmlChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if ((ch < 0x20 && ch != '\n' && ch != '\t' && ch != '\r') || ch == 0xFFFE || ch == 0xFFFF) {
                return false;
            }
        }
        return true;
    }

    /** A position in the text; every step throws where the text is not as expected. */
    private static final class Cursor {
        private final String s;
        private int at;

        Cursor(String s) {
            this.s = s;
        }

        void expect(String literal) {
            if (!s.startsWith(literal, at)) {
                throw new IllegalArgumentException("not canonical at " + at);
            }
            at += literal.length();
        }

        boolean skip(String literal) {
            if (s.startsWith(literal, at)) {
                at += literal.length();
                return true;
            }
            return false;
        }

        String until(String end) {
            int i = s.indexOf(end, at);
            if (i < 0) {
                throw new IllegalArgumentException("not canonical at " + at);
            }
            String out = s.substring(at, i);
            at = i;
            return out;
        }

        /** An attribute's value up to its closing quote, unescaped, and the quote. */
        String attribute() {
            String raw = until("\"");
            at++;
            return unescape(raw);
        }

        /** An element's text up to {@code end}, unescaped and stripped as the document reading takes it. */
        String text(String end) {
            String raw = until(end);
            at += end.length();
            return unescape(raw).strip();
        }

        boolean atEnd() {
            return at == s.length();
        }

        /** The references {@code write} makes, and no markup: anything else is not its form. */
        private static String unescape(String raw) {
            if (raw.indexOf('<') >= 0) {
                throw new IllegalArgumentException("markup in a value");
            }
            if (raw.indexOf('&') < 0) {
                return raw;
            }
            StringBuilder sb = new StringBuilder(raw.length());
            for (int i = 0; i < raw.length(); ) {
                char ch = raw.charAt(i);
                if (ch != '&') {
                    sb.append(ch);
                    i++;
                    continue;
                }
                int semi = raw.indexOf(';', i);
                if (semi < 0) {
                    throw new IllegalArgumentException("an unfinished reference");
                }
                sb.append(switch (raw.substring(i, semi + 1)) {
                    case "&lt;" -> '<';
                    case "&gt;" -> '>';
                    case "&amp;" -> '&';
                    case "&quot;" -> '"';
                    case "&apos;" -> '\'';
                    case "&#9;" -> '\t';
                    case "&#10;" -> '\n';
                    case "&#13;" -> '\r';
                    default -> throw new IllegalArgumentException("a reference write does not make");
                });
                i = semi + 1;
            }
            return sb.toString();
        }
    }
}
