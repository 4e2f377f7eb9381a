package io.liaison.server;

import io.javalin.http.Context;
import io.liaison.catalog.json.Json;
import io.liaison.core.error.InvalidInputException;
import java.util.Locale;

/** Reads JSON request bodies (type and size checked first) and writes JSON answers. */
final class Bodies {
    private Bodies() {}

    static <T> T read(Context ctx, Class<T> type, long limit) {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new InvalidInputException("MEDIA_TYPE", "the body must be application/json, not "
                    + (contentType == null ? "missing" : contentType));
        }
        if (ctx.contentLength() > limit) {
            throw new InvalidInputException("BODY_TOO_LARGE", "the body is " + ctx.contentLength()
                    + " bytes; the limit is " + limit);
        }
        byte[] bytes = ctx.bodyAsBytes();
        return Json.read(bytes, type, "request body", (int) Math.min(Integer.MAX_VALUE, limit));
    }

    static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(Json.write(body));
    }

    /** One line of JSON, for an SSE data field. */
    static String jsonText(Object body) {
        return Json.compact(body);
    }

    static int intParam(Context ctx, String name, int fallback) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("PARAM_INVALID", "query parameter " + name + " '" + v + "' is not a whole number");
        }
    }

    static long longParam(Context ctx, String name, long fallback) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("PARAM_INVALID", "query parameter " + name + " '" + v + "' is not a whole number");
        }
    }
}
