package io.liaison.server.console;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.liaison.core.error.DomainException;
import io.liaison.core.error.RateLimitedException;
import io.liaison.node.accounts.Accounts;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Signing in and out. The sign-in form is bound to a short-lived cookie of its own (double submit) before any
 * session exists; signing in goes through the same throttle, suspension checks and audit as the API's login.
 */
final class SignIn {
    private final Frame frame;

    SignIn(Frame frame) {
        this.frame = frame;
    }

    void register(RoutesConfig routes) {
        routes.addHttpHandler(HandlerType.GET, "/login", ctx -> form(ctx, "", 200));
        routes.addHttpHandler(HandlerType.POST, "/login", this::signIn);
        frame.post("/logout", Set.of(), (ctx, user, token) -> {
            frame.node().accounts().logout(token);
            ctx.header("Set-Cookie", frame.cookie(Console.SESSION, "", 0));
            ctx.redirect("/login", HttpStatus.SEE_OTHER);
        });
    }

    private void form(Context ctx, String message, int status) {
        frame.headers(ctx);
        String pre = ctx.cookie(Console.PRESESSION);
        if (pre == null || !pre.matches("[0-9a-f]{32}")) {
            byte[] b = new byte[16];
            new SecureRandom().nextBytes(b);
            pre = HexFormat.of().formatHex(b);
            ctx.header("Set-Cookie", frame.cookie(Console.PRESESSION, pre, 600));
        }
        String shown = message.isEmpty() && ctx.queryParam("expired") != null
                ? "Your session has ended; sign in again." : message;
        frame.render(ctx, status, "login.jte", Map.of("page", frame.anonymous("Sign in", pre), "message", shown));
    }

    private void signIn(Context ctx) {
        frame.headers(ctx);
        String pre = ctx.cookie(Console.PRESESSION);
        if (pre == null || !Frame.same(frame.form(pre), ctx.formParam("csrf"))) {
            form(ctx, "The sign-in form has expired; please sign in again.", 403);
            return;
        }
        String name = Optional.ofNullable(ctx.formParam("user")).orElse("");
        String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
        try {
            Accounts.IssuedToken t = frame.node().accounts().login(name, password.toCharArray(), ctx.ip());
            ctx.header("Set-Cookie", frame.cookie(Console.SESSION, t.token(), -1));
            ctx.redirect("/search", HttpStatus.SEE_OTHER);
        } catch (DomainException e) {
            form(ctx, e.getMessage(), e instanceof RateLimitedException ? 429 : 401);
        }
    }
}
