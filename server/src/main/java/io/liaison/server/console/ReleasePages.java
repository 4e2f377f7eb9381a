package io.liaison.server.console;

import io.javalin.http.Context;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.decision.Decision;
import io.liaison.core.error.DomainException;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.federation.Federation;
import io.liaison.federation.outbox.Outbox;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.items.ItemView;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Releasing an item: choose the party, agreement and purpose, see the decision and its reason (allowed, or refused
 * citing the article) before confirming; a release goes only on an allowing decision. A received item refused for
 * want of the originator's consent (R6) can ask for it from the same page. The outbox shows each message to a peer
 * and its receipt.
 */
public final class ReleasePages {
    private static final Set<Role> RELEASERS = Set.of(Role.RELEASING_OFFICER);
    private final Frame frame;
    private final java.util.function.Supplier<Federation> federation;

    /** {@code federation} gives the node's federation, or refuses when it runs without one. */
    ReleasePages(Frame frame, java.util.function.Supplier<Federation> federation) {
        this.frame = frame;
        this.federation = federation;
    }

    void register() {
        frame.get("/items/{id}/release", RELEASERS, (ctx, user, token) -> release(ctx, user, token, false));
        frame.post("/items/{id}/release", RELEASERS, (ctx, user, token) -> release(ctx, user, token, true));
        frame.post("/items/{id}/consent", RELEASERS, this::askConsent);
        frame.get("/outbox", Set.of(Role.RELEASING_OFFICER, Role.SECURITY_OFFICER, Role.ADMIN), this::outbox);
    }

    private void release(Context ctx, User user, String token, boolean posted) {
        Optional<ItemView> found = frame.readable(ctx, user, token);
        if (found.isEmpty()) {
            return;
        }
        ItemView v = found.get();
        var catalog = frame.node().agreements().catalog();
        Party self = frame.node().party();
        List<String> agreements = catalog.agreements().stream().filter(a -> a.isParty(self))
                .map(a -> a.id().value()).sorted().toList();
        List<String> parties = catalog.agreements().stream().filter(a -> a.isParty(self))
                .flatMap(a -> a.members().stream()).filter(p -> !p.equals(self)).map(Party::code).distinct().sorted()
                .toList();
        String to = Optional.ofNullable(ctx.formParam("to")).orElse(parties.isEmpty() ? "" : parties.getFirst());
        String agreement = Optional.ofNullable(ctx.formParam("agreement")).orElse(agreements.isEmpty() ? ""
                : agreements.getFirst());
        String purpose = Optional.ofNullable(ctx.formParam("purpose")).orElse(v.purposes().stream()
                .map(Object::toString).sorted().findFirst().orElse(""));
        String decision = "";
        boolean allowed = false;
        boolean consentNeeded = false;
        if (posted) {
            try {
                Party party = Party.of(to);
                Purpose p = Purpose.of(purpose);
                AgreementId a = AgreementId.of(agreement);
                Decision d;
                if ("release".equals(ctx.formParam("action"))) {
                    var released = federation.get().releases().release(user, v.id(), party, p, a);
                    d = released.decision();
                    if (released.envelope().isPresent()) {
                        federation.get().wake();
                    }
                    decision = written(d) + released.envelope().map(e -> " — released in envelope " + e).orElse("");
                } else {
                    d = federation.get().releases().preview(user, v.id(), party, p, a);
                    decision = written(d);
                    allowed = d.allowed();
                }
                consentNeeded = !d.allowed() && v.provenance().isPresent() && d.rule().contains("R6");
            } catch (DomainException | IllegalArgumentException e) {
                decision = "REFUSED: " + e.getMessage();
            }
        }
        Frame.Portion portion = frame.portion(v.nodeLabel().classification());
        frame.render(ctx, 200, "release.jte", Map.of("page", frame.page("Release " + v.title(), user,
                frame.banner(v.nodeLabel()), token), "form", new ReleaseForm(v.id(), v.title(), portion.text(),
                portion.cssClass(), parties, agreements, to, agreement, purpose, decision, allowed, consentNeeded,
                Frame.field(ctx, "asked"))));
    }

    private static String written(Decision d) {
        return (d.allowed() ? "ALLOWED" : "REFUSED") + " " + d.code() + " [" + d.rule() + "]: " + d.message();
    }

    /** Asks the originator of a received item for consent to pass it on (R6); back to the release page. */
    private void askConsent(Context ctx, User user, String token) {
        Optional<ItemView> found = frame.readable(ctx, user, token);
        if (found.isEmpty()) {
            return;
        }
        Party to;
        Purpose purpose;
        try {
            to = Party.of(Frame.field(ctx, "to"));
            purpose = Purpose.of(Frame.field(ctx, "purpose"));
        } catch (IllegalArgumentException e) {
            throw new io.liaison.core.error.InvalidInputException("CONSENT_INVALID", e.getMessage());
        }
        var made = federation.get().consents().request(user, found.get().id(), to, purpose, Frame.field(ctx, "reason"));
        federation.get().wake();
        frame.render(ctx, 200, "asked.jte", Map.of("page", frame.page("Consent asked", user,
                frame.banner(found.get().nodeLabel()), token), "request", made.id(), "originator",
                made.originator().code(), "item", found.get().id(), "to", to.code(), "purpose", purpose.name()));
    }

    /** A message to a peer as the outbox page shows it, with its receipt's outcome. */
    public record Sent(String id, String peer, String type, String agreement, String created, int attempts,
            String delivered, String outcome, String code, String error, String item) {}

    private void outbox(Context ctx, User user, String token) {
        List<Sent> rows = federation.get().outbox().recent(user, frame.node().disclosure(), 100).stream()
                .map(ReleasePages::sent).toList();
        frame.render(ctx, 200, "outbox.jte", Map.of("page", frame.page("Outbox", user, frame.lowest(), token),
                "rows", rows));
    }

    private static Sent sent(Outbox.Entry e) {
        return new Sent(e.id().toString(), e.peer().code(), e.type().name(), e.agreement().value(),
                e.created().toString(), e.attempts(), e.delivered().map(Object::toString).orElse("waiting"),
                e.outcome().orElse(e.delivered().isPresent() ? "no receipt yet" : ""), e.code().orElse(""),
                e.lastError().orElse(""), e.item().orElse(""));
    }
}
