package io.liaison.node.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Timeout(600)
class PasswordHasherTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]{22})\\$([A-Za-z0-9+/]{43})");

    // Small parameters keep the suite fast; defaults() has its own test.
    private final PasswordHasher hasher = new PasswordHasher(RANDOM, 1024, 1, 1);

    @Test
    void hash_thenVerify_succeeds() {
        String encoded = hasher.hash("correct horse battery staple".toCharArray());
        assertThat(hasher.verify("correct horse battery staple".toCharArray(), encoded)).isTrue();
    }

    @Test
    void verify_withAWrongPassword_fails() {
        String encoded = hasher.hash("correct horse battery staple".toCharArray());
        assertThat(hasher.verify("correct horse battery stapler".toCharArray(), encoded)).isFalse();
        assertThat(hasher.verify("Correct horse battery staple".toCharArray(), encoded)).isFalse();
    }

    @Test
    void hash_ofTheSamePasswordTwice_differsBySalt() {
        String first = hasher.hash("hunter2".toCharArray());
        String second = hasher.hash("hunter2".toCharArray());
        assertThat(first).isNotEqualTo(second);
        assertThat(PhcString.parse(first).orElseThrow().salt()).isNotEqualTo(PhcString.parse(second).orElseThrow().salt());
        assertThat(hasher.verify("hunter2".toCharArray(), first)).isTrue();
        assertThat(hasher.verify("hunter2".toCharArray(), second)).isTrue();
    }

    @Test
    void hash_isAPhcStringThatParsesBackWithItsParameters() {
        String encoded = new PasswordHasher(RANDOM, 2048, 3, 2).hash("hunter2".toCharArray());
        Matcher m = PHC.matcher(encoded);
        assertThat(m.matches()).as(encoded).isTrue();
        assertThat(m.group(1)).isEqualTo("2048");
        assertThat(m.group(2)).isEqualTo("3");
        assertThat(m.group(3)).isEqualTo("2");
        PhcString parsed = PhcString.parse(encoded).orElseThrow();
        assertThat(parsed.memoryKiB()).isEqualTo(2048);
        assertThat(parsed.iterations()).isEqualTo(3);
        assertThat(parsed.parallelism()).isEqualTo(2);
        assertThat(parsed.salt()).hasSize(16);
        assertThat(parsed.hash()).hasSize(32);
        assertThat(parsed.encode()).isEqualTo(encoded);
        // Cross-check against Bouncy Castle's generator driven directly with the parsed salt and parameters.
        assertThat(argon2id("hunter2".getBytes(StandardCharsets.UTF_8), parsed.salt(), 2048, 3, 2, null, null, 32))
                .isEqualTo(parsed.hash());
    }

    @Test
    void verify_acceptsTheArgon2ReferenceImplementationVectors() {
        // From the reference implementation's test suite: password "password", salt "somesalt", 32-byte output.
        String p1 = "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4";
        String p2 = "$argon2id$v=19$m=256,t=2,p=2$c29tZXNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc";
        assertThat(hasher.verify("password".toCharArray(), p1)).isTrue();
        assertThat(hasher.verify("password".toCharArray(), p2)).isTrue();
        assertThat(hasher.verify("passwore".toCharArray(), p1)).isFalse();
        assertThat(hasher.verify("password".toCharArray(), p1.replace("t=2", "t=3"))).isFalse();
    }

    @Test
    void argon2idInBouncyCastle_matchesTheRfc9106TestVector() {
        // RFC 9106 section 5.3: Argon2id, m=32 KiB, t=3, p=4, with secret and associated data.
        byte[] password = filled(32, 0x01);
        byte[] salt = filled(16, 0x02);
        byte[] secret = filled(8, 0x03);
        byte[] associatedData = filled(12, 0x04);
        byte[] tag = argon2id(password, salt, 32, 3, 4, secret, associatedData, 32);
        assertThat(HexFormat.of().formatHex(tag))
                .isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    }

    @Test
    void verify_withMalformedEncodings_returnsFalse() {
        String valid = hasher.hash("hunter2".toCharArray());
        String[] parts = valid.split("\\$");
        String salt = parts[4];
        String hash = parts[5];
        String[] malformed = {
            null, "", "hunter2", "$", "$argon2id", "$argon2id$v=19$m=1024,t=1,p=1$" + salt,
            "$argon2id$v=19$m=1024,t=1,p=1$" + salt + "$",
            "$argon2i$v=19$m=1024,t=1,p=1$" + salt + "$" + hash,
            "$argon2d$v=19$m=1024,t=1,p=1$" + salt + "$" + hash,
            "$argon2id$v=16$m=1024,t=1,p=1$" + salt + "$" + hash,
            "$argon2id$m=1024,t=1,p=1$" + salt + "$" + hash,
            "$argon2id$v=19$m=01024,t=1,p=1$" + salt + "$" + hash,
            "$argon2id$v=19$t=1,m=1024,p=1$" + salt + "$" + hash,
            "$argon2id$v=19$m=1024,t=1$" + salt + "$" + hash,
            "$argon2id$v=19$m=1024,t=1,p=1,k=2$" + salt + "$" + hash,
            "$argon2id$v=19$m=1024,t=0,p=1$" + salt + "$" + hash,
            "$argon2id$v=19$m=1024,t=1,p=0$" + salt + "$" + hash,
            "$argon2id$v=19$m=7,t=1,p=1$" + salt + "$" + hash,
            "$argon2id$v=19$m=4194304,t=1,p=1$" + salt + "$" + hash,
            "$argon2id$v=19$m=1024,t=1000,p=1$" + salt + "$" + hash,
            "$argon2id$v=19$m=99999999999,t=1,p=1$" + salt + "$" + hash,
            "$argon2id$v=19$m=1024,t=1,p=1$" + salt + "==$" + hash,
            "$argon2id$v=19$m=1024,t=1,p=1$" + salt + "$" + hash + "=",
            "$argon2id$v=19$m=1024,t=1,p=1$" + salt.replace(salt.charAt(0), '-') + "$" + hash,
            "$argon2id$v=19$m=1024,t=1,p=1$YWJj$" + hash,
            "$argon2id$v=19$m=1024,t=1,p=1$" + salt + "$YWJjZGVmZ2g",
            "$argon2id$v=19$m=1024,t=1,p=1$" + salt + "$" + hash + "$",
            "$argon2id$v=19$m=1024,t=1,p=1$" + salt + "$" + hash.substring(1),
            " " + valid, valid + "\n", valid.replace('$', '#'),
        };
        for (String encoded : malformed) {
            assertThat(hasher.verify("hunter2".toCharArray(), encoded)).as(String.valueOf(encoded)).isFalse();
        }
        assertThat(hasher.verify("hunter2".toCharArray(), valid)).isTrue();
    }

    @Test
    void hash_refusesEmptyAndOverlongPasswords() {
        assertThatThrownBy(() -> hasher.hash(new char[0])).isInstanceOf(CryptoException.class)
                .hasMessage("password is empty; a password needs at least one character");
        char[] overlong = new char[1025];
        Arrays.fill(overlong, 'x');
        assertThatThrownBy(() -> hasher.hash(overlong)).isInstanceOf(CryptoException.class)
                .hasMessage("password has 1025 characters; the limit is 1024");
        char[] longest = Arrays.copyOf(overlong, 1024);
        assertThat(hasher.verify(longest, hasher.hash(longest))).isTrue();
    }

    @Test
    void hash_refusesAPasswordThatIsNotValidUnicode() {
        assertThatThrownBy(() -> hasher.hash(new char[] {'a', '\uD800', 'b'})).isInstanceOf(CryptoException.class)
                .hasMessage("password is not valid Unicode (it has a lone surrogate)");
    }

    @Test
    void verify_withAnEmptyNullOrOverlongPassword_returnsFalse() {
        String encoded = hasher.hash("x".toCharArray());
        assertThat(hasher.verify(new char[0], encoded)).isFalse();
        assertThat(hasher.verify(null, encoded)).isFalse();
        assertThat(hasher.verify(new char[1025], encoded)).isFalse();
        assertThat(hasher.verify(new char[] {'\uDC00'}, encoded)).isFalse();
    }

    @Test
    void hash_ofANonAsciiPassword_verifiesAsUtf8() {
        char[] password = "pässwörd ✓ 密码 🔑".toCharArray();
        String encoded = hasher.hash(password);
        assertThat(hasher.verify(password, encoded)).isTrue();
        byte[] salt = PhcString.parse(encoded).orElseThrow().salt();
        byte[] utf8 = new String(password).getBytes(StandardCharsets.UTF_8);
        assertThat(argon2id(utf8, salt, 1024, 1, 1, null, null, 32))
                .isEqualTo(PhcString.parse(encoded).orElseThrow().hash());
    }

    @Test
    void constructor_refusesParametersOutsideArgon2sRulesOrTheNodesBounds() {
        assertThatThrownBy(() -> new PasswordHasher(RANDOM, 7, 1, 1)).isInstanceOf(CryptoException.class)
                .hasMessageStartingWith("Argon2id parameters m=7,t=1,p=1 are out of range");
        assertThatThrownBy(() -> new PasswordHasher(RANDOM, 1024, 0, 1)).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> new PasswordHasher(RANDOM, 1024, 1, 0)).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> new PasswordHasher(RANDOM, 31, 1, 4)).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> new PasswordHasher(RANDOM, 1 << 21, 1, 1)).isInstanceOf(CryptoException.class);
    }

    @Test
    void defaults_hashWithTheOwaspParameters() {
        PasswordHasher defaults = PasswordHasher.defaults(RANDOM);
        String encoded = defaults.hash("hunter2".toCharArray());
        assertThat(encoded).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(defaults.verify("hunter2".toCharArray(), encoded)).isTrue();
        // Parameters travel with the hash, so a hasher with other settings still verifies it.
        assertThat(hasher.verify("hunter2".toCharArray(), encoded)).isTrue();
        assertThat(defaults.toString()).isEqualTo("PasswordHasher[argon2id m=19456,t=2,p=1]");
    }

    private static byte[] argon2id(byte[] password, byte[] salt, int memoryKiB, int iterations, int parallelism,
            byte[] secret, byte[] associatedData, int length) {
        Argon2Parameters.Builder builder = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKiB)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt);
        if (secret != null) {
            builder.withSecret(secret).withAdditional(associatedData);
        }
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(builder.build());
        byte[] out = new byte[length];
        generator.generateBytes(password, out);
        return out;
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
