package io.liaison.node.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class ItemCipherProperties {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final ItemCipher cipher = new ItemCipher(MasterKey.generate(RANDOM), RANDOM);

    @Property(tries = 300)
    void sealThenOpen_returnsAnyPlaintext(@ForAll @Size(max = 2048) byte[] plaintext,
            @ForAll @Size(max = 64) byte[] associatedData) {
        assertThat(cipher.open(cipher.seal(plaintext, associatedData), associatedData)).isEqualTo(plaintext);
    }

    @Property(tries = 300)
    void flippingAnyBitOfEitherPart_failsAuthentication(@ForAll @Size(max = 256) byte[] plaintext,
            @ForAll @IntRange(min = 0, max = 1 << 20) int position, @ForAll @IntRange(min = 0, max = 7) int bit,
            @ForAll boolean inWrappedKey) {
        ItemCipher.Sealed sealed = cipher.seal(plaintext, new byte[0]);
        byte[] wrapped = sealed.wrappedKey();
        byte[] ciphertext = sealed.ciphertext();
        byte[] target = inWrappedKey ? wrapped : ciphertext;
        target[position % target.length] ^= (byte) (1 << bit);
        assertThatThrownBy(() -> cipher.open(new ItemCipher.Sealed(wrapped, ciphertext), new byte[0]))
                .isInstanceOf(CryptoException.class)
                .hasMessage("item content fails authentication");
    }
}
