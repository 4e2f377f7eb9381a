package io.liaison.server.console;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.liaison.core.error.DomainException;
import io.liaison.core.error.ForbiddenException;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.label.Category;
import io.liaison.core.label.LabelValidator;
import io.liaison.core.label.Markings;
import io.liaison.core.label.PolicyIdentifier;
import io.liaison.core.policy.CategoryTag;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Purpose;
import io.liaison.core.policy.Classification;
import io.liaison.core.policy.SecurityPolicy;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.items.Attachment;
import io.liaison.node.items.ItemView;
import io.liaison.node.items.NewItem;
import io.liaison.node.search.Hit;
import io.liaison.node.search.Refinement;
import io.liaison.node.search.SearchPage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Search with facets, an item's page (content, attachments, custody, the chain of a received item) and the form that
 * creates one. A page for an item the user may not read answers exactly like one for a missing item (R9).
 */
public final class ItemPages {
    private static final int HITS = 50;
    private final Frame frame;
    private final boolean federated;

    ItemPages(Frame frame, boolean federated) {
        this.frame = frame;
        this.federated = federated;
    }

    void register() {
        frame.get("/", Set.of(), (ctx, user, token) -> ctx.redirect("/search", HttpStatus.SEE_OTHER));
        frame.get("/search", Set.of(), this::search);
        frame.get("/items/new", Set.of(), (ctx, user, token) -> newItem(ctx, user, token, "", 200));
        frame.post("/items", Set.of(), this::create);
        frame.post("/items/check", Set.of(), this::check);
        frame.get("/items/{id}", Set.of(), this::item);
        frame.get("/items/{id}/attachments/{name}", Set.of(), this::attachment);
    }

    /** A facet's value: its count, and the link that chooses it (or, when chosen, lets it go). */
    public record Facet(String value, long count, String href, boolean chosen) {}

    private void search(Context ctx, User user, String token) {
        String q = Optional.ofNullable(ctx.queryParam("q")).orElse("");
        if (q.length() > 500) {
            q = q.substring(0, 500);
        }
        Map<String, String> chosen = new LinkedHashMap<>();
        for (String f : List.of("level", "purpose", "originator")) {
            Optional.ofNullable(ctx.queryParam(f)).filter(v -> !v.isBlank()).ifPresent(v -> chosen.put(f, v));
        }
        Refinement refinement = Refinement.of(chosen.get("level"), chosen.get("purpose"), chosen.get("originator"));
        SearchPage found = frame.node().items().search(user, q, refinement, 0, HITS);
        List<Row> rows = new ArrayList<>();
        List<String> levels = new ArrayList<>();
        for (Hit h : found.hits()) {
            Frame.Portion p = frame.portion(h.classification());
            levels.add(h.classification());
            rows.add(new Row(h.id(), h.title(), p.text(), p.cssClass()));
        }
        Map<String, List<Facet>> facets = new LinkedHashMap<>();
        facets.put("level", facets(q, chosen, "level", found.levelFacets()));
        facets.put("purpose", facets(q, chosen, "purpose", found.purposeFacets()));
        facets.put("originator", facets(q, chosen, "originator", found.originatorFacets()));
        frame.render(ctx, 200, "search.jte", Map.of("page", frame.page("Search", user, frame.highest(levels), token),
                "query", q, "rows", rows, "total", found.total(), "facets", facets, "chosen", chosen));
    }

    private static List<Facet> facets(String q, Map<String, String> chosen, String name, Map<String, Long> counts) {
        List<Facet> out = new ArrayList<>();
        counts.forEach((value, count) -> {
            if (count == 0 && !value.equals(chosen.get(name))) {
                return;
            }
            boolean on = value.equals(chosen.get(name));
            Map<String, String> next = new LinkedHashMap<>(chosen);
            if (on) {
                next.remove(name);
            } else {
                next.put(name, value);
            }
            out.add(new Facet(value, count, link(q, next), on));
        });
        return out;
    }

    private static String link(String q, Map<String, String> params) {
        StringBuilder sb = new StringBuilder("/search?q=").append(URLEncoder.encode(q, StandardCharsets.UTF_8));
        params.forEach((k, v) -> sb.append('&').append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return sb.toString();
    }

    private void item(Context ctx, User user, String token) {
        Optional<ItemView> found = frame.readable(ctx, user, token);
        if (found.isEmpty()) {
            return;
        }
        ItemView v = found.get();
        SecurityLabel label = v.nodeLabel();
        Frame.Portion p = frame.portion(label.classification());
        boolean received = v.provenance().isPresent();
        List<ItemPage.File> files = v.attachments().stream().map(a -> new ItemPage.File(a.name(), a.mediaType(),
                a.data().length, "/items/" + v.id() + "/attachments/" + URLEncoder.encode(a.name(), StandardCharsets.UTF_8)
                .replace("+", "%20"))).toList();
        List<ItemPage.Custody> custody = frame.node().items().inventory(user, v.id()).stream().map(c ->
                new ItemPage.Custody(c.action(), c.custodian(), c.location(), c.at().toString())).toList();
        ItemPage page = new ItemPage(v.id(), v.title(), p.text(), p.cssClass(), v.marking(), received,
                received ? v.originatorLabel().classification() + " (" + v.originatorLabel().policy().name() + ")" : "",
                v.provenance().map(pv -> pv.chainWritten()).orElse(""), v.originator().code(),
                v.purposes().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")), v.status(),
                files, custody, v.kind(), v.sources(), v.createdBy() + " at " + v.createdAt(), v.text().orElse(""),
                federated && user.has(Role.RELEASING_OFFICER),
                federated && received && user.has(Role.SECURITY_OFFICER));
        frame.render(ctx, 200, "item.jte", Map.of("page", frame.page(v.title(), user, frame.banner(label), token),
                "item", page));
    }

    /** An attachment, downloaded (never shown inline: its type is the sender's word, not ours). */
    private void attachment(Context ctx, User user, String token) {
        Optional<ItemView> found = frame.readable(ctx, user, token);
        if (found.isEmpty()) {
            return;
        }
        String name = ctx.pathParam("name");
        Optional<Attachment> a = found.get().attachments().stream().filter(x -> x.name().equals(name)).findFirst();
        if (a.isEmpty()) {
            frame.missing(ctx, user, token, "attachment " + (name.length() > 64 ? name.substring(0, 64) + "…" : name));
            return;
        }
        ctx.header("Content-Disposition", "attachment; filename*=UTF-8''" + URLEncoder.encode(name,
                StandardCharsets.UTF_8).replace("+", "%20"));
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.contentType("application/octet-stream");
        ctx.result(a.get().data());
    }

    private void newItem(Context ctx, User user, String token, String message, int status) {
        List<ItemForm.Tag> tags = frame.policy().tags().stream().map(t -> new ItemForm.Tag(t.tagSet(), t.type().name(),
                "cat:" + t.tagSet() + ":" + t.type().name(), t.values().stream().map(v -> v.name()).toList())).toList();
        frame.render(ctx, status, "create.jte", Map.of("page", frame.page("New item", user, frame.lowest(), token)
                .lively(), "levels", frame.policy().levels().stream().map(Classification::name).toList(), "tags", tags,
                "message", message));
    }

    /**
     * The label of the form: its level, the category values ticked per tag, and its purposes, each parsed here;
     * a level outside the policy or no purpose is refused with the rule.
     */
    private Labelled labelled(Context ctx) {
        SecurityPolicy policy = frame.policy();
        String level = Frame.field(ctx, "classification");
        if (policy.classification(level).isEmpty()) {
            throw new InvalidInputException("CLASSIFICATION_UNKNOWN", "classification '" + level
                    + "' is not a level of " + policy.id() + " (levels: " + policy.levelNames() + ")");
        }
        List<Category> categories = new ArrayList<>();
        for (CategoryTag t : policy.tags()) {
            List<String> ticked = ctx.formParams("cat:" + t.tagSet() + ":" + t.type().name());
            if (!ticked.isEmpty()) {
                categories.add(new Category(t.tagSet(), t.type(), ticked));
            }
        }
        Set<Purpose> purposes = new LinkedHashSet<>();
        for (String line : Frame.field(ctx, "purposes").split("\\R")) {
            if (!line.isBlank()) {
                purposes.add(Purpose.of(line.strip()));
            }
        }
        if (purposes.isEmpty()) {
            throw new InvalidInputException("PURPOSES_MISSING", "an item needs at least one purpose (R1)");
        }
        SecurityLabel label = new SecurityLabel(new PolicyIdentifier(policy.name(), policy.oid().map(o -> "urn:oid:"
                + o)), policy.canonicalLevel(level), Optional.empty(), categories, Optional.of(frame.node().party()),
                frame.node().clock().instant(), Optional.empty());
        return new Labelled(label, purposes);
    }

    private record Labelled(SecurityLabel label, Set<Purpose> purposes) {}

    /**
     * The label as the user types it, checked as creating it would check it: the policy's rules (LabelValidator),
     * the purposes, and whether the author could read what they mark; the banner it would carry when valid.
     */
    private void check(Context ctx, User user, String token) {
        List<String> problems = new ArrayList<>();
        String banner = "";
        try {
            Labelled l = labelled(ctx);
            problems.addAll(LabelValidator.problems(l.label(), frame.policy()));
            if (frame.policy().rank(l.label().classification()) > frame.policy().rank(user.clearance().level())) {
                problems.add("your clearance " + user.clearance().level() + " is below " + l.label().classification()
                        + ": you could not read what you mark (R9)");
            }
            for (Purpose p : l.purposes()) {
                if (!user.duties().contains(p)) {
                    problems.add("purpose " + p.name() + " is not one of your duties: you could not read it (R7, R9)");
                }
            }
            if (problems.isEmpty()) {
                banner = Markings.banner(l.label(), frame.policy());
            }
        } catch (DomainException | IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        frame.render(ctx, 200, "check.jte", Map.of("problems", problems, "banner", banner));
    }

    /** Creates an item from the form; a refusal shows the form again with the reason, and nothing is stored. */
    private void create(Context ctx, User user, String token) {
        try {
            Labelled l = labelled(ctx);
            ItemView v = frame.node().items().create(user, new NewItem(Frame.field(ctx, "title"),
                    Frame.field(ctx, "text"), l.label(), l.purposes(), false, List.of(), "registry"));
            ctx.redirect("/items/" + v.id(), HttpStatus.SEE_OTHER);
        } catch (DomainException | IllegalArgumentException e) {
            newItem(ctx, user, token, e.getMessage(), e instanceof ForbiddenException ? 403 : 400);
        }
    }
}
