package io.liaison.cli;

import io.liaison.core.error.InvalidInputException;
import io.liaison.federation.peers.Peer;
import io.liaison.federation.peers.Peers;
import io.liaison.node.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code liaison peer add|update|remove|list}: the parties a node exchanges with, each with its federation URL and
 * pinned party CA. On a running node (through its API) a change is asked for and made when a second security officer
 * approves it ({@code liaison approval approve}); with {@code --dir}, on the directory of a stopped node, at once, by
 * whoever holds the node's files.
 */
@Command(name = "peer", mixinStandardHelpOptions = true, description = {"The parties this node exchanges with.",
        "On a running node a change waits for a second security officer; with --dir it is made on a stopped node."})
final class PeerCommand {
    private static final long MAX_CA_FILE = 16_000;
    private final Services s;

    // Not the Remote mixin: --ca here is the peer's party CA; the node's own, for HTTPS, is --node-ca.
    @Option(names = "--node", scope = picocli.CommandLine.ScopeType.INHERIT, paramLabel = "URL",
            description = "node API (default: $LIAISON_NODE or http://127.0.0.1:8443)")
    String node;

    @Option(names = "--token", scope = picocli.CommandLine.ScopeType.INHERIT, paramLabel = "TOKEN",
            description = "bearer token (default: $LIAISON_TOKEN)")
    String token;

    @Option(names = "--node-ca", scope = picocli.CommandLine.ScopeType.INHERIT, paramLabel = "FILE",
            description = "the node's own party CA, to check its HTTPS certificate (default: $LIAISON_CA)")
    Path nodeCa;

    private NodeClient client() {
        Remote r = new Remote();
        r.node = node;
        r.token = token;
        r.ca = nodeCa;
        return r.client();
    }

    PeerCommand(Services s) {
        this.s = s;
    }

    @Command(mixinStandardHelpOptions = true, name = "add", description = "Add a peer: its party, its federation URL "
            + "(https) and its party CA (PEM).")
    int add(@Parameters(index = "0", paramLabel = "PARTY") String party,
            @Parameters(index = "1", paramLabel = "URL") String url,
            @Option(names = "--ca", required = true, paramLabel = "FILE") Path ca,
            @Option(names = "--dir", description = "a stopped node's directory (otherwise: the running node's API)")
            Path dir,
            @Option(names = "--db", description = "jdbc:postgresql://… URL (default: from the configuration)") String db) {
        byte[] pem = readCa(ca);
        if (dir == null) {
            return asked(client().post("/api/peers", java.util.Map.of("party", party, "url", url, "ca",
                    new String(pem, java.nio.charset.StandardCharsets.US_ASCII))));
        }
        try (Node node = LocalNode.open(s, dir, db, 2)) {
            Peer p = peers(node).add("liaison-cli", party, url, pem);
            s.out().println("peer " + p.party() + " added: " + p.url() + ", CA " + p.ca().getSubjectX500Principal().getName()
                    + " (SHA-256 " + p.caFingerprint() + ")");
            return 0;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "update", description = "Change a running node's peer: its URL, "
            + "its party CA, or both.")
    int update(@Parameters(paramLabel = "PARTY") String party, @Option(names = "--url") String url,
            @Option(names = "--ca", paramLabel = "FILE") Path ca) {
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        if (url != null) {
            body.put("url", url);
        }
        if (ca != null) {
            body.put("ca", new String(readCa(ca), java.nio.charset.StandardCharsets.US_ASCII));
        }
        return asked(client().post("/api/peers/" + party, body));
    }

    @Command(mixinStandardHelpOptions = true, name = "remove", description = "Remove a running node's peer: its CA is "
            + "trusted no more; messages queued for it wait.")
    int remove(@Parameters(paramLabel = "PARTY") String party) {
        return asked(client().delete("/api/peers/" + party));
    }

    private int asked(com.fasterxml.jackson.databind.JsonNode r) {
        s.out().println("peer change " + r.path("id").asText() + " asked: " + r.path("summary").asText());
        s.out().println("  a second security officer approves it: liaison approval approve " + r.path("id").asText());
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "list", description = "List the peers and the health of each link.")
    int list(@Option(names = "--dir", description = "a stopped node's directory (otherwise: the running node's API)")
            Path dir,
            @Option(names = "--db", description = "jdbc:postgresql://… URL (default: from the configuration)") String db) {
        if (dir == null) {
            var all = client().get("/api/peers", java.util.Map.of());
            if (all.isEmpty()) {
                s.out().println("no peers");
            }
            for (var p : all) {
                s.out().println(p.path("party").asText() + "  " + p.path("url").asText() + "  " + p.path("status").asText()
                        + (p.path("lastContact").isNull() ? " (never contacted)" : " (last contact "
                        + p.path("lastContact").asText() + ")") + (p.path("lastError").isNull() ? "" : ": "
                        + p.path("lastError").asText()) + "  CA SHA-256 " + p.path("caFingerprint").asText()
                        .substring(0, 16) + "…");
            }
            return 0;
        }
        try (Node node = LocalNode.open(s, dir, db, 2)) {
            List<Peer> all = peers(node).list();
            if (all.isEmpty()) {
                s.out().println("no peers");
            }
            for (Peer p : all) {
                s.out().println(p.party() + "  " + p.url() + "  " + p.status()
                        + p.lastContact().map(t -> " (last contact " + t + ")").orElse(" (never contacted)")
                        + p.lastError().map(e -> ": " + e).orElse("") + "  CA SHA-256 " + p.caFingerprint().substring(0, 16)
                        + "…");
            }
            return 0;
        }
    }

    private Peers peers(Node node) {
        return Peers.ofStopped(node, s.clock());
    }

    private static byte[] readCa(Path file) {
        try {
            if (Files.size(file) > MAX_CA_FILE) {
                throw new InvalidInputException("CA_TOO_LARGE", "CA file " + file + " is over " + MAX_CA_FILE + " bytes");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidInputException("CA_FILE", "cannot read CA file " + file + ": " + e.getMessage());
        }
    }
}
