package io.liaison.core.hotline;

import io.liaison.core.error.InvalidInputException;

/** A point: WGS 84 latitude and longitude in degrees, altitude in metres above the ellipsoid. */
public record GeoPoint(double latitude, double longitude, double altitude) {
    static final double EARTH_RADIUS_M = 6_371_000;

    public GeoPoint {
        if (!Double.isFinite(latitude) || latitude < -90 || latitude > 90) {
            throw new InvalidInputException("POSITION_INVALID", "latitude " + latitude + " is outside -90..90");
        }
        if (!Double.isFinite(longitude) || longitude < -180 || longitude > 180) {
            throw new InvalidInputException("POSITION_INVALID", "longitude " + longitude + " is outside -180..180");
        }
        if (!Double.isFinite(altitude) || altitude < -12_000 || altitude > 5_000_000) {
            throw new InvalidInputException("POSITION_INVALID", "altitude " + altitude + " m is outside -12 km..5,000 km");
        }
    }

    /** Great-circle distance along the surface, in metres (haversine). */
    public double distanceTo(GeoPoint o) {
        double p1 = Math.toRadians(latitude);
        double p2 = Math.toRadians(o.latitude);
        double dp = p2 - p1;
        double dl = Math.toRadians(o.longitude - longitude);
        double a = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    /** Where this point is after moving at {@code v} for {@code seconds} (flat-earth step, fine over seconds). */
    public GeoPoint moved(Velocity v, double seconds) {
        double lat = latitude + Math.toDegrees(v.north() * seconds / EARTH_RADIUS_M);
        double cos = Math.max(1e-6, Math.cos(Math.toRadians(latitude)));
        double lon = longitude + Math.toDegrees(v.east() * seconds / (EARTH_RADIUS_M * cos));
        lon = ((lon + 540) % 360) - 180;
        return new GeoPoint(Math.max(-90, Math.min(90, lat)), lon, Math.max(-12_000, Math.min(5_000_000,
                altitude + v.up() * seconds)));
    }

    /** e.g. {@code 39.04N 125.75E}. */
    public String written() {
        return String.format(java.util.Locale.ROOT, "%.2f%s %.2f%s", Math.abs(latitude), latitude >= 0 ? "N" : "S",
                Math.abs(longitude), longitude >= 0 ? "E" : "W");
    }
}
