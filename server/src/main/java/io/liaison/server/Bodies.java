package io.liaison.server;

import io.javalin.http.Context;
import io.liaison.catalog.json.Json;
import io.liaison.core.error.InvalidInputException;
import java.util.Locale;

/** Reads JSON request bodies (type and size checked first) and writes JSON answers. */
final class Bodies {
    private Bodies() {}

    static <T> T read(Context ctx, Class<T> type, long limit) {
        requireJson(ctx.contentType());
        if (ctx.contentLength() > limit) {
            throw new InvalidInputException("BODY_TOO_LARGE", "the body is " + ctx.contentLength()
                    + " bytes; the limit is " + limit);
        }
        byte[] bytes = ctx.bodyAsBytes();
        return Json.read(bytes, type, "request body", (int) Math.min(Integer.MAX_VALUE, limit));
    }

    /** A value as it may be quoted in a message: at most 64 characters. */
    static String shorten(String s) {
        return s == null ? "null" : s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }

    /**
     * Only {@code application/json}, with at most a {@code charset=utf-8} parameter: not {@code application/jsonp},
     * not {@code application/json-patch+json}, not another charset.
     */
    static void requireJson(String contentType) {
        if (contentType == null) {
            throw new InvalidInputException("MEDIA_TYPE", "the body must be application/json; the request has no "
                    + "Content-Type");
        }
        String[] parts = contentType.split(";");
        boolean ok = parts[0].strip().equalsIgnoreCase("application/json");
        for (int i = 1; i < parts.length && ok; i++) {
            String param = parts[i].strip().toLowerCase(Locale.ROOT);
            ok = param.equals("charset=utf-8") || param.equals("charset=\"utf-8\"");
        }
        if (!ok) {
            throw new InvalidInputException("MEDIA_TYPE", "the body must be application/json in UTF-8, not "
                    + shorten(contentType));
        }
    }

    static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json; charset=utf-8").result(Json.write(body));
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
