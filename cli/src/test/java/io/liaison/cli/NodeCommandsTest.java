package io.liaison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.liaison.node.Node;
import io.liaison.node.NodePaths;
import io.liaison.node.TestNodes;
import io.liaison.server.ApiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's walkthrough through the real command line: init a node, serve it, log in, add users with
 * different clearances, add items, search, see a refused read in the audit tail, verify the audit log,
 * then tamper with it and see verify fail.
 */
@org.junit.jupiter.api.Timeout(600)
class NodeCommandsTest {

    @Test
    void init_withACoalitionCatalog_createsANodeForAMemberTheShippedCatalogDoesNotKnow(@TempDir Path tmp) {
        io.liaison.catalog.coalition.CoalitionCatalog.of(5).write(tmp.resolve("coalition"));
        Cli without = Cli.run("init", "--party", "ALB", "--dir", tmp.resolve("nope").toString());
        assertThat(without.exit()).isEqualTo(2);
        assertThat(without.err()).contains("party ALB has no policy in the catalog");
        Cli init = Cli.run("init", "--party", "ALB", "--dir", tmp.resolve("alb").toString(), "--catalog",
                tmp.resolve("coalition").toString());
        assertThat(init.exit()).as(init.err()).isZero();
        assertThat(init.out()).contains("node for ALB (policy alb)");
        assertThat(tmp.resolve("alb/catalog/agreements/coalition-alb-usa.json")).exists();
        assertThat(tmp.resolve("alb/catalog/policies/alb.xml")).exists();
    }

    @Test
    void walkthrough_initServeUsersItemsSearchAudit(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("kor");
        Cli init = Cli.run("init", "--party", "KOR", "--dir", dir.toString());
        assertThat(init.exit()).as(init.err()).isZero();
        assertThat(init.out()).contains("admin password (shown once, store it now): ");
        String password = init.adminPassword();
        String officerPassword = init.officerPassword();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("keys/master.key"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("keys/node-signing.key.pem"))))
                .isEqualTo("rw-------");
        Cli again = Cli.run("init", "--party", "KOR", "--dir", dir.toString());
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("already holds a node");

        SecureRandom random = new SecureRandom();
        try (Node node = Node.open(new NodePaths(dir), Cli.CLOCK, random, TestNodes.options(Optional.empty(),
                io.liaison.node.items.FaultInjector.NONE)); ApiServer server = ApiServer.start(node, "127.0.0.1", 0)) {
            String url = "http://127.0.0.1:" + server.port();
            Cli unauth = Cli.run("item", "list", "--node", url);
            assertThat(unauth.exit()).isEqualTo(2);
            assertThat(unauth.err()).contains("no token");

            String admin = token(url, "admin", password);
            assertThat(Cli.run("user", "add", "analyst", "--nationality", "KOR", "--clearance", "군사Ⅱ급비밀",
                    "--role", "analyst", "--duty", "DPRK missile threat", "--password", "analyst password 1",
                    "--node", url, "--token", admin).exit()).isZero();
            Cli.approveAll(url, officerPassword);
            assertThat(Cli.run("user", "add", "junior", "--nationality", "KOR", "--clearance", "군사Ⅲ급비밀",
                    "--role", "analyst", "--duty", "DPRK missile threat", "--password", "junior password 1",
                    "--node", url, "--token", admin).exit()).isZero();
            Cli.approveAll(url, officerPassword);
            assertThat(Cli.run("user", "add", "park", "--nationality", "KOR", "--clearance", "군사Ⅰ급비밀",
                    "--role", "security-officer", "--role", "analyst", "--duty", "DPRK missile threat",
                    "--password", "park password 1", "--node", url, "--token", admin).exit()).isZero();
            Cli.approveAll(url, officerPassword);
            String analyst = token(url, "analyst", "analyst password 1");
            String junior = token(url, "junior", "junior password 1");
            String officer = token(url, "park", "park password 1");

            Cli added = Cli.run("item", "add", "--title", "Sohae launch", "--classification", "군사Ⅱ급비밀",
                    "--category", "Releasable To=KOR,USA", "--purpose", "DPRK missile threat",
                    "--text", "Two TELs moved at 0400.", "--node", url, "--token", analyst);
            assertThat(added.exit()).as(added.err()).isZero();
            String id = added.out().split("\\s+")[0];
            assertThat(added.out()).contains("군사Ⅱ급비밀//REL TO KOR, USA");

            Cli search = Cli.run("search", "TELs", "--node", url, "--token", analyst);
            assertThat(search.out()).contains(id).contains("1 item(s)");
            assertThat(Cli.run("search", "TELs", "--node", url, "--token", junior).out()).contains("0 item(s)");

            Cli refused = Cli.run("item", "show", id, "--node", url, "--token", junior);
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err()).isEqualTo("liaison: item " + id + " not found (HTTP 404)\n");
            Cli shown = Cli.run("item", "show", id, "--node", url, "--token", analyst);
            assertThat(shown.out()).contains("Two TELs moved at 0400.");

            Cli tail = Cli.run("audit", "tail", "--limit", "30", "--node", url, "--token", officer);
            assertThat(tail.exit()).as(tail.err()).isZero();
            assertThat(tail.out()).contains("junior").contains("item.read").contains("CLEARANCE_BELOW_LEVEL").contains("R9");

            Cli copy = Cli.run("item", "copy", id, "--kind", "extract", "--text", "TELs moved", "--node", url,
                    "--token", analyst);
            assertThat(copy.exit()).as(copy.err()).isZero();
            Cli reclass = Cli.run("item", "reclassify", id, "--classification", "군사Ⅰ급비밀", "--reason", "source",
                    "--node", url, "--token", officer);
            assertThat(reclass.out()).contains(copy.out().split("\\s+")[0]);
            Cli destroy = Cli.run("item", "destroy", id, "--reason", "purpose ended", "--node", url, "--token", officer);
            assertThat(destroy.out()).contains("liaison-destruction-certificate-v1");
            assertThat(Cli.run("audit", "proof", "--index", "0", "--node", url, "--token", officer).out())
                    .contains("\"proof\"");
        }

        Cli rebuilt = Cli.run("index", "rebuild", "--dir", dir.toString());
        assertThat(rebuilt.exit()).as(rebuilt.err()).isZero();
        assertThat(rebuilt.out()).isEqualTo("search index rebuilt: 1 items\n");

        Cli verified = Cli.run("audit", "verify", "--dir", dir.toString());
        assertThat(verified.exit()).as(verified.out() + verified.err()).isZero();
        assertThat(verified.out()).startsWith("audit log intact: ");

        try (Node node = Node.open(new NodePaths(dir), Cli.CLOCK, new SecureRandom(), TestNodes.options(Optional.empty(),
                io.liaison.node.items.FaultInjector.NONE))) {
            node.database().jdbi().useHandle(h -> h.execute("UPDATE audit_log SET entry = REPLACE(entry, '\"actor\":\"', '\"actor\":\"x') WHERE seq = 5"));
        }
        Cli broken = Cli.run("audit", "verify", "--dir", dir.toString());
        assertThat(broken.exit()).isEqualTo(1);
        assertThat(broken.out()).startsWith("audit log BROKEN at index 5: ");
    }

    private static String token(String url, String user, String password) {
        Cli login = Cli.withInput(password + "\n", "login", "--user", user, "--password-stdin", "--node", url);
        assertThat(login.exit()).as(login.err()).isZero();
        return login.out().strip();
    }
}
