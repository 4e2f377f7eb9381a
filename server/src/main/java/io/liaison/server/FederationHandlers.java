package io.liaison.server;

import io.liaison.core.agreement.AgreementId;
import io.liaison.federation.transport.Problems;
import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import io.javalin.http.Context;
import io.liaison.core.decision.Decision;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.federation.Federation;
import io.liaison.federation.peers.Peer;
import io.liaison.federation.release.Consents;
import io.liaison.federation.release.Releases;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Releases to other parties and the peers, over the federation of the node. */
final class FederationHandlers {
    private final Federation federation;
    private final long limit;

    FederationHandlers(Federation federation, long limit) {
        this.federation = federation;
        this.limit = limit;
    }

    /** A release request: the receiving party, the purpose and the agreement. */
    record ReleaseRequest(String to, String purpose, String agreement) {}

    /** A consent request: the third party, the purpose, and why. */
    record ConsentRequest(String to, String purpose, String reason) {}

    /** A grant, with an optional expiry (ISO instant), or a denial with a reason. */
    record ConsentDecision(String expiresAt, String reason) {}

    /** A loss or compromise report. */
    record IncidentReport(String kind, String description) {}

    /** The findings and preventive measures that close a case. */
    record IncidentClosing(String findings, String measures) {}

    /** A recall or a return, with its reason. */
    record RecallRequest(String reason) {}

    void register(Routes r) {
        r.user(POST, "/api/items/{id}/recall", Set.of(Role.SECURITY_OFFICER),
                "Recall an item this party originated: every holder destroys its copy and certifies it (R12, R13)",
                this::recall);
        r.user(POST, "/api/items/{id}/return", Set.of(Role.SECURITY_OFFICER),
                "Return a received item to its originator when its purpose ended: the content goes back with a signed "
                        + "certificate and this node's copy is shredded (R13)", this::returnItem);
        r.user(POST, "/api/items/{id}/incidents", Set.of(Role.SECURITY_OFFICER),
                "Report the loss or compromise of a received item to its originator at once (R15)", this::report);
        r.user(GET, "/api/incidents", Set.of(Role.SECURITY_OFFICER), "Loss and compromise cases, reported and received",
                this::incidents);
        r.user(POST, "/api/incidents/{id}/close", Set.of(Role.SECURITY_OFFICER),
                "Close a reported case with findings and preventive measures, sent to the originator (R15)", this::close);
        r.user(POST, "/api/items/{id}/consent-requests", Set.of(Role.RELEASING_OFFICER),
                "Ask the originator of a received item for consent to pass it to a third party (R6)", this::requestConsent);
        r.user(GET, "/api/consent-requests", Set.of(Role.SECURITY_OFFICER, Role.RELEASING_OFFICER),
                "Consent requests: ?role=ORIGINATOR (asked of this party, default) or HOLDER (asked by it)", this::requests);
        r.user(POST, "/api/consent-requests/{id}/grant", Set.of(Role.SECURITY_OFFICER),
                "Grant a consent request, optionally until expiresAt; the grant is signed and sent (R6)", this::grant);
        r.user(POST, "/api/consent-requests/{id}/deny", Set.of(Role.SECURITY_OFFICER), "Deny a consent request",
                this::deny);
        r.user(POST, "/api/consents/{id}/revoke", Set.of(Role.SECURITY_OFFICER),
                "Revoke a consent this party granted; the holder applies it unless it was used", this::revoke);
        r.user(GET, "/api/items/{id}/release-preview", Set.of(Role.RELEASING_OFFICER),
                "May this item be released to a party for a purpose under an agreement, and if not, why? Changes nothing",
                this::preview);
        r.user(POST, "/api/items/{id}/release", Set.of(Role.RELEASING_OFFICER),
                "Release an item to a party (R2, R5-R8, R18): the decision is recorded and, if allowed, the item is sent",
                this::release);
        r.user(GET, "/api/outbox", Set.of(Role.RELEASING_OFFICER, Role.SECURITY_OFFICER, Role.ADMIN),
                "Messages to peers, newest first (?limit=, default 50): delivery and the receipt's outcome", this::outbox);
        r.user(GET, "/api/audit/peers", Set.of(Role.SECURITY_OFFICER, Role.ADMIN),
                "The last signed tree head each peer proved consistent, or the alarm it raised", this::auditPeers);
        r.user(GET, "/api/peers", Set.of(Role.ADMIN, Role.SECURITY_OFFICER, Role.RELEASING_OFFICER),
                "The parties this node exchanges with, and the health of each link", this::peers);
        r.user(POST, "/api/peers", Set.of(Role.ADMIN, Role.SECURITY_OFFICER), "Ask to add a peer (party, its federation "
                + "URL, its party CA in PEM); a second security officer approves it (R14)", this::addPeer);
        r.user(POST, "/api/peers/{party}", Set.of(Role.ADMIN, Role.SECURITY_OFFICER), "Ask to change a peer's URL, CA or "
                + "both; a second security officer approves it", this::updatePeer);
        r.user(DELETE, "/api/peers/{party}", Set.of(Role.ADMIN, Role.SECURITY_OFFICER), "Ask to remove a peer; a second "
                + "security officer approves it", (ctx, u) -> Bodies.json(ctx, 202, ApprovalHandlers.json(
                federation.peerChanges().remove(u, peerParty(ctx)))));
    }

    private void preview(Context ctx, User user) {
        ReleaseRequest req = new ReleaseRequest(ctx.queryParam("to"), ctx.queryParam("purpose"), ctx.queryParam("agreement"));
        Decision d = federation.releases().preview(user, ctx.pathParam("id"), party(req), purpose(req), agreement(req));
        Bodies.json(ctx, 200, decision(d));
    }

    private void release(Context ctx, User user) {
        ReleaseRequest req = Bodies.read(ctx, ReleaseRequest.class, limit);
        Releases.Released r = federation.releases().release(user, ctx.pathParam("id"), party(req), purpose(req),
                agreement(req));
        if (!r.decision().allowed()) {
            Decision d = r.decision();
            Problems.write(ctx, 403, d.code().name(), d.message() + " (" + d.rule() + ")");
            return;
        }
        federation.wake();
        Map<String, Object> body = decision(r.decision());
        body.put("envelope", r.envelope().orElseThrow().toString());
        Bodies.json(ctx, 202, body);
    }

    private void requestConsent(Context ctx, User user) {
        ConsentRequest req = Bodies.read(ctx, ConsentRequest.class, limit);
        Consents.Request made = federation.consents().request(user, ctx.pathParam("id"),
                party(new ReleaseRequest(req.to(), req.purpose(), "-")), purpose(new ReleaseRequest(req.to(),
                        req.purpose(), "-")), req.reason());
        federation.wake();
        Bodies.json(ctx, 201, request(made));
    }

    private void requests(Context ctx, User user) {
        String role = ctx.queryParam("role") == null ? Consents.Side.ORIGINATOR.name() : ctx.queryParam("role");
        Consents.Side side = java.util.Arrays.stream(Consents.Side.values()).filter(x -> x.name().equals(role)).findFirst()
                .orElseThrow(() -> new InvalidInputException("ROLE_INVALID", "role '" + Bodies.shorten(role)
                        + "' is not ORIGINATOR or HOLDER"));
        Bodies.json(ctx, 200, federation.consents().requests(user, side).stream().map(FederationHandlers::request)
                .toList());
    }

    private void grant(Context ctx, User user) {
        ConsentDecision d = Bodies.read(ctx, ConsentDecision.class, limit);
        java.util.Optional<java.time.Instant> expires;
        try {
            expires = java.util.Optional.ofNullable(d.expiresAt()).map(java.time.Instant::parse);
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidInputException("EXPIRY_INVALID", "expiresAt '" + d.expiresAt()
                    + "' is not an ISO instant such as 2017-01-01T00:00:00Z");
        }
        String consent = federation.consents().grant(user, ctx.pathParam("id"), expires);
        federation.wake();
        Bodies.json(ctx, 200, Map.of("consent", consent, "request", ctx.pathParam("id")));
    }

    private void deny(Context ctx, User user) {
        ConsentDecision d = Bodies.read(ctx, ConsentDecision.class, limit);
        federation.consents().deny(user, ctx.pathParam("id"), d.reason() == null ? "" : d.reason());
        federation.wake();
        Bodies.json(ctx, 200, Map.of("request", ctx.pathParam("id"), "status", "DENIED"));
    }

    private void revoke(Context ctx, User user) {
        federation.consents().revoke(user, ctx.pathParam("id"));
        federation.wake();
        Bodies.json(ctx, 200, Map.of("consent", ctx.pathParam("id"), "status", "REVOKED"));
    }

    private static Map<String, Object> request(Consents.Request r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("role", r.side().name());
        m.put("item", r.itemId());
        m.put("sourceItem", r.sourceItem());
        m.put("originator", r.originator().code());
        m.put("holder", r.holder().code());
        m.put("thirdParty", r.thirdParty().code());
        m.put("purpose", r.purpose().name());
        m.put("agreement", r.agreement());
        m.put("reason", r.reason());
        m.put("status", r.status());
        m.put("requestedBy", r.requestedBy());
        return m;
    }

    private void report(Context ctx, User user) {
        IncidentReport req = Bodies.read(ctx, IncidentReport.class, limit);
        var i = federation.incidents().report(user, ctx.pathParam("id"),
                io.liaison.federation.release.IncidentKind.parse(req.kind()), req.description());
        federation.wake();
        Bodies.json(ctx, 201, incident(i));
    }

    private void incidents(Context ctx, User user) {
        Bodies.json(ctx, 200, federation.incidents().list(user).stream().map(FederationHandlers::incident).toList());
    }

    private void close(Context ctx, User user) {
        IncidentClosing req = Bodies.read(ctx, IncidentClosing.class, limit);
        var i = federation.incidents().close(user, ctx.pathParam("id"), req.findings(), req.measures());
        federation.wake();
        Bodies.json(ctx, 200, incident(i));
    }

    private static Map<String, Object> incident(io.liaison.federation.release.Incidents.Incident i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id());
        m.put("role", i.side().name());
        m.put("item", i.itemId());
        m.put("originator", i.originator().code());
        m.put("holder", i.holder().code());
        m.put("kind", i.kind());
        m.put("description", i.description());
        m.put("status", i.status());
        m.put("findings", i.findings().orElse(null));
        m.put("measures", i.measures().orElse(null));
        return m;
    }

    private void outbox(Context ctx, User user) {
        int limit = Bodies.intParam(ctx, "limit", 50);
        if (limit < 1 || limit > 1000) {
            throw new InvalidInputException("LIMIT_INVALID", "limit " + limit + " is invalid: it must be 1 to 1000");
        }
        Bodies.json(ctx, 200, federation.outbox().recent(user, federation.node().disclosure(), limit).stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", e.id().toString());
            m.put("peer", e.peer().code());
            m.put("type", e.type().name());
            m.put("agreement", e.agreement());
            m.put("created", e.created().toString());
            m.put("attempts", e.attempts());
            m.put("delivered", e.delivered().map(Object::toString).orElse(null));
            m.put("outcome", e.outcome().orElse(null));
            m.put("code", e.code().orElse(null));
            m.put("lastError", e.lastError().orElse(null));
            return m;
        }).toList());
    }

    private void auditPeers(Context ctx, User user) {
        Bodies.json(ctx, 200, federation.auditExchange().peerHeads().stream().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("party", p.party().code());
            m.put("treeSize", p.treeSize());
            m.put("root", p.root());
            m.put("signedAt", p.signedAt().toString());
            m.put("signature", p.signature());
            m.put("verifiedAt", p.verifiedAt().toString());
            m.put("status", p.status());
            m.put("problem", p.problem().orElse(null));
            m.put("lastReceipt", p.lastReceipt().map(r -> Map.of("treeSize", r.treeSize(), "root", r.root(),
                    "signedAt", r.signedAt().toString(), "seenAt", r.seenAt().toString())).orElse(null));
            return m;
        }).toList());
    }

    private void recall(Context ctx, User user) {
        RecallRequest req = Bodies.read(ctx, RecallRequest.class, limit);
        if (req.reason() == null || req.reason().isBlank()) {
            throw new InvalidInputException("REASON_MISSING", "a recall needs a reason");
        }
        int holders = federation.propagation().recall(user, ctx.pathParam("id"), req.reason());
        federation.wake();
        Bodies.json(ctx, 202, Map.of("item", ctx.pathParam("id"), "holders", holders));
    }

    private void returnItem(Context ctx, User user) {
        RecallRequest req = Bodies.read(ctx, RecallRequest.class, limit);
        io.liaison.node.items.Destruction.Returned r = federation.incidents().returnItem(user, ctx.pathParam("id"), req.reason());
        federation.wake();
        Bodies.json(ctx, 202, ItemJson.certificate(r.certificate()));
    }

    /** A peer to add or change: its party, its federation URL and its party CA (PEM). */
    record PeerRequest(String party, String url, String ca) {}

    private void addPeer(Context ctx, User user) {
        PeerRequest req = Bodies.read(ctx, PeerRequest.class, 64 * 1024);
        if (req.party() == null || req.url() == null || req.ca() == null) {
            throw new InvalidInputException("PEER_INVALID", "a peer needs party, url (https) and ca (its party CA, PEM)");
        }
        Bodies.json(ctx, 202, ApprovalHandlers.json(federation.peerChanges().add(user, req.party(), req.url(),
                req.ca().getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
    }

    private void updatePeer(Context ctx, User user) {
        PeerRequest req = Bodies.read(ctx, PeerRequest.class, 64 * 1024);
        Bodies.json(ctx, 202, ApprovalHandlers.json(federation.peerChanges().update(user, peerParty(ctx),
                Optional.ofNullable(req.url()), Optional.ofNullable(req.ca()).map(c -> c.getBytes(
                java.nio.charset.StandardCharsets.US_ASCII)))));
    }

    private static Party peerParty(Context ctx) {
        try {
            return Party.of(ctx.pathParam("party"));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("PARTY_INVALID", e.getMessage());
        }
    }

    private void peers(Context ctx, User user) {
        Bodies.json(ctx, 200, federation.peers().list().stream().map(FederationHandlers::peer).toList());
    }

    private static Map<String, Object> peer(Peer p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("party", p.party().code());
        m.put("url", p.url().toString());
        m.put("status", p.status());
        m.put("lastContact", p.lastContact().map(Object::toString).orElse(null));
        m.put("lastError", p.lastError().orElse(null));
        m.put("caFingerprint", p.caFingerprint());
        return m;
    }

    private static Map<String, Object> decision(Decision d) {
        return io.liaison.catalog.json.DecisionJson.map(d);
    }

    private static Party party(ReleaseRequest r) {
        if (r.to() == null) {
            throw new InvalidInputException("TO_MISSING", "field to (the receiving party, e.g. JPN) is required");
        }
        try {
            return Party.of(r.to());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("PARTY_INVALID", e.getMessage());
        }
    }

    private static Purpose purpose(ReleaseRequest r) {
        if (r.purpose() == null || r.purpose().isBlank()) {
            throw new InvalidInputException("PURPOSE_MISSING", "field purpose is required (R7)");
        }
        try {
            return Purpose.of(r.purpose());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("PURPOSE_INVALID", e.getMessage());
        }
    }

    private static AgreementId agreement(ReleaseRequest r) {
        if (r.agreement() == null || r.agreement().isBlank()) {
            throw new InvalidInputException("AGREEMENT_MISSING", "field agreement is required (e.g. jpn-kor-gsomia-2016)");
        }
        return AgreementId.of(r.agreement());
    }
}
