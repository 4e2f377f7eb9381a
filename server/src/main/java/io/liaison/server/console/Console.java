package io.liaison.server.console;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.liaison.core.error.DomainException;
import io.liaison.core.error.NotFoundException;
import io.liaison.core.error.UnauthenticatedException;
import io.liaison.core.label.Markings;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.policy.Classification;
import io.liaison.core.policy.SecurityPolicy;
import io.liaison.node.Node;
import io.liaison.node.accounts.Accounts;
import io.liaison.node.accounts.User;
import io.liaison.node.items.ItemView;
import io.liaison.node.search.Hit;
import io.liaison.node.search.SearchPage;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The console's pages at {@code /}: sign-in and sign-out, search with portion markings, and an item's page, each
 * under the same R9 decisions as the API (a page for a hidden item answers exactly like one for a missing item).
 * Every page carries classification banners, top and bottom, in the policy's words and colours, set by the highest
 * label on the page. A page needs the session cookie, never a bearer token; without a valid one it sends the
 * browser to the sign-in page.
 */
public final class Console {
    /** The session cookie: a node token, HttpOnly, SameSite=Strict, Secure over HTTPS. */
    public static final String SESSION = "liaison_session";
    /** The sign-in form's cookie, matched by the form's token (double submit) before any session exists. */
    public static final String PRESESSION = "liaison_signin";
    /** The pages, for the tests that enumerate them: each needs a session except sign-in and the style sheet. */
    public static final List<String> PAGES = List.of("GET /", "GET /search", "GET /items/{id}", "POST /logout",
            "GET /items/new", "POST /items", "GET /items/{id}/release", "POST /items/{id}/release", "GET /hotline",
            "GET /hotline/{line}", "GET /hotline/{line}/stream", "POST /hotline/messages/{id}/ack",
            "POST /hotline/alarms/{id}/clear");
    public static final List<String> OPEN = List.of("GET /login", "POST /login", "GET /console.css",
            "GET /assets/htmx.min.js", "GET /assets/sse.js", "GET /assets/console.js");
    static final String CSP = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; "
            + "img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    /** The scripts a live page loads, each served from the jar: htmx, its SSE extension, the console's own. */
    private static final Map<String, String> ASSETS = Map.of(
            "/assets/htmx.min.js", "/META-INF/resources/webjars/htmx.org/2.0.7/dist/htmx.min.js",
            "/assets/sse.js", "/META-INF/resources/webjars/htmx-ext-sse/2.2.2/sse.js",
            "/assets/console.js", "/io/liaison/server/console/console.js");
    private static final int HITS = 50;

    private final Node node;
    private final Optional<io.liaison.federation.Federation> federation;
    private final Optional<io.liaison.hotline.Hotline> hotline;
    private final boolean tls;
    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
    private final byte[] formKey = new byte[32];

    public Console(Node node, Optional<io.liaison.federation.Federation> federation,
            Optional<io.liaison.hotline.Hotline> hotline, boolean tls) {
        this.node = node;
        this.federation = federation;
        this.hotline = hotline;
        this.tls = tls;
        new SecureRandom().nextBytes(formKey);
    }

    public void register(RoutesConfig routes) {
        routes.addHttpHandler(HandlerType.GET, "/console.css", ctx -> {
            ctx.contentType("text/css; charset=utf-8");
            ctx.result(Styles.css(node.policy()));
        });
        ASSETS.forEach((path, resource) -> routes.addHttpHandler(HandlerType.GET, path, ctx -> {
            try (var in = Console.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new NotFoundException("ASSET_MISSING", "asset " + path + " is not in this build");
                }
                ctx.contentType("text/javascript; charset=utf-8");
                ctx.result(in.readAllBytes());
            }
        }));
        routes.addHttpHandler(HandlerType.GET, "/login", ctx -> login(ctx, "", 200));
        routes.addHttpHandler(HandlerType.POST, "/login", this::signIn);
        routes.addHttpHandler(HandlerType.POST, "/logout", ctx -> page(ctx, (user, token) -> {
            requireForm(ctx, token);
            node.accounts().logout(token);
            ctx.header("Set-Cookie", cookie(SESSION, "", 0));
            ctx.redirect("/login", io.javalin.http.HttpStatus.SEE_OTHER);
        }));
        routes.addHttpHandler(HandlerType.GET, "/", ctx -> page(ctx, (user, token) ->
                ctx.redirect("/search", io.javalin.http.HttpStatus.SEE_OTHER)));
        routes.addHttpHandler(HandlerType.GET, "/search", ctx -> page(ctx, (user, token) -> search(ctx, user, token)));
        routes.addHttpHandler(HandlerType.GET, "/items/new", ctx -> page(ctx, (user, token) ->
                newItem(ctx, user, token, "", 200)));
        routes.addHttpHandler(HandlerType.POST, "/items", ctx -> page(ctx, (user, token) -> create(ctx, user, token)));
        routes.addHttpHandler(HandlerType.GET, "/items/{id}", ctx -> page(ctx, (user, token) -> item(ctx, user, token)));
        Desk desk = new Desk(this);
        routes.addHttpHandler(HandlerType.GET, "/hotline", ctx -> page(ctx, (user, token) -> desk.lines(ctx, user, token)));
        routes.addHttpHandler(HandlerType.GET, "/hotline/{line}", ctx -> page(ctx, (user, token) ->
                desk.desk(ctx, user, token)));
        routes.addHttpHandler(HandlerType.GET, "/hotline/{line}/stream", ctx -> page(ctx, (user, token) ->
                desk.stream(ctx, user, token)));
        routes.addHttpHandler(HandlerType.POST, "/hotline/messages/{id}/ack", ctx -> page(ctx, (user, token) -> {
            requireForm(ctx, token);
            desk.ack(ctx, user, token);
        }));
        routes.addHttpHandler(HandlerType.POST, "/hotline/alarms/{id}/clear", ctx -> page(ctx, (user, token) -> {
            requireForm(ctx, token);
            desk.clear(ctx, user, token);
        }));
        routes.addHttpHandler(HandlerType.GET, "/items/{id}/release", ctx -> page(ctx, (user, token) ->
                release(ctx, user, token, false)));
        routes.addHttpHandler(HandlerType.POST, "/items/{id}/release", ctx -> page(ctx, (user, token) -> {
            requireForm(ctx, token);
            release(ctx, user, token, true);
        }));
    }

    @FunctionalInterface
    private interface PageHandler {
        void handle(User user, String token) throws Exception;
    }

    /** Runs {@code handler} for the session's user; without a valid session, back to sign-in. */
    private void page(Context ctx, PageHandler handler) throws Exception {
        headers(ctx);
        String token = ctx.cookie(SESSION);
        User user;
        try {
            if (token == null || token.isBlank()) {
                throw new UnauthenticatedException("SESSION_MISSING", "sign in");
            }
            user = node.accounts().authenticate(token);
        } catch (UnauthenticatedException e) {
            ctx.header("Set-Cookie", cookie(SESSION, "", 0));
            ctx.redirect(token == null ? "/login" : "/login?expired", io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        try {
            handler.handle(user, token);
        } catch (DomainException e) {
            // A refusal inside a page is a page too, with the reason; the banners stand at the lowest level.
            int status = e instanceof io.liaison.core.error.ForbiddenException ? 403
                    : e instanceof NotFoundException ? 404 : e instanceof io.liaison.core.error.RateLimitedException ? 429
                    : e instanceof io.liaison.core.error.ConflictException ? 409 : 400;
            render(ctx, status, "refused.jte", Map.of("page", page("Refused", Optional.of(user), lowest(), form(token)),
                    "code", e.code(), "message", e.getMessage()));
        }
    }

    private void headers(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("Cache-Control", "no-store");
    }

    private void login(Context ctx, String message, int status) {
        headers(ctx);
        String pre = ctx.cookie(PRESESSION);
        if (pre == null || !pre.matches("[0-9a-f]{32}")) {
            byte[] b = new byte[16];
            new SecureRandom().nextBytes(b);
            pre = HexFormat.of().formatHex(b);
            ctx.header("Set-Cookie", cookie(PRESESSION, pre, 600));
        }
        String shown = message.isEmpty() && ctx.queryParam("expired") != null
                ? "Your session has ended; sign in again." : message;
        render(ctx, status, "login.jte", Map.of("page", page("Sign in", Optional.empty(), lowest(), form(pre)),
                "message", shown));
    }

    private void signIn(Context ctx) {
        headers(ctx);
        String pre = ctx.cookie(PRESESSION);
        if (pre == null || !same(form(pre), ctx.formParam("csrf"))) {
            login(ctx, "The sign-in form has expired; please sign in again.", 403);
            return;
        }
        String name = Optional.ofNullable(ctx.formParam("user")).orElse("");
        String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
        try {
            Accounts.IssuedToken t = node.accounts().login(name, password.toCharArray(), ctx.ip());
            ctx.header("Set-Cookie", cookie(SESSION, t.token(), -1));
            ctx.redirect("/search", io.javalin.http.HttpStatus.SEE_OTHER);
        } catch (DomainException e) {
            login(ctx, e.getMessage(), e instanceof io.liaison.core.error.RateLimitedException ? 429 : 401);
        }
    }

    private void search(Context ctx, User user, String token) {
        String q = Optional.ofNullable(ctx.queryParam("q")).orElse("");
        if (q.length() > 500) {
            q = q.substring(0, 500);
        }
        SearchPage found = node.items().search(user, q, 0, HITS);
        SecurityPolicy policy = node.policy();
        List<Row> rows = new ArrayList<>();
        List<String> levels = new ArrayList<>();
        for (Hit h : found.hits()) {
            Classification c = policy.classification(h.classification()).orElse(policy.lowest());
            levels.add(c.name());
            rows.add(new Row(h.id(), h.title(), c.portion().primary(), Styles.cssClass(c)));
        }
        render(ctx, 200, "search.jte", Map.of("page", page("Search", Optional.of(user), highest(levels), form(token)),
                "query", q, "rows", rows, "total", found.total()));
    }

    /**
     * The item of the path as {@code user} may read it; otherwise the not-found page, the same for a hidden item as
     * for a missing one (R9), and empty.
     */
    private Optional<ItemView> readable(Context ctx, User user, String token) {
        String id = ctx.pathParam("id");
        try {
            return Optional.of(node.items().read(user, id, Optional.empty()));
        } catch (NotFoundException e) {
            render(ctx, 404, "missing.jte", Map.of("page", page("Not found", Optional.of(user), lowest(), form(token)),
                    "what", "item " + (id.length() > 64 ? id.substring(0, 64) + "…" : id)));
            return Optional.empty();
        }
    }

    private void item(Context ctx, User user, String token) {
        Optional<ItemView> found = readable(ctx, user, token);
        if (found.isEmpty()) {
            return;
        }
        ItemView v = found.get();
        SecurityPolicy policy = node.policy();
        SecurityLabel label = v.nodeLabel();
        Classification c = policy.classification(label.classification()).orElse(policy.lowest());
        boolean received = v.provenance().isPresent();
        ItemPage page = new ItemPage(v.id(), v.title(), c.portion().primary(), Styles.cssClass(c), v.marking(), received,
                received ? v.originatorLabel().classification() + " (" + v.originatorLabel().policy().name() + ")" : "",
                v.provenance().map(p -> p.chainWritten()).orElse(""), v.originator().code(),
                v.purposes().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")), v.status(),
                v.attachments().stream().map(a -> a.name()).collect(Collectors.joining(", ")), v.text().orElse(""));
        render(ctx, 200, "item.jte", Map.of("page", page(v.title(), Optional.of(user), banner(label), form(token)),
                "item", page));
    }

    private void newItem(Context ctx, User user, String token, String message, int status) {
        render(ctx, status, "create.jte", Map.of("page", page("New item", Optional.of(user), lowest(), form(token)),
                "levels", node.policy().levels().stream().map(Classification::name).toList(), "message", message));
    }

    /** Creates an item from the form; a refusal shows the form again with the reason, and nothing is stored. */
    private void create(Context ctx, User user, String token) {
        requireForm(ctx, token);
        SecurityPolicy policy = node.policy();
        try {
            String level = Optional.ofNullable(ctx.formParam("classification")).orElse("");
            if (policy.classification(level).isEmpty()) {
                throw new io.liaison.core.error.InvalidInputException("CLASSIFICATION_UNKNOWN", "classification '"
                        + level + "' is not a level of " + policy.id() + " (levels: " + policy.levelNames() + ")");
            }
            java.util.Set<io.liaison.core.party.Purpose> purposes = new java.util.LinkedHashSet<>();
            for (String line : Optional.ofNullable(ctx.formParam("purposes")).orElse("").split("\\R")) {
                if (!line.isBlank()) {
                    purposes.add(io.liaison.core.party.Purpose.of(line.strip()));
                }
            }
            if (purposes.isEmpty()) {
                throw new io.liaison.core.error.InvalidInputException("PURPOSES_MISSING", "an item needs at least one "
                        + "purpose (R1)");
            }
            SecurityLabel label = SecurityLabel.of(new io.liaison.core.label.PolicyIdentifier(policy.name(),
                    policy.oid().map(o -> "urn:oid:" + o)), policy.canonicalLevel(level), node.party(),
                    node.clock().instant());
            ItemView v = node.items().create(user, new io.liaison.node.items.NewItem(Optional.ofNullable(
                    ctx.formParam("title")).orElse(""), Optional.ofNullable(ctx.formParam("text")).orElse(""), label,
                    purposes, false, List.of(), "registry"));
            ctx.redirect("/items/" + v.id(), io.javalin.http.HttpStatus.SEE_OTHER);
        } catch (DomainException | IllegalArgumentException e) {
            newItem(ctx, user, token, e.getMessage(), e instanceof io.liaison.core.error.ForbiddenException ? 403 : 400);
        }
    }

    /**
     * The release page: choose the party and agreement, see the decision and its reason before confirming; a
     * release goes only on an allowing decision. An item the user may not read answers like a missing one.
     */
    private void release(Context ctx, User user, String token, boolean posted) {
        Optional<ItemView> found = readable(ctx, user, token);
        if (found.isEmpty()) {
            return;
        }
        ItemView v = found.get();
        var catalog = node.agreements().catalog();
        List<String> agreements = catalog.agreements().stream().filter(a -> a.isParty(node.party()))
                .map(a -> a.id().value()).sorted().toList();
        List<String> parties = catalog.agreements().stream().filter(a -> a.isParty(node.party()))
                .flatMap(a -> a.members().stream()).filter(p -> !p.equals(node.party())).map(io.liaison.core.party.Party::code)
                .distinct().sorted().toList();
        String to = Optional.ofNullable(ctx.formParam("to")).orElse(parties.isEmpty() ? "" : parties.getFirst());
        String agreement = Optional.ofNullable(ctx.formParam("agreement")).orElse(agreements.isEmpty() ? ""
                : agreements.getFirst());
        String purpose = Optional.ofNullable(ctx.formParam("purpose")).orElse(v.purposes().stream().map(Object::toString)
                .sorted().findFirst().orElse(""));
        String decision = "";
        boolean allowed = false;
        if (posted) {
            if (federation.isEmpty()) {
                decision = "this node runs without its federation: nothing can be released from it";
            } else {
                try {
                    io.liaison.core.party.Party party = io.liaison.core.party.Party.of(to);
                    io.liaison.core.party.Purpose p = io.liaison.core.party.Purpose.of(purpose);
                    io.liaison.core.agreement.AgreementId a = io.liaison.core.agreement.AgreementId.of(agreement);
                    io.liaison.core.decision.Decision d;
                    if ("release".equals(ctx.formParam("action"))) {
                        var released = federation.get().releases().release(user, v.id(), party, p, a);
                        d = released.decision();
                        decision = written(d) + (released.envelope().map(e -> " — released in envelope " + e).orElse(""));
                    } else {
                        d = federation.get().releases().preview(user, v.id(), party, p, a);
                        decision = written(d);
                        allowed = d.allowed();
                    }
                } catch (DomainException | IllegalArgumentException e) {
                    decision = "REFUSED: " + e.getMessage();
                }
            }
        }
        SecurityPolicy policy = node.policy();
        Classification c = policy.classification(v.nodeLabel().classification()).orElse(policy.lowest());
        render(ctx, 200, "release.jte", Map.of("page", page("Release " + v.title(), Optional.of(user),
                banner(v.nodeLabel()), form(token)), "form", new ReleaseForm(v.id(), v.title(), c.portion().primary(),
                Styles.cssClass(c), parties, agreements, to, agreement, purpose, decision, allowed)));
    }

    private static String written(io.liaison.core.decision.Decision d) {
        return (d.allowed() ? "ALLOWED" : "REFUSED") + " " + d.code() + " [" + d.rule() + "]: " + d.message();
    }

    Page page(String title, Optional<User> user, Page.Banner banner, String csrf) {
        return new Page(title, node.party().code(), user.map(u -> new Page.Viewer(u.name(), node.party().code(),
                u.clearance().level(), u.duties().stream().map(Object::toString).sorted()
                .collect(Collectors.joining(", ")))), banner, csrf);
    }

    private Page.Banner banner(SecurityLabel label) {
        SecurityPolicy policy = node.policy();
        Classification c = policy.classification(label.classification()).orElse(policy.lowest());
        return new Page.Banner(Markings.banner(label, policy), Styles.cssClass(c));
    }

    /** The banner of the highest of {@code levels} (this node's policy), or the lowest level when there are none. */
    Page.Banner highest(List<String> levels) {
        SecurityPolicy policy = node.policy();
        return levels.stream().max(Comparator.comparingInt(policy::rank))
                .flatMap(policy::classification).map(c -> new Page.Banner(c.banner().primary(), Styles.cssClass(c)))
                .orElseGet(this::lowest);
    }

    Page.Banner lowest() {
        Classification c = node.policy().lowest();
        return new Page.Banner(c.banner().primary(), Styles.cssClass(c));
    }

    /** A template rendered to text (a page, or a fragment for the live stream). */
    String text(String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        templates.render(template, params, out);
        return out.toString();
    }

    io.liaison.core.policy.SecurityPolicy policy() {
        return node.policy();
    }

    /** The session's user; throws when the session has ended. */
    User authenticate(String token) {
        return node.accounts().authenticate(token);
    }

    Optional<io.liaison.hotline.Hotline> hotline() {
        return hotline;
    }

    void render(Context ctx, int status, String template, Map<String, Object> params) {
        String html = text(template, params);
        ctx.status(status);
        ctx.contentType("text/html; charset=utf-8");
        ctx.result(html);
    }

    /** The form token bound to {@code secret} (the session's token, or the sign-in cookie). */
    String form(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(formKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void requireForm(Context ctx, String token) {
        if (!same(form(token), ctx.formParam("csrf"))) {
            throw new io.liaison.core.error.ForbiddenException("FORM_TOKEN_INVALID", "the form's token does not belong "
                    + "to this session; reload the page");
        }
    }

    private static boolean same(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.US_ASCII));
    }

    private String cookie(String name, String value, int maxAge) {
        return name + "=" + value + "; Path=/; HttpOnly; SameSite=Strict" + (tls ? "; Secure" : "")
                + (maxAge >= 0 ? "; Max-Age=" + maxAge : "");
    }
}
