package io.liaison.cli;

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
        ApiServer server;
        try {
            server = ApiServer.start(node, h, p);
        } catch (RuntimeException e) {
            node.close();
            throw new IllegalArgumentException("cannot listen on " + h + ":" + p + ": " + e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            node.close();
            stopped.countDown();
        }));
        s.out().println("node " + node.party() + " listening on http://" + h + ":" + server.port() + "/api/");
        s.out().flush();
        stopped.await();
        return 0;
    }
}
