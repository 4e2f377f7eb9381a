package io.liaison.cli;

import io.liaison.core.party.Party;
import io.liaison.node.Node;
import io.liaison.node.NodeInit;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code liaison init --party KOR --dir DIR}: creates a node (keys, PKI, config, database, admin). */
@Command(name = "init", mixinStandardHelpOptions = true, description = {
        "Create a node: signing key, party CA and TLS certificate, master key, configuration, database, admin account.",
        "Two first accounts: admin (adds accounts, asks for grants) and officer, the first security officer (approves",
        "them; nobody approves their own). Their passwords come from $LIAISON_ADMIN_PASSWORD and",
        "$LIAISON_OFFICER_PASSWORD, or are generated and printed once."})
final class InitCommand implements Callable<Integer> {
    private final Services s;

    @Option(names = "--party", required = true, description = "the party this node serves, e.g. KOR") String party;

    @Option(names = "--dir", required = true, description = "directory for the node (must not hold one)") Path dir;

    @Option(names = "--db", description = "jdbc:postgresql://… URL (default: embedded H2 in the directory)") String db;

    @Option(names = "--catalog", description = "a catalog directory (policies/*.xml, agreements/*.json) added to the "
            + "shipped one, e.g. a coalition's; copied into the node") Path catalog;

    InitCommand(Services s) {
        this.s = s;
    }

    @Override
    public Integer call() {
        SecureRandom random = new SecureRandom();
        NodeInit.Result r = NodeInit.init(dir, Party.of(party), Optional.ofNullable(System.getenv("LIAISON_ADMIN_PASSWORD")),
                Optional.ofNullable(System.getenv("LIAISON_OFFICER_PASSWORD")), Optional.ofNullable(db), Optional.ofNullable(catalog), s.clock(), random, Node.defaults(random));
        s.out().println("node for " + r.party() + " (policy " + r.policy() + ") created in " + r.dir());
        s.out().println("  keys (owner-only): " + dir.resolve("keys"));
        s.out().println("  party CA and TLS certificate: " + dir.resolve("pki"));
        if (r.generated()) {
            s.out().println("  admin password (shown once, store it now): " + r.password());
        } else {
            s.out().println("  admin password: from LIAISON_ADMIN_PASSWORD");
        }
        if (r.officerGenerated()) {
            s.out().println("  security officer '" + r.officer() + "' password (shown once, store it now): "
                    + r.officerPassword());
        } else {
            s.out().println("  security officer '" + r.officer() + "' password: from LIAISON_OFFICER_PASSWORD");
        }
        s.out().println("next: liaison serve --dir " + dir);
        return 0;
    }
}
