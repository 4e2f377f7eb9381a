package io.liaison.server.console;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.liaison.core.error.ConflictException;
import io.liaison.core.error.DomainException;
import io.liaison.core.error.ForbiddenException;
import io.liaison.core.error.NotFoundException;
import io.liaison.core.error.RateLimitedException;
import io.liaison.core.error.UnauthenticatedException;
import io.liaison.core.label.Markings;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.policy.Classification;
import io.liaison.core.policy.SecurityPolicy;
import io.liaison.node.Node;
import io.liaison.node.accounts.Accounts;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.items.ItemView;
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
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What every console page shares: the session (a page needs the session cookie, never a bearer token, and without
 * a valid one sends the browser to sign in), the roles a page needs (the same as its API route), the form token
 * every POST must carry, the banners set by the highest label on the page, and the templates. A page registered
 * here cannot skip any of it: {@link #get} and {@link #post} are the only ways a page is added.
 */
final class Frame {
    private final Node node;
    private final boolean tls;
    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
    private final byte[] formKey = new byte[32];
    private final RoutesConfig routes;
    private final List<String> registered = new ArrayList<>();

    Frame(Node node, boolean tls, RoutesConfig routes) {
        this.node = node;
        this.tls = tls;
        this.routes = routes;
        new SecureRandom().nextBytes(formKey);
    }

    /** A page handler, given the session's user and token. */
    @FunctionalInterface
    interface PageHandler {
        void handle(Context ctx, User user, String token) throws Exception;
    }

    /** A page read with GET, open to a signed-in user holding one of {@code roles} (any user when empty). */
    void get(String path, Set<Role> roles, PageHandler handler) {
        add(HandlerType.GET, path, roles, handler);
    }

    /** A form posted to {@code path}: the session, the roles and the form's token are checked before it runs. */
    void post(String path, Set<Role> roles, PageHandler handler) {
        add(HandlerType.POST, path, roles, (ctx, user, token) -> {
            requireForm(ctx, token);
            handler.handle(ctx, user, token);
        });
    }

    private void add(HandlerType method, String path, Set<Role> roles, PageHandler handler) {
        registered.add(method + " " + path);
        routes.addHttpHandler(method, path, ctx -> page(ctx, (c, user, token) -> {
            if (!roles.isEmpty()) {
                Accounts.requireRole(user, roles);
            }
            handler.handle(c, user, token);
        }));
    }

    /** The pages registered, as "METHOD /path". */
    List<String> registered() {
        return List.copyOf(registered);
    }

    Node node() {
        return node;
    }

    SecurityPolicy policy() {
        return node.policy();
    }

    /** Runs {@code handler} for the session's user; without a valid session, back to sign-in. */
    private void page(Context ctx, PageHandler handler) throws Exception {
        headers(ctx);
        String token = ctx.cookie(Console.SESSION);
        User user;
        try {
            if (token == null || token.isBlank()) {
                throw new UnauthenticatedException("SESSION_MISSING", "sign in");
            }
            user = node.accounts().authenticate(token);
        } catch (UnauthenticatedException e) {
            ctx.header("Set-Cookie", cookie(Console.SESSION, "", 0));
            ctx.redirect(token == null ? "/login" : "/login?expired", HttpStatus.SEE_OTHER);
            return;
        }
        try {
            handler.handle(ctx, user, token);
        } catch (DomainException e) {
            // A refusal inside a page is a page too, with the reason; the banners stand at the lowest level.
            render(ctx, status(e), "refused.jte", Map.of("page", page("Refused", user, lowest(), token),
                    "code", e.code(), "message", e.getMessage()));
        }
    }

    static int status(DomainException e) {
        return e instanceof ForbiddenException ? 403 : e instanceof NotFoundException ? 404
                : e instanceof RateLimitedException ? 429 : e instanceof ConflictException ? 409 : 400;
    }

    void headers(Context ctx) {
        ctx.header("Content-Security-Policy", Console.CSP);
        ctx.header("Cache-Control", "no-store");
    }

    /**
     * The item of the path as {@code user} may read it; otherwise the not-found page, the same for a hidden item as
     * for a missing one (R9), and empty.
     */
    Optional<ItemView> readable(Context ctx, User user, String token) {
        String id = ctx.pathParam("id");
        try {
            return Optional.of(node.items().read(user, id, Optional.empty()));
        } catch (NotFoundException e) {
            missing(ctx, user, token, "item " + (id.length() > 64 ? id.substring(0, 64) + "…" : id));
            return Optional.empty();
        }
    }

    void missing(Context ctx, User user, String token, String what) {
        render(ctx, 404, "missing.jte", Map.of("page", page("Not found", user, lowest(), token), "what", what));
    }

    /** The frame of a page for a signed-in user; {@code token} is the session's, from which the form token comes. */
    Page page(String title, User user, Page.Banner banner, String token) {
        return new Page(title, node.party().code(), Optional.of(new Page.Viewer(user.name(), node.party().code(),
                user.clearance().level(), user.duties().stream().map(Object::toString).sorted()
                .collect(Collectors.joining(", ")), user.roles().stream().map(Role::written).sorted()
                .collect(Collectors.joining(", ")), node.accounts().expiry(token).map(e -> Long.toString(Math.max(0, java.time.Duration.between(
                node.clock().instant(), e).toSeconds()))).orElse(""))),
                banner, form(token));
    }

    /** The frame of a page before anyone signs in (the sign-in page, bound to its own cookie). */
    Page anonymous(String title, String presession) {
        return new Page(title, node.party().code(), Optional.empty(), lowest(), form(presession));
    }

    Page.Banner banner(SecurityLabel label) {
        SecurityPolicy policy = node.policy();
        Classification c = policy.classification(label.classification()).orElse(policy.lowest());
        return new Page.Banner(Markings.banner(label, policy), Styles.cssClass(c));
    }

    /** The banner of the highest of {@code levels} (this node's policy), or the lowest level when there are none. */
    Page.Banner highest(List<String> levels) {
        SecurityPolicy policy = node.policy();
        return levels.stream().filter(l -> policy.classification(l).isPresent())
                .max(Comparator.comparingInt(policy::rank)).flatMap(policy::classification)
                .map(c -> new Page.Banner(c.banner().primary(), Styles.cssClass(c))).orElseGet(this::lowest);
    }

    Page.Banner lowest() {
        Classification c = node.policy().lowest();
        return new Page.Banner(c.banner().primary(), Styles.cssClass(c));
    }

    /** The portion marking of a level of this node's policy, with its style class. */
    Portion portion(String level) {
        SecurityPolicy policy = node.policy();
        Classification c = policy.classification(level).orElse(policy.lowest());
        return new Portion(c.portion().primary(), Styles.cssClass(c));
    }

    /** A level's portion marking and the style class of its colours. */
    record Portion(String text, String cssClass) {}

    /** A template rendered to text (a page, or a fragment for the live stream). */
    String text(String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        templates.render(template, params, out);
        return out.toString();
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
            throw new ForbiddenException("FORM_TOKEN_INVALID", "the form's token does not belong to this session; "
                    + "reload the page");
        }
    }

    static boolean same(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.US_ASCII));
    }

    String cookie(String name, String value, int maxAge) {
        return name + "=" + value + "; Path=/; HttpOnly; SameSite=Strict" + (tls ? "; Secure" : "")
                + (maxAge >= 0 ? "; Max-Age=" + maxAge : "");
    }

    /** A form field, or empty text. */
    static String field(Context ctx, String name) {
        return Optional.ofNullable(ctx.formParam(name)).orElse("");
    }
}
