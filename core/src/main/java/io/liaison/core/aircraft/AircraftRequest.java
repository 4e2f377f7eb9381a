package io.liaison.core.aircraft;

import io.liaison.core.error.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A diplomatic clearance request for a cross-border visit of a military aircraft (R31), in the field's conventions:
 * the aircraft type as an ICAO type designator (Doc 8643, e.g. {@code C130}), its registration or serial, the call
 * sign, the entry and exit points as ICAO location indicators (Doc 7910, four letters, e.g. {@code RKRR} for the
 * Incheon FIR), the route, the times of entry and exit in UTC, the purpose, crew and passengers, any cargo that needs
 * declaring, and the time by which the host is asked to answer. Every field is checked here, at the edge.
 */
public record AircraftRequest(String aircraftType, String registration, String callSign, String entryPoint,
        String exitPoint, String route, Instant entryAt, Instant exitAt, String purpose, int crew, int passengers,
        String cargo, Instant answerBy) {
    private static final Pattern TYPE = Pattern.compile("[A-Z][A-Z0-9]{1,3}");
    private static final Pattern REGISTRATION = Pattern.compile("[A-Z0-9][A-Z0-9-]{1,11}");
    private static final Pattern CALL_SIGN = Pattern.compile("[A-Z][A-Z0-9]{1,6}");
    private static final Pattern LOCATION = Pattern.compile("[A-Z]{4}");
    /** A visit is asked for at most this far ahead and lasts at most this long. */
    public static final Duration MAX_SPAN = Duration.ofDays(31);

    public AircraftRequest {
        check("aircraft type", aircraftType, TYPE, "an ICAO type designator of 2 to 4 letters and digits (Doc 8643)");
        check("registration", registration, REGISTRATION, "2 to 12 capital letters, digits or '-'");
        check("call sign", callSign, CALL_SIGN, "2 to 7 capital letters and digits, starting with a letter");
        check("entry point", entryPoint, LOCATION, "an ICAO location indicator of four letters (Doc 7910), e.g. RKRR");
        check("exit point", exitPoint, LOCATION, "an ICAO location indicator of four letters (Doc 7910), e.g. RJJJ");
        text("route", route, 500);
        text("purpose", purpose, 200);
        Objects.requireNonNull(entryAt, "entryAt");
        Objects.requireNonNull(exitAt, "exitAt");
        Objects.requireNonNull(answerBy, "answerBy");
        if (!exitAt.isAfter(entryAt) || Duration.between(entryAt, exitAt).compareTo(MAX_SPAN) > 0) {
            throw new InvalidInputException("AIRCRAFT_TIMES_INVALID", "exit " + exitAt + " must come after entry "
                    + entryAt + ", within " + MAX_SPAN.toDays() + " days (R31)");
        }
        if (!answerBy.isBefore(entryAt)) {
            throw new InvalidInputException("AIRCRAFT_DEADLINE_INVALID", "the answer is needed before the flight: "
                    + answerBy + " is not before entry " + entryAt + " (R31)");
        }
        if (crew < 1 || crew > 99 || passengers < 0 || passengers > 999) {
            throw new InvalidInputException("AIRCRAFT_ON_BOARD_INVALID", "crew is 1 to 99 and passengers 0 to 999");
        }
        if (cargo == null || cargo.length() > 500 || cargo.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("AIRCRAFT_FIELD_INVALID", "declared cargo is up to 500 characters of text "
                    + "(empty: nothing to declare)");
        }
    }

    /** Parses a time that must be written in UTC ({@code 2026-12-10T01:30:00Z}), naming the field when it is not. */
    public static Instant utc(String field, String text) {
        if (text == null || !text.endsWith("Z")) {
            throw new InvalidInputException("AIRCRAFT_TIME_INVALID", field + " '" + text + "' must be a UTC time such "
                    + "as 2026-12-10T01:30:00Z");
        }
        try {
            return Instant.parse(text);
        } catch (java.time.DateTimeException e) {
            throw new InvalidInputException("AIRCRAFT_TIME_INVALID", field + " '" + text + "' must be a UTC time such "
                    + "as 2026-12-10T01:30:00Z");
        }
    }

    private static void check(String field, String value, Pattern p, String what) {
        if (value == null || !p.matcher(value).matches()) {
            throw new InvalidInputException("AIRCRAFT_FIELD_INVALID", field + " '" + shorten(value) + "' must be "
                    + what);
        }
    }

    private static void text(String field, String value, int max) {
        InvalidInputException.requireText("AIRCRAFT_FIELD_INVALID", field, value, max);
    }

    private static String shorten(String s) {
        return s == null ? "" : s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
