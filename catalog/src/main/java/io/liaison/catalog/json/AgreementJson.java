package io.liaison.catalog.json;

import io.liaison.core.agreement.Agreement;
import io.liaison.core.agreement.AgreementEvent;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.agreement.AgreementKind;
import io.liaison.core.agreement.AgreementRules;
import io.liaison.core.agreement.Equivalence;
import io.liaison.core.agreement.EventType;
import io.liaison.core.agreement.PartyPolicy;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import java.time.LocalDate;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads an agreement data file (JSON) into an {@link Agreement}. Field names are documented in docs/catalog.md. */
public final class AgreementJson {
    public static final int MAX_BYTES = 256 * 1024;

    private AgreementJson() {}

    record PartyDto(String party, String policy) {}

    record RowDto(String from, String level, String to, String equivalent, String article) {}

    record RulesDto(boolean originatorConsent, boolean purposeLimitation, List<String> scope, String hub) {}

    record EventDto(LocalDate date, EventType type, String by, String note) {}

    record AgreementDto(String id, String title, AgreementKind kind, List<PartyDto> parties, List<RowDto> equivalences,
            Map<String, List<String>> covered, RulesDto rules, Period term, Period noticePeriod, List<EventDto> events,
            String lifecycleArticle, String source) {}

    public static Agreement read(byte[] bytes, String source) {
        AgreementDto d = Json.read(bytes, AgreementDto.class, source, MAX_BYTES);
        try {
            Map<Party, List<String>> covered = new LinkedHashMap<>();
            orEmpty(d.covered()).forEach((p, levels) -> covered.put(Party.of(p), levels));
            RulesDto r = d.rules() == null ? new RulesDto(true, true, List.of(), null) : d.rules();
            return new Agreement(AgreementId.of(d.id()), d.title(), d.kind(),
                    orEmpty(d.parties()).stream().map(p -> new PartyPolicy(Party.of(p.party()), p.policy())).toList(),
                    orEmpty(d.equivalences()).stream().map(e -> new Equivalence(Party.of(e.from()), e.level(),
                            Party.of(e.to()), e.equivalent(), e.article())).toList(),
                    covered,
                    new AgreementRules(r.originatorConsent(), r.purposeLimitation(),
                            orEmpty(r.scope()).stream().map(Purpose::of).collect(java.util.stream.Collectors.toSet()),
                            Optional.ofNullable(r.hub()).map(Party::of)),
                    Optional.ofNullable(d.term()),
                    d.noticePeriod() == null ? Period.ZERO : d.noticePeriod(),
                    orEmpty(d.events()).stream().map(e -> new AgreementEvent(e.date(), e.type(), Party.of(e.by()),
                            e.note())).toList(),
                    d.lifecycleArticle());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInputException("AGREEMENT_INVALID", "agreement file " + source + ": " + e.getMessage());
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.code(), "agreement file " + source + ": " + e.getMessage(), e.details());
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }
}
