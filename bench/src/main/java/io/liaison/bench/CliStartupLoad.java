package io.liaison.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How long one {@code liaison} command takes as a process of its own, from start to exit: every step of a
 * walkthrough is one. Each command runs {@code runs} times in three ways, interleaved so that what drifts on the
 * machine weighs on all alike: through the launcher ({@code ./liaison}: the AOT cache on JDK 25, the client compiler
 * and the serial collector for short commands, one command built, the catalog loaded only when needed), the same jar
 * with a plain {@code java -jar}, and a baseline jar built before this work ({@code git worktree add /tmp/oldcli d5d0c26}
 * and {@code mvn -B -q -o -Plauncher package -pl cli -am -DskipTests} there) with a plain {@code java -jar}.
 *
 * <pre>
 * ./liaison --version   # builds the jar and the launcher's cache once
 * mvn -B -q -o -Plauncher package -pl bench -am
 * java -cp bench/target/benchmarks.jar io.liaison.bench.CliStartupLoad . /tmp/oldcli/cli/target/liaison.jar 15
 * </pre>
 *
 * Prints the median and p90 wall time per command and way, and the ratio of each to the baseline.
 */
public final class CliStartupLoad {
    private CliStartupLoad() {}

    /** A command line, as people type it after {@code liaison}. */
    private static final List<List<String>> COMMANDS = List.of(
            List.of("--version"),
            List.of("agreement", "list"),
            List.of("item", "add", "--help"),
            List.of("label", "translate", "--agreement", "jpn-kor-gsomia-2016", "--to", "KOR", "--classification", "秘",
                    "--originator", "JPN"),
            List.of("search", "x", "--node", "http://127.0.0.1:9", "--token", "t"));

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Path baseline = Path.of(args.length > 1 ? args[1] : "/tmp/oldcli/cli/target/liaison.jar");
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        Path launcher = repo.resolve("liaison");
        Path jar = repo.resolve("cli/target/liaison.jar");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (Path p : List.of(launcher, jar, baseline)) {
            if (!Files.exists(p)) {
                throw new IllegalArgumentException(p + " does not exist; see this class's Javadoc");
            }
        }
        System.out.printf("CliStartupLoad runs=%d java=%s cores=%d%n", runs, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        System.out.printf("  %-40s %22s %22s %22s%n", "command (median / p90 ms)", "launcher", "java -jar (same jar)",
                "java -jar (baseline)");
        double ratioSum = 0;
        for (List<String> command : COMMANDS) {
            List<String> viaLauncher = concat(List.of(launcher.toString()), command);
            List<String> plain = concat(List.of(java, "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString()), command);
            List<String> old = concat(List.of(java, "--enable-native-access=ALL-UNNAMED", "-jar", baseline.toString()),
                    command);
            run(viaLauncher);
            run(plain);
            run(old);
            long[] a = new long[runs];
            long[] b = new long[runs];
            long[] c = new long[runs];
            for (int i = 0; i < runs; i++) {
                a[i] = run(viaLauncher);
                b[i] = run(plain);
                c[i] = run(old);
            }
            double ratio = (double) median(a) / median(c);
            ratioSum += ratio;
            System.out.printf("  %-40s %22s %22s %22s   launcher/baseline %.2f%n", String.join(" ", command).length() > 40
                    ? String.join(" ", command).substring(0, 39) + "…" : String.join(" ", command), ms(a), ms(b), ms(c),
                    ratio);
        }
        System.out.printf("  mean ratio launcher/baseline over the commands: %.2f%n", ratioSum / COMMANDS.size());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** Wall time of one run, in nanoseconds; output is thrown away. */
    private static long run(List<String> command) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("did not finish within 60 s: " + command);
        }
        return System.nanoTime() - t0;
    }

    private static long median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static String ms(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return String.format("%d / %d", s[s.length / 2] / 1_000_000, s[(int) Math.ceil(s.length * 0.9) - 1] / 1_000_000);
    }
}
