package io.liaison.server;

import io.liaison.federation.transport.Problems;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Failures that Jetty answers itself, before any route runs (a URI or headers too long, a body too large, a path it
 * cannot parse): answered like every other failure, as problem+json in UTF-8 with the security headers, never as
 * Jetty's HTML or text.
 */
final class JettyProblems extends ErrorHandler {
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) throws IOException {
        response.setStatus(code);
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(HttpHeader.CONTENT_TYPE, Problems.MEDIA_TYPE);
        SecurityHeaders.apply(headers::put);
        response.write(true, ByteBuffer.wrap(Problems.body(code, "HTTP_" + code, detail(code, message))), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Problems.MEDIA_TYPE);
        SecurityHeaders.apply(fields::put);
        return ByteBuffer.wrap(Problems.body(status, "HTTP_" + status, detail(status, reason)));
    }

    private static String detail(int code, String message) {
        return switch (code) {
            case 400 -> "the request is malformed" + (message == null || message.isBlank() ? "" : ": " + message);
            case 413 -> "the request body is over the node's limit";
            case 414 -> "the request URI is over the node's limit";
            case 431 -> "the request headers are over the node's limit";
            default -> message == null || message.isBlank() ? Problems.title(code) : message;
        };
    }
}
