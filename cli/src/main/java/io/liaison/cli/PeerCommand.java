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
 * {@code liaison peer add PARTY URL --ca FILE --dir DIR} and {@code liaison peer list --dir DIR}: the
 * parties a node exchanges with, each with its federation URL and pinned party CA. Like {@code index},
 * these work on the node directory while the node is stopped.
 */
@Command(name = "peer", mixinStandardHelpOptions = true, description = "The parties this node exchanges with.")
final class PeerCommand {
    private static final long MAX_CA_FILE = 16_000;
    private final Services s;

    PeerCommand(Services s) {
        this.s = s;
    }

    @Command(mixinStandardHelpOptions = true, name = "add", description = "Add a peer: its party, its federation URL (https) and its party CA (PEM).")
    int add(@Parameters(index = "0", paramLabel = "PARTY") String party,
            @Parameters(index = "1", paramLabel = "URL") String url,
            @Option(names = "--ca", required = true, paramLabel = "FILE") Path ca,
            @Option(names = "--dir", required = true) Path dir,
            @Option(names = "--db", description = "jdbc:postgresql://… URL (default: from the configuration)") String db) {
        byte[] pem = readCa(ca);
        try (Node node = LocalNode.open(s, dir, db, 2)) {
            Peer p = peers(node).add("liaison-cli", party, url, pem);
            s.out().println("peer " + p.party() + " added: " + p.url() + ", CA " + p.ca().getSubjectX500Principal().getName()
                    + " (SHA-256 " + p.caFingerprint() + ")");
            return 0;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "list", description = "List the peers and the health of each link.")
    int list(@Option(names = "--dir", required = true) Path dir,
            @Option(names = "--db", description = "jdbc:postgresql://… URL (default: from the configuration)") String db) {
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
