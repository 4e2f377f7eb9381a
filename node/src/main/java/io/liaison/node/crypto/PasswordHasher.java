package io.liaison.node.crypto;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashing in PHC string format:
 * {@code $argon2id$v=19$m=<KiB>,t=<iterations>,p=<lanes>$<b64 salt no padding>$<b64 hash no padding>}.
 *
 * <p>Hashes use a 16-byte random salt and a 32-byte output. Verification reads the parameters from the stored
 * string, so hashes made under older settings keep verifying after the defaults change. Thread-safe.
 */
public final class PasswordHasher {
    // Argon2 takes any length, but longer passwords serve no user and only let a caller make the server do work.
    private static final int MAX_PASSWORD_CHARS = 1024;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final SecureRandom random;
    private final int memoryKiB;
    private final int iterations;
    private final int parallelism;

    /**
     * @throws CryptoException if the parameters are outside Argon2's rules (memory at least 8 KiB per lane) or the
     *     bounds this node will verify (at most 1 GiB, 64 iterations, 64 lanes)
     */
    public PasswordHasher(SecureRandom random, int memoryKiB, int iterations, int parallelism) {
        this.random = Objects.requireNonNull(random, "random");
        if (!PhcString.acceptableCost(memoryKiB, iterations, parallelism)) {
            throw new CryptoException("Argon2id parameters m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism
                    + " are out of range: need 1<=p<=" + PhcString.MAX_PARALLELISM + ", 1<=t<="
                    + PhcString.MAX_ITERATIONS + " and 8*p<=m<=" + PhcString.MAX_MEMORY_KIB + " KiB");
        }
        this.memoryKiB = memoryKiB;
        this.iterations = iterations;
        this.parallelism = parallelism;
    }

    /** The OWASP recommendation: m=19456 KiB (19 MiB), t=2, p=1. */
    public static PasswordHasher defaults(SecureRandom random) {
        return new PasswordHasher(random, 19_456, 2, 1);
    }

    /**
     * Hashes {@code password} with a new random salt. The caller may wipe the array afterwards.
     *
     * @throws CryptoException if the password is empty or longer than 1024 characters
     */
    public String hash(char[] password) {
        Objects.requireNonNull(password, "password");
        if (password.length == 0) {
            throw new CryptoException("password is empty; a password needs at least one character");
        }
        if (password.length > MAX_PASSWORD_CHARS) {
            throw new CryptoException("password has " + password.length + " characters; the limit is "
                    + MAX_PASSWORD_CHARS);
        }
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] utf8 = utf8(password)
                .orElseThrow(() -> new CryptoException("password is not valid Unicode (it has a lone surrogate)"));
        try {
            byte[] hash = argon2id(utf8, salt, memoryKiB, iterations, parallelism, HASH_BYTES);
            return new PhcString(memoryKiB, iterations, parallelism, salt, hash).encode();
        } finally {
            Arrays.fill(utf8, (byte) 0);
        }
    }

    /**
     * Checks {@code password} against a PHC string. Returns false, never throws, for a wrong password, a null or
     * out-of-bounds password, or a malformed, non-Argon2id or out-of-bounds encoding.
     */
    public boolean verify(char[] password, String encoded) {
        if (password == null || password.length == 0 || password.length > MAX_PASSWORD_CHARS) {
            return false;
        }
        Optional<PhcString> phc = PhcString.parse(encoded);
        Optional<byte[]> utf8 = utf8(password);
        if (phc.isEmpty() || utf8.isEmpty()) {
            return false;
        }
        PhcString stored = phc.get();
        byte[] expected = stored.hash();
        try {
            byte[] actual = argon2id(utf8.get(), stored.salt(), stored.memoryKiB(), stored.iterations(),
                    stored.parallelism(), expected.length);
            return MessageDigest.isEqual(actual, expected);
        } finally {
            Arrays.fill(utf8.get(), (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "PasswordHasher[argon2id m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism + "]";
    }

    private static byte[] argon2id(byte[] password, byte[] salt, int memoryKiB, int iterations, int parallelism,
            int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKiB)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password, out);
        return out;
    }

    // Encodes without String, so the password never lands in the string pool or an immutable heap object.
    private static Optional<byte[]> utf8(char[] password) {
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer buffer = encoder.encode(CharBuffer.wrap(password));
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            Arrays.fill(buffer.array(), (byte) 0);
            return Optional.of(bytes);
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
