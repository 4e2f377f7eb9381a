package io.liaison.server.console;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.error.NotFoundException;
import io.liaison.federation.Federation;
import io.liaison.federation.release.Consents;
import io.liaison.federation.release.IncidentKind;
import io.liaison.federation.release.Incidents;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.items.ItemView;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The security officer's pages: the consent inbox (requests asked of this party, with the item as far as the
 * officer may read it; grant with an expiry, deny with a reason; revoke a consent granted) and the incident cases
 * (report the loss or compromise of a received item, follow, close with findings and measures). Every list shows
 * only what concerns items the officer may read (R10), exactly as the API does.
 */
public final class OfficerPages {
    private static final Set<Role> OFFICERS = Set.of(Role.SECURITY_OFFICER);
    private final Frame frame;
    private final java.util.function.Supplier<Federation> federation;

    /** {@code federation} gives the node's federation, or refuses when it runs without one. */
    OfficerPages(Frame frame, java.util.function.Supplier<Federation> federation) {
        this.frame = frame;
        this.federation = federation;
    }

    void register() {
        frame.get("/consents", Set.of(Role.SECURITY_OFFICER, Role.RELEASING_OFFICER), this::consents);
        frame.post("/consents/{id}/grant", OFFICERS, this::grant);
        frame.post("/consents/{id}/deny", OFFICERS, (ctx, user, token) -> {
            String reason = Frame.field(ctx, "reason");
            if (reason.isBlank()) {
                throw new InvalidInputException("REASON_MISSING", "a denial needs a reason for the holder");
            }
            federation.get().consents().deny(user, ctx.pathParam("id"), reason);
            federation.get().wake();
            ctx.redirect("/consents", HttpStatus.SEE_OTHER);
        });
        frame.post("/consents/granted/{id}/revoke", OFFICERS, (ctx, user, token) -> {
            federation.get().consents().revoke(user, ctx.pathParam("id"));
            federation.get().wake();
            ctx.redirect("/consents", HttpStatus.SEE_OTHER);
        });
        frame.get("/incidents", OFFICERS, this::incidents);
        frame.get("/incidents/new", OFFICERS, this::newIncident);
        frame.post("/incidents", OFFICERS, (ctx, user, token) -> {
            Incidents.Incident i = federation.get().incidents().report(user, Frame.field(ctx, "item"),
                    IncidentKind.parse(Frame.field(ctx, "kind")), Frame.field(ctx, "description"));
            federation.get().wake();
            ctx.redirect("/incidents#i-" + i.id(), HttpStatus.SEE_OTHER);
        });
        frame.post("/incidents/{id}/close", OFFICERS, (ctx, user, token) -> {
            federation.get().incidents().close(user, ctx.pathParam("id"), Frame.field(ctx, "findings"),
                    Frame.field(ctx, "measures"));
            federation.get().wake();
            ctx.redirect("/incidents", HttpStatus.SEE_OTHER);
        });
    }

    /** A consent request as the inbox shows it, with its item's title and marking as far as the viewer may read. */
    public record Asked(String id, String side, String item, String title, String portion, String cssClass,
            String holder, String thirdParty, String purpose, String agreement, String reason, String status,
            String requestedBy) {}

    /** A consent granted, and whether it still stands. */
    public record Given(String id, String item, String holder, String thirdParty, String purpose, String granted,
            String expires, String state) {}

    private void consents(Context ctx, User user, String token) {
        // Each item is read once, for its title and marking and for the banner (a read is audited).
        List<String> levels = new java.util.ArrayList<>();
        List<Asked> asked = federation.get().consents().requests(user, Consents.Side.ORIGINATOR).stream()
                .map(r -> asked(user, r, levels)).toList();
        List<Asked> ours = federation.get().consents().requests(user, Consents.Side.HOLDER).stream()
                .map(r -> asked(user, r, levels)).toList();
        Instant now = frame.node().clock().instant();
        List<Given> given = user.has(Role.SECURITY_OFFICER) ? federation.get().consents().granted(user).stream()
                .map(g -> new Given(g.id(), g.itemId(), g.holder().code(), g.thirdParty().code(), g.purpose().name(),
                        g.grantedAt().toString(), g.expiresAt().map(Object::toString).orElse("never"),
                        g.revokedAt().isPresent() ? "REVOKED" : g.expiresAt().filter(e -> !e.isAfter(now)).isPresent()
                                ? "EXPIRED" : "IN FORCE")).toList() : List.of();
        frame.render(ctx, 200, "consents.jte", Map.of("page", frame.page("Consents", user, frame.highest(levels),
                token), "asked", asked, "ours", ours, "given", given, "officer", user.has(Role.SECURITY_OFFICER),
                "today", LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(30).toString()));
    }

    private Optional<String> level(User user, String itemId) {
        try {
            return Optional.of(frame.node().items().read(user, itemId, Optional.empty()).nodeLabel().classification());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private Asked asked(User user, Consents.Request r, List<String> levels) {
        Optional<ItemView> v;
        try {
            v = Optional.of(frame.node().items().read(user, r.itemId(), Optional.empty()));
        } catch (NotFoundException e) {
            v = Optional.empty();
        }
        v.ifPresent(x -> levels.add(x.nodeLabel().classification()));
        Frame.Portion p = v.map(x -> frame.portion(x.nodeLabel().classification()))
                .orElse(new Frame.Portion("", ""));
        return new Asked(r.id(), r.side().name(), r.itemId(), v.map(ItemView::title).orElse(""), p.text(),
                p.cssClass(), r.holder().code(), r.thirdParty().code(), r.purpose().name(), r.agreement().value(),
                r.reason(), r.status().name(), r.requestedBy());
    }

    private void grant(Context ctx, User user, String token) {
        String until = Frame.field(ctx, "until");
        Optional<Instant> expires;
        try {
            expires = until.isBlank() ? Optional.empty()
                    : Optional.of(LocalDate.parse(until).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("EXPIRY_INVALID", "until '" + (until.length() > 40 ? until.substring(0, 40)
                    : until) + "' is not a date YYYY-MM-DD");
        }
        federation.get().consents().grant(user, ctx.pathParam("id"), expires);
        federation.get().wake();
        ctx.redirect("/consents", HttpStatus.SEE_OTHER);
    }

    /** A case as the incidents page shows it. */
    public record Case(String id, String side, String item, String originator, String holder, String kind,
            String description, String status, String findings, String measures) {}

    private void incidents(Context ctx, User user, String token) {
        List<Case> cases = federation.get().incidents().list(user).stream().map(i -> new Case(i.id(), i.side().name(),
                i.itemId(), i.originator().code(), i.holder().code(), i.kind().name(), i.description(),
                i.status().name(), i.findings().orElse(""), i.measures().orElse(""))).toList();
        List<String> levels = cases.stream().map(c -> level(user, c.item())).flatMap(Optional::stream).toList();
        frame.render(ctx, 200, "incidents.jte", Map.of("page", frame.page("Incidents", user, frame.highest(levels),
                token), "cases", cases));
    }

    private void newIncident(Context ctx, User user, String token) {
        String id = Optional.ofNullable(ctx.queryParam("item")).orElse("");
        ItemView v;
        try {
            v = frame.node().items().read(user, id, Optional.empty());
        } catch (NotFoundException e) {
            frame.missing(ctx, user, token, "item " + (id.length() > 64 ? id.substring(0, 64) + "…" : id));
            return;
        }
        Frame.Portion p = frame.portion(v.nodeLabel().classification());
        frame.render(ctx, 200, "incident.jte", Map.of("page", frame.page("Report an incident", user,
                frame.banner(v.nodeLabel()), token), "item", v.id(), "title", v.title(), "portion", p.text(),
                "cssClass", p.cssClass(), "originator", v.originator().code(), "kinds",
                Arrays.stream(IncidentKind.values()).map(Enum::name).toList()));
    }
}
