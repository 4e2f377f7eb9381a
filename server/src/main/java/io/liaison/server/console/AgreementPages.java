package io.liaison.server.console;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.liaison.core.agreement.Agreement;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.agreement.Lifecycle;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.error.NotFoundException;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.federation.Federation;
import io.liaison.federation.lifecycle.Lifecycles;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.agreements.AgreementLedger;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The agreements: each with its parties and their policies, its equivalence table, its rules, its timeline (every
 * step, where it came from) and its state today; a security officer asks for this party's next step from the same
 * page, and a second officer approves it (R17).
 */
public final class AgreementPages {
    private final Frame frame;
    private final java.util.function.Supplier<Federation> federation;
    private final boolean federated;

    /** {@code federation} gives the node's federation, or refuses when it runs without one. */
    AgreementPages(Frame frame, java.util.function.Supplier<Federation> federation, boolean federated) {
        this.frame = frame;
        this.federation = federation;
        this.federated = federated;
    }

    void register() {
        frame.get("/agreements", Set.of(), this::list);
        frame.get("/agreements/{id}", Set.of(), this::show);
        frame.post("/agreements/{id}/steps", Set.of(Role.SECURITY_OFFICER), (ctx, user, token) -> {
            Federation f = federation.get();
            Agreement a = agreement(ctx);
            LocalDate day;
            try {
                day = Frame.field(ctx, "day").isBlank() ? today() : LocalDate.parse(Frame.field(ctx, "day"));
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("DAY_INVALID", "day '" + Frame.field(ctx, "day") + "' is not a date "
                        + "YYYY-MM-DD");
            }
            f.lifecycles().request(user, a.id(), Lifecycles.Step.parse(Frame.field(ctx, "step")), Optional.of(day),
                    Frame.field(ctx, "note"));
            ctx.redirect("/approvals", HttpStatus.SEE_OTHER);
        });
    }

    private LocalDate today() {
        return AgreementLedger.today(frame.node().clock());
    }

    /** An agreement in the list. */
    public record Listed(String id, String title, String kind, String parties, String state) {}

    private void list(Context ctx, User user, String token) {
        LocalDate today = today();
        var catalog = frame.node().agreements().catalog();
        List<Listed> rows = catalog.agreements().stream().map(a -> new Listed(a.id().value(), a.title(),
                a.kind().name(), a.members().stream().map(Party::code).collect(Collectors.joining(", ")),
                catalog.lifecycle(a.id()).stateOn(today).map(Enum::name).orElse("NOT_PROPOSED"))).toList();
        frame.render(ctx, 200, "agreements.jte", Map.of("page", frame.page("Agreements", user, frame.lowest(), token),
                "rows", rows, "today", today.toString()));
    }

    private Agreement agreement(Context ctx) {
        String id = ctx.pathParam("id");
        try {
            return frame.node().agreements().require(AgreementId.of(id));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("AGREEMENT_NOT_FOUND", "no agreement " + (id.length() > 64
                    ? id.substring(0, 64) + "…" : id));
        }
    }

    /** A step of an agreement's timeline. */
    public record Step(String date, String state, String event, String cause, String origin) {}

    /** A row of the equivalence table. */
    public record Row(String from, String level, String to, String equivalent, String article) {}

    private void show(Context ctx, User user, String token) {
        Agreement a = agreement(ctx);
        LocalDate today = today();
        Lifecycle lc = frame.node().agreements().catalog().lifecycle(a.id());
        List<Step> timeline = frame.node().agreements().history(a.id(), today).stream().map(l -> new Step(
                l.transition().date().toString(), l.transition().state().name(), l.transition().event()
                .map(e -> e.type().name() + " by " + e.by().code()).orElse(""), l.transition().cause(),
                l.origin().orElse(l.transition().event().isPresent() ? AgreementLedger.CATALOG : "computed"))).toList();
        List<Row> table = a.table().stream().map(e -> new Row(e.from().code(), e.fromLevel(), e.to().code(),
                e.toLevel(), e.article())).toList();
        List<String> parties = a.parties().stream().map(p -> p.party().code() + " (" + p.policyId() + ")").toList();
        String rules = "originator's consent " + (a.rules().originatorConsent() ? "required" : "not required")
                + "; purpose limitation " + (a.rules().purposeLimitation() ? "on" : "off")
                + "; scope " + a.rules().scope().stream().map(Purpose::name).sorted().collect(Collectors.joining(", "))
                + a.rules().hub().map(h -> "; hub " + h.code()).orElse("")
                + "; notice " + a.noticePeriod() + a.term().map(t -> "; term " + t).orElse("");
        String waiting = frame.node().agreements().signaturesWaiting(a.id()).entrySet().stream()
                .map(e -> e.getKey().code() + " since " + e.getValue()).collect(Collectors.joining(", "));
        boolean mayStep = federated && user.has(Role.SECURITY_OFFICER) && a.isParty(frame.node().party());
        frame.render(ctx, 200, "agreement.jte", Map.ofEntries(
                Map.entry("page", frame.page(a.id().value(), user, frame.lowest(), token)),
                Map.entry("id", a.id().value()), Map.entry("title", a.title()), Map.entry("kind", a.kind().name()),
                Map.entry("parties", parties), Map.entry("table", table), Map.entry("rules", rules),
                Map.entry("state", lc.stateOn(today).map(Enum::name).orElse("NOT_PROPOSED")),
                Map.entry("today", today.toString()), Map.entry("timeline", timeline),
                Map.entry("inForce", lc.entryIntoForce().map(LocalDate::toString).orElse("")),
                Map.entry("waiting", waiting), Map.entry("article", a.lifecycleArticle()),
                Map.entry("mayStep", mayStep), Map.entry("steps", Arrays.stream(Lifecycles.Step.values())
                        .map(s -> s.name().toLowerCase(Locale.ROOT)).toList())));
    }
}
