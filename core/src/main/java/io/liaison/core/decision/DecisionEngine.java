package io.liaison.core.decision;

import io.liaison.core.agreement.AgreementId;
import static io.liaison.core.decision.Decision.values;

import io.liaison.core.access.AccessCheck;
import io.liaison.core.access.AccessControl;
import io.liaison.core.agreement.Agreement;
import io.liaison.core.agreement.AgreementKind;
import io.liaison.core.agreement.AgreementState;
import io.liaison.core.agreement.Equivalence;
import io.liaison.core.catalog.Catalog;
import io.liaison.core.label.Category;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.core.policy.CategoryTag;
import io.liaison.core.policy.SecurityPolicy;
import io.liaison.core.policy.TagValue;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Decides reads, releases and onward releases against the catalog's policies and agreements. Each check
 * that fails denies, with its own reason; only a request that passes every check is allowed. Pure: the
 * time of a release is part of the request.
 */
public final class DecisionEngine {
    private final Catalog catalog;

    public DecisionEngine(Catalog catalog) {
        this.catalog = catalog;
    }

    public Decision decide(DecisionRequest request) {
        return switch (request) {
            case DecisionRequest.Read r -> read(r);
            case DecisionRequest.Release r -> release(r);
            case DecisionRequest.OnwardRelease r -> onward(r);
            case DecisionRequest.Traffic t -> traffic(t);
            case DecisionRequest.ReadLabelled r -> readLabelled(r);
            case DecisionRequest.MaritimeShare m -> maritime(m);
        };
    }

    /**
     * Traffic that is not an item (a hotline message, a track): unclassified traffic (the lowest level of the
     * sender's policy) needs no agreement (R27); classified traffic needs the agreement to allow new provision
     * between the two parties at that level now (R2, R18, R21).
     */
    private Decision traffic(DecisionRequest.Traffic t) {
        SecurityLabel label = t.label();
        boolean unclassified = catalog.policyFor(label.policy()).map(p -> p.rank(label.classification()) == 0)
                .orElse(false);
        if (unclassified) {
            return Decision.allow(ReasonCode.UNCLASSIFIED_NO_AGREEMENT, "unclassified traffic (" + label.classification()
                    + ") from " + t.from() + " to " + t.to() + " needs no agreement", values("classification",
                    label.classification(), "from", t.from().code(), "to", t.to().code()));
        }
        return channel(t.from(), label.classification(), t.to(), t.agreementId(), t.at()).orElseGet(() ->
                Decision.allow(ReasonCode.HOTLINE_ALLOWED, "classification " + label.classification() + " may go from "
                        + t.from() + " to " + t.to() + " under " + t.agreementId(), values("classification",
                        label.classification(), "from", t.from().code(), "to", t.to().code(), "agreement",
                        t.agreementId().value())));
    }

    /**
     * A maritime picture shared under an agreement for a purpose (R33): the agreement is known, names both parties,
     * goes through its hub and allows new provision now (R18, R21), covers the picture's level unless it is
     * unclassified (R2), and the purpose lies within the agreement's scope (R20). Every refusal cites R33 beside its
     * own rule.
     */
    private Decision maritime(DecisionRequest.MaritimeShare m) {
        SecurityLabel label = m.label();
        boolean unclassified = catalog.policyFor(label.policy()).map(p -> p.rank(label.classification()) == 0)
                .orElse(false);
        String level = label.classification();
        if (unclassified) {
            Optional<Agreement> a = catalog.agreement(m.agreementId());
            level = a.map(x -> x.coveredLevels(m.from())).filter(l -> !l.isEmpty()).map(l -> l.getLast()).orElse(level);
        }
        Optional<Decision> refused = channel(m.from(), level, m.to(), m.agreementId(), m.at());
        if (refused.isPresent()) {
            Decision d = refused.get();
            return d.citing(d.rule() + ", R33");
        }
        Agreement a = catalog.requireAgreement(m.agreementId());
        if (!a.rules().scope().isEmpty() && !a.rules().scope().contains(m.purpose())) {
            return Decision.deny(ReasonCode.OUT_OF_SCOPE, "a maritime picture for " + m.purpose() + " is outside the "
                    + "scope of " + a.id() + " (" + names(a.rules().scope()) + ")", values("agreement", a.id().value(),
                    "purpose", m.purpose().name(), "scope", names(a.rules().scope()))).citing("R20, R33");
        }
        return Decision.allow(ReasonCode.MARITIME_SHARE_ALLOWED, "a maritime picture of " + label.classification()
                + " for " + m.purpose() + " may go from " + m.from() + " to " + m.to() + " under " + a.id(),
                values("classification", label.classification(), "purpose", m.purpose().name(), "from", m.from().code(),
                        "to", m.to().code(), "agreement", a.id().value()));
    }

    /**
     * A record that is not an item but carries a label (a hotline message, an alarm about one): the reader's
     * clearance must dominate the label in the reader's own policy and the reader must have an official need
     * (R9). Rank and role alone never open it.
     */
    private Decision readLabelled(DecisionRequest.ReadLabelled r) {
        Reader reader = r.reader();
        SecurityLabel label = r.label();
        if (reader.visit().isPresent()) {
            return Decision.deny(ReasonCode.VISITOR_ITEMS_ONLY, "visitor " + reader.id() + " reads only items "
                    + "within visit " + reader.visit().get().visitId() + ", not " + r.what(), values("reader",
                    reader.id(), "visit", reader.visit().get().visitId()));
        }
        AccessControl ac = catalog.accessControl(reader.clearance().policyId());
        if (!ac.policy().name().equals(label.policy().name())) {
            return Decision.deny(ReasonCode.NO_LABEL_IN_READER_POLICY, r.what() + " carries no label in policy "
                    + reader.clearance().policyId() + ", the reader's policy", values("reader", reader.id(), "policy",
                    reader.clearance().policyId()));
        }
        if (!reader.facilityActive()) {
            return Decision.deny(ReasonCode.FACILITY_REGISTER_INACTIVE, "reader " + reader.id()
                    + " has no active entry in the facility register", values("reader", reader.id()));
        }
        if (reader.contractor().isPresent()) {
            Optional<Decision> refused = contractor(reader, reader.contractor().get(), label,
                    catalog.requirePolicy(reader.clearance().policyId()), r.what());
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        AccessCheck check = ac.check(ac.compile(reader.clearance()), ac.compile(label));
        switch (check.failure()) {
            case LEVEL -> {
                return Decision.deny(reader.contractor().isPresent() ? ReasonCode.CONTRACTOR_CLEARANCE_BELOW_LEVEL
                        : ReasonCode.CLEARANCE_BELOW_LEVEL, "clearance " + reader.clearance().level()
                        + " is below classification " + label.classification() + " in policy "
                        + reader.clearance().policyId(), values("reader", reader.id(), "clearance",
                        reader.clearance().level(), "classification", label.classification()));
            }
            case RESTRICTIVE, PERMISSIVE -> {
                return Decision.deny(check.failure() == AccessCheck.Failure.RESTRICTIVE
                        ? ReasonCode.RESTRICTIVE_CATEGORY_NOT_HELD : ReasonCode.PERMISSIVE_CATEGORY_NOT_HELD, "reader "
                        + reader.id() + " does not hold " + String.join(", ", check.values()) + " of " + check.tagSet(),
                        values("reader", reader.id(), "tag", check.tagSet()));
            }
            case NONE -> { }
        }
        if (!r.officialNeed()) {
            return Decision.deny(ReasonCode.NO_OFFICIAL_NEED, "reader " + reader.id() + " has no official need for "
                    + r.what(), values("reader", reader.id()));
        }
        return Decision.allow(ReasonCode.READ_ALLOWED, "reader " + reader.id() + " may read " + r.what(), values(
                "reader", reader.id(), "classification", label.classification()));
    }

    private Decision read(DecisionRequest.Read r) {
        ItemFacts item = r.item();
        Optional<Decision> incomplete = incomplete(item, false);
        if (incomplete.isPresent()) {
            return incomplete.get();
        }
        Reader reader = r.reader();
        SecurityPolicy policy = catalog.requirePolicy(reader.clearance().policyId());
        Optional<SecurityLabel> label = labelIn(item, policy);
        if (label.isEmpty()) {
            return Decision.deny(ReasonCode.NO_LABEL_IN_READER_POLICY, "item " + item.id() + " carries no label in policy "
                    + policy.id() + ", the reader's policy; it must be marked on receipt first", values(
                    "item", item.id(), "policy", policy.id()));
        }
        if (!reader.facilityActive()) {
            return Decision.deny(ReasonCode.FACILITY_REGISTER_INACTIVE, "reader " + reader.id()
                    + " has no active entry in the facility register", values("reader", reader.id()));
        }
        if (reader.visit().isPresent()) {
            Optional<Decision> outside = visit(reader, reader.visit().get(), item, label.get(), policy, r);
            if (outside.isPresent()) {
                return outside.get();
            }
        }
        if (reader.contractor().isPresent()) {
            Optional<Decision> refused = contractor(reader, reader.contractor().get(), label.get(), policy, "item "
                    + item.id());
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        AccessControl ac = catalog.accessControl(policy.id());
        AccessCheck check = ac.check(ac.compile(reader.clearance()), ac.compile(label.get()));
        switch (check.failure()) {
            case LEVEL -> {
                return Decision.deny(reader.contractor().isPresent() ? ReasonCode.CONTRACTOR_CLEARANCE_BELOW_LEVEL
                        : ReasonCode.CLEARANCE_BELOW_LEVEL, "clearance " + reader.clearance().level()
                        + " is below classification " + label.get().classification() + " in policy " + policy.id(),
                        values("reader", reader.id(), "clearance", reader.clearance().level(),
                                "classification", label.get().classification()));
            }
            case RESTRICTIVE -> {
                return Decision.deny(ReasonCode.RESTRICTIVE_CATEGORY_NOT_HELD, "reader " + reader.id()
                        + " does not hold " + String.join(", ", check.values()) + " of " + check.tagSet()
                        + " (RESTRICTIVE)", values("reader", reader.id(), "tag", check.tagSet(),
                        "missing", String.join(", ", check.values())));
            }
            case PERMISSIVE -> {
                return Decision.deny(ReasonCode.PERMISSIVE_CATEGORY_NOT_HELD, "reader " + reader.id()
                        + " holds none of " + String.join(", ", check.values()) + " of " + check.tagSet()
                        + " (PERMISSIVE)", values("reader", reader.id(), "tag", check.tagSet(),
                        "wanted", String.join(", ", check.values()), "nationality",
                        reader.clearance().nationality().code()));
            }
            case NONE -> { }
        }
        if (reader.duties().stream().noneMatch(item.purposes()::contains)) {
            return Decision.deny(ReasonCode.NO_OFFICIAL_NEED, "reader " + reader.id() + " has no duty assignment for "
                    + names(item.purposes()), values("reader", reader.id(), "duties", names(reader.duties()),
                    "purposes", names(item.purposes())));
        }
        if (!item.purposes().contains(r.purpose()) && !item.approvedPurposes().contains(r.purpose())) {
            return Decision.deny(ReasonCode.PURPOSE_NOT_PROVIDED, "purpose " + r.purpose() + " is not one item "
                    + item.id() + " was provided for (" + names(item.purposes()) + ") and has no written approval",
                    values("item", item.id(), "purpose", r.purpose().name(), "provided", names(item.purposes())));
        }
        return Decision.allow(ReasonCode.READ_ALLOWED, "reader " + reader.id() + " may read item " + item.id(),
                values("reader", reader.id(), "item", item.id(), "classification", label.get().classification()));
    }

    /**
     * A visitor's read (R28): only on the visit's days, nothing above the level the host approved, and only for the
     * visit's purpose, whatever else the account holds. Empty when the visit allows it; the usual R9 checks follow.
     */
    private Optional<Decision> visit(Reader reader, io.liaison.core.visit.VisitTerms visit, ItemFacts item,
            SecurityLabel label, SecurityPolicy policy, DecisionRequest.Read r) {
        if (r.at().isEmpty() || !visit.covers(r.at().get())) {
            return Optional.of(Decision.deny(ReasonCode.VISIT_OUTSIDE_DATES, "visitor " + reader.id() + " reads only on "
                    + "the days of visit " + visit.visitId() + " (" + visit.from() + " to " + visit.until() + "), not "
                    + r.at().map(t -> LocalDate.ofInstant(t, ZoneOffset.UTC).toString()).orElse("at an unknown time"),
                    values("reader", reader.id(), "visit", visit.visitId(), "from", visit.from().toString(), "until",
                            visit.until().toString())));
        }
        if (policy.classification(visit.highestLevel()).isEmpty()
                || policy.rank(label.classification()) > policy.rank(visit.highestLevel())) {
            return Optional.of(Decision.deny(ReasonCode.VISIT_LEVEL_EXCEEDED, "classification "
                    + label.classification() + " is above " + visit.highestLevel() + ", the highest level visit "
                    + visit.visitId() + " may see", values("reader", reader.id(), "visit", visit.visitId(),
                    "classification", label.classification(), "highest", visit.highestLevel())));
        }
        if (!r.purpose().equals(visit.purpose()) || !item.purposes().contains(visit.purpose())) {
            return Optional.of(Decision.deny(ReasonCode.VISIT_PURPOSE_OUTSIDE, "visit " + visit.visitId() + " is for "
                    + visit.purpose() + "; item " + item.id() + " was provided for " + names(item.purposes())
                    + " and the read is for " + r.purpose(), values("reader", reader.id(), "visit", visit.visitId(),
                    "purpose", visit.purpose().name(), "provided", names(item.purposes()))));
        }
        return Optional.empty();
    }

    /**
     * A contractor's person (R29): the facility must have a recorded assessment that covers the level, and the person
     * must have been briefed; the clearance is checked next, as for anyone, and cited under R29 when it falls short.
     * The lowest level of the policy (unclassified) needs none of this. Empty when the contractor rules allow it.
     */
    private Optional<Decision> contractor(Reader reader, io.liaison.core.contractor.ContractorTerms c,
            SecurityLabel label, SecurityPolicy policy, String what) {
        if (policy.rank(label.classification()) == 0) {
            return Optional.empty();
        }
        if (c.assessedLevel().isEmpty()) {
            return Optional.of(Decision.deny(ReasonCode.CONTRACTOR_NOT_ASSESSED, "contractor facility " + c.facility()
                    + " of reader " + reader.id() + " has no recorded assessment; " + what + " is "
                    + label.classification(), values("reader", reader.id(), "facility", c.facility(),
                    "classification", label.classification())));
        }
        String assessed = c.assessedLevel().get();
        if (policy.classification(assessed).isEmpty() || policy.rank(label.classification()) > policy.rank(assessed)) {
            return Optional.of(Decision.deny(ReasonCode.CONTRACTOR_LEVEL_EXCEEDED, "classification "
                    + label.classification() + " is above " + assessed + ", the level contractor facility "
                    + c.facility() + " was assessed for", values("reader", reader.id(), "facility", c.facility(),
                    "classification", label.classification(), "assessed", assessed)));
        }
        if (c.briefedOn().isEmpty()) {
            return Optional.of(Decision.deny(ReasonCode.CONTRACTOR_NOT_BRIEFED, "reader " + reader.id() + " of contractor "
                    + "facility " + c.facility() + " has not been briefed on their responsibilities", values("reader",
                    reader.id(), "facility", c.facility())));
        }
        return Optional.empty();
    }

    private Decision release(DecisionRequest.Release r) {
        ItemFacts item = r.item();
        Optional<Decision> incomplete = incomplete(item, false);
        if (incomplete.isPresent()) {
            return incomplete.get();
        }
        if (!r.from().equals(item.originator())) {
            return Decision.deny(ReasonCode.NOT_ORIGINATOR, r.from() + " is not the originator of item " + item.id()
                    + " (" + item.originator() + "); a holder needs an onward release with consent (R6)",
                    values("item", item.id(), "from", r.from().code(), "originator", item.originator().code()));
        }
        return provide(item, r.from(), item.originatorLabel(), r.to(), r.purpose(), r.agreementId(), r.at())
                .orElseGet(() -> Decision.allow(ReasonCode.RELEASE_ALLOWED, "release of item " + item.id() + " by "
                        + r.from() + " to " + r.to() + " under " + r.agreementId() + " is allowed", values(
                        "item", item.id(), "to", r.to().code(), "agreement", r.agreementId().value(),
                        "classification", item.originatorLabel().classification(),
                        "equivalent", equivalentLevel(r.agreementId(), r.from(), item.originatorLabel(), r.to()))));
    }

    private Decision onward(DecisionRequest.OnwardRelease r) {
        ItemFacts item = r.item();
        if (r.holder().equals(item.originator())) {
            return Decision.deny(ReasonCode.HOLDER_IS_ORIGINATOR, r.holder() + " originated item " + item.id()
                    + "; an originator releases, it does not release onward", values("item", item.id()));
        }
        Optional<Decision> incomplete = incomplete(item, true);
        if (incomplete.isPresent()) {
            return incomplete.get();
        }
        SecurityLabel held = item.heldLabel().orElseThrow();
        Optional<Decision> refused = provide(item, r.holder(), held, r.to(), r.purpose(), r.agreementId(), r.at());
        if (refused.isPresent()) {
            return refused.get();
        }
        if (item.privateRights() && !r.to().equals(item.originator())) {
            return Decision.deny(ReasonCode.PRIVATE_RIGHTS, "item " + item.id() + " carries private rights and cannot"
                    + " be exported to " + r.to(), values("item", item.id(), "to", r.to().code()));
        }
        Agreement agreement = catalog.requireAgreement(r.agreementId());
        boolean relay = agreement.kind() == AgreementKind.RELAY;
        if (r.to().equals(item.originator())) {
            return Decision.allow(ReasonCode.ONWARD_RELEASE_ALLOWED, "item " + item.id() + " goes back to its"
                    + " originator " + item.originator() + "; no consent is needed", values("item", item.id()));
        }
        Consent matching = null;
        for (Consent c : r.consents()) {
            if (c.itemId().equals(item.id()) && c.originator().equals(item.originator())
                    && c.grantedTo().equals(r.to()) && c.purpose().equals(r.purpose())
                    && !c.recordedAt().isAfter(r.at())) {
                matching = c;
                if (c.revokedAt().map(t -> t.isAfter(r.at())).orElse(true)
                        && c.expiresAt().map(e -> e.isAfter(r.at())).orElse(true)) {
                    return Decision.allow(ReasonCode.ONWARD_RELEASE_ALLOWED, "onward release of item " + item.id()
                            + " by " + r.holder() + " to " + r.to() + " is allowed under consent " + c.reference(),
                            values("item", item.id(), "to", r.to().code(), "consent", c.reference(),
                                    "chain", chain(item, r.holder(), r.to())))
                            .withArticle(relay ? "R22" : "");
                }
            }
        }
        if (matching != null && matching.revokedAt().filter(t -> !t.isAfter(r.at())).isPresent()) {
            return deny(relay, ReasonCode.CONSENT_REVOKED, "consent " + matching.reference() + " for item " + item.id()
                    + " to " + r.to() + " was revoked on " + matching.revokedAt().get(), values("item", item.id(),
                    "to", r.to().code(), "consent", matching.reference()));
        }
        if (matching != null) {
            return deny(relay, ReasonCode.CONSENT_EXPIRED, "consent " + matching.reference() + " for item " + item.id()
                    + " to " + r.to() + " expired on " + matching.expiresAt().orElseThrow(), values("item", item.id(),
                    "to", r.to().code(), "consent", matching.reference()));
        }
        return deny(relay, ReasonCode.CONSENT_MISSING, "no prior written consent of " + item.originator()
                + " is on record for item " + item.id() + " to " + r.to() + " for purpose " + r.purpose(),
                values("item", item.id(), "originator", item.originator().code(), "to", r.to().code(),
                        "purpose", r.purpose().name()));
    }

    private static Decision deny(boolean relay, ReasonCode code, String message, Map<String, String> values) {
        Decision d = Decision.deny(code, message, values);
        return relay ? d.citing("R22") : d;
    }

    /**
     * Whether {@code from} may provide information of classification {@code level} (in its own policy) to
     * {@code to} under an agreement at {@code at}: the agreement is known and names both (R18), a relay goes
     * through its hub (R21), the agreement allows new provision that day (R18) and its table covers the level
     * (R2). Empty when every check passes; otherwise the refusal. Items and hotline messages both use it.
     */
    public Optional<Decision> channel(Party from, String level, Party to, AgreementId agreementId, java.time.Instant at) {
        Optional<Agreement> found = catalog.agreement(agreementId);
        if (found.isEmpty()) {
            return Optional.of(Decision.deny(ReasonCode.AGREEMENT_UNKNOWN, "agreement " + agreementId
                    + " is not in the catalog", values("agreement", agreementId.value())));
        }
        Agreement a = found.get();
        if (from.equals(to)) {
            return Optional.of(Decision.deny(ReasonCode.RECIPIENT_IS_SENDER, from + " cannot release to itself",
                    values("party", from.code())));
        }
        for (Party p : new Party[] {from, to}) {
            if (!a.isParty(p)) {
                return Optional.of(Decision.deny(ReasonCode.PARTY_NOT_IN_AGREEMENT, p + " is not a party to agreement "
                        + a.id() + " (parties: " + names(a.members()) + ")", values("agreement", a.id().value(),
                        "party", p.code())));
            }
        }
        if (a.kind() == AgreementKind.RELAY) {
            Party hub = a.rules().hub().orElseThrow();
            if (!from.equals(hub) && !to.equals(hub)) {
                return Optional.of(Decision.deny(ReasonCode.RELAY_BYPASSES_HUB, "under " + a.id() + " traffic from "
                        + from + " to " + to + " goes through the hub " + hub + ", never directly", values(
                        "agreement", a.id().value(), "from", from.code(), "to", to.code(), "hub", hub.code())));
            }
        }
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        Optional<AgreementState> state = catalog.lifecycle(a.id()).stateOn(day);
        if (state.isEmpty() || !state.get().allowsProvision()) {
            String s = state.map(Enum::name).orElse("NOT_PROPOSED");
            return Optional.of(Decision.deny(ReasonCode.AGREEMENT_NOT_IN_FORCE, "agreement " + a.id() + " is " + s
                    + " on " + day + "; new provision needs IN_FORCE, TERMINATION_NOTIFIED or NOTICE_SUSPENDED",
                    values("agreement", a.id().value(), "state", s, "date", day.toString())));
        }
        Optional<Equivalence> row = a.equivalent(from, level, to);
        if (row.isEmpty()) {
            return Optional.of(Decision.deny(ReasonCode.LEVEL_NOT_COVERED, "classification " + level
                    + " is outside agreement " + a.id() + " (covers " + String.join(", ", a.coveredLevels(from)) + ")",
                    values("agreement", a.id().value(), "classification", level, "covered",
                            String.join(", ", a.coveredLevels(from)))).withArticle(a.tableArticle()));
        }
        return Optional.empty();
    }

    /** The checks shared by release and onward release; empty when all pass. */
    private Optional<Decision> provide(ItemFacts item, Party from, SecurityLabel label, Party to, Purpose purpose,
            AgreementId agreementId, java.time.Instant at) {
        Optional<Decision> refused = channel(from, label.classification(), to, agreementId, at);
        if (refused.isPresent()) {
            return refused;
        }
        Agreement a = catalog.requireAgreement(agreementId);
        if (!a.rules().scope().isEmpty() && (item.purposes().isEmpty()
                || !a.rules().scope().containsAll(item.purposes()))) {
            return Optional.of(Decision.deny(ReasonCode.OUT_OF_SCOPE, "item " + item.id() + " is about "
                    + names(item.purposes()) + ", outside the scope of " + a.id() + " (" + names(a.rules().scope())
                    + ")", values("item", item.id(), "purposes", names(item.purposes()), "scope",
                    names(a.rules().scope()))));
        }
        if (item.privateRights() && !item.purposes().contains(purpose)) {
            return Optional.of(Decision.deny(ReasonCode.PRIVATE_RIGHTS, "item " + item.id() + " carries private rights"
                    + " and cannot be used for " + purpose + " beyond its purposes (" + names(item.purposes()) + ")",
                    values("item", item.id(), "purpose", purpose.name())));
        }
        if (a.rules().purposeLimitation() && !item.purposes().contains(purpose)) {
            return Optional.of(Decision.deny(ReasonCode.PURPOSE_NOT_PROVIDED, "purpose " + purpose + " is not one item "
                    + item.id() + " was provided for (" + names(item.purposes()) + ")", values("item", item.id(),
                    "purpose", purpose.name(), "provided", names(item.purposes()))));
        }
        return releasability(item, to);
    }

    /** The originator's own releasability markings: REL TO must name the recipient; NOFORN forbids all. */
    private Optional<Decision> releasability(ItemFacts item, Party to) {
        SecurityLabel label = item.originatorLabel();
        Optional<SecurityPolicy> policy = catalog.policyFor(label.policy());
        if (policy.isEmpty()) {
            return Optional.of(Decision.deny(ReasonCode.MARKING_INCOMPLETE, "item " + item.id() + " names policy '"
                    + label.policy().name() + "', which the catalog does not hold", values("item", item.id())));
        }
        Optional<CategoryTag> nationality = policy.get().nationalityTag();
        if (nationality.isEmpty()) {
            return Optional.empty();
        }
        CategoryTag tag = nationality.get();
        for (Category c : label.categories()) {
            for (String v : c.values()) {
                Optional<TagValue> value = policy.get().tag(c.tagName(), c.type()).flatMap(t -> t.value(v));
                if (value.isPresent() && value.get().excludes().contains(tag.tagSet())) {
                    return Optional.of(Decision.deny(ReasonCode.NOT_RELEASABLE_TO_PARTY, "item " + item.id()
                            + " is marked " + v + ": not releasable to any other party, including " + to,
                            values("item", item.id(), "marking", v, "to", to.code())));
                }
            }
        }
        Optional<Category> rel = label.category(tag.tagSet(), tag.type());
        if (rel.isPresent() && !rel.get().values().contains(to.code())) {
            return Optional.of(Decision.deny(ReasonCode.NOT_RELEASABLE_TO_PARTY, "item " + item.id() + " is "
                    + tag.tagSet() + " " + String.join(", ", rel.get().values()) + ", which does not include " + to,
                    values("item", item.id(), "releasableTo", String.join(", ", rel.get().values()),
                            "to", to.code())));
        }
        return Optional.empty();
    }

    private Optional<Decision> incomplete(ItemFacts item, boolean received) {
        String missing = null;
        if (item.purposes().isEmpty()) {
            missing = "purposes";
        } else if (received && item.heldLabel().isEmpty()) {
            missing = "the receiving party's equivalent label";
        } else if (item.originatorLabel().originator().isPresent()
                && !item.originatorLabel().originator().get().equals(item.originator())) {
            missing = "a consistent originator (label says " + item.originatorLabel().originator().get() + ")";
        }
        if (missing == null) {
            return Optional.empty();
        }
        return Optional.of(Decision.deny(ReasonCode.MARKING_INCOMPLETE, "item " + item.id() + " is refused: it lacks "
                + missing, values("item", item.id(), "missing", missing)));
    }

    private Optional<SecurityLabel> labelIn(ItemFacts item, SecurityPolicy policy) {
        if (item.originatorLabel().policy().name().equals(policy.name())) {
            return Optional.of(item.originatorLabel());
        }
        return item.heldLabel().filter(l -> l.policy().name().equals(policy.name()));
    }

    private String equivalentLevel(AgreementId agreementId, Party from, SecurityLabel label, Party to) {
        return catalog.requireAgreement(agreementId).equivalent(from, label.classification(), to)
                .map(Equivalence::toLevel).orElse("");
    }


    private static String chain(ItemFacts item, Party holder, Party to) {
        java.util.List<String> parties = new java.util.ArrayList<>();
        item.chain().forEach(p -> parties.add(p.code()));
        if (parties.isEmpty() || !parties.getLast().equals(holder.code())) {
            parties.add(holder.code());
        }
        parties.add(to.code());
        return String.join(" -> ", parties);
    }

    private static String names(java.util.Collection<?> things) {
        if (things.size() == 1) {
            return things.iterator().next().toString();
        }
        TreeSet<String> sorted = new TreeSet<>();
        for (Object o : things) {
            sorted.add(o.toString());
        }
        return String.join(", ", sorted);
    }

}
