package io.liaison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes: {@code liaison serve} for JPN and KOR in their own JVMs. JPN releases while KOR is down,
 * is killed with SIGKILL, and restarted; when KOR comes up, the release arrives exactly once.
 */
class KillAndRestartTest {
    private final List<Process> processes = new ArrayList<>();

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Starts {@code liaison serve} in a new JVM and waits for its "listening" line. */
    private Process serve(Path dir, int api, int federation) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.liaison.cli.Main",
                "serve", "--dir", dir.toString(), "--port", Integer.toString(api), "--federation-port",
                Integer.toString(federation)).redirectErrorStream(true);
        Process p = pb.start();
        processes.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while ((line = out.readLine()) != null && System.nanoTime() < deadline) {
            if (line.startsWith("federation")) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
                drain.setDaemon(true);
                drain.start();
                return p;
            }
        }
        throw new IllegalStateException("serve did not start: last line " + line);
    }

    @AfterEach
    void stop() throws Exception {
        for (Process p : processes) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String token(String url, String user, String password) {
        Cli login = Cli.withInput(password + "\n", "login", "--user", user, "--password-stdin", "--node", url);
        assertThat(login.exit()).as(login.err()).isZero();
        return login.out().strip();
    }

    @Test
    void releaseQueuedBeforeASigkill_arrivesExactlyOnceAfterRestart(@TempDir Path tmp) throws Exception {
        Path jpnDir = tmp.resolve("jpn");
        Path korDir = tmp.resolve("kor");
        Cli jpnInit = Cli.run("init", "--party", "JPN", "--dir", jpnDir.toString());
        Cli korInit = Cli.run("init", "--party", "KOR", "--dir", korDir.toString());
        String jpnPassword = jpnInit.out().lines().filter(l -> l.contains("admin password")).findFirst().orElseThrow()
                .replaceAll(".*: ", "");
        String korPassword = korInit.out().lines().filter(l -> l.contains("admin password")).findFirst().orElseThrow()
                .replaceAll(".*: ", "");
        int jpnApi = freePort();
        int korApi = freePort();
        int jpnFed = freePort();
        int korFed = freePort();
        assertThat(Cli.run("peer", "add", "KOR", "https://127.0.0.1:" + korFed, "--ca",
                korDir.resolve("pki/party-ca.pem").toString(), "--dir", jpnDir.toString()).exit()).isZero();
        assertThat(Cli.run("peer", "add", "JPN", "https://127.0.0.1:" + jpnFed, "--ca",
                jpnDir.resolve("pki/party-ca.pem").toString(), "--dir", korDir.toString()).exit()).isZero();

        Process jpn = serve(jpnDir, jpnApi, jpnFed);
        String jpnUrl = "http://127.0.0.1:" + jpnApi;
        String admin = token(jpnUrl, "admin", jpnPassword);
        assertThat(Cli.run("user", "add", "sato", "--nationality", "JPN", "--clearance", "特定秘密", "--role", "analyst",
                "--role", "releasing-officer", "--duty", "DPRK missile threat", "--password", "sato password 1",
                "--node", jpnUrl, "--token", admin).exit()).isZero();
        String sato = token(jpnUrl, "sato", "sato password 1");
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

        serve(korDir, korApi, korFed);
        serve(jpnDir, jpnApi, jpnFed);
        String korUrl = "http://127.0.0.1:" + korApi;
        String korAdmin = token(korUrl, "admin", korPassword);
        assertThat(Cli.run("user", "add", "kim", "--nationality", "KOR", "--clearance", "군사Ⅲ급비밀", "--role", "analyst",
                "--duty", "DPRK missile threat", "--password", "kim password 12", "--node", korUrl, "--token", korAdmin)
                .exit()).isZero();
        String kim = token(korUrl, "kim", "kim password 12");
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
