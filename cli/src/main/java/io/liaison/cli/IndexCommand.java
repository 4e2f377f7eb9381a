package io.liaison.cli;

import io.liaison.node.Node;
import io.liaison.node.NodePaths;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code liaison index rebuild --dir DIR}: rebuilds the search index from the database. */
@Command(name = "index", mixinStandardHelpOptions = true, description = "Maintain a node's search index.")
final class IndexCommand {
    private final Services s;

    IndexCommand(Services s) {
        this.s = s;
    }

    @Command(name = "rebuild", description = "Rebuild the search index from the database (the node must be stopped).")
    int rebuild(@Option(names = "--dir", required = true) Path dir,
            @Option(names = "--db", description = "jdbc:postgresql://… URL (default: from the configuration)") String db) {
        SecureRandom random = new SecureRandom();
        Node.Options d = Node.defaults(random);
        Node.Options options = new Node.Options(Optional.ofNullable(db), d.databaseUser(),
                Optional.ofNullable(System.getenv("LIAISON_DB_PASSWORD")).orElse(""), 2, d.hasher(), d.faults());
        try (Node node = Node.open(new NodePaths(dir), s.clock(), random, options)) {
            long n = node.items().rebuildIndex();
            s.out().println("search index rebuilt: " + n + " items");
            return 0;
        }
    }
}
