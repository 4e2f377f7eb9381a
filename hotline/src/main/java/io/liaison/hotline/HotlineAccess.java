package io.liaison.hotline;

import io.liaison.core.catalog.Catalog;
import io.liaison.core.error.ForbiddenException;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.hotline.HotlineRules;
import io.liaison.core.label.PolicyIdentifier;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.policy.SecurityPolicy;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.agreements.AgreementLedger;
import io.liaison.node.audit.Reveals;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Who may do and see what on the hotline (R9, R25, R27), for every part of it: the rules of the agreements as this
 * node's ledger knows them, the official need (a duty officer of the line, or a security officer), and reading
 * traffic of a classification. Every record that reveals hotline traffic is shown through here.
 */
final class HotlineAccess {
    /** The kind of record (see {@link Reveals.Record}) that a hotline message is, for the node's disclosure. */
    static final String MESSAGE = "hotline-message";
    /** Traffic of a classification on a line, id {@code line/classification}: a track, a refused message. */
    static final String TRAFFIC = "hotline-traffic";

    private final AgreementLedger ledger;
    private final Lines lines;
    private final Party self;
    private final Supplier<SecurityPolicy> policies;
    private volatile Cached cached;

    private record Cached(Catalog catalog, HotlineRules rules) {}

    HotlineAccess(AgreementLedger ledger, Lines lines, Party self, Supplier<SecurityPolicy> policies) {
        this.ledger = ledger;
        this.lines = lines;
        this.self = self;
        this.policies = policies;
    }

    HotlineRules rules() {
        Catalog c = ledger.catalog();
        Cached r = cached;
        if (r == null || r.catalog() != c) {
            r = new Cached(c, new HotlineRules(c));
            cached = r;
        }
        return r.rules();
    }

    Party self() {
        return self;
    }

    SecurityPolicy policy() {
        return policies.get();
    }

    /** Whether {@code user} has an official need on {@code line}: one of its duty officers, or a security officer. */
    boolean onDuty(User user, Line line) {
        return user.facilityActive() && (user.has(Role.SECURITY_OFFICER)
                || user.has(Role.DUTY_OFFICER) && line.dutyOfficers().contains(user.name()));
    }

    /** Whether {@code user} may read traffic of {@code classification} (this node's policy) on {@code line}. */
    boolean mayRead(User user, Line line, String classification) {
        if (policy().classification(classification).isEmpty()) {
            return false;
        }
        return rules().mayRead(user.reader(), onDuty(user, line), label(policy(), classification, self, Instant.EPOCH))
                .allowed();
    }

    /** Whether {@code user} may read traffic {@code lineAndClassification} ({@code line/classification}). */
    boolean mayReadTraffic(User user, String lineAndClassification) {
        int slash = lineAndClassification.indexOf('/');
        if (slash < 0) {
            return false;
        }
        return lines.find(lineAndClassification.substring(0, slash))
                .map(l -> mayRead(user, l, lineAndClassification.substring(slash + 1))).orElse(false);
    }

    static Reveals traffic(Line line, String classification) {
        return Reveals.record(TRAFFIC, line.id() + "/" + classification);
    }

    static Reveals message(String id) {
        return Reveals.record(MESSAGE, id);
    }

    void requireDutyOfficer(User user, Line line, String what) {
        if (!user.facilityActive() || !user.has(Role.DUTY_OFFICER) || !line.dutyOfficers().contains(user.name())) {
            throw new ForbiddenException("NOT_LINE_DUTY_OFFICER", "user " + user.name() + " is not a duty officer of "
                    + "line " + line.id() + " (duty officers: " + String.join(", ", line.dutyOfficers()) + "); only they "
                    + what + " it (R25)");
        }
    }

    /** A label of {@code classification} in this node's policy, or the refusal naming the levels. */
    SecurityLabel ownLabel(String classification, Instant at) {
        if (classification == null || policy().classification(classification).isEmpty()) {
            throw new InvalidInputException("CLASSIFICATION_UNKNOWN", "classification '" + classification
                    + "' is not a level of policy " + policy().id() + " (levels: " + policy().levelNames() + ")");
        }
        return label(policy(), classification, self, at);
    }

    /** A label of {@code classification} in {@code policy}, by {@code originator}, made at {@code at}. */
    static SecurityLabel label(SecurityPolicy policy, String classification, Party originator, Instant at) {
        return SecurityLabel.of(new PolicyIdentifier(policy.name(), policy.oid().map(o -> "urn:oid:" + o)),
                policy.canonicalLevel(classification), originator, at);
    }

    /** The policy {@code party} uses under the line's agreement, as this node's ledger knows the catalog. */
    Optional<SecurityPolicy> policyOf(Line line, Party party) {
        Catalog c = ledger.catalog();
        return c.agreement(line.agreement()).flatMap(a -> a.policyOf(party)).flatMap(c::policy);
    }
}
