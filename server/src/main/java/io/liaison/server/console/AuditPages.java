package io.liaison.server.console;

import io.javalin.http.Context;
import io.liaison.core.audit.Hashes;
import io.liaison.core.audit.MerkleTree;
import io.liaison.federation.Federation;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.audit.AuditEntry;
import io.liaison.node.audit.AuditLog;
import io.liaison.node.audit.SignedHead;
import io.liaison.node.crypto.NodeSigner;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The audit log for security officers and admins: the newest entries they may see (an entry about something they
 * may not read is not shown, R10), filtered by actor, event and outcome; an entry's inclusion proof in the latest
 * signed head, checked by the node and again by the page itself (the browser hashes the entry, walks the proof and
 * verifies the head's Ed25519 signature); and the heads the peers signed and this node cross-checked.
 */
public final class AuditPages {
    private static final Set<Role> AUDITORS = Set.of(Role.SECURITY_OFFICER, Role.ADMIN);
    private static final int SHOWN = 50;
    /** How far back a filter looks, in entries, so that a rare filter never scans the whole log. */
    static final int SCAN = 20_000;
    private final Frame frame;
    private final Optional<Federation> federation;

    AuditPages(Frame frame, Optional<Federation> federation) {
        this.frame = frame;
        this.federation = federation;
    }

    void register() {
        frame.get("/audit", AUDITORS, this::list);
        frame.get("/audit/{seq}", AUDITORS, this::entry);
    }

    /** An entry as the log page shows it. */
    public record Line(long seq, String at, String actor, String event, String subject, String outcome, String code,
            String rule, String details) {}

    /** A peer's signed head as this node cross-checked it. */
    public record Peer(String party, long treeSize, String root, String signedAt, String verifiedAt, String status,
            String problem) {}

    private static Line line(AuditEntry e) {
        return new Line(e.seq(), Instant.ofEpochMilli(e.at()).toString(), e.actor(), e.event(), e.subject(),
                e.outcome(), e.code(), e.rule(), e.details());
    }

    private void list(Context ctx, User user, String token) {
        String actor = param(ctx, "actor");
        String event = param(ctx, "event");
        String outcome = param(ctx, "outcome").toUpperCase(Locale.ROOT);
        long before = parse(ctx.queryParam("before"));
        AuditLog.Viewer viewer = frame.node().disclosure().viewer(user);
        List<AuditEntry> shown = new ArrayList<>();
        long at = before;
        int scanned = 0;
        while (shown.size() < SHOWN && scanned < SCAN) {
            List<AuditEntry> page = frame.node().audit().before(viewer, at, 500);
            if (page.isEmpty()) {
                break;
            }
            for (int i = page.size() - 1; i >= 0 && shown.size() < SHOWN; i--) {
                AuditEntry e = page.get(i);
                if ((actor.isEmpty() || e.actor().equals(actor)) && (event.isEmpty() || e.event().startsWith(event))
                        && (outcome.isEmpty() || e.outcome().equals(outcome))) {
                    shown.add(e);
                }
            }
            scanned += page.size();
            at = page.getFirst().seq();
        }
        String more = shown.size() == SHOWN || scanned >= SCAN ? link(actor, event, outcome, at) : "";
        List<Peer> peers = federation.map(f -> f.auditExchange().peerHeads().stream().map(p -> new Peer(
                p.party().code(), p.treeSize(), p.root(), p.signedAt().toString(), p.verifiedAt().toString(), p.status(),
                p.problem().orElse(""))).toList()).orElse(List.of());
        Optional<SignedHead> head = frame.node().audit().latestHead();
        frame.render(ctx, 200, "audit.jte", Map.of("page", frame.page("Audit", user, frame.lowest(), token),
                "lines", shown.stream().map(AuditPages::line).toList(), "actor", actor, "event", event, "outcome", outcome,
                "more", more, "peers", peers, "size", head.map(SignedHead::treeSize).orElse(0L), "root",
                head.map(SignedHead::rootHash).orElse("")));
    }

    private static String param(Context ctx, String name) {
        String v = Optional.ofNullable(ctx.queryParam(name)).orElse("").strip();
        return v.length() > 100 ? v.substring(0, 100) : v;
    }

    private static long parse(String text) {
        try {
            return text == null || text.isBlank() ? Long.MAX_VALUE : Math.max(0, Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static String link(String actor, String event, String outcome, long before) {
        return "/audit?actor=" + enc(actor) + "&event=" + enc(event) + "&outcome=" + enc(outcome) + "&before=" + before;
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /**
     * An entry's proof as the page verifies it: the entry's canonical bytes (what the leaf hashes), the leaf hash, the
     * audit path, the signed head and the node's public key; {@code serverCheck} is the node's own verdict.
     */
    public record Proof(Line line, String canonical, String canonicalBase64, String leafHash, List<String> path,
            long treeSize, String root, long signedAt, String signature, String keyId, String publicKey,
            String serverCheck, boolean inHead) {}

    private void entry(Context ctx, User user, String token) {
        long seq;
        try {
            seq = Long.parseLong(ctx.pathParam("seq"));
        } catch (NumberFormatException e) {
            seq = -1;
        }
        AuditLog log = frame.node().audit();
        List<AuditEntry> found = seq < 0 ? List.of() : log.after(frame.node().disclosure().viewer(user), seq - 1, 1);
        if (found.isEmpty() || found.getFirst().seq() != seq) {
            // Hidden and missing entries answer alike (R10).
            frame.missing(ctx, user, token, "audit entry " + ctx.pathParam("seq").substring(0,
                    Math.min(20, ctx.pathParam("seq").length())));
            return;
        }
        AuditEntry e = found.getFirst();
        Optional<SignedHead> head = log.latestHead();
        byte[] canonical = e.canonical();
        String key = Base64.getEncoder().encodeToString(frame.node().signer().publicKey().getEncoded());
        Proof proof;
        if (head.isEmpty() || head.get().treeSize() <= seq) {
            proof = new Proof(line(e), new String(canonical, StandardCharsets.UTF_8), Base64.getEncoder()
                    .encodeToString(canonical), Hashes.hex(e.leafHash()), List.of(), 0, "", 0, "", "", key,
                    "not yet in a signed head: the next head will include it", false);
        } else {
            SignedHead h = head.get();
            List<byte[]> path = log.inclusionProof(seq, h.treeSize());
            boolean included = MerkleTree.verifyInclusion(e.leafHash(), seq, h.treeSize(), path,
                    Hashes.fromHex(h.rootHash()));
            boolean signed = NodeSigner.verify(frame.node().signer().publicKey(), h.toBeSigned(),
                    Hashes.fromHex(h.signature()));
            String verdict = included && signed ? "VERIFIED: entry " + seq + " is in the signed tree of "
                    + h.treeSize() + " entries" : "FAILED: " + (included ? "" : "the proof does not lead to the root; ")
                    + (signed ? "" : "the head's signature does not verify");
            proof = new Proof(line(e), new String(canonical, StandardCharsets.UTF_8), Base64.getEncoder()
                    .encodeToString(canonical), Hashes.hex(e.leafHash()), path.stream().map(Hashes::hex).toList(),
                    h.treeSize(), h.rootHash(), h.signedAt(), h.signature(), h.keyId(), key, verdict, true);
        }
        frame.render(ctx, 200, "entry.jte", Map.of("page", frame.page("Audit entry " + seq, user, frame.lowest(),
                token).lively(), "proof", proof));
    }
}
