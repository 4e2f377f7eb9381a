package io.liaison.core.hotline;

import io.liaison.core.access.Clearance;
import io.liaison.core.agreement.Agreement;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.catalog.Catalog;
import io.liaison.core.decision.Decision;
import io.liaison.core.decision.DecisionEngine;
import io.liaison.core.decision.DecisionRequest;
import io.liaison.core.decision.Reader;
import io.liaison.core.label.PolicyIdentifier;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.policy.SecurityPolicy;
import io.liaison.core.translation.Translation;
import io.liaison.core.translation.Translator;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The hotline's decisions. Pure: the catalog passed in carries the agreements' lifecycles as this node knows
 * them, and the time is an argument.
 *
 * <ul>
 *   <li>{@link #traffic}: may a message (or track update) of this label go from one end of a line to the
 *       other? Unclassified traffic (the lowest level of the sender's policy) needs no agreement (R27);
 *       classified traffic needs the line's agreement in force and covering its level (R2, R18, R21).
 *   <li>{@link #mark}: the receiver's label and marking, e.g. {@code JPN / 군사Ⅱ급비밀} (R3); unclassified
 *       traffic is marked at the receiver's lowest level.
 *   <li>{@link #mayRead}: reading the archive follows R9: a clearance that dominates the label, and an
 *       official need (a duty officer of the line, or a security officer).
 * </ul>
 */
public final class HotlineRules {
    private final Catalog catalog;
    private final DecisionEngine engine;
    private final Translator translator;

    public HotlineRules(Catalog catalog) {
        this.catalog = catalog;
        this.engine = new DecisionEngine(catalog);
        this.translator = new Translator(catalog);
    }

    /** Whether {@code label}'s classification is the lowest of its policy: unclassified traffic (R27). */
    public boolean unclassified(SecurityLabel label) {
        return catalog.policyFor(label.policy()).map(p -> p.rank(label.classification()) == 0).orElse(false);
    }

    /** May traffic labelled {@code label} (in {@code from}'s policy) go from {@code from} to {@code to} at {@code at}? */
    public Decision traffic(AgreementId agreementId, Party from, Party to, SecurityLabel label, Instant at) {
        return engine.decide(new DecisionRequest.Traffic(agreementId, from, to, label, at));
    }

    /** May a maritime picture labelled {@code label} go from {@code from} to {@code to} for {@code purpose} (R33)? */
    public Decision maritime(AgreementId agreementId, Party from, Party to, SecurityLabel label,
            io.liaison.core.party.Purpose purpose, Instant at) {
        return engine.decide(new DecisionRequest.MaritimeShare(agreementId, from, to, label, purpose, at));
    }

    /** The receiver's label for traffic it accepted: translated through the agreement, or its lowest level. */
    public Marking mark(AgreementId agreementId, Party from, Party to, SecurityLabel label, Instant at) {
        if (unclassified(label)) {
            SecurityPolicy receiver = receiverPolicy(agreementId, to);
            SecurityLabel lowest = new SecurityLabel(new PolicyIdentifier(receiver.name(), receiver.oid()
                    .map(o -> "urn:oid:" + o)), receiver.lowest().name(), Optional.empty(), List.of(),
                    Optional.of(label.originator().orElse(from)), at, Optional.empty());
            return new Marking(lowest, label.originator().orElse(from).code() + " / " + receiver.lowest().name());
        }
        return switch (translator.translate(label, from, to, agreementId, at)) {
            case Translation.Marked m -> new Marking(m.equivalent(), m.marking());
            case Translation.Refused r -> throw new IllegalArgumentException(r.decision().message());
        };
    }

    private SecurityPolicy receiverPolicy(AgreementId agreementId, Party to) {
        Optional<String> id = catalog.agreement(agreementId).flatMap(a -> a.policyOf(to));
        return id.flatMap(catalog::policy).or(() -> catalog.policyOf(to)).orElseThrow(() ->
                new IllegalArgumentException("no policy of " + to + " is known"));
    }

    /** The receiver's equivalent label and the marking shown with it. */
    public record Marking(SecurityLabel label, String marking) {}

    /**
     * May a reader with {@code clearance} read hotline traffic labelled {@code label} (in the reader's policy)?
     * {@code onDuty}: the reader is a duty officer of the line or a security officer (the official need).
     */
    public Decision mayRead(String reader, Clearance clearance, boolean onDuty, SecurityLabel label) {
        return mayRead(new Reader(reader, clearance, java.util.Set.of(), true), onDuty, label);
    }

    /** As above, for a reader with its facility register entry (R9). */
    public Decision mayRead(Reader reader, boolean onDuty, SecurityLabel label) {
        return engine.decide(new DecisionRequest.ReadLabelled(reader, label, onDuty, "this hotline traffic"));
    }

    /** The agreement a line names, if the catalog knows it. */
    public Optional<Agreement> agreement(AgreementId id) {
        return catalog.agreement(id);
    }
}
