package io.liaison.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/** The options every command that talks to a node shares: where it is and which token to send. */
final class Remote {
    @Option(names = "--node", scope = picocli.CommandLine.ScopeType.INHERIT, paramLabel = "URL", description = "node API (default: $LIAISON_NODE or http://127.0.0.1:8443)")
    String node;

    @Option(names = "--token", scope = picocli.CommandLine.ScopeType.INHERIT, paramLabel = "TOKEN", description = "bearer token (default: $LIAISON_TOKEN)")
    String token;

    @Option(names = "--ca", scope = picocli.CommandLine.ScopeType.INHERIT, paramLabel = "FILE", description = "the node's "
            + "party CA, to check its HTTPS certificate (default: $LIAISON_CA)")
    java.nio.file.Path ca;

    NodeClient client() {
        return client(Optional.ofNullable(token != null ? token : System.getenv("LIAISON_TOKEN")));
    }

    /** A client for the same node with another token (e.g. the one a login just returned). */
    NodeClient client(Optional<String> withToken) {
        String url = node != null ? node : Optional.ofNullable(System.getenv("LIAISON_NODE")).orElse("http://127.0.0.1:8443");
        Optional<java.nio.file.Path> trust = Optional.ofNullable(ca).or(() -> Optional.ofNullable(System.getenv("LIAISON_CA"))
                .filter(x -> !x.isBlank()).map(java.nio.file.Path::of));
        return new NodeClient(url, withToken, trust);
    }
}
