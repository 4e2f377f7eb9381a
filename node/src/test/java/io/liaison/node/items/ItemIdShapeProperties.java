package io.liaison.node.items;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** An id is well formed exactly when it is 1 to 64 ASCII letters, digits and hyphens, as the pattern says. */
class ItemIdShapeProperties {
    @Property(tries = 3000)
    void wellFormed_isThePattern(@ForAll("ids") String id) {
        assertThat(ReadGate.wellFormed(id)).as(id)
                .isEqualTo(id.length() <= ReadGate.MAX_ID && id.matches("[A-Za-z0-9-]+"));
    }

    /** Ids, near misses (other letters, digits of other scripts, punctuation, empty, too long). */
    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.strings().withCharRange('0', '9').withCharRange('a', 'z').withCharRange('A', 'Z')
                .withChars('-', '_', '.', ' ', '/', '%', 'é', '٣', 'Ａ', '\u0000').ofMinLength(0).ofMaxLength(70);
    }
}
