package io.liaison.core.policy;

import java.text.Normalizer;

/** Names as people type them: compared in Unicode compatibility form (NFKC), without surrounding space. */
public final class Names {
    private Names() {}

    /**
     * {@code text} in compatibility form: ROMAN NUMERAL TWO (Ⅱ) becomes {@code II}, full-width letters become ASCII,
     * half-width katakana become full-width; the meaning is kept, the spelling unified.
     */
    public static String compatible(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
    }
}
