package io.liaison.federation.envelope;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Envelope ids in time order (RFC 9562, UUID version 7): 48 bits of milliseconds, then 74 random bits. Every table
 * keyed or indexed by an envelope id (the outbox, the releases, the receiver's envelopes and items) then grows at its
 * end, as it does by sequence number, instead of at a random page of the index on every insert: a commit rewrites
 * fewer pages, on H2 in the committing thread and on PostgreSQL in its write-ahead log. The time in the id is no
 * secret: the envelope carries its creation time, signed. Thread-safe.
 */
public final class EnvelopeIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private EnvelopeIds() {}

    /** A new id for an envelope made at {@code epochMillis}. */
    public static UUID next(long epochMillis) {
        return next(epochMillis, RANDOM);
    }

    static UUID next(long epochMillis, java.util.Random random) {
        if (epochMillis < 0 || epochMillis >= 1L << 48) {
            throw new IllegalArgumentException("time " + epochMillis + " ms does not fit an envelope id (48 bits)");
        }
        long randA = random.nextInt(1 << 12);
        long randB = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL;
        long high = (epochMillis << 16) | 0x7000L | randA;
        long low = 0x8000_0000_0000_0000L | randB;
        return new UUID(high, low);
    }
}
