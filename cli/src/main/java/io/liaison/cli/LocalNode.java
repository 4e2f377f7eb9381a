package io.liaison.cli;

import io.liaison.node.Node;
import io.liaison.node.NodePaths;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;

/** Opens the node in a directory for the commands that work on it directly (serve, audit verify, index). */
final class LocalNode {
    private LocalNode() {}

    /**
     * @param db a database URL overriding the configuration's, or null
     * @param poolSize connections to keep; a command that runs alone needs few
     */
    static Node open(Services s, Path dir, String db, int poolSize) {
        return open(s, dir, db, poolSize, Optional.empty());
    }

    /** As above; with {@code replica}, as that replica of the node ({@code serve --replica}). */
    static Node open(Services s, Path dir, String db, int poolSize, Optional<String> replica) {
        SecureRandom random = new SecureRandom();
        Node.Options d = Node.defaults(random);
        Node.Options options = new Node.Options(Optional.ofNullable(db), d.databaseUser(),
                Optional.ofNullable(System.getenv("LIAISON_DB_PASSWORD")).orElse(""), poolSize, d.hasher(), d.faults());
        return Node.open(new NodePaths(dir), s.clock(), random, replica.map(options::asReplica).orElse(options));
    }
}
