package io.liaison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.liaison.federation.Federation;
import io.liaison.node.Node;
import io.liaison.node.NodePaths;
import io.liaison.node.TestNodes;
import io.liaison.server.ApiServer;
import io.liaison.testkit.Ports;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's two-node walkthrough through the real command line: init JPN and KOR, make each the
 * other's peer, serve both (API and mutual-TLS federation), release an item from JPN and read it at KOR,
 * marked in KOR's policy.
 */
@org.junit.jupiter.api.Timeout(600)
class TwoNodesCommandTest {


    private static Cli init(Path dir, String party) {
        Cli init = Cli.run("init", "--party", party, "--dir", dir.toString());
        assertThat(init.exit()).as(init.err()).isZero();
        return init;
    }

    private static String token(String url, String user, String password) {
        Cli login = Cli.withInput(password + "\n", "login", "--user", user, "--password-stdin", "--node", url);
        assertThat(login.exit()).as(login.err()).isZero();
        return login.out().strip();
    }

    private static Node open(Path dir) {
        return Node.open(new NodePaths(dir), Cli.CLOCK, new SecureRandom(), TestNodes.options(Optional.empty(),
                io.liaison.node.items.FaultInjector.NONE));
    }

    @Test
    void itemReleasedAtJpn_isReadAtKor_markedInKorsPolicy(@TempDir Path tmp) throws Exception {
        Path jpnDir = tmp.resolve("jpn");
        Path korDir = tmp.resolve("kor");
        Cli jpnInit = init(jpnDir, "JPN");
        Cli korInit = init(korDir, "KOR");
        String jpnAdminPassword = jpnInit.adminPassword();
        String korAdminPassword = korInit.adminPassword();
        int jpnFed = Ports.free();
        int korFed = Ports.free();
        assertThat(Cli.run("peer", "add", "KOR", "https://127.0.0.1:" + korFed, "--ca",
                korDir.resolve("pki/party-ca.pem").toString(), "--dir", jpnDir.toString()).exit()).isZero();
        assertThat(Cli.run("peer", "add", "JPN", "https://127.0.0.1:" + jpnFed, "--ca",
                jpnDir.resolve("pki/party-ca.pem").toString(), "--dir", korDir.toString()).exit()).isZero();

        try (Node jpn = open(jpnDir); Node kor = open(korDir);
                Federation jf = Federation.start(jpn, "127.0.0.1", jpnFed);
                Federation kf = Federation.start(kor, "127.0.0.1", korFed);
                ApiServer jpnApi = ApiServer.start(jpn, Optional.of(jf), Optional.empty(), "127.0.0.1", 0);
                ApiServer korApi = ApiServer.start(kor, Optional.of(kf), Optional.empty(), "127.0.0.1", 0)) {
            String jpnUrl = "http://127.0.0.1:" + jpnApi.port();
            String korUrl = "http://127.0.0.1:" + korApi.port();
            String jpnAdmin = token(jpnUrl, "admin", jpnAdminPassword);
            String korAdmin = token(korUrl, "admin", korAdminPassword);
            assertThat(Cli.run("user", "add", "sato", "--nationality", "JPN", "--clearance", "特定秘密", "--role", "analyst",
                    "--role", "releasing-officer", "--duty", "DPRK missile threat", "--password", "sato password 1",
                    "--node", jpnUrl, "--token", jpnAdmin).exit()).isZero();
            Cli.approveAll(jpnUrl, jpnInit.officerPassword());
            assertThat(Cli.run("user", "add", "kim", "--nationality", "KOR", "--clearance", "군사Ⅲ급비밀", "--role", "analyst",
                    "--duty", "DPRK missile threat", "--password", "kim password 12", "--node", korUrl, "--token", korAdmin)
                    .exit()).isZero();
            Cli.approveAll(korUrl, korInit.officerPassword());
            String sato = token(jpnUrl, "sato", "sato password 1");
            String kim = token(korUrl, "kim", "kim password 12");

            Cli added = Cli.run("item", "add", "--title", "SLBM test", "--classification", "秘", "--purpose",
                    "DPRK missile threat", "--text", "Impact point 80 km off Oga.", "--node", jpnUrl, "--token", sato);
            assertThat(added.exit()).as(added.err()).isZero();
            String id = added.out().split("\\s+")[0];

            Cli preview = Cli.run("item", "release-preview", id, "--to", "KOR", "--purpose", "DPRK missile threat",
                    "--agreement", "jpn-kor-gsomia-2016", "--node", jpnUrl, "--token", sato);
            assertThat(preview.exit()).as(preview.out() + preview.err()).isZero();
            assertThat(preview.out()).startsWith("ALLOW");
            Cli refused = Cli.run("item", "release-preview", id, "--to", "KOR", "--purpose", "DPRK missile threat",
                    "--agreement", "tisa-2014", "--node", jpnUrl, "--token", sato);
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.out()).startsWith("DENY");

            Cli released = Cli.run("item", "release", id, "--to", "KOR", "--purpose", "DPRK missile threat",
                    "--agreement", "jpn-kor-gsomia-2016", "--node", jpnUrl, "--token", sato);
            assertThat(released.exit()).as(released.err()).isZero();
            assertThat(released.out()).contains("released to KOR").contains("queued");

            Cli found = Cli.run("search", "Oga", "--node", korUrl, "--token", kim);
            for (int i = 0; i < 100 && !found.out().contains("1 item(s)"); i++) {
                Thread.sleep(100);
                found = Cli.run("search", "Oga", "--node", korUrl, "--token", kim);
            }
            assertThat(found.out()).contains("1 item(s)");
            String korId = found.out().lines().filter(l -> l.startsWith("kor-")).findFirst().orElseThrow().split("\\s+")[0];
            Cli shown = Cli.run("item", "show", korId, "--node", korUrl, "--token", kim);
            assertThat(shown.exit()).as(shown.err()).isZero();
            assertThat(shown.out()).contains("Impact point 80 km off Oga.").contains("[JPN / 군사Ⅲ급비밀]");

            Cli peers = Cli.run("item", "inventory", id, "--node", jpnUrl, "--token", sato);
            assertThat(peers.out()).contains("released to KOR");
            Cli sent = Cli.run("outbox", "--node", jpnUrl, "--token", sato);
            assertThat(sent.exit()).as(sent.err()).isZero();
            assertThat(sent.out()).contains("RELEASE").contains("to KOR under jpn-kor-gsomia-2016")
                    .contains("STORED STORED");

            // Consent through the command line: KOR asks, JPN's security officer sees and denies it.
            assertThat(Cli.run("user", "add", "lee", "--nationality", "KOR", "--clearance", "군사Ⅲ급비밀", "--role", "analyst",
                    "--role", "releasing-officer", "--duty", "DPRK missile threat", "--password", "lee password 123",
                    "--node", korUrl, "--token", korAdmin).exit()).isZero();
            Cli.approveAll(korUrl, korInit.officerPassword());
            assertThat(Cli.run("user", "add", "ito", "--nationality", "JPN", "--clearance", "特定秘密", "--role",
                    "security-officer", "--duty", "DPRK missile threat", "--password", "ito password 123",
                    "--node", jpnUrl, "--token", jpnAdmin).exit()).isZero();
            Cli.approveAll(jpnUrl, jpnInit.officerPassword());
            String lee = token(korUrl, "lee", "lee password 123");
            String ito = token(jpnUrl, "ito", "ito password 123");
            Cli asked = Cli.run("consent", "request", korId, "--to", "USA", "--purpose", "DPRK missile threat",
                    "--reason", "USFK J2", "--node", korUrl, "--token", lee);
            assertThat(asked.exit()).as(asked.err()).isZero();
            assertThat(asked.out()).contains("PENDING: asked JPN to let USA have " + korId);
            String request = asked.out().split("\\s+")[0];
            Cli listed = Cli.run("consent", "list", "--node", jpnUrl, "--token", ito);
            for (int i = 0; i < 100 && !listed.out().contains(request); i++) {
                Thread.sleep(100);
                listed = Cli.run("consent", "list", "--node", jpnUrl, "--token", ito);
            }
            assertThat(listed.out()).contains(request).contains("PENDING").contains("KOR -> USA");
            assertThat(Cli.run("consent", "deny", request, "--reason", "not now", "--node", jpnUrl, "--token", ito).out())
                    .contains("denied");
            Cli again = Cli.run("consent", "grant", request, "--node", jpnUrl, "--token", ito);
            assertThat(again.exit()).isNotZero();
            assertThat(again.err()).contains("already DENIED");

            // A loss at KOR reaches JPN at once, as an open case.
            assertThat(Cli.run("user", "add", "choi", "--nationality", "KOR", "--clearance", "군사Ⅲ급비밀", "--role",
                    "security-officer", "--duty", "DPRK missile threat", "--password", "choi password 12",
                    "--node", korUrl, "--token", korAdmin).exit()).isZero();
            Cli.approveAll(korUrl, korInit.officerPassword());
            String choi = token(korUrl, "choi", "choi password 12");
            Cli reported = Cli.run("incident", "report", korId, "--kind", "LOSS", "--description", "courier bag missing",
                    "--node", korUrl, "--token", choi);
            assertThat(reported.exit()).as(reported.err()).isZero();
            assertThat(reported.out()).contains("OPEN: reported to JPN");
            Cli atJpn = Cli.run("incident", "list", "--node", jpnUrl, "--token", ito);
            for (int i = 0; i < 100 && !atJpn.out().contains("ORIGINATOR"); i++) {
                Thread.sleep(100);
                atJpn = Cli.run("incident", "list", "--node", jpnUrl, "--token", ito);
            }
            assertThat(atJpn.out()).contains("OPEN").contains("ORIGINATOR").contains("LOSS").contains("courier bag missing");

            // Each node has checked the other's audit log head.
            jf.sendAuditHeads();
            jf.deliverNow();
            Cli heads = Cli.run("audit", "peers", "--node", korUrl, "--token", choi);
            assertThat(heads.exit()).as(heads.err()).isZero();
            assertThat(heads.out()).contains("JPN  VERIFIED");
            Cli fromReceipts = Cli.run("audit", "peers", "--node", jpnUrl, "--token", ito);
            assertThat(fromReceipts.out()).as("KOR's receipts carried its head").contains("KOR  ")
                    .contains("with its last receipt");

            // The purpose ended: KOR returns the item to JPN; no copy stays at KOR.
            Cli returned = Cli.run("item", "return", korId, "--reason", "purpose ended", "--node", korUrl, "--token", choi);
            assertThat(returned.exit()).as(returned.err()).isZero();
            assertThat(returned.out()).contains("liaison-return-certificate-v1").contains("signature ");
            Cli twice = Cli.run("item", "return", korId, "--reason", "purpose ended", "--node", korUrl, "--token", choi);
            assertThat(twice.exit()).isNotZero();
            assertThat(twice.err()).contains("no longer held here (RETURNED)");
        }
        assertThat(Cli.run("peer", "list", "--dir", jpnDir.toString()).out()).contains("KOR").contains("UP");
        assertThat(Cli.run("audit", "verify", "--dir", korDir.toString()).exit()).isZero();
        assertThat(Cli.run("audit", "verify", "--dir", jpnDir.toString()).exit()).isZero();
    }
}
