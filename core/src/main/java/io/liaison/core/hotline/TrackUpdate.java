package io.liaison.core.hotline;

import io.liaison.core.error.InvalidInputException;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One update of a live missile track: which track, when it was observed, where the object is and how it moves,
 * where it was launched, where it is predicted to fall and within what radius (metres, one sigma), the sensor
 * and a quality figure from 0 to 1, and the classification in the sender's policy.
 */
public record TrackUpdate(String trackId, Instant time, GeoPoint position, Velocity velocity, GeoPoint launchPoint,
        GeoPoint impactPoint, double impactUncertainty, String sensor, double quality, String classification) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern SENSOR = Pattern.compile("[\\p{L}\\p{N} ._:/()-]{1,64}");

    public TrackUpdate {
        if (trackId == null || !ID.matcher(trackId).matches()) {
            throw new InvalidInputException("TRACK_INVALID", "track id '" + trackId + "' is not 1 to 64 letters, digits "
                    + "or . _ : -");
        }
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(velocity, "velocity");
        Objects.requireNonNull(launchPoint, "launchPoint");
        Objects.requireNonNull(impactPoint, "impactPoint");
        if (!Double.isFinite(impactUncertainty) || impactUncertainty < 0 || impactUncertainty > 2_000_000) {
            throw new InvalidInputException("TRACK_INVALID", "impact uncertainty " + impactUncertainty
                    + " m is outside 0..2,000 km");
        }
        if (sensor == null || !SENSOR.matcher(sensor).matches()) {
            throw new InvalidInputException("TRACK_INVALID", "sensor '" + sensor + "' is not 1 to 64 letters, digits, "
                    + "spaces or . _ : / ( ) -");
        }
        if (!Double.isFinite(quality) || quality < 0 || quality > 1) {
            throw new InvalidInputException("TRACK_INVALID", "quality " + quality + " is outside 0..1");
        }
        if (classification == null || classification.isBlank() || classification.length() > 64) {
            throw new InvalidInputException("TRACK_INVALID", "a track update needs a classification of 1 to 64 characters");
        }
    }

    /** The one-line summary a new launch track's FLASH message carries. */
    public String summary() {
        return String.format(Locale.ROOT, "LAUNCH track %s from %s at %s, predicted impact %s ±%.0f km; %s, quality %.2f",
                trackId, launchPoint.written(), time.truncatedTo(java.time.temporal.ChronoUnit.SECONDS), impactPoint.written(),
                impactUncertainty / 1000, sensor, quality);
    }
}
