package io.liaison.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class PortsTest {

    @Test
    void portsAreFreeDistinctAndBelowTheEphemeralRange() throws Exception {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int port = Ports.free();
            assertThat(port).isBetween(Ports.LOW, Ports.HIGH - 1).isLessThan(32_768);
            assertThat(seen.add(port)).as("port %d handed out twice", port).isTrue();
        }
        int port = Ports.free();
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            assertThat(s.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void aPortInUseIsNotHandedOut() throws Exception {
        Set<ServerSocket> held = new HashSet<>();
        Set<Integer> busy = new HashSet<>();
        try {
            for (int p = Ports.LOW; p < Ports.LOW + 2_000; p++) {
                try {
                    ServerSocket s = new ServerSocket();
                    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), p));
                    held.add(s);
                    busy.add(p);
                } catch (java.io.IOException taken) {
                    busy.add(p);
                }
            }
            for (int i = 0; i < 300; i++) {
                assertThat(busy).doesNotContain(Ports.free());
            }
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }
}
