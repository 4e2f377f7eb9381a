package io.liaison.server;

import io.javalin.http.Context;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Every request gets an id: the caller's {@code X-Request-Id} when it is a short token, else a new random one. It is
 * sent back in the same header and put in the logging context as {@code requestId}, so that every log line the
 * request causes carries it (in the JSON log format, as a field). When {@code io.liaison.access} logs at INFO, each
 * request ends with one line: method, the route's template (never the concrete path, which may name an item),
 * status and duration.
 */
final class RequestIds {
    static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "requestId";
    private static final Pattern GIVEN = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Logger ACCESS = LoggerFactory.getLogger("io.liaison.access");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String STARTED = "liaison.requestStarted";

    private RequestIds() {}

    static void begin(Context ctx) {
        String given = ctx.header(HEADER);
        String id = given != null && GIVEN.matcher(given).matches() ? given : newId();
        MDC.put(MDC_KEY, id);
        ctx.header(HEADER, id);
        ctx.attribute(STARTED, System.nanoTime());
    }

    static void end(Context ctx, Metrics metrics) {
        try {
            Long started = ctx.attribute(STARTED);
            long nanos = started == null ? 0 : System.nanoTime() - started;
            metrics.request(ctx.method().name(), route(ctx), ctx.statusCode(), nanos);
            if (ACCESS.isInfoEnabled()) {
                long micros = nanos / 1000;
                ACCESS.atInfo().addKeyValue("method", ctx.method().name()).addKeyValue("route", route(ctx)).addKeyValue("status", ctx.statusCode())
                        .addKeyValue("micros", micros).log("request");
            }
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    /** The template of the route that answered, e.g. {@code /api/items/{id}}; never the concrete path. */
    private static String route(Context ctx) {
        var matched = ctx.endpoints().matchedHttpEndpoint();
        return matched == null ? "unmatched" : matched.path;
    }

    private static String newId() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
