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
    private final Duration timeout;

    public FederationClient(URI base, SSLContext tls, Duration timeout) {
        if (!"https".equals(base.getScheme())) {
            throw new IllegalArgumentException("peer URL " + base + " is not https");
        }
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(new String[] {"TLSv1.3"});
        this.http = HttpClient.newBuilder().sslContext(tls).sslParameters(parameters).connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1).build();
        this.endpoint = base.resolve(FederationListener.PATH);
        this.timeout = timeout;
    }

    /** Posts the envelope; transport failures (refused handshake, peer down) throw {@link IOException}. */
    public Answer send(Envelope envelope) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(envelope.toWire())).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    @Override
    public void close() {
        http.close();
    }
}
