package io.liaison.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for a test to serve on, free when handed out and outside the kernel's ephemeral range.
 *
 * <p>A port the kernel picked for {@code bind(0)} is one it may hand out again at once, to an outgoing connection or to
 * another server bound to port 0, before the test binds it itself (seen in CI: "port already in use" in a node started
 * on a port chosen a moment before). Ports below the ephemeral range (32768 – 60999 on Linux) are never handed out by the
 * kernel, so one checked free here stays free unless a process asks for it by number. The same port is not handed out
 * twice in one JVM.
 */
public final class Ports {
    /** Above the ports services usually take; below Linux's ephemeral range, read from the kernel where it says. */
    static final int LOW = 20_000;
    static final int HIGH = Math.min(32_000, ephemeralLow().orElse(32_768));
    private static final Set<Integer> GIVEN = new HashSet<>();

    private Ports() {}

    /** A loopback and wildcard port nothing listens on, outside the ephemeral range, not given before in this JVM. */
    public static synchronized int free() {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOW, HIGH);
            if (!GIVEN.contains(port) && bindable(port)) {
                GIVEN.add(port);
                return port;
            }
        }
        throw new IllegalStateException("no free port in " + LOW + "-" + HIGH + " after 1,000 tries");
    }

    /** Bound on the wildcard address, which on Linux fails if any address already has the port. */
    private static OptionalInt ephemeralLow() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range"));
            int low = Integer.parseInt(range.strip().split("\\s+")[0]);
            return low >= LOW + 2_000 ? OptionalInt.of(low) : OptionalInt.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
