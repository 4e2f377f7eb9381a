package io.liaison.cli;

import io.liaison.testkit.Ports;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.concurrent.TimeUnit;

/** {@code liaison serve} processes in their own JVMs, for the tests that kill them; closing stops them all. */
final class ServedNodes implements AutoCloseable {
    private final List<Process> processes = new ArrayList<>();

    static int freePort() {
        return Ports.free();
    }

    /** A JPN and a KOR node initialised in a folder, peered with each other on loopback ports of their own. */
    record Pair(Path jpnDir, Path korDir, Cli jpnInit, Cli korInit, int jpnApi, int korApi, int jpnFed, int korFed) {
        /** Both nodes initialised in {@code tmp} and peered, not yet served. */
        static Pair init(Path tmp) throws Exception {
            Path jpnDir = tmp.resolve("jpn");
            Path korDir = tmp.resolve("kor");
            Cli jpnInit = Cli.ok(Cli.run("init", "--party", "JPN", "--dir", jpnDir.toString()));
            Cli korInit = Cli.ok(Cli.run("init", "--party", "KOR", "--dir", korDir.toString()));
            Pair p = new Pair(jpnDir, korDir, jpnInit, korInit, freePort(), freePort(), freePort(), freePort());
            peerEachOther(jpnDir, "JPN", p.jpnFed(), korDir, "KOR", p.korFed());
            return p;
        }

        String jpn() {
            return "http://127.0.0.1:" + jpnApi;
        }

        String kor() {
            return "http://127.0.0.1:" + korApi;
        }
    }

    /** Serves both nodes of {@code pair}. */
    void serve(Pair pair) throws Exception {
        serve(pair.jpnDir(), pair.jpnApi(), pair.jpnFed());
        serve(pair.korDir(), pair.korApi(), pair.korFed());
    }

    /** Starts {@code liaison serve} in a new JVM and waits for its "federation" line. */
    Process serve(Path dir, int api, int federation, String... more) throws Exception {
        return serve(dir, api, federation, new ArrayList<>(), more);
    }

    /** As above, keeping the lines serve printed before it was ready in {@code printed}. */
    Process serve(Path dir, int api, int federation, List<String> printed, String... more) throws Exception {
        return serve(dir, api, federation, java.util.Map.of(), List.of(), printed, false, more);
    }

    /**
     * As above, with {@code env} added to the process's environment and {@code jvm} options given to its JVM; with
     * {@code keep}, every line it prints later is added to {@code printed} too (give a synchronized list).
     */
    Process serve(Path dir, int api, int federation, java.util.Map<String, String> env, List<String> jvm,
            List<String> printed, boolean keep, String... more) throws Exception {
        return serve(List.of(), dir, api, federation, env, jvm, printed, keep, more);
    }

    /** As above, the command run after {@code prefix} (e.g. {@code ip netns exec NS}). */
    Process serve(List<String> prefix, Path dir, int api, int federation, java.util.Map<String, String> env,
            List<String> jvm, List<String> printed, boolean keep, String... more) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(prefix);
        command.add(java);
        command.addAll(jvm);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.liaison.cli.Main", "serve", "--dir", dir.toString(), "--port", Integer.toString(api),
                "--federation-port", Integer.toString(federation)));
        command.addAll(List.of(more));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process p = builder.start();
        processes.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while ((line = out.readLine()) != null && System.nanoTime() < deadline) {
            printed.add(line);
            if (line.startsWith("federation")) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> {
                    if (keep) {
                        printed.add(l);
                    }
                }));
                drain.setDaemon(true);
                drain.start();
                return p;
            }
        }
        // What it printed says why (a port taken, a lock held): kept in the failure, not lost with the process.
        List<String> last = printed.subList(Math.max(0, printed.size() - 20), printed.size());
        throw new IllegalStateException("serve did not start (" + (p.isAlive() ? "still running" : "exited " + p.waitFor())
                + "); it printed:\n" + String.join("\n", last));
    }

    /**
     * Makes the stopped nodes in {@code a} and {@code b} peers of each other, each reached on loopback at its
     * federation port and trusted through its party CA.
     */
    static void peerEachOther(Path a, String aParty, int aFederation, Path b, String bParty, int bFederation) {
        peer(a, bParty, bFederation, b);
        peer(b, aParty, aFederation, a);
    }

    private static void peer(Path dir, String party, int federation, Path partyDir) {
        Cli.ok(Cli.run("peer", "add", party, "https://127.0.0.1:" + federation, "--ca",
                partyDir.resolve("pki/party-ca.pem").toString(), "--dir", dir.toString()));
    }

    /** The duty officers' session tokens at each end of a hotline line. */
    record Duty(String sato, String kim) {}

    /**
     * On the served JPN and KOR nodes: duty officers sato (JPN) and kim (KOR) for the DPRK missile threat, approved by
     * each node's first security officer, and {@code line} added at both ends with them on duty; {@code jpnMore} and
     * {@code korMore} go with every command to that node (e.g. {@code --ca FILE}).
     */
    static Duty hotlineLine(String line, String jpnUrl, Cli jpnInit, String[] jpnMore, String korUrl, Cli korInit,
            String[] korMore) {
        String ja = Cli.token(jpnUrl, "admin", jpnInit.adminPassword(), jpnMore);
        String ka = Cli.token(korUrl, "admin", korInit.adminPassword(), korMore);
        Cli.ok(Cli.run(Cli.with(jpnMore, "user", "add", "sato", "--nationality", "JPN", "--clearance", "特定秘密", "--role",
                "duty-officer", "--duty", "DPRK missile threat", "--password", "sato password 1", "--node", jpnUrl,
                "--token", ja)));
        Cli.approveAll(jpnUrl, jpnInit.officerPassword(), jpnMore);
        Cli.ok(Cli.run(Cli.with(korMore, "user", "add", "kim", "--nationality", "KOR", "--clearance", "군사Ⅱ급비밀", "--role",
                "duty-officer", "--duty", "DPRK missile threat", "--password", "kim password 12", "--node", korUrl,
                "--token", ka)));
        Cli.approveAll(korUrl, korInit.officerPassword(), korMore);
        Cli.ok(Cli.run(Cli.with(jpnMore, "hotline", "add-line", line, "--peer", "KOR", "--desk", "navy-staff",
                "--agreement", "jpn-kor-gsomia-2016", "--duty", "sato", "--peer-duty", "kim", "--escalation", "MSO watch",
                "--node", jpnUrl, "--token", ja)));
        Cli.ok(Cli.run(Cli.with(korMore, "hotline", "add-line", line, "--peer", "JPN", "--desk", "navy-staff",
                "--agreement", "jpn-kor-gsomia-2016", "--duty", "kim", "--peer-duty", "sato", "--escalation", "ROKN watch",
                "--node", korUrl, "--token", ka)));
        return new Duty(Cli.token(jpnUrl, "sato", "sato password 1", jpnMore), Cli.token(korUrl, "kim", "kim password 12",
                korMore));
    }

    /** Polls {@code done} until it holds, for at most 30 s; the nodes deliver on their own. */
    static void await(String what, BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 30 s: " + what);
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() throws Exception {
        for (Process p : processes) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
