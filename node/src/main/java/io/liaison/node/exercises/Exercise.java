package io.liaison.node.exercises;

import io.liaison.core.agreement.AgreementId;
import io.liaison.core.party.Party;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * An invitation to observe an exercise (R32), as the host sent it (SENT) or the invited party received it (RECEIVED):
 * the exercise, place, days (UTC, both included), observer places, and the highest level observers may see, in the
 * host's policy.
 */
public record Exercise(String id, Side side, Party host, Party invited, AgreementId agreement, String name, String place,
        LocalDate from, LocalDate until, int observerPlaces, String highestLevel, String invitedBy, Instant invitedAt) {

    /** Whether this node invited (hosts the exercise) or was invited. */
    public enum Side { SENT, RECEIVED }

    public Exercise {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(invited, "invited");
        Objects.requireNonNull(agreement, "agreement");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(place, "place");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(highestLevel, "highestLevel");
        Objects.requireNonNull(invitedBy, "invitedBy");
        Objects.requireNonNull(invitedAt, "invitedAt");
    }
}
