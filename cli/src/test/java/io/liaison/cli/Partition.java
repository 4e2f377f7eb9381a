package io.liaison.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Two network namespaces on this machine, made with {@code ip netns} and veth pairs: each joined to the test's own
 * namespace by a link of its own (the test reaches each node's API there), and to each other by a third link, which
 * {@link #cut()} takes down at both ends and {@link #heal()} brings back. Each namespace resolves the other's node
 * name ({@code jpn-node}, {@code kor-node}: the names in the nodes' TLS certificates) to its end of the shared link.
 * Needs root (CAP_NET_ADMIN); closing removes all of it.
 */
final class Partition implements AutoCloseable {
    final String a;
    final String b;
    private final int net;
    private final List<Path> hostFiles = new ArrayList<>();

    private final String tag;

    private Partition(String tag, int net) {
        this.tag = tag;
        this.a = tag + "a";
        this.b = tag + "b";
        this.net = net;
    }

    /** Namespaces for the nodes named {@code aNode} and {@code bNode}, linked. */
    static Partition create(String aNode, String bNode) throws Exception {
        int r = ThreadLocalRandom.current().nextInt(100, 250);
        String tag = "lt" + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);
        Partition p = new Partition(tag, r);
        try {
            ip("netns", "add", p.a);
            ip("netns", "add", p.b);
            for (String ns : List.of(p.a, p.b)) {
                ip("-n", ns, "link", "set", "lo", "up");
            }
            p.link(tag + "ra", "root", p.a, tag + "ia", "10." + r + ".1.1/30", "10." + r + ".1.2/30");
            p.link(tag + "rb", "root", p.b, tag + "ib", "10." + r + ".2.1/30", "10." + r + ".2.2/30");
            p.link(tag + "ab", p.a, p.b, tag + "ba", "10." + r + ".3.1/30", "10." + r + ".3.2/30");
            p.hosts(p.a, "10." + r + ".3.2 " + bNode);
            p.hosts(p.b, "10." + r + ".3.1 " + aNode);
        } catch (Exception e) {
            p.close();
            throw e;
        }
        return p;
    }

    /** Where the test reaches the node in {@code a} or {@code b}. */
    String addressOfA() {
        return "10." + net + ".1.2";
    }

    String addressOfB() {
        return "10." + net + ".2.2";
    }

    /** Takes the link between the two namespaces down, at both ends. */
    void cut() throws Exception {
        ip("-n", a, "link", "set", tag + "ab", "down");
        ip("-n", b, "link", "set", tag + "ba", "down");
    }

    void heal() throws Exception {
        ip("-n", a, "link", "set", tag + "ab", "up");
        ip("-n", b, "link", "set", tag + "ba", "up");
    }

    private void link(String left, String leftNs, String rightNs, String right, String leftAddress, String rightAddress)
            throws Exception {
        List<String> add = new ArrayList<>(List.of("link", "add", left));
        if (!leftNs.equals("root")) {
            add.addAll(List.of("netns", leftNs));
        }
        add.addAll(List.of("type", "veth", "peer", "name", right, "netns", rightNs));
        ip(add.toArray(String[]::new));
        List<String> at = leftNs.equals("root") ? List.of() : List.of("-n", leftNs);
        List<String> cmd = new ArrayList<>(at);
        cmd.addAll(List.of("addr", "add", leftAddress, "dev", left));
        ip(cmd.toArray(String[]::new));
        cmd = new ArrayList<>(at);
        cmd.addAll(List.of("link", "set", left, "up"));
        ip(cmd.toArray(String[]::new));
        ip("-n", rightNs, "addr", "add", rightAddress, "dev", right);
        ip("-n", rightNs, "link", "set", right, "up");
    }

    /** {@code ip netns exec} bind-mounts /etc/netns/NAME/hosts over /etc/hosts in that namespace. */
    private void hosts(String ns, String line) throws IOException {
        Path dir = Path.of("/etc/netns", ns);
        Files.createDirectories(dir);
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, "127.0.0.1 localhost\n" + line + "\n", StandardCharsets.UTF_8);
        hostFiles.add(hosts);
    }

    /** The command prefix that runs a process in namespace {@code ns}. */
    static List<String> in(String ns) {
        return List.of("ip", "netns", "exec", ns);
    }

    static void ip(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (network namespaces need root): " + out);
        }
    }

    @Override
    public void close() throws Exception {
        for (String ns : List.of(a, b)) {
            try {
                ip("netns", "del", ns);
            } catch (IllegalStateException e) {
                // not created
            }
        }
        for (String link : List.of(tag + "ra", tag + "rb")) {
            try {
                ip("link", "del", link);
            } catch (IllegalStateException e) {
                // went with its namespace
            }
        }
        for (Path h : hostFiles) {
            Files.deleteIfExists(h);
            Files.deleteIfExists(h.getParent());
        }
    }
}
