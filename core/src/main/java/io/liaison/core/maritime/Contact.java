package io.liaison.core.maritime;

import io.liaison.core.error.InvalidInputException;
import io.liaison.core.hotline.GeoPoint;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One surface contact (R33): the vessel's identity as observed (MMSI, and IMO number, name and call sign when
 * known), where it was, its course over ground (degrees true) and speed (knots), the source that saw it (an AIS
 * feed, a patrol aircraft's report) and when, and the classification of the picture it belongs to, in the
 * holder's policy. The flag is the one the MMSI's MID names.
 */
public record Contact(Mmsi mmsi, Optional<Imo> imo, Optional<String> name, Optional<String> callSign,
        GeoPoint position, Optional<Double> course, Optional<Double> speed, String source, Instant time,
        String classification) {
    private static final Pattern TEXT = Pattern.compile("[\\p{L}\\p{N} .,_:/()'&+-]{1,64}");

    public Contact {
        Objects.requireNonNull(mmsi, "mmsi");
        Objects.requireNonNull(imo, "imo");
        name = text(name, "name");
        callSign = text(callSign, "call sign");
        Objects.requireNonNull(position, "position");
        if (course.isPresent() && (!Double.isFinite(course.get()) || course.get() < 0 || course.get() >= 360)) {
            throw new InvalidInputException("CONTACT_INVALID", "course " + course.get() + "° is outside 0..359.9");
        }
        if (speed.isPresent() && (!Double.isFinite(speed.get()) || speed.get() < 0 || speed.get() > 102.2)) {
            throw new InvalidInputException("CONTACT_INVALID", "speed " + speed.get() + " kn is outside 0..102.2");
        }
        if (source == null || !TEXT.matcher(source).matches()) {
            throw new InvalidInputException("CONTACT_INVALID", "source '" + source + "' is not 1 to 64 letters, digits, "
                    + "spaces or . , _ : / ( ) ' & + -");
        }
        Objects.requireNonNull(time, "time");
        if (classification == null || classification.isBlank() || classification.length() > 64) {
            throw new InvalidInputException("CONTACT_INVALID", "a contact needs a classification of 1 to 64 characters");
        }
    }

    private static Optional<String> text(Optional<String> value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isPresent() && !TEXT.matcher(value.get()).matches()) {
            throw new InvalidInputException("CONTACT_INVALID", what + " '" + value.get() + "' is not 1 to 64 letters, "
                    + "digits, spaces or . , _ : / ( ) ' & + -");
        }
        return value;
    }

    /** The flag state the MMSI names, if the table knows its MID. */
    public Optional<String> flag() {
        return mmsi.flag();
    }

    /** The same contact with another classification (the receiver's equivalent). */
    public Contact classified(String level) {
        return new Contact(mmsi, imo, name, callSign, position, course, speed, source, time, level);
    }

    /** The vessel as written: {@code IMO 9074729} when known, else {@code MMSI 477553000}. */
    public String vessel() {
        return imo.map(Imo::toString).orElse("MMSI " + mmsi);
    }
}
