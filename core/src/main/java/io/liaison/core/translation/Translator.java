package io.liaison.core.translation;

import io.liaison.core.agreement.Agreement;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.agreement.AgreementKind;
import io.liaison.core.agreement.Equivalence;
import io.liaison.core.catalog.Catalog;
import io.liaison.core.decision.Decision;
import io.liaison.core.decision.ReasonCode;
import io.liaison.core.label.Category;
import io.liaison.core.label.LabelValidator;
import io.liaison.core.label.PolicyIdentifier;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.policy.CategoryTag;
import io.liaison.core.policy.CategoryType;
import io.liaison.core.policy.SecurityPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Translates a label into the receiving party's policy through an agreement's equivalence table (R2, R3).
 * REL TO country codes are kept; other categories have no agreed equivalent and refuse the translation
 * rather than be dropped, except informative ones, which restrict nothing.
 */
public final class Translator {
    private final Catalog catalog;

    public Translator(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * @param label a valid label in {@code from}'s policy (the originator label, or the sender's own marking)
     * @param from the sending party
     * @param to the receiving party
     * @param created when the receiver marks it
     */
    public Translation translate(SecurityLabel typed, Party from, Party to, AgreementId agreementId, Instant created) {
        Agreement a = catalog.requireAgreement(agreementId);
        for (Party p : new Party[] {from, to}) {
            if (!a.isParty(p)) {
                return refuse(ReasonCode.PARTY_NOT_IN_AGREEMENT, p + " is not a party to agreement " + a.id()
                        + " (parties: " + String.join(", ", a.members().stream().map(Party::code).toList()) + ")",
                        "agreement", a.id().value(), "party", p.code());
            }
        }
        if (from.equals(to)) {
            return refuse(ReasonCode.RECIPIENT_IS_SENDER, from + " does not translate for itself", "party", from.code());
        }
        if (a.kind() == AgreementKind.RELAY) {
            Party hub = a.rules().hub().orElseThrow();
            if (!from.equals(hub) && !to.equals(hub)) {
                return refuse(ReasonCode.RELAY_BYPASSES_HUB, "under " + a.id() + " " + from + " and " + to
                        + " share only through the hub " + hub + ": translate to " + hub + " first", "agreement",
                        a.id().value(), "hub", hub.code());
            }
        }
        SecurityPolicy fromPolicy = catalog.requirePolicy(a.policyOf(from).orElseThrow());
        SecurityPolicy toPolicy = catalog.requirePolicy(a.policyOf(to).orElseThrow());
        SecurityLabel label = LabelValidator.requireValid(typed, fromPolicy);
        Optional<Equivalence> row = a.equivalent(from, label.classification(), to);
        if (row.isEmpty()) {
            Decision d = Decision.deny(ReasonCode.LEVEL_NOT_COVERED, "classification " + label.classification()
                    + " is outside agreement " + a.id() + " (covers " + String.join(", ", a.coveredLevels(from)) + ")",
                    Map.of("agreement", a.id().value(), "classification", label.classification(), "covered",
                            String.join(", ", a.coveredLevels(from))));
            return new Translation.Refused(d.withArticle(a.tableArticle()));
        }
        List<Category> categories = new ArrayList<>();
        for (Category c : label.categories()) {
            CategoryTag source = fromPolicy.tag(c.tagName(), c.type()).orElseThrow();
            if (c.type() == CategoryType.INFORMATIVE) {
                continue;
            }
            Optional<CategoryTag> target = source.holdsNationality() ? toPolicy.nationalityTag() : Optional.empty();
            if (target.isEmpty()) {
                return refuse(ReasonCode.CATEGORY_UNTRANSLATABLE, "category " + c.tagName() + " (" + c.type() + ": "
                        + String.join(", ", c.values()) + ") has no equivalent in policy " + toPolicy.id()
                        + " under agreement " + a.id(), "category", c.tagName(), "policy", toPolicy.id());
            }
            for (String v : c.values()) {
                if (target.get().value(v).isEmpty()) {
                    return refuse(ReasonCode.CATEGORY_UNTRANSLATABLE, "country " + v + " of " + c.tagName()
                            + " is not a value of " + target.get().tagSet() + " in policy " + toPolicy.id(),
                            "category", c.tagName(), "value", v, "policy", toPolicy.id());
                }
            }
            CategoryTag t = target.get();
            categories.add(new Category(t.tagSet(), t.type(),
                    c.values().stream().sorted(Comparator.comparingInt(t::indexOf)).toList()));
        }
        Party originator = label.originator().orElse(from);
        SecurityLabel equivalent = new SecurityLabel(
                new PolicyIdentifier(toPolicy.name(), toPolicy.oid().map(o -> "urn:oid:" + o)),
                row.get().toLevel(), label.privacyMark(), categories, Optional.of(originator), created,
                label.reviewAt());
        LabelValidator.requireValid(equivalent, toPolicy);
        return new Translation.Marked(label, equivalent, originator.code() + " / " + row.get().toLevel(), row.get());
    }


    private static Translation refuse(ReasonCode code, String message, String... kv) {
        return new Translation.Refused(Decision.deny(code, message, Decision.values(kv)));
    }
}
