package io.liaison.server;

import java.util.function.BiConsumer;

/**
 * Headers every answer of the API carries: nothing is cached (answers hold tokens and labelled content), the media
 * type is never sniffed, the answer is never framed, and no referrer leaves the node.
 */
final class SecurityHeaders {
    private SecurityHeaders() {}

    static void apply(BiConsumer<String, String> header) {
        header.accept("Cache-Control", "no-store");
        header.accept("Pragma", "no-cache");
        header.accept("X-Content-Type-Options", "nosniff");
        header.accept("X-Frame-Options", "DENY");
        header.accept("Referrer-Policy", "no-referrer");
        header.accept("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    }

    /** Over HTTPS, browsers are also told to keep using it. */
    static void applyTls(BiConsumer<String, String> header) {
        header.accept("Strict-Transport-Security", "max-age=31536000");
    }
}
