package io.liaison.bench;

import io.liaison.core.hotline.GeoPoint;
import io.liaison.core.hotline.TrackUpdate;
import io.liaison.core.hotline.Velocity;
import java.time.Instant;
import java.util.Locale;

/**
 * The made-up missile flights the track loads publish: each launched from somewhere off the Korean peninsula's west
 * coast with its own velocity (seeded, so every run flies the same ones), its position moving along for 300 s and
 * starting over, and its predicted impact 400 s out.
 */
final class Flights {
    private final GeoPoint[] launch;
    private final Velocity[] velocity;

    Flights(int tracks) {
        this.launch = new GeoPoint[tracks];
        this.velocity = new Velocity[tracks];
        java.util.Random r = new java.util.Random(42);
        for (int i = 0; i < tracks; i++) {
            launch[i] = new GeoPoint(38.5 + r.nextDouble() * 2, 124.5 + r.nextDouble() * 4, 0);
            velocity[i] = new Velocity(200 + r.nextDouble() * 400, 1_000 + r.nextDouble() * 1_500,
                    300 + r.nextDouble() * 500);
        }
    }

    int size() {
        return launch.length;
    }

    /** Track {@code i}'s update at {@code at}, {@code s} seconds into the run, marked {@code level}. */
    TrackUpdate update(int i, Instant at, double s, String level) {
        GeoPoint pos = launch[i].moved(velocity[i], s % 300);
        GeoPoint impact = launch[i].moved(new Velocity(velocity[i].north(), velocity[i].east(), 0), 400);
        return new TrackUpdate(String.format(Locale.ROOT, "T-%04d", i), at, pos, velocity[i], launch[i], impact,
                25_000 - Math.min(20_000, s * 50), "FPS-5 (Sado)", 0.9, level);
    }
}
