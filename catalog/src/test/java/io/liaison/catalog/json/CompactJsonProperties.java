package io.liaison.catalog.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The bytes of a compact document are the UTF-8 of its text, for any well-formed text: stored items' signatures
 * cover such bytes, so writing them straight to bytes must not change one of them.
 */
class CompactJsonProperties {
    record Body(String title, List<String> values, long at, boolean flag) {}

    @Property(tries = 2000)
    void bytes_areTheTextsUtf8(@ForAll("texts") String title, @ForAll("texts") String value, @ForAll long at,
            @ForAll boolean flag) {
        Body body = new Body(title, List.of(value, title), at, flag);
        assertThat(Json.compactBytes(body)).isEqualTo(Json.compact(body).getBytes(StandardCharsets.UTF_8));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(title, value);
        m.put("body", body);
        assertThat(Json.compactBytes(m)).isEqualTo(Json.compact(m).getBytes(StandardCharsets.UTF_8));
    }

    /** Well-formed Unicode: ASCII with the characters JSON escapes, Hangul and kanji, and pairs beyond the BMP. */
    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> bmp = Arbitraries.strings().withCharRange('\u0000', '\u007f').withCharRange('가', '힣')
                .withCharRange('\u4e00', '\u4fff').withChars('\u2028', '\u2029', '\ufeff', 'Ⅰ').ofMaxLength(40);
        Arbitrary<String> astral = Arbitraries.integers().between(0x10000, 0x10FFFF).map(Character::toString);
        return Arbitraries.oneOf(bmp, bmp.flatMap(a -> astral.map(b -> a + b)));
    }
}
