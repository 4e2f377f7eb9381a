package io.liaison.catalog.json;

import io.liaison.catalog.label.LabelXml;
import io.liaison.core.access.Clearance;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.catalog.Catalog;
import io.liaison.core.decision.Consent;
import io.liaison.core.decision.DecisionRequest;
import io.liaison.core.decision.ItemFacts;
import io.liaison.core.decision.Reader;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.label.BannerParser;
import io.liaison.core.label.Category;
import io.liaison.core.label.LabelValidator;
import io.liaison.core.label.PolicyIdentifier;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.core.policy.CategoryType;
import io.liaison.core.policy.SecurityPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a decision request written as JSON (the input of {@code liaison decide} and of the test
 * vectors) into a {@link DecisionRequest}. Labels are given by catalog policy id with a classification
 * and categories, by a banner, or as ADatP-4774 XML; every label is validated in its policy.
 */
public final class RequestJson {
    public static final int MAX_BYTES = 256 * 1024;

    public record CategoryDto(String tag, CategoryType type, List<String> values) {}

    /** A label: {@code policy} plus either {@code classification} (and categories) or {@code banner}, or {@code xml}. */
    public record LabelDto(String policy, String classification, String banner, List<CategoryDto> categories,
            String originator, Instant created, String xml) {}

    record ItemDto(String id, String originator, LabelDto label, LabelDto heldLabel, List<String> purposes,
            List<String> approvedPurposes, Boolean privateRights, List<String> chain) {}

    record ClearanceDto(String policy, String level, Map<String, List<String>> categories, String nationality) {}

    record ReaderDto(String id, ClearanceDto clearance, List<String> duties, Boolean facilityActive, VisitDto visit,
            ContractorDto contractor) {}

    /** A visitor's terms (R28): days are ISO dates, UTC. */
    record VisitDto(String id, String highestLevel, String purpose, String from, String until) {}

    /** A contractor's person (R29): the facility, its assessed level (absent: none), the briefing day (absent: none). */
    record ContractorDto(String facility, String assessedLevel, String briefedOn) {}

    record ConsentDto(String item, String originator, String grantedTo, String purpose, Instant recordedAt,
            Instant expiresAt, Instant revokedAt, String reference) {}

    record RequestDto(String type, ItemDto item, ReaderDto reader, String purpose, String from, String to,
            String holder, String agreement, Instant at, List<ConsentDto> consents, LabelDto label) {}

    private final Catalog catalog;

    public RequestJson(Catalog catalog) {
        this.catalog = catalog;
    }

    public DecisionRequest read(byte[] bytes, String source) {
        return toRequest(Json.read(bytes, RequestDto.class, source, MAX_BYTES), source);
    }

    /** Converts an already parsed JSON tree (used by the test vectors). */
    public DecisionRequest read(com.fasterxml.jackson.databind.JsonNode node, String source) {
        try {
            return toRequest(Json.MAPPER.treeToValue(node, RequestDto.class), source);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidInputException("JSON_INVALID", source + ": " + e.getOriginalMessage());
        }
    }

    private DecisionRequest toRequest(RequestDto d, String source) {
        try {
            String type = require(d.type(), "type (read, release, onward-release or maritime-share)");
            if (type.equals("maritime-share")) {
                Party from = Party.of(require(d.from(), "from"));
                return new DecisionRequest.MaritimeShare(AgreementId.of(require(d.agreement(), "agreement")), from,
                        Party.of(require(d.to(), "to")), label(require(d.label(), "label"), from),
                        Purpose.of(require(d.purpose(), "purpose")), require(d.at(), "at"));
            }
            ItemFacts item = item(require(d.item(), "item"));
            return switch (type) {
                case "read" -> new DecisionRequest.Read(reader(require(d.reader(), "reader")), item,
                        Purpose.of(require(d.purpose(), "purpose")), Optional.ofNullable(d.at()));
                case "release" -> new DecisionRequest.Release(item, Party.of(require(d.from(), "from")),
                        Party.of(require(d.to(), "to")), Purpose.of(require(d.purpose(), "purpose")),
                        AgreementId.of(require(d.agreement(), "agreement")), require(d.at(), "at"));
                case "onward-release" -> new DecisionRequest.OnwardRelease(item, Party.of(require(d.holder(), "holder")),
                        Party.of(require(d.to(), "to")), Purpose.of(require(d.purpose(), "purpose")),
                        AgreementId.of(require(d.agreement(), "agreement")), require(d.at(), "at"),
                        list(d.consents()).stream().map(this::consent).toList());
                default -> throw new InvalidInputException("REQUEST_INVALID", "type '" + type
                        + "' is not one of read, release, onward-release, maritime-share");
            };
        } catch (IllegalArgumentException | NullPointerException | java.time.DateTimeException e) {
            throw new InvalidInputException("REQUEST_INVALID", source + ": " + e.getMessage());
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.code(), source + ": " + e.getMessage(), e.details());
        }
    }

    private ItemFacts item(ItemDto d) {
        Party originator = Party.of(require(d.originator(), "item.originator"));
        SecurityLabel label = label(require(d.label(), "item.label"), originator);
        Optional<SecurityLabel> held = Optional.ofNullable(d.heldLabel()).map(l -> label(l, originator));
        return new ItemFacts(require(d.id(), "item.id"), originator, label, held, purposes(d.purposes()),
                purposes(d.approvedPurposes()), Boolean.TRUE.equals(d.privateRights()),
                list(d.chain()).stream().map(Party::of).toList());
    }

    /** Builds and validates a label from its JSON form. */
    public SecurityLabel label(LabelDto d, Party defaultOriginator) {
        if (d.xml() != null) {
            SecurityLabel l = LabelXml.read(d.xml().getBytes(StandardCharsets.UTF_8), "label xml").label();
            return LabelValidator.requireValid(l, catalog.requirePolicyFor(l.policy()));
        }
        SecurityPolicy policy = catalog.requirePolicy(require(d.policy(), "label.policy"));
        Party originator = d.originator() == null ? defaultOriginator : Party.of(d.originator());
        Instant created = d.created() == null ? Instant.EPOCH : d.created();
        if (d.banner() != null) {
            return BannerParser.parse(d.banner(), policy, originator, created);
        }
        List<Category> categories = list(d.categories()).stream()
                .map(c -> new Category(require(c.tag(), "category.tag"), typeOf(c, policy), list(c.values())))
                .toList();
        SecurityLabel label = new SecurityLabel(new PolicyIdentifier(policy.name(), policy.oid().map(o -> "urn:oid:" + o)),
                require(d.classification(), "label.classification or label.banner"), Optional.empty(), categories,
                Optional.of(originator), created, Optional.empty());
        return LabelValidator.requireValid(label, policy);
    }

    /** The category's type as given, or the type of the policy's only tag of that name. */
    private static CategoryType typeOf(CategoryDto c, SecurityPolicy policy) {
        if (c.type() != null) {
            return c.type();
        }
        var tags = policy.tagsNamed(c.tag());
        if (tags.size() != 1) {
            throw new InvalidInputException("REQUEST_INVALID", "category " + c.tag() + " needs a type: policy "
                    + policy.id() + (tags.isEmpty() ? " has no such tag" : " has it as several types"));
        }
        return tags.getFirst().type();
    }

    private Reader reader(ReaderDto d) {
        ClearanceDto c = require(d.clearance(), "reader.clearance");
        Map<String, Set<String>> held = c.categories() == null ? Map.of()
                : c.categories().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                        e -> Set.copyOf(e.getValue())));
        SecurityPolicy policy = catalog.requirePolicy(require(c.policy(), "clearance.policy"));
        Clearance clearance = new Clearance(policy.id(), policy.canonicalLevel(require(c.level(), "clearance.level")),
                held, Party.of(require(c.nationality(), "clearance.nationality")));
        catalog.accessControl(policy.id()).compile(clearance);
        Optional<io.liaison.core.visit.VisitTerms> visit = Optional.ofNullable(d.visit()).map(v ->
                new io.liaison.core.visit.VisitTerms(require(v.id(), "visit.id"), policy.canonicalLevel(require(
                        v.highestLevel(), "visit.highestLevel")), Purpose.of(require(v.purpose(), "visit.purpose")),
                        java.time.LocalDate.parse(require(v.from(), "visit.from")),
                        java.time.LocalDate.parse(require(v.until(), "visit.until"))));
        Optional<io.liaison.core.contractor.ContractorTerms> contractor = Optional.ofNullable(d.contractor()).map(k ->
                new io.liaison.core.contractor.ContractorTerms(require(k.facility(), "contractor.facility"),
                        Optional.ofNullable(k.assessedLevel()).map(policy::canonicalLevel),
                        Optional.ofNullable(k.briefedOn()).map(java.time.LocalDate::parse)));
        return new Reader(require(d.id(), "reader.id"), clearance, purposes(d.duties()),
                !Boolean.FALSE.equals(d.facilityActive()), visit, contractor);
    }

    private Consent consent(ConsentDto c) {
        return new Consent(require(c.item(), "consent.item"), Party.of(require(c.originator(), "consent.originator")),
                Party.of(require(c.grantedTo(), "consent.grantedTo")), Purpose.of(require(c.purpose(), "consent.purpose")),
                require(c.recordedAt(), "consent.recordedAt"), Optional.ofNullable(c.expiresAt()),
                Optional.ofNullable(c.revokedAt()), require(c.reference(), "consent.reference"));
    }

    private static Set<Purpose> purposes(List<String> names) {
        return list(names).stream().map(Purpose::of).collect(Collectors.toSet());
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }

    private static <T> T require(T value, String field) {
        if (value == null) {
            throw new InvalidInputException("REQUEST_INVALID", "field " + field + " is required");
        }
        return value;
    }
}
