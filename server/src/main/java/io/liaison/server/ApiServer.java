package io.liaison.server;

import static io.javalin.http.HandlerType.GET;

import io.javalin.Javalin;
import io.liaison.federation.Federation;
import io.liaison.federation.transport.Problems;
import io.liaison.federation.transport.TlsConnectors;
import io.liaison.hotline.Hotline;
import io.liaison.node.Node;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The node's JSON HTTP API under {@code /api/}. Every route requires a bearer token except health and login; roles
 * are route metadata checked before the handler; every failure, Jetty's own included, is a problem+json answer in
 * UTF-8; every answer carries the security headers. Plain HTTP only on loopback: on any other address the API speaks
 * HTTPS (TLS 1.3) with the node's certificate, or does not start. Runs on virtual threads.
 */
public final class ApiServer implements AutoCloseable {
    private final Javalin app;
    private final List<Route> routes;
    private final boolean tls;

    /** The node's certificate and key for HTTPS, as a TLS context. */
    public record Tls(SSLContext context) {}

    private ApiServer(Javalin app, List<Route> routes, boolean tls) {
        this.app = app;
        this.routes = routes;
        this.tls = tls;
    }

    public static ApiServer start(Node node, String host, int port) {
        return start(node, Optional.empty(), Optional.empty(), host, port, Optional.empty());
    }

    /** The API with the federation and hotline routes, on loopback or over HTTPS. */
    public static ApiServer start(Node node, Federation federation, Hotline hotline, String host, int port,
            Optional<Tls> tls) {
        return start(node, Optional.of(federation), Optional.of(hotline), host, port, tls);
    }

    /** The API with the federation routes and, when {@code hotline} is given, the hotline's; plain HTTP on loopback. */
    public static ApiServer start(Node node, Optional<Federation> federation, Optional<Hotline> hotline, String host,
            int port) {
        return start(node, federation, hotline, host, port, Optional.empty());
    }

    private static ApiServer start(Node node, Optional<Federation> federation, Optional<Hotline> hotline, String host,
            int port, Optional<Tls> tls) {
        if (tls.isEmpty() && !loopback(host)) {
            throw new IllegalArgumentException("the API listens on " + host + ", beyond loopback, only over HTTPS: tokens "
                    + "and content would cross the network unencrypted");
        }
        Routes[] holder = new Routes[1];
        Metrics metrics = new Metrics(node, federation, hotline);
        Javalin app = Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.http.maxRequestSize = node.config().bodyLimit();
            config.startup.showJavalinBanner = false;
            config.jetty.modifyServer(server -> server.setErrorHandler(new JettyProblems()));
            config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new JettyProblems()));
            config.jetty.modifyHttpConfiguration(http -> {
                http.setRequestHeaderSize(16 * 1024);
                http.setSendServerVersion(false);
            });
            tls.ifPresent(t -> config.jetty.addConnector((server, http) -> TlsConnectors.tls13(server, http, t.context(),
                    TlsConnectors.ClientAuth.NONE, host, port)));
            Routes r = new Routes(config.routes, node.accounts());
            holder[0] = r;
            config.routes.after(ctx -> RequestIds.end(ctx, metrics));
            config.routes.before(ctx -> {
                RequestIds.begin(ctx);
                SecurityHeaders.apply(ctx::header);
                if (tls.isPresent()) {
                    SecurityHeaders.applyTls(ctx::header);
                }
            });
            r.open(GET, "/api/health", "Liveness of the node; a replica says whether it leads", ctx -> Bodies.json(ctx, 200,
                    node.leadership().replicated() ? Map.of("status", "UP", "replica", node.leadership().replica(), "role",
                    leadsHere(node, federation) ? "LEADER" : "FOLLOWER") : Map.of("status", "UP")));
            r.user(GET, "/api/metrics", Set.of(), "Prometheus metrics: the node's operation, and what this account may "
                    + "see of the hotline's queues and the outbox (docs/operations.md)", (ctx, u) -> ctx.status(200)
                    .contentType(Metrics.CONTENT_TYPE).result(metrics.scrape(u)));
            r.open(GET, "/api/ready", "Readiness for a load balancer: 200 when the node can serve (its database answers, "
                    + "its audit sequencer runs), else 503 saying why; ?role=leader: ready only on the replica that leads",
                    ctx -> {
                        java.util.List<String> unready = new java.util.ArrayList<>(node.unready());
                        if ("leader".equals(ctx.queryParam("role")) && !leadsHere(node, federation)) {
                            unready.add("replica " + node.leadership().replica() + " does not lead the node");
                        }
                        if (unready.isEmpty()) {
                            Bodies.json(ctx, 200, Map.of("status", "READY"));
                        } else {
                            ctx.status(503).contentType("application/problem+json").result(Bodies.jsonText(Map.of(
                                    "type", "urn:liaison:problem:not-ready", "title", "Service Unavailable", "status",
                                    503, "code", "NOT_READY", "detail", String.join("; ", unready))));
                        }
                    });
            new io.liaison.server.console.Console(node, federation, hotline, tls.isPresent()).register(config.routes);
            new UserHandlers(node).register(r);
            new ItemHandlers(node, federation).register(r);
            new AuditHandlers(node).register(r);
            new AgreementHandlers(node, federation).register(r);
            new ApprovalHandlers(node).register(r);
            new ContractorHandlers(node).register(r);
            new PolicyHandlers(node).register(r);
            new BindingHandlers(node, federation).register(r);
            federation.ifPresent(f -> new FederationHandlers(f, node.config().bodyLimit()).register(r));
            federation.ifPresent(f -> new VisitHandlers(node, f).register(r));
            federation.ifPresent(f -> new ExerciseHandlers(node, f).register(r));
            federation.ifPresent(f -> new AircraftHandlers(node, f).register(r));
            hotline.ifPresent(h -> new HotlineHandlers(h, node, node.config().bodyLimit()).register(r));
            hotline.ifPresent(h -> new MaritimeHandlers(h).register(r));
            r.user(GET, "/api/openapi.json", Set.of(), "This API as OpenAPI 3.1", (ctx, u) ->
                    Bodies.json(ctx, 200, OpenApi.document(holder[0].all(), node.party().code())));
            config.routes.exception(Exception.class, (e, ctx) -> Problems.handle(e, ctx));
            config.routes.error(404, "*", ctx -> {
                String type = ctx.res().getContentType();
                if (type == null || !type.startsWith("application/problem+json") && !type.startsWith("text/html")) {
                    Problems.write(ctx, 404, "ROUTE_NOT_FOUND", "no route " + ctx.method() + " " + Bodies.shorten(
                            ctx.path()));
                }
            });
            config.routes.error(405, "*", ctx -> Problems.write(ctx, 405, "METHOD_NOT_ALLOWED",
                    "method " + ctx.method() + " is not allowed on " + Bodies.shorten(ctx.path())));
            config.routes.error(413, "*", ctx -> io.liaison.federation.transport.RefusedBodies.refuse(ctx,
                    node.config().bodyLimit(), "BODY_TOO_LARGE", "the request body is over the node's limit of "
                    + node.config().bodyLimit() + " bytes"));
        });
        if (tls.isPresent()) {
            app.start();
        } else {
            app.start(host, port);
        }
        return new ApiServer(app, holder[0].all(), tls.isPresent());
    }

    /** Whether {@code host} is a loopback address (or a name that resolves only to loopback). */
    public static boolean loopback(String host) {
        try {
            InetAddress[] all = InetAddress.getAllByName(host);
            for (InetAddress a : all) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return all.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public int port() {
        return tls ? ((ServerConnector) app.jettyServer().server().getConnectors()[0]).getLocalPort() : app.port();
    }

    /** Whether the API speaks HTTPS. */
    public boolean https() {
        return tls;
    }

    /** Every registered route, with its access rule. */
    public List<Route> routes() {
        return routes;
    }

    @Override
    public void close() {
        app.stop();
    }

    /** Whether this replica leads and serves as leader (its listener and delivery run), not only holds the lock. */
    private static boolean leadsHere(Node node, Optional<Federation> federation) {
        return node.leadership().leading() && federation.map(Federation::leads).orElse(true);
    }
}
