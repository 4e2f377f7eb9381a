package io.liaison.node.crypto;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Arrays;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Timeout(600)
class ItemCipherTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] PLAINTEXT = "SECRET//REL TO USA, GBR: the plan".getBytes(UTF_8);
    private static final byte[] AAD = "item 42 v1".getBytes(UTF_8);
    private static final String FAILURE = "item content fails authentication";

    private final MasterKey master = MasterKey.generate(RANDOM);
    private final ItemCipher cipher = new ItemCipher(master, RANDOM);

    @Test
    void seal_thenOpen_returnsThePlaintext() {
        ItemCipher.Sealed sealed = cipher.seal(PLAINTEXT, AAD);
        assertThat(cipher.open(sealed, AAD)).isEqualTo(PLAINTEXT);
        assertThat(new String(sealed.ciphertext(), ISO_8859_1)).doesNotContain("SECRET//");
    }

    @Test
    void seal_thenOpen_roundTripsEmptyPlaintextAndEmptyAssociatedData() {
        assertThat(cipher.open(cipher.seal(new byte[0], new byte[0]), new byte[0])).isEmpty();
    }

    @Test
    void open_withTheSameMasterKeyInANewCipher_succeeds() {
        ItemCipher.Sealed sealed = cipher.seal(PLAINTEXT, AAD);
        assertThat(new ItemCipher(master, RANDOM).open(sealed, AAD)).isEqualTo(PLAINTEXT);
    }

    @Test
    void sealed_partsAreSelfContainedNonceCiphertextAndTag() {
        ItemCipher.Sealed sealed = cipher.seal(PLAINTEXT, AAD);
        assertThat(sealed.wrappedKey()).hasSize(12 + 32 + 16);
        assertThat(sealed.ciphertext()).hasSize(12 + PLAINTEXT.length + 16);
    }

    @Test
    void open_withAnyByteOfTheWrappedKeyFlipped_fails() {
        ItemCipher.Sealed sealed = cipher.seal(PLAINTEXT, AAD);
        for (int i = 0; i < sealed.wrappedKey().length; i++) {
            byte[] wrapped = flip(sealed.wrappedKey(), i);
            assertFailsAuthentication(() -> cipher.open(new ItemCipher.Sealed(wrapped, sealed.ciphertext()), AAD));
        }
    }

    @Test
    void open_withAnyByteOfTheCiphertextFlipped_fails() {
        ItemCipher.Sealed sealed = cipher.seal(PLAINTEXT, AAD);
        for (int i = 0; i < sealed.ciphertext().length; i++) {
            byte[] ciphertext = flip(sealed.ciphertext(), i);
            assertFailsAuthentication(() -> cipher.open(new ItemCipher.Sealed(sealed.wrappedKey(), ciphertext), AAD));
        }
    }

    @Test
    void open_withADifferentAssociatedData_fails() {
        ItemCipher.Sealed sealed = cipher.seal(PLAINTEXT, AAD);
        assertFailsAuthentication(() -> cipher.open(sealed, "item 43 v1".getBytes(UTF_8)));
        assertFailsAuthentication(() -> cipher.open(sealed, new byte[0]));
    }

    @Test
    void open_withAnotherMasterKey_fails() {
        ItemCipher.Sealed sealed = cipher.seal(PLAINTEXT, AAD);
        ItemCipher other = new ItemCipher(MasterKey.generate(RANDOM), RANDOM);
        assertFailsAuthentication(() -> other.open(sealed, AAD));
    }

    @Test
    void open_withTheWrappedKeyOfAnotherItem_fails() {
        ItemCipher.Sealed first = cipher.seal(PLAINTEXT, AAD);
        ItemCipher.Sealed second = cipher.seal(PLAINTEXT, AAD);
        assertFailsAuthentication(() -> cipher.open(new ItemCipher.Sealed(second.wrappedKey(), first.ciphertext()), AAD));
    }

    @Test
    void open_withTruncatedOrEmptyParts_fails() {
        ItemCipher.Sealed sealed = cipher.seal(PLAINTEXT, AAD);
        byte[] wrapped = sealed.wrappedKey();
        byte[] ciphertext = sealed.ciphertext();
        assertFailsAuthentication(() -> cipher.open(new ItemCipher.Sealed(new byte[0], ciphertext), AAD));
        assertFailsAuthentication(() -> cipher.open(new ItemCipher.Sealed(wrapped, new byte[0]), AAD));
        assertFailsAuthentication(() -> cipher.open(
                new ItemCipher.Sealed(wrapped, Arrays.copyOf(ciphertext, ciphertext.length - 1)), AAD));
        assertFailsAuthentication(() -> cipher.open(
                new ItemCipher.Sealed(Arrays.copyOf(wrapped, 27), ciphertext), AAD));
    }

    @Test
    void seal_drawsAFreshNonceAndItemKeyEachTime() {
        ItemCipher.Sealed first = cipher.seal(PLAINTEXT, AAD);
        ItemCipher.Sealed second = cipher.seal(PLAINTEXT, AAD);
        assertThat(Arrays.copyOf(first.ciphertext(), 12)).isNotEqualTo(Arrays.copyOf(second.ciphertext(), 12));
        assertThat(Arrays.copyOf(first.wrappedKey(), 12)).isNotEqualTo(Arrays.copyOf(second.wrappedKey(), 12));
        assertThat(first.ciphertext()).isNotEqualTo(second.ciphertext());
        assertThat(first.wrappedKey()).isNotEqualTo(second.wrappedKey());
    }

    @Test
    void sealed_comparesByContent() {
        ItemCipher.Sealed sealed = cipher.seal(PLAINTEXT, AAD);
        ItemCipher.Sealed copy = new ItemCipher.Sealed(sealed.wrappedKey(), sealed.ciphertext());
        assertThat(copy).isEqualTo(sealed).hasSameHashCodeAs(sealed);
        assertThat(new ItemCipher.Sealed(sealed.wrappedKey(), flip(sealed.ciphertext(), 0))).isNotEqualTo(sealed);
    }

    @Test
    void sealed_copiesItsArraysInAndOut() {
        byte[] wrapped = {1, 2, 3};
        byte[] ciphertext = {4, 5, 6};
        ItemCipher.Sealed sealed = new ItemCipher.Sealed(wrapped, ciphertext);
        wrapped[0] = 9;
        sealed.ciphertext()[0] = 9;
        assertThat(sealed.wrappedKey()).containsExactly(1, 2, 3);
        assertThat(sealed.ciphertext()).containsExactly(4, 5, 6);
    }

    @Test
    void toString_printsLengthsOnly_andNoKeyOrContentBytes() {
        ItemCipher.Sealed sealed = cipher.seal(PLAINTEXT, AAD);
        assertThat(sealed.toString()).isEqualTo("Sealed[wrappedKey=60 bytes, ciphertext=61 bytes]");
        Leaks.assertRevealsNothing(sealed.toString(), sealed.wrappedKey());
        Leaks.assertRevealsNothing(sealed.toString(), sealed.ciphertext());
        Leaks.assertRevealsNothing(cipher.toString(), master.bytes(InsecureSecretAccess.get()));
    }

    private static void assertFailsAuthentication(ThrowingCallable open) {
        assertThatThrownBy(open).isInstanceOf(CryptoException.class).hasMessage(FAILURE);
    }

    static byte[] flip(byte[] bytes, int index) {
        byte[] copy = bytes.clone();
        copy[index] ^= 0x01;
        return copy;
    }
}
