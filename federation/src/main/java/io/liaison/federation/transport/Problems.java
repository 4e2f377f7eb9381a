package io.liaison.federation.transport;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.liaison.catalog.json.Json;
import io.liaison.core.error.ConflictException;
import io.liaison.core.error.DomainException;
import io.liaison.core.error.ForbiddenException;
import io.liaison.core.error.IntegrityException;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.error.NotFoundException;
import io.liaison.core.error.RateLimitedException;
import io.liaison.core.error.UnauthenticatedException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP answers, for the user API and the federation listener alike:
 * {@code application/problem+json} in UTF-8 (RFC 9457) with a stable code and a detail that names the value and
 * the rule. Each domain failure maps to one status here; unexpected failures are logged and answer 500 without
 * internals.
 */
public final class Problems {
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
    public static final String MEDIA_TYPE = "application/problem+json; charset=utf-8";

    private Problems() {}

    public static int status(DomainException e) {
        return switch (e) {
            case InvalidInputException i -> i.code().endsWith("_TOO_LARGE") ? 413 : i.code().equals("MEDIA_TYPE") ? 415 : 400;
            case NotFoundException n -> 404;
            case ConflictException c -> 409;
            case ForbiddenException f -> 403;
            case UnauthenticatedException u -> 401;
            case RateLimitedException r -> 429;
            case IntegrityException i -> 500;
        };
    }

    /**
     * Answers {@code e}: a domain failure with its status and code, anything else as a logged 500. Never throws: when
     * the exchange is already over (the client left and the server recycled the request and response), there is
     * nobody to answer, and an exception thrown here would come straight back to this handler, again and again.
     */
    public static void handle(Exception e, Context ctx) {
        try {
            answer(e, ctx);
        } catch (RuntimeException gone) {
            LOG.debug("no answer possible for {} (the exchange is over: {})", e.toString(), gone.toString());
        }
    }

    private static void answer(Exception e, Context ctx) {
        switch (e) {
            case IntegrityException d -> {
                LOG.error("integrity alarm on {} {}: {}", ctx.method(), ctx.path(), d.getMessage());
                write(ctx, 500, d.code(), d.getMessage());
            }
            case RateLimitedException d -> {
                ctx.header("Retry-After", Long.toString(d.retryAfterSeconds()));
                write(ctx, 429, d.code(), d.getMessage());
            }
            case DomainException d -> write(ctx, status(d), d.code(), d.getMessage());
            case IllegalArgumentException i -> write(ctx, 400, "INVALID", i.getMessage());
            case HttpResponseException h -> write(ctx, h.getStatus(), "HTTP_" + h.getStatus(), h.getMessage());
            default -> {
                LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
                write(ctx, 500, "INTERNAL", "the node could not complete the request; see its log");
            }
        }
    }

    public static void write(Context ctx, int status, String code, String detail) {
        ctx.status(status).contentType(MEDIA_TYPE).result(body(status, code, detail));
        if (status == 401) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"liaison\"");
        }
    }

    /** The problem document's bytes. */
    public static byte[] body(int status, String code, String detail) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "urn:liaison:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-'));
        p.put("title", title(status));
        p.put("status", status);
        p.put("code", code);
        p.put("detail", detail == null ? "" : detail);
        return Json.compactBytes(p);
    }

    public static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }
}
