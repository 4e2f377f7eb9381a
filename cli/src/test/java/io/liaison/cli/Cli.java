package io.liaison.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Runs the real command line in-process with a fixed clock and captured output. */
record Cli(int exit, String out, String err) {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T00:00:00Z"), ZoneOffset.UTC);

    static Cli withInput(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new PrintWriter(out),
                new PrintWriter(err), CLOCK, false);
        return new Cli(code, out.toString(), err.toString());
    }

    static Cli run(String... args) {
        return withInput("", args);
    }

    /** {@code c}, once it is known to have succeeded. */
    static Cli ok(Cli c) {
        if (c.exit() != 0) {
            throw new AssertionError("exit " + c.exit() + ": " + c.out() + c.err());
        }
        return c;
    }

    /** The admin's password that {@code init} printed once. */
    String adminPassword() {
        return out.lines().filter(l -> l.contains("admin password")).findFirst().orElseThrow().replaceAll(".*: ", "");
    }

    /** The first security officer's password that {@code init} printed once. */
    String officerPassword() {
        return out.lines().filter(l -> l.contains("security officer 'officer' password")).findFirst().orElseThrow()
                .replaceAll(".*: ", "");
    }

    /** A session token, by logging in with the command line. */
    static String token(String url, String user, String password, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("login", "--user", user, "--password-stdin", "--node", url));
        args.addAll(List.of(more));
        Cli login = withInput(password + "\n", args.toArray(String[]::new));
        if (login.exit() != 0) {
            throw new AssertionError("login of " + user + ": " + login.err());
        }
        return login.out().strip();
    }

    /**
     * Approves, as the first security officer, every grant request waiting on the node: what the admin asked for with
     * {@code user add} takes effect (the two-person rule, two people at the command line). Returns how many.
     */
    static int approveAll(String url, String officerPassword, String... more) {
        String officer = token(url, "officer", officerPassword, more);
        Cli pending = run(with(more, "user", "grants", "--node", url, "--token", officer));
        if (pending.exit() != 0) {
            throw new AssertionError(pending.err());
        }
        int n = 0;
        for (String line : pending.out().lines().toList()) {
            if (line.startsWith("grant ")) {
                String id = line.split(" ")[1];
                Cli ok = run(with(more, "user", "approve", id, "--node", url, "--token", officer));
                if (ok.exit() != 0) {
                    throw new AssertionError("approving " + id + ": " + ok.err());
                }
                n++;
            }
        }
        return n;
    }

    /** {@code args} followed by {@code more}. */
    static String[] with(String[] more, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
