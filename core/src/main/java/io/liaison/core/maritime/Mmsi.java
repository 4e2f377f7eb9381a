package io.liaison.core.maritime;

import io.liaison.core.error.InvalidInputException;
import java.util.Optional;

/**
 * A Maritime Mobile Service Identity: nine digits. A ship's starts with its Maritime Identification Digits (MID,
 * ITU-R M.585), which name the flag state; other stations (coast stations {@code 00…}, groups {@code 0…}, aids to
 * navigation {@code 99…}, craft associated with a parent ship {@code 98…}) carry the MID further in.
 */
public record Mmsi(int value) implements Comparable<Mmsi> {
    public Mmsi {
        if (value < 1 || value > 999_999_999) {
            throw new InvalidInputException("MMSI_INVALID", "MMSI " + value + " is not 1 to 9 digits");
        }
    }

    /** Parses nine digits (leading zeros allowed), naming the value when it is not one. */
    public static Mmsi parse(String text) {
        if (text == null || !text.matches("[0-9]{1,9}")) {
            throw new InvalidInputException("MMSI_INVALID", "MMSI '" + text + "' is not 1 to 9 digits");
        }
        return new Mmsi(Integer.parseInt(text));
    }

    /** Whether this is a ship station: the first digit is 2 to 7. */
    public boolean ship() {
        int first = value / 100_000_000;
        return first >= 2 && first <= 7;
    }

    /** The Maritime Identification Digits, for a ship or a station that carries them. */
    public Optional<Integer> mid() {
        if (ship()) {
            return Optional.of(value / 1_000_000);
        }
        int first = value / 100_000_000;
        if (first == 9 && value / 10_000_000 % 10 == 8 || value / 10_000_000 == 99) {
            return Optional.of(value / 10_000 % 1000);
        }
        return Optional.empty();
    }

    /** The flag state the MID names, as an ISO 3166 alpha-3 code, when the table knows it. */
    public Optional<String> flag() {
        return mid().flatMap(Flags::of);
    }

    @Override
    public int compareTo(Mmsi o) {
        return Integer.compare(value, o.value);
    }

    @Override
    public String toString() {
        return String.format("%09d", value);
    }
}
