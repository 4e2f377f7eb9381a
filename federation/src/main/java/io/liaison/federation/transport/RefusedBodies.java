package io.liaison.federation.transport;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rest of a body refused as over the limit, read and dropped before the refusal is sent, so that a client still
 * sending gets its 413. Jetty closes a connection at once when an exchange ends with its body unread; the client,
 * still writing, then meets a reset and may lose the answer with it (the lingering close of RFC 9112, section 9.6).
 * At most {@code cap} bytes are dropped; a body declared longer is not read at all and its client may see the reset.
 * For the user API and the federation listener alike.
 */
public final class RefusedBodies {
    private static final Logger LOG = LoggerFactory.getLogger(RefusedBodies.class);
    private static final int BUFFER = 64 * 1024;

    private RefusedBodies() {}

    /**
     * Answers a request refused as over {@code limit} bytes: its body is read to the end (at most twice the limit) and
     * dropped, then the 413 is written as {@code code} and {@code detail}, unless a route already wrote its own problem.
     */
    public static void refuse(Context ctx, long limit, String code, String detail) {
        drain(ctx, 2 * limit);
        String type = ctx.res().getContentType();
        if (type == null || !type.startsWith("application/problem+json")) {
            Problems.write(ctx, 413, code, detail);
        }
    }

    /** Reads and drops what is left of the request's body, up to {@code cap} bytes; a client that leaves ends it. */
    static void drain(Context ctx, long cap) {
        long declared = ctx.contentLength();
        if (declared > cap) {
            return;
        }
        byte[] buffer = new byte[BUFFER];
        long dropped = 0;
        try {
            InputStream in = ctx.req().getInputStream();
            int n;
            while (dropped < cap && (n = in.read(buffer, 0, (int) Math.min(buffer.length, cap - dropped))) >= 0) {
                dropped += n;
            }
        } catch (IOException | IllegalStateException gone) {
            // The client left, or the body can no longer be read: there is nothing more to drop.
            LOG.debug("the rest of a refused body could not be read after {} bytes: {}", dropped, gone.toString());
        }
    }
}
