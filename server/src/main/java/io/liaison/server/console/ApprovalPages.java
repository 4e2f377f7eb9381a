package io.liaison.server.console;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.party.Purpose;
import io.liaison.node.accounts.GrantRequest;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.approvals.Approval;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What waits for a second officer: grants of clearances, roles and duties, reinstatements, agreement steps, peer
 * changes and contractor assessments. Nobody approves their own request: the page says so and the services refuse
 * it whatever the page shows.
 */
public final class ApprovalPages {
    private final Frame frame;

    ApprovalPages(Frame frame) {
        this.frame = frame;
    }

    void register() {
        frame.get("/approvals", Set.of(Role.ADMIN, Role.SECURITY_OFFICER), this::list);
        frame.post("/approvals/grant/{id}/approve", Set.of(Role.SECURITY_OFFICER), (ctx, user, token) -> {
            frame.node().grants().approve(user, ctx.pathParam("id"));
            ctx.redirect("/approvals", HttpStatus.SEE_OTHER);
        });
        frame.post("/approvals/grant/{id}/deny", Set.of(Role.SECURITY_OFFICER), (ctx, user, token) -> {
            frame.node().grants().deny(user, ctx.pathParam("id"), reason(ctx));
            ctx.redirect("/approvals", HttpStatus.SEE_OTHER);
        });
        frame.post("/approvals/request/{id}/approve", Set.of(Role.SECURITY_OFFICER), (ctx, user, token) -> {
            frame.node().approvals().approve(user, ctx.pathParam("id"));
            ctx.redirect("/approvals", HttpStatus.SEE_OTHER);
        });
        frame.post("/approvals/request/{id}/deny", Set.of(Role.SECURITY_OFFICER), (ctx, user, token) -> {
            frame.node().approvals().deny(user, ctx.pathParam("id"), reason(ctx));
            ctx.redirect("/approvals", HttpStatus.SEE_OTHER);
        });
    }

    private static String reason(Context ctx) {
        String reason = Frame.field(ctx, "reason");
        if (reason.isBlank()) {
            throw new InvalidInputException("REASON_MISSING", "a denial needs a reason");
        }
        return reason;
    }

    /** A request waiting for a second officer, as the page shows it. */
    public record Waiting(String id, String path, String kind, String summary, String requestedBy, String requestedAt,
            boolean mine, boolean mayDecide) {}

    private void list(Context ctx, User user, String token) {
        boolean officer = user.has(Role.SECURITY_OFFICER);
        List<Waiting> rows = new ArrayList<>();
        for (GrantRequest g : frame.node().grants().list(user, false)) {
            rows.add(new Waiting(g.id(), "grant", g.kind().name().toLowerCase(java.util.Locale.ROOT), grant(g),
                    g.requestedBy(), g.requestedAt().toString(), g.requestedBy().equals(user.name()), officer));
        }
        for (Approval a : frame.node().approvals().list(user, false, Optional.empty())) {
            rows.add(new Waiting(a.id(), "request", a.kind(), a.subject() + ": " + a.summary(), a.requestedBy(),
                    a.requestedAt().toString(), a.requestedBy().equals(user.name()), officer));
        }
        rows.sort(Comparator.comparing(Waiting::requestedAt));
        frame.render(ctx, 200, "approvals.jte", Map.of("page", frame.page("Approvals", user, frame.lowest(), token),
                "rows", rows));
    }

    private static String grant(GrantRequest g) {
        List<String> parts = new ArrayList<>();
        g.clearance().ifPresent(c -> parts.add("clearance " + c.level() + (c.categories().isEmpty() ? ""
                : " " + c.categories())));
        if (!g.roles().isEmpty()) {
            parts.add("roles " + g.roles().stream().map(Role::written).sorted().collect(Collectors.joining(", ")));
        }
        if (!g.duties().isEmpty()) {
            parts.add("duties " + g.duties().stream().map(Purpose::name).sorted().collect(Collectors.joining(", ")));
        }
        return (g.kind() == GrantRequest.Kind.REINSTATE ? "reinstate " : "grant ") + g.subject()
                + (parts.isEmpty() ? "" : ": " + String.join("; ", parts));
    }
}
