package io.liaison.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.catalog.json.Json;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.error.UnauthenticatedException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Talks to a running node's API with a bearer token; a problem answer becomes a {@link Refused}. */
final class NodeClient {
    private final HttpClient http;
    private final URI base;
    private final Optional<String> token;

    /** A non-2xx answer: the HTTP status and the problem's detail. */
    static final class Refused extends RuntimeException {
        final int status;

        Refused(int status, String detail) {
            super(detail);
            this.status = status;
        }
    }

    NodeClient(String baseUrl, Optional<String> token) {
        this(baseUrl, token, Optional.empty());
    }

    /** @param ca the node's party CA, which its HTTPS certificate must chain to; without it, HTTPS trusts nothing */
    NodeClient(String baseUrl, Optional<String> token, Optional<java.nio.file.Path> ca) {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (baseUrl.startsWith("https:")) {
            if (ca.isEmpty()) {
                throw new InvalidInputException("CA_MISSING", "--node " + baseUrl + " is HTTPS: give the node's party CA "
                        + "with --ca FILE or $LIAISON_CA (the node's pki/party-ca.pem)");
            }
            b.sslContext(io.liaison.federation.transport.TlsContexts.trusting(
                    io.liaison.node.crypto.Pki.readCertificatePem(ca.get())));
        } else {
            // Plain HTTP (loopback): without a context of its own the client loads the JDK's whole CA store, which
            // costs a fifth of a second at every call and would trust what it holds.
            b.sslContext(io.liaison.federation.transport.TlsContexts.trustingNothing());
        }
        this.http = b.build();
        try {
            this.base = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("NODE_URL", "--node '" + baseUrl + "' is not a URL");
        }
        this.token = token.filter(t -> !t.isBlank());
    }

    JsonNode get(String path, Map<String, String> query) {
        return send(HttpRequest.newBuilder(uri(path, query)).GET());
    }

    JsonNode post(String path, Object body) {
        return send(HttpRequest.newBuilder(uri(path, Map.of())).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.compact(body))));
    }

    JsonNode delete(String path) {
        return send(HttpRequest.newBuilder(uri(path, Map.of())).DELETE());
    }

    /**
     * Reads a Server-Sent Events stream, passing each event's name and data to {@code onEvent} until it returns
     * false or the stream ends.
     */
    void stream(String path, Map<String, String> query, java.util.function.BiPredicate<String, String> onEvent) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path, query)).header("Accept", "text/event-stream").GET();
        token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
        try {
            HttpResponse<java.util.stream.Stream<String>> r = http.send(b.build(),
                    HttpResponse.BodyHandlers.ofLines());
            if (r.statusCode() / 100 != 2) {
                String text = r.body().collect(java.util.stream.Collectors.joining("\n"));
                JsonNode body = text.isBlank() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(text);
                throw new Refused(r.statusCode(), body.path("detail").asText("HTTP " + r.statusCode()));
            }
            try (java.util.stream.Stream<String> lines = r.body()) {
                String event = "message";
                StringBuilder data = new StringBuilder();
                for (var it = lines.iterator(); it.hasNext(); ) {
                    String line = it.next();
                    if (line.isEmpty()) {
                        if (!data.isEmpty() && !onEvent.test(event, data.toString())) {
                            return;
                        }
                        event = "message";
                        data.setLength(0);
                    } else if (line.startsWith("event:")) {
                        event = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).strip());
                    }
                }
            }
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidInputException("INTERRUPTED", "interrupted");
        }
    }

    private InvalidInputException unreachable(IOException e) {
        return new InvalidInputException("NODE_UNREACHABLE", "cannot reach the node at " + base + ": "
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }

    private URI uri(String path, Map<String, String> query) {
        StringBuilder sb = new StringBuilder(base.toString()).append(path);
        String sep = "?";
        for (var e : query.entrySet()) {
            if (e.getValue() != null) {
                sb.append(sep).append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
                sep = "&";
            }
        }
        return URI.create(sb.toString());
    }

    /** A document that is not JSON (a SPIF file), as text; a refusal as for JSON. */
    String text(String path, Map<String, String> query) {
        return exchange(HttpRequest.newBuilder(uri(path, query)).GET()).body();
    }

    private JsonNode send(HttpRequest.Builder b) {
        try {
            String text = exchange(b).body();
            return text.isBlank() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new InvalidInputException("NODE_ANSWER", "the node's answer is not JSON: " + e.getMessage());
        }
    }

    private HttpResponse<String> exchange(HttpRequest.Builder b) {
        token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
        b.timeout(Duration.ofSeconds(60));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() / 100 != 2) {
                JsonNode body = problem(r.body());
                if (r.statusCode() == 401 && token.isEmpty()) {
                    throw new UnauthenticatedException("TOKEN_MISSING", "no token: set LIAISON_TOKEN (from liaison login)"
                            + " or pass --token");
                }
                throw new Refused(r.statusCode(), body.path("detail").asText("HTTP " + r.statusCode()));
            }
            return r;
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidInputException("INTERRUPTED", "interrupted");
        }
    }

    private static JsonNode problem(String body) {
        try {
            return body.isBlank() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return Json.MAPPER.createObjectNode();
        }
    }
}
