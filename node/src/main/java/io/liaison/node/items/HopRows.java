package io.liaison.node.items;

import com.fasterxml.jackson.core.type.TypeReference;
import io.liaison.catalog.json.Json;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.party.Party;
import io.liaison.core.time.UtcInstants;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The steps of a released item as JSON rows: stored with a received item, and carried in a release. */
public final class HopRows {
    /** The most steps an item may carry: a chain longer than this is not a chain of custody. */
    public static final int MAX = 16;
    private static final TypeReference<List<Row>> ROWS = new TypeReference<>() {};

    /** One step as text. */
    public record Row(String from, String to, String agreement, String at, String consent, String consentRecordedAt) {}

    private HopRows() {}

    public static List<Row> rows(List<Hop> hops) {
        return hops.stream().map(h -> new Row(h.from().code(), h.to().code(), h.agreement().value(), h.at().toString(),
                h.consent().orElse(null), h.consentRecordedAt().map(Instant::toString).orElse(null))).toList();
    }

    /** Parses rows into steps; anything that is not a step is bad input. */
    public static List<Hop> hops(List<Row> rows) {
        if (rows == null) {
            return List.of();
        }
        if (rows.size() > MAX) {
            throw new InvalidInputException("HOPS_INVALID", "an item carries at most " + MAX + " steps, not " + rows.size());
        }
        try {
            return rows.stream().map(r -> new Hop(Party.of(r.from()), Party.of(r.to()), AgreementId.of(r.agreement()),
                    UtcInstants.parse(r.at()), Optional.ofNullable(r.consent()), Optional.ofNullable(r.consentRecordedAt())
                    .map(UtcInstants::parse))).toList();
        } catch (RuntimeException e) {
            throw new InvalidInputException("HOPS_INVALID", "the item's steps are invalid: " + e.getMessage());
        }
    }

    static String json(List<Hop> hops) {
        return Json.compact(rows(hops));
    }

    static List<Hop> read(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return hops(Json.MAPPER.readValue(json, ROWS));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidInputException("HOPS_INVALID", "the item's steps are not JSON: " + e.getOriginalMessage());
        }
    }
}
