package io.liaison.node.items;

import io.liaison.catalog.label.LabelRole;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.decision.Decision;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The decision on releasing an item to a party and, only when the engine allowed it, what travels: the originator
 * label unchanged (R1), this node's own marking, the content, and the chain of holders so far. There is no public
 * constructor: only {@link Exchange#prepareRelease} makes one, so a payload always comes with the engine's permit
 * for that item, party, purpose and agreement, and the outbox takes a release only in this form. {@code toString}
 * never shows the content.
 */
public final class Outgoing {
    private final Decision decision;
    private final Optional<Permit> permit;

    private Outgoing(Decision decision, Optional<Permit> permit) {
        this.decision = Objects.requireNonNull(decision, "decision");
        this.permit = permit;
    }

    static Outgoing refused(Decision d) {
        if (d.allowed()) {
            throw new IllegalArgumentException("a refusal needs a refusing decision");
        }
        return new Outgoing(d, Optional.empty());
    }

    static Outgoing permitted(Decision d, Payload payload, Party to, Purpose purpose, AgreementId agreement) {
        if (!d.allowed()) {
            throw new IllegalArgumentException("a payload travels only with an allowing decision");
        }
        return new Outgoing(d, Optional.of(new Permit(d, payload, to, purpose, agreement)));
    }

    public Decision decision() {
        return decision;
    }

    /** The release as allowed: present only when the decision allows it. */
    public Optional<Permit> permit() {
        return permit;
    }

    /**
     * An allowed release: the engine's decision and what it allowed to go where, for which purpose, under which
     * agreement. Only {@link Outgoing} makes one.
     */
    public static final class Permit {
        private final Decision decision;
        private final Payload payload;
        private final Party to;
        private final Purpose purpose;
        private final AgreementId agreement;

        private Permit(Decision decision, Payload payload, Party to, Purpose purpose, AgreementId agreement) {
            if (!decision.allowed()) {
                throw new IllegalArgumentException("a permit needs an allowing decision");
            }
            this.decision = decision;
            this.payload = Objects.requireNonNull(payload, "payload");
            this.to = Objects.requireNonNull(to, "to");
            this.purpose = Objects.requireNonNull(purpose, "purpose");
            this.agreement = Objects.requireNonNull(agreement, "agreement");
        }

        public Decision decision() {
            return decision;
        }

        public Payload payload() {
            return payload;
        }

        public Party to() {
            return to;
        }

        public Purpose purpose() {
            return purpose;
        }

        public AgreementId agreement() {
            return agreement;
        }
    }

    /** What a release carries. */
    public record Payload(String itemId, String originItem, String title, String text, List<Attachment> attachments,
            Party originator, Set<Party> originators, SecurityLabel originatorLabel, SecurityLabel senderLabel,
            Set<Purpose> purposes, boolean privateRights, List<Party> chain, List<Hop> hops) {
        public Payload {
            hops = List.copyOf(hops);
            attachments = List.copyOf(attachments);
            originators = Set.copyOf(originators);
            purposes = Set.copyOf(purposes);
            chain = List.copyOf(chain);
        }

        /**
         * The originator's label as ADatP-4774 XML, as the node writes it into its rows and binds it: reading the item
         * for the release has just written it, so this is usually that text again rather than a second writing.
         */
        public String originatorLabelXml() {
            return ItemIntegrity.written(originatorLabel, LabelRole.ORIGINATOR).xml();
        }

        /** The sender's own label as XML (the alternative role), as {@link #originatorLabelXml} is written. */
        public String senderLabelXml() {
            return ItemIntegrity.written(senderLabel, LabelRole.ALTERNATIVE).xml();
        }

        @Override
        public String toString() {
            return "Payload[item=" + itemId + ", originator=" + originator + ", classification="
                    + originatorLabel.classification() + ", text=" + text.length() + " chars]";
        }
    }

    @Override
    public String toString() {
        return "Outgoing[" + decision.outcome() + " " + decision.code() + permit.map(p -> ", " + p.payload()).orElse("")
                + "]";
    }
}
