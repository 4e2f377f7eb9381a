package io.liaison.core.catalog;

import io.liaison.core.access.AccessControl;
import io.liaison.core.agreement.Agreement;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.agreement.Equivalence;
import io.liaison.core.agreement.Lifecycle;
import io.liaison.core.agreement.PartyPolicy;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.error.NotFoundException;
import io.liaison.core.label.PolicyIdentifier;
import io.liaison.core.party.Party;
import io.liaison.core.policy.SecurityPolicy;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The policies and agreements a node works with, cross-checked when built: every agreement's parties
 * have policies, and every level in its tables exists in those policies. Lifecycles and access controls
 * are computed once here. Immutable.
 */
public final class Catalog {
    private final Map<String, SecurityPolicy> policies = new LinkedHashMap<>();
    private final Map<AgreementId, Agreement> agreements = new LinkedHashMap<>();
    private final Map<AgreementId, Lifecycle> lifecycles = new LinkedHashMap<>();
    private final Map<String, AccessControl> access = new LinkedHashMap<>();

    public Catalog(Collection<SecurityPolicy> policyList, Collection<Agreement> agreementList) {
        for (SecurityPolicy p : policyList) {
            if (policies.putIfAbsent(p.id(), p) != null) {
                throw new InvalidInputException("CATALOG_INVALID", "policy " + p.id() + " is given twice");
            }
            access.put(p.id(), AccessControl.of(p));
        }
        for (Agreement typed : agreementList) {
            Agreement a = canonical(typed);
            if (agreements.putIfAbsent(a.id(), a) != null) {
                throw new InvalidInputException("CATALOG_INVALID", "agreement " + a.id() + " is given twice");
            }
            check(a);
            lifecycles.put(a.id(), Lifecycle.of(a));
        }
    }

    /**
     * The agreement with every level in its table and covered lists spelled as its party's policy spells it, when
     * the file typed it in another compatible form ({@code 군사II급비밀}, as the GSOMIA's own text writes it).
     */
    private Agreement canonical(Agreement a) {
        java.util.function.BiFunction<Party, String, String> level = (party, name) -> a.policyOf(party)
                .map(policies::get).map(p -> p.canonicalLevel(name)).orElse(name);
        List<Equivalence> table = a.table().stream().map(e -> new Equivalence(e.from(), level.apply(e.from(),
                e.fromLevel()), e.to(), level.apply(e.to(), e.toLevel()), e.article())).toList();
        Map<Party, List<String>> covered = new LinkedHashMap<>();
        a.covered().forEach((p, levels) -> covered.put(p, levels.stream().map(l -> level.apply(p, l)).toList()));
        return new Agreement(a.id(), a.title(), a.kind(), a.parties(), table, covered, a.rules(), a.term(),
                a.noticePeriod(), a.events(), a.lifecycleArticle());
    }

    private void check(Agreement a) {
        for (PartyPolicy pp : a.parties()) {
            if (!policies.containsKey(pp.policyId())) {
                throw new InvalidInputException("CATALOG_INVALID", "agreement " + a.id() + ": party " + pp.party()
                        + " uses policy " + pp.policyId() + ", which the catalog does not hold");
            }
        }
        for (var e : a.covered().entrySet()) {
            SecurityPolicy p = policies.get(a.policyOf(e.getKey()).orElseThrow());
            for (String level : e.getValue()) {
                if (p.classification(level).isEmpty()) {
                    throw new InvalidInputException("CATALOG_INVALID", "agreement " + a.id() + " covers " + level
                            + " for " + e.getKey() + ", which is not a level of policy " + p.id() + " (levels: "
                            + p.levelNames() + ")");
                }
            }
        }
        for (Equivalence row : a.table()) {
            SecurityPolicy to = policies.get(a.policyOf(row.to()).orElseThrow());
            if (to.classification(row.toLevel()).isEmpty()) {
                throw new InvalidInputException("CATALOG_INVALID", "agreement " + a.id() + " maps to " + row.toLevel()
                        + ", which is not a level of policy " + to.id());
            }
        }
    }

    public Collection<SecurityPolicy> policies() {
        return List.copyOf(policies.values());
    }

    public Collection<Agreement> agreements() {
        return List.copyOf(agreements.values());
    }

    public Optional<SecurityPolicy> policy(String id) {
        return Optional.ofNullable(policies.get(id));
    }

    public SecurityPolicy requirePolicy(String id) {
        return policy(id).orElseThrow(() -> new NotFoundException("POLICY_UNKNOWN",
                "policy " + id + " is not in the catalog (policies: " + String.join(", ", policies.keySet()) + ")"));
    }

    /** The policy a label names, by its identifier (and URI when given). */
    public Optional<SecurityPolicy> policyFor(PolicyIdentifier id) {
        for (SecurityPolicy p : policies.values()) {
            if (p.name().equals(id.name()) || id.uri().isPresent() && p.oid().isPresent()
                    && id.uri().get().equals("urn:oid:" + p.oid().get())) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public SecurityPolicy requirePolicyFor(PolicyIdentifier id) {
        return policyFor(id).orElseThrow(() -> new NotFoundException("POLICY_UNKNOWN", "PolicyIdentifier '"
                + id.name() + "' names no policy in the catalog (known: " + String.join(", ",
                policies.values().stream().map(SecurityPolicy::name).toList()) + ")"));
    }

    /** The policy owned by a party. */
    public Optional<SecurityPolicy> policyOf(Party party) {
        return policies.values().stream().filter(p -> p.owner().equals(party)).findFirst();
    }

    public Optional<Agreement> agreement(AgreementId id) {
        return Optional.ofNullable(agreements.get(id));
    }

    public Agreement requireAgreement(AgreementId id) {
        return agreement(id).orElseThrow(() -> new NotFoundException("AGREEMENT_UNKNOWN", "agreement " + id
                + " is not in the catalog (agreements: " + agreements.keySet().stream().map(AgreementId::value).collect(java.util.stream.Collectors.joining(", ")) + ")"));
    }

    public Lifecycle lifecycle(AgreementId agreementId) {
        requireAgreement(agreementId);
        return lifecycles.get(agreementId);
    }

    public AccessControl accessControl(String policyId) {
        requirePolicy(policyId);
        return access.get(policyId);
    }
}
