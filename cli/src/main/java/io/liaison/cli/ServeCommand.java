package io.liaison.cli;

import io.liaison.federation.Federation;
import io.liaison.hotline.Hotline;
import io.liaison.node.Node;
import io.liaison.server.ApiServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code liaison serve --dir DIR}: runs the node's API until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run a node's HTTP API (loopback by default).")
final class ServeCommand implements Callable<Integer> {
    private final Services s;

    @Option(names = "--dir", required = true, description = "the node directory") Path dir;

    @Option(names = "--host", description = "address to listen on (default: from the configuration, 127.0.0.1)") String host;

    @Option(names = "--port", description = "port (default: from the configuration, 8443; 0 picks a free one)") Integer port;

    @Option(names = "--db", description = "jdbc:postgresql://… URL (default: from the configuration)") String db;

    @Option(names = "--federation-port", description = "port of the mutual-TLS federation listener, on the same host "
            + "(default 8444; 0 picks a free one); it starts only when the node has peers") Integer federationPort;

    ServeCommand(Services s) {
        this.s = s;
    }

    @Override
    public Integer call() throws InterruptedException {
        Node node = LocalNode.open(s, dir, db, 16);
        String h = host != null ? host : node.config().host();
        int p = port != null ? port : node.config().port();
        if (p < 0 || p > 65535) {
            node.close();
            throw new IllegalArgumentException("--port " + p + " is outside 0..65535");
        }
        int fp = federationPort != null ? federationPort : 8444;
        if (fp < 0 || fp > 65535) {
            node.close();
            throw new IllegalArgumentException("--federation-port " + fp + " is outside 0..65535");
        }
        Federation federation;
        try {
            federation = Federation.start(node, h, fp);
        } catch (RuntimeException e) {
            node.close();
            throw new IllegalArgumentException("cannot start federation on " + h + ":" + fp + ": " + e.getMessage());
        }
        Hotline hotline = Hotline.start(node, federation);
        ApiServer server;
        try {
            server = ApiServer.start(node, java.util.Optional.of(federation), java.util.Optional.of(hotline), h, p);
        } catch (RuntimeException e) {
            hotline.close();
            federation.close();
            node.close();
            throw new IllegalArgumentException("cannot listen on " + h + ":" + p + ": " + e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            hotline.close();
            federation.close();
            node.close();
            stopped.countDown();
        }));
        s.out().println("node " + node.party() + " listening on http://" + h + ":" + server.port() + "/api/");
        s.out().println(federation.port().map(fpo -> "federation listening on https://" + h + ":" + fpo
                + " (mutual TLS; peers: " + String.join(", ", federation.peers().list().stream()
                        .map(x -> x.party().code()).toList()) + ")")
                .orElse("federation: no peers yet (liaison peer add), so no federation listener"));
        s.out().flush();
        stopped.await();
        return 0;
    }
}
