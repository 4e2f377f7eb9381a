package io.liaison.node.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HexFormat;

/** Assertions that text (a toString, a message) carries no trace of a secret in any common spelling. */
final class Leaks {
    private Leaks() {
    }

    static void assertRevealsNothing(String text, byte[] secret) {
        String hex = HexFormat.of().formatHex(secret);
        assertThat(text)
                .doesNotContainIgnoringCase(hex)
                .doesNotContain(HexFormat.ofDelimiter(":").formatHex(secret))
                .doesNotContain(Base64.getEncoder().withoutPadding().encodeToString(secret))
                .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(secret))
                .doesNotContain(Base64.getMimeEncoder().encodeToString(secret).lines().findFirst().orElseThrow());
        // Any 8-byte window would already be a leak; catches partial dumps and offsets into the secret.
        for (int i = 0; i + 8 <= secret.length; i++) {
            assertThat(text.toLowerCase()).doesNotContain(hex.substring(2 * i, 2 * i + 16));
        }
    }
}
