package io.liaison.federation.peers;

import io.liaison.catalog.json.Json;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.party.Party;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.approvals.Approval;
import io.liaison.node.approvals.Approvals;
import io.liaison.node.store.Database;
import io.liaison.node.store.Tx;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Adding, changing and removing a peer on a running node. Whom a node trusts decides whose signed messages it takes
 * for a party's, so no single person changes it: an admin or a security officer asks, the change is checked at once
 * (R14), and it is made only when a second security officer approves ({@link Approvals}); then the listener and the
 * clients trust the new set from the next connection on.
 */
public final class PeerChanges {
    /** The kind of a peer change in {@link Approvals}. */
    public static final String KIND = "peer-change";

    /** What a change does. */
    public enum Op { ADD, UPDATE, REMOVE }

    /** What an approval of {@link #KIND} carries. */
    record Payload(Op op, String party, String url, String caPem) {}

    private final Database database;
    private final Peers peers;
    private final Approvals approvals;

    public PeerChanges(Database database, Peers peers, Approvals approvals) {
        this.database = database;
        this.peers = peers;
        this.approvals = approvals;
        approvals.register(new Approvals.Action(KIND, Set.of(Role.ADMIN, Role.SECURITY_OFFICER), this::carryOut,
                request -> peers.changed(Party.of(payload(request).party()))));
    }

    private void carryOut(Tx tx, Approval request, User approver) {
        Payload p = payload(request);
        Party party = Party.of(p.party());
        String by = request.requestedBy() + ", approved by " + approver.name();
        switch (p.op()) {
            case ADD -> peers.insert(tx, by, peers.check(p.party(), p.url(), bytes(p.caPem())));
            case UPDATE -> peers.update(tx, by, peers.checkChange(party, Optional.ofNullable(p.url()),
                    Optional.ofNullable(p.caPem()).map(PeerChanges::bytes)));
            case REMOVE -> peers.remove(tx, by, party);
        }
    }

    /** Asks to add {@code party} as a peer at {@code url}, trusting {@code caPem}. */
    public Approval add(User requester, String party, String url, byte[] caPem) {
        Peers.Candidate c = peers.check(party, url, caPem);
        if (peers.find(c.party()).isPresent()) {
            throw new io.liaison.core.error.ConflictException("PEER_EXISTS", "party " + c.party() + " is already a peer");
        }
        return file(requester, c.party(), new Payload(Op.ADD, c.party().code(), c.url().toString(), c.pem()),
                "add peer " + c.party() + " at " + c.url() + ", trusting its party CA (SHA-256 " + c.fingerprint() + ")");
    }

    /** Asks to change a peer's URL, CA or both. */
    public Approval update(User requester, Party party, Optional<String> url, Optional<byte[]> caPem) {
        Peers.Candidate c = peers.checkChange(party, url, caPem);
        return file(requester, party, new Payload(Op.UPDATE, party.code(), url.map(x -> c.url().toString()).orElse(null),
                caPem.map(x -> c.pem()).orElse(null)), "change peer " + party + ": " + (url.isPresent() ? "URL "
                + c.url() : "") + (url.isPresent() && caPem.isPresent() ? ", " : "") + (caPem.isPresent()
                ? "party CA SHA-256 " + c.fingerprint() : ""));
    }

    /** Asks to remove a peer: its CA is trusted no more, and nothing more is sent to it. */
    public Approval remove(User requester, Party party) {
        peers.find(party).orElseThrow(() -> new io.liaison.core.error.NotFoundException("PEER_UNKNOWN", "party " + party
                + " is not a peer of this node"));
        return file(requester, party, new Payload(Op.REMOVE, party.code(), null, null), "remove peer " + party
                + ": its CA is trusted no more and messages queued for it wait");
    }

    private Approval file(User requester, Party party, Payload payload, String summary) {
        return database.inTransaction(tx -> approvals.request(tx, requester, KIND, party.code(), summary,
                Json.compact(payload), Map.of("op", payload.op().name(), "rule", "R14")));
    }

    private static Payload payload(Approval request) {
        return Json.read(request.payload().getBytes(StandardCharsets.UTF_8), Payload.class, "peer change", 64 * 1024);
    }

    private static byte[] bytes(String pem) {
        if (pem == null) {
            throw new InvalidInputException("CA_INVALID", "the change carries no CA certificate");
        }
        return pem.getBytes(StandardCharsets.US_ASCII);
    }
}
