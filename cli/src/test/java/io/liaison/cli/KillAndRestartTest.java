package io.liaison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes: {@code liaison serve} for JPN and KOR in their own JVMs. JPN releases while KOR is down,
 * is killed with SIGKILL, and restarted; when KOR comes up, the release arrives exactly once.
 */
@org.junit.jupiter.api.Timeout(600)
class KillAndRestartTest {
    private final ServedNodes nodes = new ServedNodes();

    @AfterEach
    void stop() throws Exception {
        nodes.close();
    }

    @Test
    void releaseQueuedBeforeASigkill_arrivesExactlyOnceAfterRestart(@TempDir Path tmp) throws Exception {
        Path jpnDir = tmp.resolve("jpn");
        Path korDir = tmp.resolve("kor");
        Cli jpnInit = Cli.run("init", "--party", "JPN", "--dir", jpnDir.toString());
        Cli korInit = Cli.run("init", "--party", "KOR", "--dir", korDir.toString());
        String jpnPassword = jpnInit.adminPassword();
        String korPassword = korInit.adminPassword();
        int jpnApi = ServedNodes.freePort();
        int korApi = ServedNodes.freePort();
        int jpnFed = ServedNodes.freePort();
        int korFed = ServedNodes.freePort();
        ServedNodes.peerEachOther(jpnDir, "JPN", jpnFed, korDir, "KOR", korFed);

        Process jpn = nodes.serve(jpnDir, jpnApi, jpnFed);
        String jpnUrl = "http://127.0.0.1:" + jpnApi;
        String admin = Cli.token(jpnUrl, "admin", jpnPassword);
        assertThat(Cli.run("user", "add", "sato", "--nationality", "JPN", "--clearance", "特定秘密", "--role", "analyst",
                "--role", "releasing-officer", "--duty", "DPRK missile threat", "--password", "sato password 1",
                "--node", jpnUrl, "--token", admin).exit()).isZero();
        Cli.approveAll(jpnUrl, jpnInit.officerPassword());
        String sato = Cli.token(jpnUrl, "sato", "sato password 1");
        Cli added = Cli.run("item", "add", "--title", "SLBM test", "--classification", "秘", "--purpose",
                "DPRK missile threat", "--text", "Impact point 80 km off Oga.", "--node", jpnUrl, "--token", sato);
        String id = added.out().split("\\s+")[0];
        Cli released = Cli.run("item", "release", id, "--to", "KOR", "--purpose", "DPRK missile threat", "--agreement",
                "jpn-kor-gsomia-2016", "--node", jpnUrl, "--token", sato);
        assertThat(released.exit()).as(released.err()).isZero();

        // KOR is down; JPN's delivery fails; then JPN dies without warning.
        Thread.sleep(1500);
        jpn.destroyForcibly();
        assertThat(jpn.waitFor(10, TimeUnit.SECONDS)).isTrue();

        nodes.serve(korDir, korApi, korFed);
        nodes.serve(jpnDir, jpnApi, jpnFed);
        String korUrl = "http://127.0.0.1:" + korApi;
        String korAdmin = Cli.token(korUrl, "admin", korPassword);
        assertThat(Cli.run("user", "add", "kim", "--nationality", "KOR", "--clearance", "군사Ⅲ급비밀", "--role", "analyst",
                "--duty", "DPRK missile threat", "--password", "kim password 12", "--node", korUrl, "--token", korAdmin)
                .exit()).isZero();
        Cli.approveAll(korUrl, korInit.officerPassword());
        String kim = Cli.token(korUrl, "kim", "kim password 12");
        Cli found = Cli.run("search", "Oga", "--node", korUrl, "--token", kim);
        for (int i = 0; i < 300 && !found.out().contains("1 item(s)"); i++) {
            Thread.sleep(200);
            found = Cli.run("search", "Oga", "--node", korUrl, "--token", kim);
        }
        assertThat(found.out()).contains("1 item(s)");
        Thread.sleep(2500); // further delivery rounds must not bring it twice
        assertThat(Cli.run("search", "Oga", "--node", korUrl, "--token", kim).out()).contains("1 item(s)");
    }
}
