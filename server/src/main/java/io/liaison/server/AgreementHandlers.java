package io.liaison.server;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import io.javalin.http.Context;
import io.liaison.core.agreement.Agreement;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.agreement.Equivalence;
import io.liaison.core.agreement.Lifecycle;
import io.liaison.core.agreement.PartyPolicy;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.federation.Federation;
import io.liaison.federation.lifecycle.Lifecycles;
import io.liaison.node.Node;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.agreements.AgreementLedger;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/agreements}: the agreements as this node knows them (their tables, rules, state and history with the
 * origin of each step), and the party's lifecycle steps (R17), which a security officer asks for and a second one
 * approves ({@code /api/approvals}).
 */
final class AgreementHandlers {
    private final Node node;
    private final Optional<Federation> federation;

    AgreementHandlers(Node node, Optional<Federation> federation) {
        this.node = node;
        this.federation = federation;
    }

    record StepRequest(String step, String day, String note) {}

    void register(Routes r) {
        r.user(GET, "/api/agreements", Set.of(), "The agreements this node works under, with their state today "
                + "(as this node recorded their lifecycle)", this::list);
        r.user(GET, "/api/agreements/{id}", Set.of(), "An agreement: parties, equivalence table, rules, its state and its "
                + "history with where each step came from (?until=YYYY-MM-DD)", this::show);
        federation.ifPresent(f -> r.user(POST, "/api/agreements/{id}/steps", Set.of(Role.SECURITY_OFFICER), "Ask for "
                + "this party's step (propose, decline, initial, sign, notify, renew, notice, suspend, withdraw, "
                + "terminate; R17); a second security officer approves it before it is recorded and sent",
                (ctx, u) -> step(ctx, u, f)));
    }

    private LocalDate today() {
        return AgreementLedger.today(node.clock());
    }

    private void list(Context ctx, User user) {
        LocalDate today = today();
        Bodies.json(ctx, 200, node.agreements().catalog().agreements().stream().map(a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", a.id().value());
            m.put("title", a.title());
            m.put("kind", a.kind().name());
            m.put("parties", a.members().stream().map(Party::code).toList());
            m.put("state", node.agreements().catalog().lifecycle(a.id()).stateOn(today).map(Enum::name)
                    .orElse("NOT_PROPOSED"));
            m.put("on", today.toString());
            return m;
        }).toList());
    }

    private void show(Context ctx, User user) {
        AgreementId id = AgreementId.of(ctx.pathParam("id"));
        Agreement a = node.agreements().require(id);
        LocalDate today = today();
        LocalDate until = day(ctx.queryParam("until"), "until").orElse(today);
        Lifecycle lc = node.agreements().catalog().lifecycle(id);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id().value());
        m.put("title", a.title());
        m.put("kind", a.kind().name());
        m.put("parties", a.parties().stream().map(AgreementHandlers::party).toList());
        m.put("table", a.table().stream().map(AgreementHandlers::row).toList());
        Map<String, Object> rules = new LinkedHashMap<>();
        rules.put("originatorConsent", a.rules().originatorConsent());
        rules.put("purposeLimitation", a.rules().purposeLimitation());
        rules.put("scope", a.rules().scope().stream().map(Purpose::name).sorted().toList());
        rules.put("hub", a.rules().hub().map(Party::code).orElse(null));
        m.put("rules", rules);
        m.put("term", a.term().map(Object::toString).orElse(null));
        m.put("noticePeriod", a.noticePeriod().toString());
        m.put("lifecycleArticle", a.lifecycleArticle());
        m.put("state", lc.stateOn(today).map(Enum::name).orElse("NOT_PROPOSED"));
        m.put("on", today.toString());
        m.put("entryIntoForce", lc.entryIntoForce().map(LocalDate::toString).orElse(null));
        m.put("history", node.agreements().history(id, until).stream().map(AgreementHandlers::line).toList());
        Map<String, String> waiting = new LinkedHashMap<>();
        node.agreements().signaturesWaiting(id).forEach((p, d) -> waiting.put(p.code(), d.toString()));
        m.put("signaturesWaiting", waiting);
        Bodies.json(ctx, 200, m);
    }

    private void step(Context ctx, User officer, Federation f) {
        StepRequest req = Bodies.read(ctx, StepRequest.class, 16 * 1024);
        AgreementId id = AgreementId.of(ctx.pathParam("id"));
        Lifecycles.Requested r = f.lifecycles().request(officer, id, Lifecycles.Step.parse(req.step()),
                day(req.day(), "day"), req.note());
        Map<String, Object> m = new LinkedHashMap<>(ApprovalHandlers.json(r.approval()));
        m.put("stateAfter", r.stateAfter().map(Enum::name).orElse("NOT_PROPOSED"));
        m.put("effect", r.effect());
        Bodies.json(ctx, 202, m);
    }

    private static Optional<LocalDate> day(String text, String field) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("DAY_INVALID", field + " '" + Bodies.shorten(text) + "' is not a date "
                    + "YYYY-MM-DD");
        }
    }

    private static Map<String, Object> party(PartyPolicy p) {
        return Map.of("party", p.party().code(), "policy", p.policyId());
    }

    private static Map<String, Object> row(Equivalence e) {
        return Map.of("from", e.from().code(), "level", e.fromLevel(), "to", e.to().code(), "equivalent", e.toLevel(),
                "article", e.article());
    }

    private static Map<String, Object> line(AgreementLedger.Line l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("date", l.transition().date().toString());
        m.put("state", l.transition().state().name());
        m.put("renewal", l.transition().renewal());
        m.put("cause", l.transition().cause());
        l.transition().event().ifPresent(e -> {
            m.put("event", e.type().name());
            m.put("by", e.by().code());
        });
        m.put("origin", l.origin().orElse(l.transition().event().isPresent() ? AgreementLedger.CATALOG
                : "computed"));
        return m;
    }
}
