package io.liaison.core.hotline;

import io.liaison.core.error.InvalidInputException;

/** A velocity in metres per second: north, east and up. */
public record Velocity(double north, double east, double up) {
    /** Faster than any ballistic missile in the atmosphere or near orbit. */
    static final double MAX = 12_000;

    public Velocity {
        for (double c : new double[] {north, east, up}) {
            if (!Double.isFinite(c) || Math.abs(c) > MAX) {
                throw new InvalidInputException("VELOCITY_INVALID", "velocity component " + c + " m/s is outside ±" + (int) MAX);
            }
        }
    }
}
