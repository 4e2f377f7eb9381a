package io.liaison.federation;

import io.liaison.core.party.Party;
import io.liaison.node.Node;
import io.liaison.testkit.Ports;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test set-up shared by the federation tests: free loopback ports, and nodes made each other's peers. */
public final class Peering {
    private Peering() {}

    public static int freePort() {
        return Ports.free();
    }

    /** A free port for each node. */
    public static Map<Party, Integer> ports(Node... nodes) {
        Map<Party, Integer> ports = new LinkedHashMap<>();
        for (Node n : nodes) {
            ports.put(n.party(), freePort());
        }
        return ports;
    }

    /** Makes every node a peer of every other, at the given federation ports, with its party CA pinned. */
    public static void connect(Map<Party, Integer> ports, Node... nodes) throws IOException {
        for (Node a : nodes) {
            try (Federation setup = Federation.start(a, "127.0.0.1", 0)) {
                for (Node b : nodes) {
                    if (!a.party().equals(b.party())) {
                        setup.peers().add("admin", b.party().code(), "https://127.0.0.1:" + ports.get(b.party()),
                                Files.readAllBytes(b.paths().caCertificate()));
                    }
                }
            }
        }
    }
}
