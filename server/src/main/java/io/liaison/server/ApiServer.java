package io.liaison.server;

import static io.javalin.http.HandlerType.GET;

import io.javalin.Javalin;
import io.liaison.node.Node;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The node's JSON HTTP API under {@code /api/}. Every route requires a bearer token except health and
 * login; roles are route metadata checked before the handler; every failure is a problem+json answer.
 * Runs on virtual threads.
 */
public final class ApiServer implements AutoCloseable {
    private final Javalin app;
    private final List<Route> routes;

    private ApiServer(Javalin app, List<Route> routes) {
        this.app = app;
        this.routes = routes;
    }

    public static ApiServer start(Node node, String host, int port) {
        return start(node, java.util.Optional.empty(), host, port);
    }

    /** The API with the federation routes (releases, peers) when {@code federation} is given. */
    public static ApiServer start(Node node, java.util.Optional<io.liaison.federation.Federation> federation, String host,
            int port) {
        return start(node, federation, java.util.Optional.empty(), host, port);
    }

    /** The API with the federation routes and, when {@code hotline} is given, the hotline's. */
    public static ApiServer start(Node node, java.util.Optional<io.liaison.federation.Federation> federation,
            java.util.Optional<io.liaison.hotline.Hotline> hotline, String host, int port) {
        Routes[] holder = new Routes[1];
        Javalin app = Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.http.maxRequestSize = node.config().bodyLimit();
            config.startup.showJavalinBanner = false;
            Routes r = new Routes(config.routes, node.accounts());
            holder[0] = r;
            r.open(GET, "/api/health", "Liveness of the node", ctx -> Bodies.json(ctx, 200, Map.of("status", "UP")));
            new UserHandlers(node).register(r);
            new ItemHandlers(node, federation).register(r);
            new AuditHandlers(node).register(r);
            federation.ifPresent(f -> new FederationHandlers(f, node.config().bodyLimit()).register(r));
            hotline.ifPresent(h -> new HotlineHandlers(h, node.config().bodyLimit()).register(r));
            r.user(GET, "/api/openapi.json", Set.of(), "This API as OpenAPI 3.1", (ctx, u) ->
                    Bodies.json(ctx, 200, OpenApi.document(holder[0].all(), node.party().code())));
            config.routes.exception(Exception.class, (e, ctx) -> Problems.handle(e, ctx));
            config.routes.error(404, "*", ctx -> {
                String type = ctx.res().getContentType();
                if (type == null || !type.startsWith("application/problem+json")) {
                    Problems.write(ctx, 404, "ROUTE_NOT_FOUND", "no route " + ctx.method() + " " + ctx.path());
                }
            });
            config.routes.error(405, "*", ctx -> Problems.write(ctx, 405, "METHOD_NOT_ALLOWED",
                    "method " + ctx.method() + " is not allowed on " + ctx.path()));
        });
        app.start(host, port);
        return new ApiServer(app, holder[0].all());
    }

    public int port() {
        return app.port();
    }

    /** Every registered route, with its access rule. */
    public List<Route> routes() {
        return routes;
    }

    @Override
    public void close() {
        app.stop();
    }
}
