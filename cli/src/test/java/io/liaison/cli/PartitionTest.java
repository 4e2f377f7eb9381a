package io.liaison.cli;

import static io.liaison.cli.Cli.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A network partition between two parties' nodes, made on this machine: JPN's and KOR's {@code liaison serve} run in
 * network namespaces of their own, joined by a veth pair, which the test takes down at both ends. The hotline line
 * goes DOWN within 15 s with an alarm at both ends; what JPN sends meanwhile waits; on healing, the queue drains
 * FLASH first, with nothing lost or doubled.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class PartitionTest {
    private static final String LINE = "jpn-kor-navy-staff";
    private static final int API = 8443;
    private static final int FEDERATION = 8444;
    private final ServedNodes nodes = new ServedNodes();
    private Partition net;

    @AfterEach
    void stop() throws Exception {
        nodes.close();
        if (net != null) {
            net.close();
        }
    }

    /** The node's API over HTTPS (it serves beyond loopback), its certificate checked against its party CA. */
    private record At(String url, String ca) {
        String[] args(String token) {
            return new String[] {"--node", url, "--ca", ca, "--token", token};
        }
    }

    private static Cli run(At at, String token, String... args) {
        return ok(Cli.run(Cli.with(at.args(token), args)));
    }

    private static String status(At at, String token) {
        return run(at, token, "hotline", "status").out();
    }

    private static List<String> received(At at, String token) {
        Cli c = run(at, token, "hotline", "messages", "--line", LINE, "--limit", "1000");
        List<String> texts = new ArrayList<>(c.out().lines().filter(l -> l.contains("(received"))
                .map(l -> l.replaceAll(".*\\]  ", "").replaceAll("  \\(received.*", "")).toList());
        java.util.Collections.reverse(texts);
        return texts;
    }

    /** Polls until the line's health at the node is {@code health}; returns the seconds it took from {@code since}. */
    private static double until(String health, At url, String token, long since) throws InterruptedException {
        long end = since + TimeUnit.SECONDS.toNanos(60);
        String now = status(url, token);
        while (!now.contains("jpn-kor-gsomia-2016)  " + health)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("the line did not become " + health + " within 60 s: " + now);
            }
            Thread.sleep(200);
            now = status(url, token);
        }
        return (System.nanoTime() - since) / 1e9;
    }

    @Test
    void aPartition_takesTheLineDownAtBothEndsWithin15s_andOnHealingTheQueueDrainsFlashFirst(@TempDir Path tmp)
            throws Exception {
        net = Partition.create("jpn-node", "kor-node");
        Path jpnDir = tmp.resolve("jpn");
        Path korDir = tmp.resolve("kor");
        Cli jpnInit = ok(Cli.run("init", "--party", "JPN", "--dir", jpnDir.toString()));
        Cli korInit = ok(Cli.run("init", "--party", "KOR", "--dir", korDir.toString()));
        ok(Cli.run("peer", "add", "KOR", "https://kor-node:" + FEDERATION, "--ca", korDir.resolve("pki/party-ca.pem")
                .toString(), "--dir", jpnDir.toString()));
        ok(Cli.run("peer", "add", "JPN", "https://jpn-node:" + FEDERATION, "--ca", jpnDir.resolve("pki/party-ca.pem")
                .toString(), "--dir", korDir.toString()));
        nodes.serve(Partition.in(net.a), jpnDir, API, FEDERATION, Map.of(), List.of(), new ArrayList<>(), false,
                "--host", "0.0.0.0");
        nodes.serve(Partition.in(net.b), korDir, API, FEDERATION, Map.of(), List.of(), new ArrayList<>(), false,
                "--host", "0.0.0.0");
        At jpn = new At("https://" + net.addressOfA() + ":" + API, jpnDir.resolve("pki/party-ca.pem").toString());
        At kor = new At("https://" + net.addressOfB() + ":" + API, korDir.resolve("pki/party-ca.pem").toString());
        ServedNodes.Duty duty = ServedNodes.hotlineLine(LINE, jpn.url(), jpnInit, new String[] {"--ca", jpn.ca()},
                kor.url(), korInit, new String[] {"--ca", kor.ca()});
        String sato = duty.sato();
        String kim = duty.kim();
        run(jpn, sato, "hotline", "send", "--line", LINE, "--precedence", "ROUTINE", "--classification", "秘", "before",
                "--wait");
        until("UP", jpn, sato, System.nanoTime());
        until("UP", kor, kim, System.nanoTime());

        long cut = System.nanoTime();
        net.cut();
        double downAtJpn = until("DOWN", jpn, sato, cut);
        double downAtKor = until("DOWN", kor, kim, cut);
        assertThat(downAtJpn).as("DOWN at JPN, seconds after the cut").isLessThanOrEqualTo(15.0);
        assertThat(downAtKor).as("DOWN at KOR, seconds after the cut").isLessThanOrEqualTo(15.0);
        assertThat(run(jpn, sato, "hotline", "alarms").out()).contains("LINE_DOWN");
        assertThat(run(kor, kim, "hotline", "alarms").out()).contains("LINE_DOWN");

        String[] sent = {"ROUTINE", "ROUTINE", "IMMEDIATE", "ROUTINE", "FLASH", "IMMEDIATE"};
        for (int k = 0; k < sent.length; k++) {
            run(jpn, sato, "hotline", "send", "--line", LINE, "--precedence", sent[k], "--classification", "秘",
                    sent[k].toLowerCase() + " " + k);
        }
        assertThat(received(kor, kim)).containsExactly("before");

        net.heal();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<String> texts = received(kor, kim);
        while (texts.size() < 1 + sent.length && System.nanoTime() < end) {
            Thread.sleep(200);
            texts = received(kor, kim);
        }
        assertThat(texts).as("everything arrived").hasSize(1 + sent.length);
        assertThat(new HashSet<>(texts)).as("nothing twice").hasSize(1 + sent.length);
        assertThat(texts).containsExactly("before", "flash 4", "immediate 2", "immediate 5", "routine 0", "routine 1",
                "routine 3");
        until("UP", jpn, sato, System.nanoTime());
        System.out.printf("PartitionTest: line DOWN %.1f s after the cut at JPN, %.1f s at KOR%n", downAtJpn, downAtKor);
    }
}
