package io.liaison.core.maritime.ais;

import io.liaison.core.maritime.Imo;
import io.liaison.core.maritime.Mmsi;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes AIS sentences: a class A position report (type 1) and static and voyage data (type 5, in two sentences),
 * as a transponder would, with the checksum. For simulators, the demo and load drivers; {@link AisDecoder} reads
 * what it writes.
 */
public final class AisEncoder {
    private static final String TEXT = "@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_ !\"#$%&'()*+,-./0123456789:;<=>?";

    private AisEncoder() {}

    /** A type 1 report: position (degrees), speed (knots), course (degrees), navigational status, UTC second. */
    public static String position(Mmsi mmsi, double latitude, double longitude, Optional<Double> speed,
            Optional<Double> course, int status, int second) {
        Bits b = new Bits(168);
        b.put(1, 6).put(0, 2).put(mmsi.value(), 30).put(status, 4).put(-128, 8)
                .put(speed.map(s -> Math.round(s * 10)).orElse(1023L), 10).put(1, 1)
                .put(Math.round(longitude * 600_000), 28).put(Math.round(latitude * 600_000), 27)
                .put(course.map(c -> Math.round(c * 10)).orElse(3600L), 12).put(511, 9).put(second, 6)
                .put(0, 2).put(0, 3).put(0, 1).put(0, 19);
        return sentences(b, Optional.empty()).getFirst();
    }

    /** A type 5 message in two sentences with sequence id {@code sequence} (0–9). */
    public static List<String> staticData(Mmsi mmsi, Optional<Imo> imo, String callSign, String name, int shipType,
            String destination, int sequence) {
        Bits b = new Bits(424);
        b.put(5, 6).put(0, 2).put(mmsi.value(), 30).put(0, 2).put(imo.map(Imo::value).orElse(0), 30)
                .text(callSign, 7).text(name, 20).put(shipType, 8).put(0, 9).put(0, 9).put(0, 6).put(0, 6).put(1, 4)
                .put(0, 4).put(0, 5).put(24, 5).put(60, 6).put(0, 8).text(destination, 20).put(0, 1).put(0, 1);
        return sentences(b, Optional.of(sequence));
    }

    private static List<String> sentences(Bits b, Optional<Integer> sequence) {
        String armoured = b.armoured();
        int fill = (6 - b.length % 6) % 6;
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < armoured.length(); i += 60) {
            parts.add(armoured.substring(i, Math.min(armoured.length(), i + 60)));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            String body = "AIVDM," + parts.size() + "," + (i + 1) + "," + (parts.size() > 1 ? sequence.orElse(0) : "")
                    + ",A," + parts.get(i) + "," + (i == parts.size() - 1 ? fill : 0);
            int sum = 0;
            for (char c : body.toCharArray()) {
                sum ^= c;
            }
            out.add("!" + body + String.format("*%02X", sum));
        }
        return out;
    }

    private static final class Bits {
        private final boolean[] bits;
        private int length;

        Bits(int size) {
            bits = new boolean[size];
        }

        Bits put(long value, int width) {
            for (int i = width - 1; i >= 0; i--) {
                bits[length++] = (value >> i & 1) == 1;
            }
            return this;
        }

        Bits text(String s, int chars) {
            String up = s.toUpperCase(java.util.Locale.ROOT);
            for (int i = 0; i < chars; i++) {
                int v = i < up.length() ? TEXT.indexOf(up.charAt(i)) : 0;
                put(v < 0 ? 32 : v, 6);
            }
            return this;
        }

        String armoured() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < length; i += 6) {
                int v = 0;
                for (int k = 0; k < 6; k++) {
                    v = v << 1 | (i + k < length && bits[i + k] ? 1 : 0);
                }
                sb.append((char) (v < 40 ? v + 48 : v + 56));
            }
            return sb.toString();
        }
    }
}
