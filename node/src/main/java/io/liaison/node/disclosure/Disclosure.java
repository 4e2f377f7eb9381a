package io.liaison.node.disclosure;

import io.liaison.core.policy.SecurityPolicy;
import io.liaison.node.accounts.User;
import io.liaison.node.audit.AuditLog;
import io.liaison.node.audit.Reveals;
import io.liaison.node.items.Items;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Who may see a record that reveals something (R9, R10): every record that reveals an item (an audit entry, a case,
 * a consent request, an outbox row) is shown only to a user who may read that item, decided by the same door as the
 * item itself; a record of another module that carries its own label (a hotline message, an alarm about one) by the
 * gate that module registers for its kind; what a user knows (a search's text) only to a user whose clearance
 * dominates the searcher's and who shares a duty. Anything else is refused: a kind nobody registered reveals nothing
 * to anyone.
 */
public final class Disclosure {
    /** Decides whether a user may read a record of one kind, by its id; a missing record is not readable. */
    @FunctionalInterface
    public interface RecordGate {
        boolean mayRead(User user, String id);
    }

    private final Items items;
    private final Supplier<SecurityPolicy> policies;
    private final Map<String, RecordGate> gates = new ConcurrentHashMap<>();

    public Disclosure(Items items, Supplier<SecurityPolicy> policies) {
        this.items = items;
        this.policies = policies;
    }

    /** The node's policy in force now. */
    private SecurityPolicy policy() {
        return policies.get();
    }

    /** The module that owns records of {@code kind} says who may read one (again, when it restarts). */
    public void register(String kind, RecordGate gate) {
        gates.put(kind, gate);
    }

    /** Whether {@code user} may read what a record reveals. */
    public boolean mayRead(User user, Reveals reveals) {
        if (!user.facilityActive()) {
            return reveals instanceof Reveals.Nothing;
        }
        return switch (reveals) {
            case Reveals.Nothing n -> true;
            case Reveals.Item i -> items.mayRead(user, i.id());
            case Reveals.Record r -> Optional.ofNullable(gates.get(r.kind())).map(g -> g.mayRead(user, r.id()))
                    .orElse(false);
            case Reveals.Knowledge k -> dominates(user, k);
        };
    }

    /** The audit log as {@code user} may see it: entries about what they may not read are not shown. */
    public AuditLog.Viewer viewer(User user) {
        return r -> mayRead(user, r);
    }

    /** The records {@code user} may see, in order; each record's subject decided once. */
    public <T> List<T> visible(User user, List<T> records, Function<T, Reveals> reveals) {
        Map<Reveals, Boolean> decided = new java.util.HashMap<>();
        return Collections.unmodifiableList(records.stream().filter(r -> decided.computeIfAbsent(reveals.apply(r),
                x -> mayRead(user, x))).toList());
    }

    private boolean dominates(User user, Reveals.Knowledge k) {
        if (policy().classification(k.level()).isEmpty()
                || policy().rank(user.clearance().level()) < policy().rank(k.level())) {
            return false;
        }
        for (Map.Entry<String, java.util.Set<String>> e : k.categories().entrySet()) {
            if (!user.clearance().held(e.getKey()).containsAll(e.getValue())) {
                return false;
            }
        }
        return user.duties().stream().anyMatch(k.duties()::contains);
    }
}
