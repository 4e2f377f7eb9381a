package io.liaison.cli;

import static io.liaison.cli.Cli.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes served with no peers and a federation port picked for them; each learns the other while running, the
 * change asked by its admin and approved by its first officer, and an item crosses with no restart.
 */
@Timeout(240)
class PeersAtRuntimeCommandTest {

    /** The URL serve printed, which it also recorded in the node's directory. */
    private static String federationUrl(List<String> printed, Path dir) throws Exception {
        String line = printed.stream().filter(l -> l.startsWith("federation listening on ")).findFirst().orElseThrow();
        String url = line.split(" ")[3];
        assertThat(Files.readString(dir.resolve("federation.url")).strip()).isEqualTo(url);
        return url;
    }

    private static String addPeer(String url, String admin, String officer, String party, String peerUrl, Path ca) {
        Cli asked = ok(Cli.run("peer", "add", party, peerUrl, "--ca", ca.toString(), "--node", url, "--token", admin));
        assertThat(asked.out()).contains("add peer " + party + " at " + peerUrl);
        String id = asked.out().split("\\s+")[2];
        ok(Cli.run("approval", "approve", id, "--node", url, "--token", officer));
        return id;
    }

    @Test
    void peersLearnEachOtherWhileRunning(@TempDir Path tmp) throws Exception {
        Path jpnDir = tmp.resolve("jpn");
        Path korDir = tmp.resolve("kor");
        Cli jpnInit = ok(Cli.run("init", "--party", "JPN", "--dir", jpnDir.toString()));
        Cli korInit = ok(Cli.run("init", "--party", "KOR", "--dir", korDir.toString()));
        int jApi = ServedNodes.freePort();
        int kApi = ServedNodes.freePort();
        String j = "http://127.0.0.1:" + jApi;
        String k = "http://127.0.0.1:" + kApi;
        try (ServedNodes nodes = new ServedNodes()) {
            List<String> jPrinted = new ArrayList<>();
            List<String> kPrinted = new ArrayList<>();
            nodes.serve(jpnDir, jApi, 0, jPrinted);
            nodes.serve(korDir, kApi, 0, kPrinted);
            String jFed = federationUrl(jPrinted, jpnDir);
            String kFed = federationUrl(kPrinted, korDir);
            assertThat(jPrinted).anySatisfy(l -> assertThat(l).contains("peers: none yet"));
            String ja = Cli.token(j, "admin", jpnInit.adminPassword());
            String ka = Cli.token(k, "admin", korInit.adminPassword());
            String jo = Cli.token(j, "officer", jpnInit.officerPassword());
            String ko = Cli.token(k, "officer", korInit.officerPassword());

            Cli wrongCa = Cli.run("peer", "add", "KOR", kFed, "--ca", jpnDir.resolve("pki/party-ca.pem").toString(),
                    "--node", j, "--token", ja);
            assertThat(wrongCa.exit()).isEqualTo(2);
            assertThat(wrongCa.err()).contains("names party JPN, not KOR (R14)");
            addPeer(j, ja, jo, "KOR", kFed, korDir.resolve("pki/party-ca.pem"));
            addPeer(k, ka, ko, "JPN", jFed, jpnDir.resolve("pki/party-ca.pem"));
            assertThat(ok(Cli.run("peer", "list", "--node", j, "--token", ja)).out()).startsWith("KOR  " + kFed);

            ok(Cli.run("user", "add", "sato", "--nationality", "JPN", "--clearance", "特定秘密", "--role", "analyst",
                    "--role", "releasing-officer", "--duty", "DPRK missile threat", "--password", "sato long password",
                    "--node", j, "--token", ja));
            ok(Cli.run("user", "add", "kim", "--nationality", "KOR", "--clearance", "군사Ⅱ급비밀", "--role", "analyst",
                    "--duty", "DPRK missile threat", "--password", "kim long password", "--node", k, "--token", ka));
            Cli.approveAll(j, jpnInit.officerPassword());
            Cli.approveAll(k, korInit.officerPassword());
            String sato = Cli.token(j, "sato", "sato long password");
            String kim = Cli.token(k, "kim", "kim long password");
            String item = ok(Cli.run("item", "add", "--title", "Sinpo", "--classification", "秘", "--purpose",
                    "DPRK missile threat", "--text", "sortie", "--node", j, "--token", sato)).out().split(" ")[0];
            ok(Cli.run("item", "release", item, "--to", "KOR", "--purpose", "DPRK missile threat", "--agreement",
                    "jpn-kor-gsomia-2016", "--node", j, "--token", sato));
            ServedNodes.await("KOR holds the item", () -> Cli.run("search", "Sinpo", "--node", k, "--token", kim).out()
                    .contains("1 item(s)"));
            ServedNodes.await("JPN sees KOR up", () -> Cli.run("peer", "list", "--node", j, "--token", ja).out().contains(" UP "));

            // KOR removes JPN: the next release waits in JPN's outbox; added again, it arrives.
            Cli removed = ok(Cli.run("peer", "remove", "JPN", "--node", k, "--token", ka));
            ok(Cli.run("approval", "approve", removed.out().split("\\s+")[2], "--node", k, "--token", ko));
            String later = ok(Cli.run("item", "add", "--title", "Sohae", "--classification", "秘", "--purpose",
                    "DPRK missile threat", "--text", "gantry", "--node", j, "--token", sato)).out().split(" ")[0];
            ok(Cli.run("item", "release", later, "--to", "KOR", "--purpose", "DPRK missile threat", "--agreement",
                    "jpn-kor-gsomia-2016", "--node", j, "--token", sato));
            ServedNodes.await("JPN sees KOR down", () -> Cli.run("peer", "list", "--node", j, "--token", ja).out().contains(" DOWN"));
            assertThat(Cli.run("search", "Sohae", "--node", k, "--token", kim).out()).contains("0 item(s)");
            addPeer(k, ka, ko, "JPN", jFed, jpnDir.resolve("pki/party-ca.pem"));
            ServedNodes.await("KOR holds the later item", () -> Cli.run("search", "Sohae", "--node", k, "--token", kim).out()
                    .contains("1 item(s)"));
        }
    }
}
