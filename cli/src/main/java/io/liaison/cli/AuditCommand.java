package io.liaison.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.node.Node;
import io.liaison.node.audit.Verification;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code liaison audit verify|tail|proof}. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Verify, follow and prove the audit log.")
final class AuditCommand {
    private final Services s;

    @Mixin Remote remote;

    AuditCommand(Services s) {
        this.s = s;
    }

    @Command(mixinStandardHelpOptions = true, name = "verify", description = {"Recompute the node's audit tree from its database, and check it against the "
            + "signed heads kept outside it and, with --witness, the heads of this log that peers verified.",
            "Exit 0 when intact; 1 with the first bad index otherwise."})
    int verify(@Option(names = "--dir", required = true) Path dir,
            @Option(names = "--db", description = "jdbc:postgresql://… URL (default: from the configuration)") String db,
            @Option(names = "--witness", paramLabel = "FILE", description = "what a peer's 'liaison audit peers --json' "
                    + "printed: the heads of this node's log it verified (repeatable)") java.util.List<Path> witnesses) {
        try (Node node = LocalNode.open(s, dir, db, 2)) {
            java.util.List<io.liaison.node.audit.AuditVerifier.Witness> witnessed = new java.util.ArrayList<>();
            for (Path f : witnesses == null ? java.util.List.<Path>of() : witnesses) {
                witnessed.addAll(Witnesses.read(f, node.party()));
            }
            Verification v = node.verifyAudit(witnessed);
            if (v.ok()) {
                s.out().println("audit log intact: " + v.entries() + " entries, " + v.heads() + " signed tree heads"
                        + (v.pending() > 0 ? ", " + v.pending() + " waiting to be sequenced" : ""));
                return 0;
            }
            s.out().println("audit log BROKEN at index " + v.firstBadIndex().getAsLong() + ": " + v.problem());
            return 1;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "peers", description = "The last verified signed tree head of each peer's audit log, or its alarm, "
            + "and the last head its receipts carried.")
    int peers(@Option(names = "--json", description = "print the heads as JSON, for the peers' 'audit verify --witness'")
            boolean json) {
        JsonNode all = remote.client().get("/api/audit/peers", Map.of());
        if (json) {
            s.out().println(all.toPrettyString());
            return 0;
        }
        for (JsonNode p : all) {
            s.out().println(p.path("party").asText() + "  " + p.path("status").asText() + "  " + p.path("treeSize").asLong()
                    + " entries, root " + p.path("root").asText() + " (signed " + p.path("signedAt").asText()
                    + ", checked " + p.path("verifiedAt").asText() + ")"
                    + (p.path("problem").isTextual() ? ": " + p.path("problem").asText() : ""));
            JsonNode r = p.path("lastReceipt");
            if (r.isObject()) {
                s.out().println("     with its last receipt: " + r.path("treeSize").asLong() + " entries, root "
                        + r.path("root").asText() + " (signed " + r.path("signedAt").asText() + ")");
            }
        }
        if (all.isEmpty()) {
            s.out().println("no peer heads yet");
        }
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "tail", description = {"Print the audit entries you may see: the "
            + "latest, or a page from the start (--from-start), after a position (--after) or before one (--before).",
            "--follow keeps printing new ones."})
    int tail(@Option(names = "--limit", defaultValue = "20") int limit, @Option(names = "--follow") boolean follow,
            @Option(names = "--from-start", description = "the first entries of the log") boolean fromStart,
            @Option(names = "--after", paramLabel = "N", description = "entries after position N") Long after,
            @Option(names = "--before", paramLabel = "N", description = "entries before position N") Long before,
            @Option(names = "--interval-ms", defaultValue = "1000", hidden = true) long interval)
            throws InterruptedException {
        NodeClient client = remote.client();
        Map<String, String> q = new java.util.LinkedHashMap<>(Map.of("limit", Integer.toString(limit)));
        if (fromStart) {
            q.put("from", "start");
        }
        if (after != null) {
            q.put("after", Long.toString(after));
        }
        if (before != null) {
            q.put("before", Long.toString(before));
        }
        JsonNode page = client.get("/api/audit", q);
        long last = print(page, -1);
        if (!follow && page.path("entries").size() > 0) {
            s.out().println("-- older: liaison audit tail --before " + page.path("previous").asLong() + "; newer: "
                    + "liaison audit tail --after " + page.path("next").asLong());
        }
        while (follow) {
            Thread.sleep(interval);
            last = print(client.get("/api/audit", Map.of("after", Long.toString(last), "limit", "1000")), last);
        }
        return 0;
    }

    private long print(JsonNode page, long last) {
        for (JsonNode e : page.path("entries")) {
            s.out().printf("%6d %s %s %-22s %s %-5s %s %s %s%n", e.path("seq").asLong(), e.path("at").asText(),
                    Columns.pad(e.path("actor").asText(), 14), e.path("event").asText(),
                    Columns.pad(e.path("subject").asText(), 24),
                    e.path("outcome").asText(), e.path("code").asText(), e.path("rule").asText(), e.path("details").asText());
            last = e.path("seq").asLong();
        }
        s.out().flush();
        return last;
    }

    @Command(mixinStandardHelpOptions = true, name = "proof", description = {"Print an inclusion proof (--index, --size) or a consistency proof (--from, --to)",
            "against the node's signed tree."})
    int proof(@Option(names = "--index") Long index, @Option(names = "--size") Long size,
            @Option(names = "--from") Long from, @Option(names = "--to") Long to) {
        NodeClient client = remote.client();
        JsonNode r;
        if (from != null) {
            Map<String, String> q = new java.util.LinkedHashMap<>();
            q.put("from", from.toString());
            if (to != null) {
                q.put("to", to.toString());
            }
            r = client.get("/api/audit/proof", q);
        } else {
            if (index == null) {
                throw new IllegalArgumentException("give --index (inclusion) or --from (consistency)");
            }
            Map<String, String> q = new java.util.LinkedHashMap<>();
            q.put("index", index.toString());
            if (size != null) {
                q.put("size", size.toString());
            }
            r = client.get("/api/audit/proof", q);
        }
        s.out().println(r.toPrettyString());
        s.out().println("signed head: " + client.get("/api/audit/head", Map.of()).toPrettyString());
        return 0;
    }
}
