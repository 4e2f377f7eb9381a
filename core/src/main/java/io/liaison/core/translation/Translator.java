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
import io.liaison.core.spif.LabelForms;
import io.liaison.core.spif.Spif;
import io.liaison.core.spif.SpifLabel;
import io.liaison.core.spif.SpifTranslation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Translates a label into the receiving party's policy through an agreement's equivalence table (R2, R3).
 * REL TO country codes are kept; other categories have no agreed equivalent and refuse the translation
 * rather than be dropped, except informative ones, which restrict nothing. Where the agreement's table has no row
 * from the sender to the receiver at all, and the sender's SPIF declares the receiver's policy equivalent, the label
 * is translated as that SPIF's equivalences say (classification and categories); the levels must still be covered by
 * the agreement on both sides (R2), and the translation names which basis applied.
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
        if (row.isEmpty() && a.rows(from, to).isEmpty() && equivalentPolicies(fromPolicy, toPolicy)
                && a.coveredLevels(from).contains(label.classification())) {
            return throughEquivalentPolicy(a, label, from, to, fromPolicy, toPolicy, created);
        }
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
        return new Translation.Marked(label, equivalent, originator.code() + " / " + row.get().toLevel(), row.get(),
                "agreement " + a.id() + " table" + (row.get().article().isBlank() ? "" : " (" + row.get().article()
                + ")") + ": " + from + " " + row.get().fromLevel() + " is " + to + " " + row.get().toLevel());
    }

    /** Whether the sender's SPIF declares the receiver's policy equivalent. */
    private static boolean equivalentPolicies(SecurityPolicy from, SecurityPolicy to) {
        return from.spif().isPresent() && to.spif().isPresent() && from.spif().get().equivalentPolicies().stream()
                .anyMatch(e -> e.id().oid().equals(to.spif().get().policy().oid()));
    }

    private Translation throughEquivalentPolicy(Agreement a, SecurityLabel label, Party from, Party to,
            SecurityPolicy fromPolicy, SecurityPolicy toPolicy, Instant created) {
        Spif fromSpif = fromPolicy.spif().orElseThrow();
        Spif toSpif = toPolicy.spif().orElseThrow();
        SecurityLabel equivalent;
        try {
            SpifLabel there = SpifTranslation.translate(fromSpif, LabelForms.toSpif(label, fromSpif), toSpif);
            Party originator = label.originator().orElse(from);
            equivalent = LabelForms.fromSpif(there, toSpif, toPolicy, originator, created);
        } catch (io.liaison.core.error.InvalidInputException e) {
            return refuse(ReasonCode.CATEGORY_UNTRANSLATABLE, "label " + label.classification() + " of policy "
                    + fromPolicy.id() + " has no equivalent in policy " + toPolicy.id() + " through the equivalence "
                    + fromSpif.policy().name() + " declares: " + e.getMessage(), "policy", toPolicy.id());
        }
        if (!a.coveredLevels(to).contains(equivalent.classification())) {
            Decision d = Decision.deny(ReasonCode.LEVEL_NOT_COVERED, "classification " + equivalent.classification()
                    + ", the equivalent in policy " + toPolicy.id() + " of " + label.classification() + ", is outside "
                    + "agreement " + a.id() + " (covers " + String.join(", ", a.coveredLevels(to)) + ")",
                    Map.of("agreement", a.id().value(), "classification", equivalent.classification()));
            return new Translation.Refused(d);
        }
        LabelValidator.requireValid(equivalent, toPolicy);
        Party originator = label.originator().orElse(from);
        Equivalence made = new Equivalence(from, label.classification(), to, equivalent.classification(), "");
        return new Translation.Marked(label, equivalent, originator.code() + " / " + equivalent.classification(), made,
                "equivalent policy: " + fromSpif.policy().name() + " (" + fromSpif.policy().oid() + ") declares "
                + toSpif.policy().name() + " (" + toSpif.policy().oid() + ") equivalent, and agreement " + a.id()
                + " has no table from " + from + " to " + to + ": " + label.classification() + " is "
                + equivalent.classification());
    }


    private static Translation refuse(ReasonCode code, String message, String... kv) {
        return new Translation.Refused(Decision.deny(code, message, Decision.values(kv)));
    }
}
