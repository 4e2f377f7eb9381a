package io.liaison.server.console;

import io.javalin.config.RoutesConfig;
import io.javalin.http.HandlerType;
import io.liaison.core.error.NotFoundException;
import io.liaison.federation.Federation;
import io.liaison.hotline.Hotline;
import io.liaison.node.Node;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console at {@code /}: the web desk of a node's analysts, releasing officers, security officers and duty
 * officers. Every page is rendered by the server under the same R9 decisions as the API (what a user may not read
 * does not exist for them), carries classification banners set by the highest label on it, needs the session
 * cookie, and posts only with its form token ({@link Frame}). This class wires the pages and serves the assets.
 */
public final class Console {
    /** The session cookie: a node token, HttpOnly, SameSite=Strict, Secure over HTTPS. */
    public static final String SESSION = "liaison_session";
    /** The sign-in form's cookie, matched by the form's token (double submit) before any session exists. */
    public static final String PRESESSION = "liaison_signin";
    /**
     * The pages, for the tests that enumerate them: each needs a session. The node refuses to start if the pages
     * it registers differ from this list (see {@link #register}); on a node without federation, the pages that
     * need it answer that it is off.
     */
    public static final List<String> PAGES = List.of("GET /", "GET /search", "GET /items/new", "POST /items",
            "POST /items/check", "GET /items/{id}", "GET /items/{id}/attachments/{name}", "POST /logout",
            "GET /hotline", "GET /hotline/{line}", "GET /hotline/{line}/stream", "POST /hotline/messages/{id}/ack",
            "POST /hotline/alarms/{id}/clear", "GET /hotline/{line}/picture", "GET /hotline/{line}/picture.json",
            "GET /agreements", "GET /agreements/{id}", "GET /approvals", "POST /approvals/grant/{id}/approve",
            "POST /approvals/grant/{id}/deny", "POST /approvals/request/{id}/approve",
            "POST /approvals/request/{id}/deny", "GET /audit", "GET /audit/{seq}",
            "GET /items/{id}/release", "POST /items/{id}/release", "POST /items/{id}/consent", "GET /outbox",
            "GET /consents", "POST /consents/{id}/grant", "POST /consents/{id}/deny",
            "POST /consents/granted/{id}/revoke", "GET /incidents", "GET /incidents/new", "POST /incidents",
            "POST /incidents/{id}/close", "POST /agreements/{id}/steps", "GET /policies", "GET /policies/{id}/spif",
            "POST /policies");
    /** What is served without a session, on purpose: the sign-in form, the style sheet and the scripts. */
    public static final List<String> OPEN = List.of("GET /login", "POST /login", "GET /console.css",
            "GET /assets/htmx.min.js", "GET /assets/sse.js", "GET /assets/console.js", "GET /assets/picture.js",
            "GET /assets/leaflet.js", "GET /assets/leaflet.css", "GET /assets/milsymbol.js",
            "GET /assets/topojson-client.js", "GET /assets/land-50m.json", "GET /assets/images/layers.png",
            "GET /assets/images/layers-2x.png");
    static final String CSP = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; "
            + "img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final String NPM = "/io/liaison/server/console/npm/";
    /** An asset served from the jar: its path, the resource it is, and its kind (js, css, json, png). */
    private record Asset(String path, String resource, String kind) {}

    private static final String WEBJARS = "/META-INF/resources/webjars/";
    private static final List<Asset> ASSETS = List.of(
            new Asset("/assets/htmx.min.js", WEBJARS + "htmx.org/2.0.7/dist/htmx.min.js", "js"),
            new Asset("/assets/sse.js", WEBJARS + "htmx-ext-sse/2.2.2/sse.js", "js"),
            new Asset("/assets/console.js", "/io/liaison/server/console/console.js", "js"),
            new Asset("/assets/picture.js", "/io/liaison/server/console/picture.js", "js"),
            new Asset("/assets/leaflet.js", WEBJARS + "leaflet/1.9.4/dist/leaflet.js", "js"),
            new Asset("/assets/leaflet.css", WEBJARS + "leaflet/1.9.4/dist/leaflet.css", "css"),
            new Asset("/assets/images/layers.png", WEBJARS + "leaflet/1.9.4/dist/images/layers.png", "png"),
            new Asset("/assets/images/layers-2x.png", WEBJARS + "leaflet/1.9.4/dist/images/layers-2x.png", "png"),
            new Asset("/assets/milsymbol.js", NPM + "milsymbol/package/dist/milsymbol.js", "js"),
            new Asset("/assets/topojson-client.js", NPM + "topojson-client/package/dist/topojson-client.min.js", "js"),
            new Asset("/assets/land-50m.json", NPM + "world-atlas/package/land-50m.json", "json"));
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8", "css",
            "text/css; charset=utf-8", "json", "application/json", "png", "image/png");

    private final Node node;
    private final Optional<Federation> federation;
    private final Optional<Hotline> hotline;
    private final boolean tls;

    public Console(Node node, Optional<Federation> federation, Optional<Hotline> hotline, boolean tls) {
        this.node = node;
        this.federation = federation;
        this.hotline = hotline;
        this.tls = tls;
    }

    /**
     * An asset holds nothing labelled (the style sheet, the scripts, the map's land), so the browser may keep it for
     * an hour, in place of the node's default of caching nothing.
     */
    private static void cacheable(io.javalin.http.Context ctx) {
        ctx.header("Cache-Control", "max-age=3600");
        ctx.res().setHeader("Pragma", null);
    }

    public void register(RoutesConfig routes) {
        routes.addHttpHandler(HandlerType.GET, "/console.css", ctx -> {
            cacheable(ctx);
            ctx.contentType("text/css; charset=utf-8");
            ctx.result(Styles.css(node.policy()));
        });
        ASSETS.forEach(asset -> routes.addHttpHandler(HandlerType.GET, asset.path(), ctx -> {
            try (var in = Console.class.getResourceAsStream(asset.resource())) {
                if (in == null) {
                    throw new NotFoundException("ASSET_MISSING", "asset " + asset.path() + " is not in this build");
                }
                ctx.contentType(TYPES.get(asset.kind()));
                cacheable(ctx);
                ctx.result(in.readAllBytes());
            }
        }));
        Frame frame = new Frame(node, tls, routes);
        new SignIn(frame).register(routes);
        new ItemPages(frame, federation.isPresent()).register();
        Desk desk = new Desk(frame, hotline);
        desk.register();
        new Picture(frame, desk).register();
        java.util.function.Supplier<Federation> federated = () -> federation.orElseThrow(() -> new NotFoundException(
                "FEDERATION_OFF", "this node runs without its federation: it exchanges nothing with other parties"));
        new AgreementPages(frame, federated, federation.isPresent()).register();
        new ApprovalPages(frame).register();
        new PolicyPages(frame).register();
        new AuditPages(frame, federation).register();
        new ReleasePages(frame, federated).register();
        new OfficerPages(frame, federated).register();
        if (!new HashSet<>(frame.registered()).equals(new HashSet<>(PAGES))) {
            throw new IllegalStateException("the console's pages " + frame.registered() + " differ from Console.PAGES");
        }
    }
}
