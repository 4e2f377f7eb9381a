package io.liaison.federation.transport;

import io.liaison.federation.envelope.Envelope;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * Sends envelopes to one peer over mutual TLS 1.3, trusting only that peer's party CA and checking the
 * peer's certificate against the address dialled. One client per peer; thread-safe.
 */
public final class FederationClient implements AutoCloseable {
    /** The peer's answer: its status and body (a receipt, or problem+json). */
    public record Answer(int status, String body) {
        public boolean accepted() {
            return status == 200;
        }
    }

    private final HttpClient http;
    private final URI endpoint;
    private final URI batchEndpoint;
    private final Duration timeout;
    /** A batch's time: four times an envelope's. */
    private final Duration batchTimeout;

    public FederationClient(URI base, SSLContext tls, Duration timeout) {
        if (!"https".equals(base.getScheme())) {
            throw new IllegalArgumentException("peer URL " + base + " is not https");
        }
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(new String[] {"TLSv1.3"});
        this.http = HttpClient.newBuilder().sslContext(tls).sslParameters(parameters).connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1).build();
        this.endpoint = base.resolve(FederationListener.PATH);
        this.batchEndpoint = base.resolve(FederationListener.BATCH_PATH);
        this.timeout = timeout;
        this.batchTimeout = timeout.multipliedBy(4);
    }

    /** Posts the envelope; transport failures (refused handshake, peer down) throw {@link IOException}. */
    public Answer send(Envelope envelope) throws IOException, InterruptedException {
        return send(envelope, timeout);
    }

    /** As above, waiting at most {@code within} for the answer (a line check's objective is shorter than a delivery's). */
    public Answer send(Envelope envelope, java.time.Duration within) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(within)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(envelope.toWire())).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    /**
     * Posts envelopes in one request, processed in order by the peer; the answers come back in the same
     * order, one per envelope processed, and end at the first that was not accepted.
     */
    public java.util.List<Answer> sendBatch(java.util.List<Envelope> envelopes) throws IOException, InterruptedException {
        java.util.List<byte[]> wires = new java.util.ArrayList<>(envelopes.size());
        int size = 0;
        for (Envelope e : envelopes) {
            byte[] wire = e.toWire();
            wires.add(wire);
            size = Math.addExact(size, wire.length + 1);
        }
        // One array of the body's exact size: a growing buffer copied a batch's bytes several times over.
        byte[] body = new byte[size];
        int at = 0;
        for (byte[] wire : wires) {
            System.arraycopy(wire, 0, body, at, wire.length);
            at += wire.length;
            body[at++] = '\n';
        }
        HttpRequest request = HttpRequest.newBuilder(batchEndpoint).timeout(batchTimeout)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return java.util.List.of(new Answer(response.statusCode(), response.body()));
        }
        java.util.List<Answer> answers = new java.util.ArrayList<>();
        for (String line : response.body().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            com.fasterxml.jackson.databind.JsonNode json = io.liaison.catalog.json.Json.MAPPER.readTree(line);
            boolean problem = json.has("status") && json.has("code") && !json.has("v");
            answers.add(problem ? new Answer(json.path("status").asInt(500), line) : new Answer(200, line));
        }
        return answers;
    }

    @Override
    public void close() {
        http.close();
    }
}
