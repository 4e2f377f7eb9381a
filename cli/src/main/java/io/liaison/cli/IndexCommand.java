package io.liaison.cli;

import io.liaison.node.Node;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code liaison index rebuild --dir DIR}: rebuilds the search index from the database. */
@Command(name = "index", mixinStandardHelpOptions = true, description = "Maintain a node's search index.")
final class IndexCommand {
    private final Services s;

    IndexCommand(Services s) {
        this.s = s;
    }

    @Command(mixinStandardHelpOptions = true, name = "rebuild", description = "Rebuild the search index from the database (the node must be stopped).")
    int rebuild(@Option(names = "--dir", required = true) Path dir,
            @Option(names = "--db", description = "jdbc:postgresql://… URL (default: from the configuration)") String db) {
        try (Node node = LocalNode.open(s, dir, db, 2)) {
            long n = node.items().rebuildIndex();
            s.out().println("search index rebuilt: " + n + " items");
            return 0;
        }
    }
}
