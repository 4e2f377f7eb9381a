package io.liaison.core.maritime.ais;

import io.liaison.core.error.InvalidInputException;
import java.util.Optional;

/**
 * One NMEA 0183 AIS sentence, e.g. {@code !AIVDM,1,1,,B,15M67FC000G?ufbE`FepT@3n00Sa,0*5C}: talker and formatter
 * ({@code AIVDM} another station, {@code AIVDO} our own), fragment count and number, the sequential message id that
 * ties fragments together, the radio channel, the armoured payload and its fill bits. An IEC 61162-450 tag block
 * before the sentence ({@code \s:…*hh\}) is skipped. The checksum (XOR of the characters between {@code !} and
 * {@code *}) must match.
 */
public record Sentence(String talker, String formatter, int total, int number, Optional<Integer> sequence,
        String channel, String payload, int fillBits) {
    /** Longer than any AIS sentence in practice (the standard says 82 characters; real feeds exceed it). */
    public static final int MAX_LENGTH = 512;

    public static Sentence parse(String line) {
        if (line == null) {
            throw invalid("", "no sentence");
        }
        String s = line.strip();
        if (s.length() > MAX_LENGTH) {
            throw invalid(s.substring(0, 40) + "…", "a sentence has at most " + MAX_LENGTH + " characters, not " + s.length());
        }
        if (s.startsWith("\\")) {
            int end = s.indexOf('\\', 1);
            if (end < 0) {
                throw invalid(s, "the tag block is not closed by a backslash");
            }
            s = s.substring(end + 1);
        }
        if (!s.startsWith("!") && !s.startsWith("$")) {
            throw invalid(s, "an AIS sentence starts with '!'");
        }
        int star = s.lastIndexOf('*');
        if (star < 0 || star + 3 != s.length()) {
            throw invalid(s, "the sentence does not end with '*' and two hexadecimal checksum digits");
        }
        if (!s.substring(star + 1).matches("[0-9A-Fa-f]{2}")) {
            throw invalid(s, "checksum '" + s.substring(star + 1) + "' is not two hexadecimal digits");
        }
        int expected = Integer.parseInt(s.substring(star + 1), 16);
        int sum = 0;
        for (int i = 1; i < star; i++) {
            sum ^= s.charAt(i);
        }
        if (sum != expected) {
            throw invalid(s, String.format("checksum %02X does not match the sentence (computed %02X)", expected, sum));
        }
        String[] f = s.substring(1, star).split(",", -1);
        if (f.length != 7) {
            throw invalid(s, "an AIS sentence has 7 fields, not " + f.length);
        }
        if (f[0].length() != 5 || !f[0].endsWith("VDM") && !f[0].endsWith("VDO")) {
            throw invalid(s, "'" + f[0] + "' is not an AIS sentence (talker followed by VDM or VDO)");
        }
        int total = number(s, f[1], "fragment count", 1, 9);
        int number = number(s, f[2], "fragment number", 1, total);
        Optional<Integer> sequence = f[3].isEmpty() ? Optional.empty() : Optional.of(number(s, f[3], "sequence id", 0, 9));
        if (!f[4].matches("[AB12]?")) {
            throw invalid(s, "channel '" + f[4] + "' is not A, B, 1 or 2");
        }
        if (f[5].isEmpty() || !f[5].chars().allMatch(c -> c >= 48 && c <= 87 || c >= 96 && c <= 119)) {
            throw invalid(s, "the payload is empty or has a character outside the six-bit alphabet");
        }
        int fill = number(s, f[6], "fill bits", 0, 5);
        return new Sentence(f[0].substring(0, 2), f[0].substring(2), total, number, sequence, f[4], f[5], fill);
    }

    private static int number(String s, String field, String what, int min, int max) {
        if (!field.matches("[0-9]")) {
            throw invalid(s, what + " '" + field + "' is not a digit");
        }
        int v = Integer.parseInt(field);
        if (v < min || v > max) {
            throw invalid(s, what + " " + v + " is outside " + min + ".." + max);
        }
        return v;
    }

    private static InvalidInputException invalid(String sentence, String why) {
        return new InvalidInputException("NMEA_INVALID", "NMEA sentence '" + sentence + "': " + why);
    }
}
