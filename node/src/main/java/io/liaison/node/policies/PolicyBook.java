package io.liaison.node.policies;

import io.liaison.catalog.spif.PolicyFile;
import io.liaison.core.error.ConflictException;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.error.NotFoundException;
import io.liaison.core.party.Party;
import io.liaison.core.policy.PolicyEvolution;
import io.liaison.core.policy.SecurityPolicy;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.approvals.Approval;
import io.liaison.node.approvals.Approvals;
import io.liaison.node.audit.AuditEvent;
import io.liaison.node.audit.AuditLog;
import io.liaison.node.store.Database;
import io.liaison.node.store.Tx;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/**
 * The security policies in force on this node: each shipped policy (version 0) unless a later version was imported.
 * A security officer stages a SPIF 2.1 file ({@link #stage}); it is checked at once (it must read, give a policy, and
 * keep the levels and values of the version in force: {@link PolicyEvolution}) and kept with the next version number;
 * it comes into force when a second security officer approves it through {@link Approvals}, and from then on every
 * decision and marking uses it ({@link #policies}; the listener rebuilds what depends on them). Every step is audited;
 * any signed-in user may see the versions and export a version as SPIF 2.1.
 */
public final class PolicyBook {
    public static final String KIND = "policy-import";
    private static final int MAX_VERSIONS = 1000;

    private final Database database;
    private final AuditLog audit;
    private final Approvals approvals;
    private final Clock clock;
    private final Map<String, PolicyFile> shipped;
    /** Each shipped policy made once: version 0, and the digest of its file as written. */
    private final Map<String, InForce> shippedInForce = new LinkedHashMap<>();
    private final Map<String, String> shippedDigests = new LinkedHashMap<>();
    private final AtomicReference<Map<String, InForce>> current = new AtomicReference<>(Map.of());
    private volatile Consumer<PolicyBook> listener = b -> { };

    /** A policy in force: its file, the policy made of it, and its version. */
    public record InForce(PolicyFile file, SecurityPolicy policy, int version) {}

    private record Staged(String policy, int version) {}

    public PolicyBook(Database database, AuditLog audit, Approvals approvals, Clock clock, Map<String, PolicyFile> shipped) {
        this.database = database;
        this.audit = audit;
        this.approvals = approvals;
        this.clock = clock;
        this.shipped = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(shipped));
        this.shipped.forEach((id, f) -> {
            shippedInForce.put(id, new InForce(f, f.policy(Optional.empty()), 0));
            shippedDigests.put(id, digest(f.write()));
        });
        approvals.register(new Approvals.Action(KIND, Set.of(Role.SECURITY_OFFICER), this::carryOut, a -> reload()));
        reload();
    }

    /** Called after a version comes into force, with this book. */
    public void onChange(Consumer<PolicyBook> l) {
        this.listener = l;
    }

    /** The policies in force, shipped ones first in the catalog's order, then imported ones by id. */
    public List<SecurityPolicy> policies() {
        return current.get().values().stream().map(InForce::policy).toList();
    }

    public Optional<InForce> inForce(String id) {
        return Optional.ofNullable(current.get().get(id));
    }

    /** Every version of every policy, shipped ones as version 0, in order. */
    public List<PolicyVersion> versions() {
        List<PolicyVersion> out = new ArrayList<>();
        Map<String, List<PolicyVersion>> stored = new LinkedHashMap<>();
        database.jdbi().useHandle(h -> rows(h).forEach(v -> stored.computeIfAbsent(v.policy(), k -> new ArrayList<>())
                .add(v)));
        for (Map.Entry<String, PolicyFile> e : shipped.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
            SecurityPolicy p = shippedInForce.get(e.getKey()).policy();
            out.add(new PolicyVersion(e.getKey(), 0, p.name(), p.owner().code(), shippedDigests.get(e.getKey()),
                    PolicyVersion.State.SHIPPED, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty()));
            out.addAll(stored.getOrDefault(e.getKey(), List.of()));
        }
        stored.forEach((id, list) -> {
            if (!shipped.containsKey(id)) {
                out.addAll(list);
            }
        });
        return out;
    }

    /** A version's SPIF 2.1 file as Liaison writes it; the version in force when none is named. */
    public byte[] export(String id, Optional<Integer> version) {
        if (version.isEmpty()) {
            return inForce(id).orElseThrow(() -> unknown(id)).file().write();
        }
        int v = version.get();
        if (v == 0) {
            return Optional.ofNullable(shipped.get(id)).orElseThrow(() -> new NotFoundException("POLICY_VERSION_UNKNOWN",
                    "policy " + id + " has no version 0: it was not shipped")).write();
        }
        return database.jdbi().withHandle(h -> h.createQuery("SELECT spif FROM policy_versions WHERE policy = :p AND "
                + "version = :v").bind("p", id).bind("v", v).mapTo(byte[].class).findOne()).orElseThrow(() ->
                new NotFoundException("POLICY_VERSION_UNKNOWN", "policy " + id + " has no version " + v));
    }

    /**
     * Stages a SPIF 2.1 file as the next version of its policy and asks a second security officer to approve it.
     * {@code owner} says whose policy it is when the file does not ({@code liaison:owner}).
     */
    public Approval stage(User officer, byte[] spif, String source, Optional<Party> owner) {
        PolicyFile file = PolicyFile.read(spif, source);
        SecurityPolicy policy = file.policy(owner);
        check(policy);
        byte[] written = file.write();
        String digest = digest(written);
        return database.inTransaction(tx -> {
            int version = tx.sql().createQuery("SELECT COALESCE(MAX(version), 0) FROM policy_versions WHERE policy = :p")
                    .bind("p", policy.id()).mapTo(Integer.class).one() + 1;
            if (version > MAX_VERSIONS) {
                throw new ConflictException("POLICY_VERSIONS_FULL", "policy " + policy.id() + " has " + MAX_VERSIONS
                        + " versions already");
            }
            Approval a = approvals.request(tx, officer, KIND, policy.id(), "bring version " + version + " of policy "
                    + policy.id() + " (" + policy.name() + ", " + policy.oid().orElse("no OID") + ", owner "
                    + policy.owner() + ") into force, from " + source + " (SHA-256 " + digest + ")",
                    policy.id() + " " + version, Map.of("policy", policy.id(), "version", Integer.toString(version),
                    "digest", digest, "owner", policy.owner().code(), "source", source));
            tx.sql().createUpdate("INSERT INTO policy_versions (policy, version, name, owner, spif, digest, state, approval,"
                            + " staged_by, staged_at) VALUES (:p, :v, :n, :o, :s, :d, 'STAGED', :a, :by, :at)")
                    .bind("p", policy.id()).bind("v", version).bind("n", policy.name()).bind("o", policy.owner().code())
                    .bind("s", written).bind("d", digest).bind("a", a.id()).bind("by", officer.name())
                    .bind("at", clock.millis()).execute();
            return a;
        });
    }

    /** A new version must keep what the one in force labels and clears, and may not take another policy's name. */
    private void check(SecurityPolicy next) {
        Optional<InForce> now = inForce(next.id());
        if (now.isPresent()) {
            List<String> problems = PolicyEvolution.problems(now.get().policy(), next);
            if (!problems.isEmpty()) {
                throw new ConflictException("POLICY_INCOMPATIBLE", "policy " + next.id() + " cannot replace version "
                        + now.get().version() + ": " + String.join("; ", problems));
            }
            return;
        }
        for (InForce other : current.get().values()) {
            SecurityPolicy p = other.policy();
            if (p.name().equals(next.name()) || p.oid().isPresent() && p.oid().equals(next.oid())) {
                throw new ConflictException("POLICY_DUPLICATE", "policy " + next.name() + " (" + next.oid().orElse("no OID")
                        + ") is already in force as " + p.id() + "; import it as " + p.id() + " (liaison:short)");
            }
        }
    }

    private void carryOut(Tx tx, Approval request, User approver) {
        String[] payload = request.payload().split(" ");
        Staged s = new Staged(payload[0], Integer.parseInt(payload[1]));
        byte[] spif = tx.sql().createQuery("SELECT spif FROM policy_versions WHERE policy = :p AND version = :v AND state "
                + "= 'STAGED' AND approval = :a").bind("p", s.policy()).bind("v", s.version()).bind("a", request.id())
                .mapTo(byte[].class).findOne().orElseThrow(() -> new ConflictException("POLICY_NOT_STAGED", "version "
                        + s.version() + " of policy " + s.policy() + " is not waiting for approval"));
        PolicyFile file = PolicyFile.read(spif, s.policy() + " version " + s.version());
        String owner = tx.sql().createQuery("SELECT owner FROM policy_versions WHERE policy = :p AND version = :v")
                .bind("p", s.policy()).bind("v", s.version()).mapTo(String.class).one();
        SecurityPolicy policy = file.policy(Optional.of(Party.of(owner)));
        check(policy);
        Optional<InForce> before = inForce(policy.id());
        tx.sql().createUpdate("UPDATE policy_versions SET state = 'ACTIVE', approved_by = :by, active_from = :at WHERE "
                + "policy = :p AND version = :v").bind("by", approver.name()).bind("at", clock.millis())
                .bind("p", s.policy()).bind("v", s.version()).execute();
        audit.append(tx, AuditEvent.done(approver.name(), "policy.in-force", policy.id(), Map.of("version",
                Integer.toString(s.version()), "replaces", before.map(b -> Integer.toString(b.version())).orElse("none"),
                "digest", digest(spif), "requestedBy", request.requestedBy(), "owner", policy.owner().code())));
    }

    /** Reads the versions in force again and tells the listener. */
    public void reload() {
        Map<String, InForce> next = new LinkedHashMap<>();
        next.putAll(shippedInForce);
        List<Map.Entry<PolicyVersion, byte[]>> active = database.jdbi().withHandle(h -> h.createQuery(
                "SELECT policy, version, owner, spif FROM policy_versions WHERE state = 'ACTIVE' ORDER BY policy, version")
                .map((rs, ctx) -> Map.entry(new PolicyVersion(rs.getString(1), rs.getInt(2), "", rs.getString(3), "",
                        PolicyVersion.State.ACTIVE, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty()), rs.getBytes(4))).list());
        for (var e : active) {
            PolicyFile f = PolicyFile.read(e.getValue(), e.getKey().policy() + " version " + e.getKey().version());
            next.put(e.getKey().policy(), new InForce(f, f.policy(Optional.of(Party.of(e.getKey().owner()))),
                    e.getKey().version()));
        }
        Map<String, InForce> was = current.getAndSet(java.util.Collections.unmodifiableMap(next));
        if (!was.isEmpty() && !was.equals(next)) {
            listener.accept(this);
        }
    }

    private static List<PolicyVersion> rows(Handle h) {
        return h.createQuery("SELECT policy, version, name, owner, digest, state, approval, staged_by, staged_at, "
                        + "approved_by, active_from FROM policy_versions ORDER BY policy, version")
                .map((rs, ctx) -> new PolicyVersion(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), PolicyVersion.State.valueOf(rs.getString(6)), Optional.of(rs.getString(7)),
                        Optional.of(rs.getString(8)), Optional.of(Instant.ofEpochMilli(rs.getLong(9))),
                        Optional.ofNullable(rs.getString(10)), Optional.ofNullable((Long) rs.getObject(11))
                        .map(Instant::ofEpochMilli))).list();
    }

    private static NotFoundException unknown(String id) {
        return new NotFoundException("POLICY_UNKNOWN", "policy " + id + " is not in force on this node");
    }

    static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static InvalidInputException invalid(String message) {
        return new InvalidInputException("POLICY_INVALID", message);
    }
}
