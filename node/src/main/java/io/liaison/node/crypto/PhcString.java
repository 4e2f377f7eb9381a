package io.liaison.node.crypto;

import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Argon2id hash in PHC string format: {@code $argon2id$v=19$m=<KiB>,t=<iterations>,p=<lanes>$<salt>$<hash>},
 * salt and hash in base64 without padding.
 *
 * <p>Parsing is strict and bounded: stored hashes are data, and a tampered one must not be able to make
 * verification allocate gigabytes or spin for minutes.
 */
record PhcString(int memoryKiB, int iterations, int parallelism, byte[] salt, byte[] hash) {
    static final int VERSION = 19;
    static final int MAX_MEMORY_KIB = 1 << 20; // 1 GiB
    static final int MAX_ITERATIONS = 64;
    static final int MAX_PARALLELISM = 64;
    static final int MIN_SALT_BYTES = 8; // RFC 9106 minimum; the reference vectors use 8
    static final int MAX_SALT_BYTES = 64;
    static final int MIN_HASH_BYTES = 16;
    static final int MAX_HASH_BYTES = 64;

    // Numbers without leading zeros, base64 without padding: one canonical spelling per hash.
    private static final String NUMBER = "([1-9][0-9]{0,9})";
    private static final String B64 = "([A-Za-z0-9+/]+)";
    private static final Pattern FORMAT = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=" + NUMBER + ",t=" + NUMBER + ",p=" + NUMBER + "\\$" + B64 + "\\$" + B64);

    PhcString {
        salt = salt.clone();
        hash = hash.clone();
    }

    /** Whether the cost parameters are ones this node will compute; shared by the constructor and the parser. */
    static boolean acceptableCost(long memoryKiB, long iterations, long parallelism) {
        return parallelism >= 1 && parallelism <= MAX_PARALLELISM
                && iterations >= 1 && iterations <= MAX_ITERATIONS
                && memoryKiB >= 8 * parallelism && memoryKiB <= MAX_MEMORY_KIB;
    }

    /** Parses an encoding, or returns empty if it is malformed or outside the bounds. */
    static Optional<PhcString> parse(String encoded) {
        if (encoded == null || encoded.length() > 512) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(encoded);
        if (!m.matches()) {
            return Optional.empty();
        }
        long memory = Long.parseLong(m.group(1));
        long iterations = Long.parseLong(m.group(2));
        long parallelism = Long.parseLong(m.group(3));
        if (!acceptableCost(memory, iterations, parallelism)) {
            return Optional.empty();
        }
        try {
            byte[] salt = Base64.getDecoder().decode(m.group(4));
            byte[] hash = Base64.getDecoder().decode(m.group(5));
            if (salt.length < MIN_SALT_BYTES || salt.length > MAX_SALT_BYTES
                    || hash.length < MIN_HASH_BYTES || hash.length > MAX_HASH_BYTES) {
                return Optional.empty();
            }
            return Optional.of(new PhcString((int) memory, (int) iterations, (int) parallelism, salt, hash));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    String encode() {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=" + VERSION + "$m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism + "$"
                + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PhcString that && memoryKiB == that.memoryKiB && iterations == that.iterations
                && parallelism == that.parallelism && Arrays.equals(salt, that.salt) && Arrays.equals(hash, that.hash);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new int[] {memoryKiB, iterations, parallelism, Arrays.hashCode(salt),
            Arrays.hashCode(hash)});
    }

    @Override
    public String toString() {
        return "PhcString[m=" + memoryKiB + ", t=" + iterations + ", p=" + parallelism + ", salt=" + salt.length
                + " bytes, hash=" + hash.length + " bytes]";
    }
}
