package io.liaison.core.audit;

import java.util.HexFormat;
import java.util.Objects;

/** Hex encoding of hashes for logs, files and test vectors. */
public final class Hashes {
    private static final HexFormat HEX = HexFormat.of();

    private Hashes() {}

    /** Lower-case hex of {@code b}, two digits a byte. */
    public static String hex(byte[] b) {
        Objects.requireNonNull(b, "b");
        return HEX.formatHex(b);
    }

    /** The bytes written as hex in {@code s}; either case is accepted, nothing else (no prefix or spaces). */
    public static byte[] fromHex(String s) {
        Objects.requireNonNull(s, "s");
        if (s.length() % 2 != 0) {
            throw new IllegalArgumentException(
                    "hex string of length " + s.length() + " must have an even number of digits");
        }
        for (int i = 0; i < s.length(); i++) {
            // Checked here rather than left to HexFormat so the message names the offending character.
            if (!HexFormat.isHexDigit(s.charAt(i))) {
                throw new IllegalArgumentException(
                        "hex string has '" + s.charAt(i) + "' at position " + i + "; only 0-9, a-f and A-F are hex digits");
            }
        }
        return HEX.parseHex(s);
    }
}
