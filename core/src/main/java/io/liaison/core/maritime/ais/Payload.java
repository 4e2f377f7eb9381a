package io.liaison.core.maritime.ais;

import io.liaison.core.error.InvalidInputException;

/**
 * The bits of an AIS message, from the six-bit armour of its sentences: each character stands for six bits
 * (its code minus 48, minus 8 more above 40). Fields past the end read as zero, as receivers do with the common
 * short type 5 messages.
 */
public final class Payload {
    /** The longest AIS message: five slots. */
    public static final int MAX_BITS = 1_008;
    private static final String TEXT = "@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_ !\"#$%&'()*+,-./0123456789:;<=>?";

    private final byte[] bits;

    private Payload(byte[] bits) {
        this.bits = bits;
    }

    public static Payload of(String armoured, int fillBits) {
        int n = armoured.length() * 6 - fillBits;
        if (n <= 0 || n > MAX_BITS) {
            throw new InvalidInputException("AIS_INVALID", "an AIS message has 1 to " + MAX_BITS + " bits, not " + n);
        }
        byte[] b = new byte[n];
        for (int i = 0; i < armoured.length(); i++) {
            char c = armoured.charAt(i);
            int v = c - 48;
            if (v > 40) {
                v -= 8;
            }
            if (c < 48 || c > 87 && c < 96 || c > 119) {
                throw new InvalidInputException("AIS_INVALID", "character '" + armoured.charAt(i)
                        + "' is outside the six-bit alphabet");
            }
            for (int k = 0; k < 6; k++) {
                int at = i * 6 + k;
                if (at < n) {
                    b[at] = (byte) (v >> (5 - k) & 1);
                }
            }
        }
        return new Payload(b);
    }

    public int length() {
        return bits.length;
    }

    /** The unsigned value of {@code width} bits from {@code start}. */
    public long unsigned(int start, int width) {
        long v = 0;
        for (int i = start; i < start + width; i++) {
            v = v << 1 | (i < bits.length ? bits[i] : 0);
        }
        return v;
    }

    /** The two's complement value of {@code width} bits from {@code start}. */
    public long signed(int start, int width) {
        long v = unsigned(start, width);
        return (v & 1L << (width - 1)) != 0 ? v - (1L << width) : v;
    }

    /** Six-bit text of {@code width} bits, up to the first {@code @} padding, without spaces at either end. */
    public String text(int start, int width) {
        StringBuilder sb = new StringBuilder(width / 6);
        for (int i = start; i + 6 <= start + width; i += 6) {
            sb.append(TEXT.charAt((int) unsigned(i, 6)));
        }
        int end = sb.indexOf("@");
        String s = end >= 0 ? sb.substring(0, end) : sb.toString();
        return s.strip();
    }
}
