package io.liaison.server;

import static io.javalin.http.HandlerType.GET;

import io.javalin.http.Context;
import io.liaison.core.audit.Hashes;
import io.liaison.core.audit.MerkleTree;
import io.liaison.core.error.InvalidInputException;
import io.liaison.node.Node;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.audit.AuditEntry;
import io.liaison.node.audit.SignedHead;
import io.liaison.node.audit.Verification;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /api/audit}: tail, signed head, verification and proofs, for security officers and admins. */
final class AuditHandlers {
    private static final Set<Role> AUDITORS = Set.of(Role.SECURITY_OFFICER, Role.ADMIN);
    private final Node node;

    AuditHandlers(Node node) {
        this.node = node;
    }

    void register(Routes r) {
        r.user(GET, "/api/audit", AUDITORS, "Audit entries you may see: the latest (default), from the start "
                + "(?from=start), after a position (?after=), or before one (?before=); each page says previous and next",
                this::tail);
        r.user(GET, "/api/audit/head", AUDITORS, "The latest signed tree head", this::head);
        r.user(GET, "/api/audit/verify", AUDITORS, "Recompute the audit tree; the first bad index, if any", this::verify);
        r.user(GET, "/api/audit/proof", AUDITORS, "Inclusion proof (index, size) or consistency proof (from, to)",
                this::proof);
    }

    private void tail(Context ctx, User user) {
        int limit = Bodies.intParam(ctx, "limit", 50);
        if (limit < 1 || limit > 1000) {
            throw new InvalidInputException("PARAM_INVALID", "limit " + limit + " is outside 1..1000");
        }
        // Entries about what the caller may not read are not shown, alike for hidden and missing things (R10).
        var viewer = node.disclosure().viewer(user);
        long after = Bodies.longParam(ctx, "after", -1);
        long before = Bodies.longParam(ctx, "before", -1);
        boolean fromStart = "start".equals(ctx.queryParam("from"));
        if ((after >= 0 ? 1 : 0) + (before >= 0 ? 1 : 0) + (fromStart ? 1 : 0) > 1) {
            throw new InvalidInputException("PARAM_INVALID", "give one of after, before and from=start");
        }
        List<AuditEntry> entries = fromStart ? node.audit().fromStart(viewer, limit)
                : before >= 0 ? node.audit().before(viewer, before, limit)
                : node.audit().tail(viewer, after, limit);
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("entries", entries.stream().map(AuditHandlers::entry).toList());
        // Where to go on: the positions to page backward (before) and forward (after) from.
        page.put("previous", entries.isEmpty() ? null : entries.getFirst().seq());
        page.put("next", entries.isEmpty() ? null : entries.getLast().seq());
        Bodies.json(ctx, 200, page);
    }

    static Map<String, Object> entry(AuditEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", e.seq());
        m.put("at", java.time.Instant.ofEpochMilli(e.at()).toString());
        m.put("actor", e.actor());
        m.put("event", e.event());
        m.put("subject", e.subject());
        m.put("outcome", e.outcome());
        m.put("code", e.code());
        m.put("rule", e.rule());
        m.put("details", e.details());
        return m;
    }

    private void head(Context ctx, User user) {
        Bodies.json(ctx, 200, node.audit().latestHead().map(AuditHandlers::head).orElse(Map.of("treeSize", 0)));
    }

    static Map<String, Object> head(SignedHead h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("treeSize", h.treeSize());
        m.put("rootHash", h.rootHash());
        m.put("signedAt", java.time.Instant.ofEpochMilli(h.signedAt()).toString());
        m.put("keyId", h.keyId());
        m.put("signature", h.signature());
        return m;
    }

    private void verify(Context ctx, User user) {
        Verification v = node.verifyAudit();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", v.ok());
        m.put("entries", v.entries());
        m.put("heads", v.heads());
        m.put("pending", v.pending());
        v.firstBadIndex().ifPresent(i -> m.put("firstBadIndex", i));
        m.put("problem", v.problem());
        Bodies.json(ctx, 200, m);
    }

    private void proof(Context ctx, User user) {
        long size = node.audit().sequenceNow();
        if (ctx.queryParam("from") != null) {
            long from = Bodies.longParam(ctx, "from", 0);
            long to = Bodies.longParam(ctx, "to", size);
            check(from >= 1 && from <= to && to <= size, "from " + from + " and to " + to + " must satisfy 1 <= from <= to <= "
                    + size);
            List<byte[]> proof = node.audit().consistencyProof(from, to);
            Bodies.json(ctx, 200, Map.of("from", from, "to", to,
                    "fromRoot", Hashes.hex(node.audit().rootAt(from)), "toRoot", Hashes.hex(node.audit().rootAt(to)),
                    "proof", proof.stream().map(Hashes::hex).toList()));
            return;
        }
        long index = Bodies.longParam(ctx, "index", -1);
        long treeSize = Bodies.longParam(ctx, "size", size);
        check(index >= 0 && index < treeSize && treeSize <= size, "index " + index + " and size " + treeSize
                + " must satisfy 0 <= index < size <= " + size);
        List<byte[]> proof = node.audit().inclusionProof(index, treeSize);
        Bodies.json(ctx, 200, Map.of("index", index, "size", treeSize, "leafHash", Hashes.hex(node.audit().leafHash(index)),
                "root", Hashes.hex(node.audit().rootAt(treeSize)), "proof", proof.stream().map(Hashes::hex).toList()));
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new InvalidInputException("PARAM_INVALID", message);
        }
    }
}
