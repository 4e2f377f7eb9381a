package io.liaison.core.maritime;

import io.liaison.core.error.InvalidInputException;

/**
 * An IMO ship identification number: seven digits whose last is a check digit (the sum of the first six times
 * 7, 6, 5, 4, 3 and 2, modulo 10). It stays with the hull through changes of name, flag and MMSI.
 */
public record Imo(int value) {
    public Imo {
        if (value < 1_000_000 || value > 9_999_999) {
            throw new InvalidInputException("IMO_INVALID", "IMO number " + value + " is not seven digits");
        }
        int sum = 0;
        int rest = value / 10;
        for (int weight = 2; weight <= 7; weight++) {
            sum += rest % 10 * weight;
            rest /= 10;
        }
        if (sum % 10 != value % 10) {
            throw new InvalidInputException("IMO_INVALID", "IMO number " + value + " fails its check digit (expected "
                    + sum % 10 + ")");
        }
    }

    /** Parses {@code 9074729} or {@code IMO 9074729}. */
    public static Imo parse(String text) {
        String digits = text == null ? "" : text.strip().replaceFirst("^(?i)IMO\\s*", "");
        if (!digits.matches("[0-9]{7}")) {
            throw new InvalidInputException("IMO_INVALID", "IMO number '" + text + "' is not seven digits");
        }
        return new Imo(Integer.parseInt(digits));
    }

    /** Whether {@code value} is a well-formed IMO number (an AIS message may carry 0 or a wrong one). */
    public static boolean valid(long value) {
        try {
            new Imo(Math.toIntExact(value));
            return true;
        } catch (InvalidInputException | ArithmeticException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "IMO " + value;
    }
}
