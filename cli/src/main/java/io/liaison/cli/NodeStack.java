package io.liaison.cli;

import io.liaison.federation.Federation;
import io.liaison.hotline.Hotline;
import io.liaison.node.Node;
import io.liaison.server.ApiServer;
import java.time.Clock;
import java.util.Optional;

/**
 * The composition root of a running node: its federation (mutual-TLS listener, outbox delivery), its hotline and its
 * API, wired here with constructors and nowhere else. {@code liaison serve} and the demo both start nodes through
 * it. The node itself is opened by the caller and outlives the stack (the demo stops a party's stack and starts it
 * again to show an outage).
 *
 * @param realTime the clock of retries, round trips and certificate checks; real time even when the node's own
 *     clock is simulated
 */
record NodeStack(Node node, Federation federation, Hotline hotline, ApiServer api) implements AutoCloseable {

    /** Where and how a node listens. */
    record Settings(String host, int apiPort, int federationPort, Hotline.Options hotline, Clock realTime,
            Optional<ApiServer.Tls> apiTls) {}

    static NodeStack start(Node node, Settings settings) {
        Federation federation;
        try {
            federation = Federation.start(node, settings.host(), settings.federationPort(), settings.realTime());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot start federation on " + settings.host() + ":"
                    + settings.federationPort() + ": " + e.getMessage(), e);
        }
        Hotline hotline = Hotline.start(node, federation, settings.hotline(), settings.realTime());
        try {
            ApiServer api = ApiServer.start(node, federation, hotline, settings.host(), settings.apiPort(),
                    settings.apiTls());
            return new NodeStack(node, federation, hotline, api);
        } catch (RuntimeException e) {
            hotline.close();
            federation.close();
            throw new IllegalArgumentException("cannot listen on " + settings.host() + ":" + settings.apiPort() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Stops the API, the hotline and the federation, in that order; the node stays open. */
    @Override
    public void close() {
        api.close();
        hotline.close();
        federation.close();
    }
}
