package io.liaison.catalog.label;

import static org.assertj.core.api.Assertions.assertThat;

import io.liaison.core.label.Category;
import io.liaison.core.label.PolicyIdentifier;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.policy.CategoryType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The fast reading of labels in their written form ({@link CanonicalLabel}) against the document reading
 * ({@link LabelXml#readDocument}): for any label, written under either root, and for any one-character change of what
 * was written, {@link LabelXml#read} comes to the same label or the same error as the document reading; and every label
 * written takes the fast reading.
 */
class CanonicalLabelProperties {
    /** Characters that matter to XML and to the fast reading, and ordinary ones. */
    private static final String ALPHABET = "aZ 秘극<>&\"'\t\n\r;#\u0001\u00e9-:/";

    @Property(tries = 400)
    void everyWrittenLabel_isReadFast_asTheDocumentReadingReadsIt(@ForAll("labels") SecurityLabel label,
            @ForAll LabelRole role) {
        byte[] written = LabelXml.write(label, role).getBytes(StandardCharsets.UTF_8);
        assertThat(outcome(() -> LabelXml.read(written, "x"))).isEqualTo(outcome(() -> LabelXml.readDocument(written, "x")));
        if (CanonicalLabel.read(written).isEmpty()) {
            // Only a label the document reading does not give back alike is left to it: a value with a character
            // XML refuses, or surrounding white space that reading strips.
            assertThat(outcome(() -> LabelXml.readDocument(written, "x"))).isNotEqualTo(new ParsedLabel(role, label));
        } else {
            assertThat(CanonicalLabel.read(written)).contains(new ParsedLabel(role, label));
        }
    }

    @Property(tries = 3000)
    void anyOneCharacterChange_isReadAsTheDocumentReadingReadsIt(@ForAll("labels") SecurityLabel label,
            @ForAll LabelRole role, @ForAll @IntRange(min = 0, max = 10_000) int where, @ForAll @IntRange(min = 0, max = 2) int how,
            @ForAll("characters") char with) {
        String written = LabelXml.write(label, role);
        int at = where % (written.length() + 1);
        String changed = switch (how) {
            case 0 -> written.substring(0, at) + with + written.substring(at); // inserted
            case 1 -> at == written.length() ? written : written.substring(0, at) + written.substring(at + 1); // removed
            default -> at == written.length() ? written + with : written.substring(0, at) + with + written.substring(at + 1);
        };
        byte[] bytes = changed.getBytes(StandardCharsets.UTF_8);
        assertThat(outcome(() -> LabelXml.read(bytes, "x"))).as("%s", changed)
                .isEqualTo(outcome(() -> LabelXml.readDocument(bytes, "x")));
    }

    /** The label read, or the error's message. */
    private static Object outcome(java.util.function.Supplier<ParsedLabel> reading) {
        try {
            return reading.get();
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    @Provide
    Arbitrary<Character> characters() {
        return Arbitraries.of(ALPHABET.chars().mapToObj(c -> (char) c).toList());
    }

    private static Arbitrary<String> text() {
        return Arbitraries.strings().withChars(ALPHABET.toCharArray()).ofMinLength(1).ofMaxLength(8)
                .filter(s -> !s.isBlank());
    }

    @Provide
    Arbitrary<SecurityLabel> labels() {
        Arbitrary<Category> category = Combinators.combine(text(), Arbitraries.of(CategoryType.class),
                text().list().ofMinSize(1).ofMaxSize(3).uniqueElements()).as(Category::new);
        Arbitrary<Optional<Instant>> instant = Arbitraries.longs().between(-1_000_000_000L, 4_000_000_000L)
                .map(Instant::ofEpochSecond).optional();
        return Combinators.combine(text(), Arbitraries.of("urn:oid:1.2.3", "urn:oid:2.16.392").optional(), text(),
                        text().optional(), category.list().ofMaxSize(3)
                                .uniqueElements(c -> c.tagName() + "\u0000" + c.type()),
                        Arbitraries.of("JPN", "KOR", "USA").map(Party::of).optional(), instant, instant)
                .as((name, uri, level, privacy, categories, originator, created, review) -> new SecurityLabel(
                        new PolicyIdentifier(name, uri), level, privacy, List.copyOf(categories), originator,
                        created.orElse(Instant.EPOCH), review));
    }
}
