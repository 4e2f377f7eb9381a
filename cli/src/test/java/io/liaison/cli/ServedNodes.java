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

/** {@code liaison serve} processes in their own JVMs, for the tests that kill them; closing stops them all. */
final class ServedNodes implements AutoCloseable {
    private final List<Process> processes = new ArrayList<>();

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Starts {@code liaison serve} in a new JVM and waits for its "federation" line. */
    Process serve(Path dir, int api, int federation, String... more) throws Exception {
        return serve(dir, api, federation, new ArrayList<>(), more);
    }

    /** As above, keeping the lines serve printed before it was ready in {@code printed}. */
    Process serve(Path dir, int api, int federation, List<String> printed, String... more) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "io.liaison.cli.Main", "serve", "--dir", dir.toString(), "--port", Integer.toString(api),
                "--federation-port", Integer.toString(federation)));
        command.addAll(List.of(more));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        processes.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while ((line = out.readLine()) != null && System.nanoTime() < deadline) {
            printed.add(line);
            if (line.startsWith("federation")) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
                drain.setDaemon(true);
                drain.start();
                return p;
            }
        }
        throw new IllegalStateException("serve did not start: last line " + line);
    }

    /** Logs in through the CLI and returns the token. */
    static String token(String url, String user, String password) {
        Cli login = Cli.withInput(password + "\n", "login", "--user", user, "--password-stdin", "--node", url);
        assertThat(login.exit()).as(login.err()).isZero();
        return login.out().strip();
    }

    /** The admin password {@code liaison init} printed. */
    static String adminPassword(Cli init) {
        return init.out().lines().filter(l -> l.contains("admin password")).findFirst().orElseThrow().replaceAll(".*: ", "");
    }

    @Override
    public void close() throws Exception {
        for (Process p : processes) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
