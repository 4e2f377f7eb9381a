package io.liaison.node.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

class PasswordHasherProperties {
    private final PasswordHasher hasher = new PasswordHasher(new SecureRandom(), 1024, 1, 1);

    // Each try runs Argon2 twice; a few dozen tries cover the character classes without slowing the build.
    @Property(tries = 30)
    void hashThenVerify_acceptsTheSamePasswordAndRejectsAnother(
            @ForAll @StringLength(min = 1, max = 80) @AlphaChars @NumericChars @Chars({' ', 'ä', '€', '$', '='})
                    String password) {
        String encoded = hasher.hash(password.toCharArray());
        assertThat(hasher.verify(password.toCharArray(), encoded)).isTrue();
        assertThat(hasher.verify((password + "!").toCharArray(), encoded)).isFalse();
    }

    @Property(tries = 500)
    void verify_returnsFalseAndNeverThrows_forArbitraryEncodings(@ForAll String encoded) {
        assertThat(hasher.verify("password".toCharArray(), encoded)).isFalse();
    }

    @Property(tries = 500)
    void verify_returnsFalseAndNeverThrows_forArgon2idLookalikes(
            @ForAll @StringLength(max = 60) @AlphaChars @NumericChars @Chars({'$', '=', ',', '+', '/'}) String tail) {
        assertThat(hasher.verify("password".toCharArray(), "$argon2id$v=19$m=" + tail)).isFalse();
    }
}
