package io.liaison.server;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import io.liaison.node.Node;
import io.liaison.node.accounts.Role;
import io.liaison.node.approvals.Approval;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/approvals}: what waits for a second security officer (agreement steps, peer changes), and its
 * decision. Grants of clearances, roles and duties have their own routes ({@code /api/grants}).
 */
final class ApprovalHandlers {
    private final Node node;

    ApprovalHandlers(Node node) {
        this.node = node;
    }

    record DenyRequest(String reason) {}

    void register(Routes r) {
        r.user(GET, "/api/approvals", Set.of(Role.ADMIN, Role.SECURITY_OFFICER), "Requests waiting for a second "
                + "security officer (?all=true: decided ones too; ?kind=agreement-step|peer-change|contractor-assessment)", (ctx, u) ->
                Bodies.json(ctx, 200, node.approvals().list(u, "true".equals(ctx.queryParam("all")),
                        Optional.ofNullable(ctx.queryParam("kind"))).stream().map(ApprovalHandlers::json).toList()));
        r.user(POST, "/api/approvals/{id}/approve", Set.of(Role.SECURITY_OFFICER), "Approve a request and carry it out "
                + "(a second security officer: not who asked)", (ctx, u) -> Bodies.json(ctx, 200,
                json(node.approvals().approve(u, ctx.pathParam("id")))));
        r.user(POST, "/api/approvals/{id}/deny", Set.of(Role.SECURITY_OFFICER), "Deny a request, with the reason (or "
                + "withdraw your own)", (ctx, u) -> Bodies.json(ctx, 200, json(node.approvals().deny(u,
                ctx.pathParam("id"), Bodies.read(ctx, DenyRequest.class, 16 * 1024).reason()))));
    }

    static Map<String, Object> json(Approval a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("kind", a.kind());
        m.put("subject", a.subject());
        m.put("summary", a.summary());
        m.put("requestedBy", a.requestedBy());
        m.put("requestedAt", a.requestedAt().toString());
        m.put("status", a.status().name());
        a.decidedBy().ifPresent(d -> m.put("decidedBy", d));
        a.decidedAt().ifPresent(d -> m.put("decidedAt", d.toString()));
        a.reason().ifPresent(d -> m.put("reason", d));
        return m;
    }
}
