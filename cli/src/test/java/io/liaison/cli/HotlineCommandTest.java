package io.liaison.cli;

import static io.liaison.cli.Cli.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.liaison.federation.Federation;
import io.liaison.hotline.Hotline;
import io.liaison.node.Node;
import io.liaison.node.NodePaths;
import io.liaison.node.TestNodes;
import io.liaison.server.ApiServer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's hotline walkthrough through the real command line: two duty officers on a line between JPN and
 * KOR; KOR tails the line while JPN sends, acknowledges, reads the status, and shares a launch track.
 */
@org.junit.jupiter.api.Timeout(600)
class HotlineCommandTest {
    private static final String LINE = "jpn-kor-policy-dg";

    private static Cli initNode(Path dir, String party) {
        Cli init = Cli.run("init", "--party", party, "--dir", dir.toString());
        assertThat(init.exit()).as(init.err()).isZero();
        return init;
    }

    private static Node open(Path dir) {
        return Node.open(new NodePaths(dir), Cli.CLOCK, new SecureRandom(), TestNodes.options(Optional.empty(),
                io.liaison.node.items.FaultInjector.NONE));
    }

    @Test
    void twoDutyOfficersUseTheHotlineFromTheCommandLine(@TempDir Path tmp) throws Exception {
        Path jpnDir = tmp.resolve("jpn");
        Path korDir = tmp.resolve("kor");
        Cli jpnInit = initNode(jpnDir, "JPN");
        Cli korInit = initNode(korDir, "KOR");
        String jpnAdminPassword = jpnInit.adminPassword();
        String korAdminPassword = korInit.adminPassword();
        int jpnFed = ServedNodes.freePort();
        int korFed = ServedNodes.freePort();
        ok(Cli.run("peer", "add", "KOR", "https://127.0.0.1:" + korFed, "--ca", korDir.resolve("pki/party-ca.pem").toString(),
                "--dir", jpnDir.toString()));
        ok(Cli.run("peer", "add", "JPN", "https://127.0.0.1:" + jpnFed, "--ca", jpnDir.resolve("pki/party-ca.pem").toString(),
                "--dir", korDir.toString()));
        Hotline.Options manual = new Hotline.Options(Duration.ZERO, Duration.ZERO);
        try (Node jpn = open(jpnDir); Node kor = open(korDir);
                Federation jf = Federation.start(jpn, "127.0.0.1", jpnFed);
                Federation kf = Federation.start(kor, "127.0.0.1", korFed);
                Hotline jh = Hotline.start(jpn, jf, manual); Hotline kh = Hotline.start(kor, kf, manual);
                ApiServer jpnApi = ApiServer.start(jpn, Optional.of(jf), Optional.of(jh), "127.0.0.1", 0);
                ApiServer korApi = ApiServer.start(kor, Optional.of(kf), Optional.of(kh), "127.0.0.1", 0)) {
            String j = "http://127.0.0.1:" + jpnApi.port();
            String k = "http://127.0.0.1:" + korApi.port();
            String ja = Cli.token(j, "admin", jpnAdminPassword);
            String ka = Cli.token(k, "admin", korAdminPassword);
            ok(Cli.run("user", "add", "watanabe", "--nationality", "JPN", "--clearance", "特定秘密", "--role", "duty-officer",
                    "--duty", "DPRK missile threat", "--password", "watanabe long password", "--node", j, "--token", ja));
            Cli.approveAll(j, jpnInit.officerPassword());
            ok(Cli.run("user", "add", "choi", "--nationality", "KOR", "--clearance", "군사Ⅱ급비밀", "--role", "duty-officer",
                    "--duty", "DPRK missile threat", "--password", "choi long password", "--node", k, "--token", ka));
            Cli.approveAll(k, korInit.officerPassword());
            ok(Cli.run("hotline", "add-line", LINE, "--peer", "KOR", "--desk", "policy-dg", "--agreement",
                    "jpn-kor-gsomia-2016", "--duty", "watanabe", "--peer-duty", "choi", "--escalation", "JS J3 duty director",
                    "--node", j, "--token", ja));
            ok(Cli.run("hotline", "add-line", LINE, "--peer", "JPN", "--desk", "policy-dg", "--agreement",
                    "jpn-kor-gsomia-2016", "--duty", "choi", "--peer-duty", "watanabe", "--escalation",
                    "JCS J3 duty director", "--node", k, "--token", ka));
            assertThat(ok(Cli.run("hotline", "lines", "--node", k, "--token", ka)).out()).contains(LINE + "  to JPN");
            String w = Cli.token(j, "watanabe", "watanabe long password");
            String c = Cli.token(k, "choi", "choi long password");

            CompletableFuture<Cli> tail = CompletableFuture.supplyAsync(() -> Cli.run("hotline", "tail", "--line", LINE,
                    "--count", "2", "--node", k, "--token", c));
            CompletableFuture<Cli> watch = CompletableFuture.supplyAsync(() -> Cli.run("track", "watch", "--line", LINE,
                    "--count", "1", "--node", k, "--token", c));
            Thread.sleep(1500); // both streams are open
            assertThat(ok(Cli.run("hotline", "send", "--line", LINE, "--precedence", "ROUTINE", "--classification", "注意",
                    "Monthly line test.", "--node", j, "--token", w)).out()).contains("ROUTINE queued on " + LINE);
            Cli flash = ok(Cli.run("hotline", "send", "--line", LINE, "--precedence", "FLASH", "--classification", "極秘",
                    "--wait", "Launch from Sohae, impact expected in EEZ.", "--node", j, "--token", w));
            assertThat(flash.out()).contains("delivered at");
            String flashId = flash.out().split("\\s+")[0];

            String tailed = tail.get(30, TimeUnit.SECONDS).out();
            assertThat(tailed).contains("ROUTINE").contains("[JPN / 평문]  Monthly line test.");
            assertThat(tailed).contains("FLASH").contains("[JPN / 군사Ⅱ급비밀]  Launch from Sohae");
            Cli waiting = ok(Cli.run("hotline", "messages", "--line", LINE, "--unacknowledged", "--node", k, "--token", c));
            assertThat(waiting.out().lines().findFirst().orElseThrow()).startsWith(flashId).contains("FLASH");

            Cli asAdmin = Cli.run("hotline", "ack", flashId, "--node", k, "--token", ka);
            assertThat(asAdmin.exit()).isNotZero();
            assertThat(asAdmin.err()).contains("duty-officer");
            assertThat(ok(Cli.run("hotline", "ack", flashId, "--node", k, "--token", c)).out())
                    .contains("acknowledged " + flashId + ": FLASH from JPN/watanabe");
            Cli urgent = Cli.run("hotline", "send", "--line", LINE, "--precedence", "URGENT", "--classification", "極秘", "x",
                    "--node", j, "--token", w);
            assertThat(urgent.exit()).isEqualTo(2);
            assertThat(urgent.err()).contains("precedence 'URGENT' is not one of FLASH, IMMEDIATE, PRIORITY, ROUTINE (R23)");
            Cli notCovered = Cli.run("hotline", "send", "--line", LINE, "--precedence", "FLASH", "--classification",
                    "군사Ⅰ급비밀", "x", "--node", k, "--token", c);
            assertThat(notCovered.exit()).isNotZero();

            ok(Cli.run("track", "send", "--line", LINE, "--id", "JP-0001", "--position", "39.9,125.1,80000", "--velocity",
                    "300,900,-200", "--launch", "39.66,124.70", "--impact", "40.9,138.9", "--uncertainty", "15000",
                    "--sensor", "Aegis DDG-177", "--quality", "0.9", "--classification", "秘", "--node", j, "--token", w));
            assertThat(watch.get(30, TimeUnit.SECONDS).out()).contains("JPN JP-0001").contains("[JPN / 군사Ⅲ급비밀]");
            assertThat(ok(Cli.run("track", "picture", "--line", LINE, "--node", k, "--token", c)).out())
                    .contains("view  JPN JP-0001").contains("fused JPN:JP-0001");

            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            String status = "";
            while (System.nanoTime() < end && !status.contains("(n=1)")) {
                status = ok(Cli.run("hotline", "status", "--node", j, "--token", w)).out();
                Thread.sleep(100);
            }
            assertThat(status).contains(LINE + "  to KOR").contains("FLASH");
            assertThat(status.lines().filter(l -> l.strip().startsWith("FLASH")).findFirst().orElseThrow())
                    .as("the FLASH's acknowledgement latency is counted").contains("(n=1)");
            assertThat(ok(Cli.run("hotline", "alarms", "--node", j, "--token", w)).out()).contains("no alarms");
        }
    }
}
