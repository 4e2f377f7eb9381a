package io.liaison.node.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.core.access.Clearance;
import io.liaison.core.label.PolicyIdentifier;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.node.MutableClock;
import io.liaison.node.Node;
import io.liaison.node.TestNodes;
import io.liaison.node.TestUsers;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.crypto.Pki;
import io.liaison.node.items.ItemView;
import io.liaison.node.items.NewItem;
import io.liaison.testkit.Ports;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit log reaches a real syslog daemon (rsyslog from Debian's packages, started here) as CEF over syslog over
 * TLS: each entry once, in order, as the SIEM's account may see the log, and nothing when that account is suspended
 * or the daemon's certificate is not the one trusted.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SiemExportTest {
    private static final Party KOR = Party.of("KOR");
    private static final Purpose MISSILE = Purpose.of("DPRK missile threat");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void theAuditLogReachesRsyslogAsCefOverTls_onceInOrder_asTheSiemAccountMaySeeIt(@TempDir Path tmp)
            throws Exception {
        Path rsyslogd = Path.of("/usr/sbin/rsyslogd");
        assertThat(Files.isExecutable(rsyslogd)).as("rsyslogd (apt-get install rsyslog rsyslog-gnutls)").isTrue();
        Pki.Issued ca = Pki.createPartyCa("SIEM", RANDOM, Clock.systemUTC());
        Pki.Issued server = Pki.issueNodeCertificate(ca, "SIEM", "siem", List.of(), List.of("127.0.0.1"), RANDOM,
                Clock.systemUTC());
        Pki.writeCertificatePem(ca.certificate(), tmp.resolve("ca.pem"));
        Pki.writeCertificatePem(server.certificate(), tmp.resolve("server.pem"));
        writeSec1(server, tmp.resolve("server.key"));
        int port = Ports.free();
        Path out = tmp.resolve("received.log");
        Files.createDirectories(tmp.resolve("work"));
        Files.writeString(tmp.resolve("rsyslog.conf"), """
                global(workDirectory="%1$s/work"
                       DefaultNetstreamDriver="gtls"
                       DefaultNetstreamDriverCAFile="%1$s/ca.pem"
                       DefaultNetstreamDriverCertFile="%1$s/server.pem"
                       DefaultNetstreamDriverKeyFile="%1$s/server.key")
                module(load="imtcp" StreamDriver.Name="gtls" StreamDriver.Mode="1" StreamDriver.AuthMode="anon")
                input(type="imtcp" port="%2$d")
                template(name="raw" type="string" string="%%rawmsg%%\\n")
                action(type="omfile" file="%3$s" template="raw")
                """.formatted(tmp, port, out));
        Process daemon = new ProcessBuilder(rsyslogd.toString(), "-n", "-f", tmp.resolve("rsyslog.conf").toString(),
                "-i", tmp.resolve("rsyslogd.pid").toString()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("rsyslogd.out").toFile()).start();
        MutableClock clock = new MutableClock(Instant.parse("2020-01-01T00:00:00Z"));
        try (TestNodes.Created created = TestNodes.create(TestNodes.Db.H2, KOR, clock)) {
            awaitListening(port, daemon, tmp.resolve("rsyslogd.out"));
            Node node = created.open(clock);
            try {
                User siem = TestUsers.add(node, new User("siem", new Clearance("kor", "군사Ⅲ급비밀", Map.of(), KOR),
                        Set.of(Role.ANALYST), Set.of(MISSILE), true), "a long password for the siem");
                User analyst = TestUsers.add(node, new User("analyst", new Clearance("kor", "군사Ⅰ급비밀", Map.of(), KOR),
                        Set.of(Role.ANALYST), Set.of(MISSILE), true), "a long password for the analyst");
                ItemView open = node.items().create(analyst, item("Barge at Sinpo", "군사Ⅲ급비밀"));
                ItemView secret = node.items().create(analyst, item("Launch order", "군사Ⅰ급비밀"));
                node.audit().sequenceNow();

                SiemExport export = new SiemExport(node.database(), node.audit(), node.accounts(), node.disclosure(),
                        new SiemExport.Target("127.0.0.1", port, trusting(tmp.resolve("ca.pem")), "siem"), "KOR",
                        "test", clock);
                int sent = export.exportOnce();
                assertThat(sent).isPositive();
                List<String> lines = awaitLines(out, sent);
                assertThat(lines).allSatisfy(l -> assertThat(l).matches("<1\\d\\d>1 \\S+ kor-node liaison - audit - CEF:0\\|"
                        + "Liaison\\|Liaison node\\|test\\|.*"));
                assertThat(String.join("\n", lines)).contains(open.id()).doesNotContain(secret.id())
                        .doesNotContain("Launch order");
                List<Long> positions = lines.stream().map(l -> Long.parseLong(l.replaceAll(".*externalId=(\\d+) .*",
                        "$1"))).toList();
                assertThat(positions).isSorted().doesNotHaveDuplicates();

                assertThat(export.exportOnce()).as("nothing twice").isZero();
                node.items().create(analyst, item("Second barge", "군사Ⅲ급비밀"));
                node.audit().sequenceNow();
                int more = export.exportOnce();
                assertThat(more).isPositive();
                assertThat(awaitLines(out, sent + more)).hasSize(sent + more);

                node.accounts().suspend(TestUsers.officer(node), "siem");
                node.items().create(analyst, item("Third barge", "군사Ⅲ급비밀"));
                node.audit().sequenceNow();
                assertThat(export.exportOnce()).as("a suspended account receives nothing").isZero();
                export.close();

                Pki.Issued other = Pki.createPartyCa("OTHER", RANDOM, Clock.systemUTC());
                Pki.writeCertificatePem(other.certificate(), tmp.resolve("other.pem"));
                try (SiemExport wrong = new SiemExport(node.database(), node.audit(), node.accounts(), node.disclosure(),
                        new SiemExport.Target("127.0.0.1", port, trusting(tmp.resolve("other.pem")), "analyst"), "KOR",
                        "test", clock)) {
                    assertThatThrownBy(wrong::exportOnce).isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
                }
            } finally {
                node.close();
            }
        } finally {
            daemon.destroy();
            daemon.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static NewItem item(String title, String level) {
        return new NewItem(title, "seen", new SecurityLabel(PolicyIdentifier.of("ROK MND"), level, Optional.empty(),
                List.of(), Optional.of(KOR), Instant.parse("2020-01-01T00:00:00Z"), Optional.empty()), Set.of(MISSILE),
                false, List.of(), "vault");
    }

    /**
     * The server's key as GnuTLS reads it: SEC 1 "EC PRIVATE KEY" with its curve and public point (the JDK's PKCS#8
     * leaves both out, which GnuTLS refuses).
     */
    private static void writeSec1(Pki.Issued issued, Path file) throws Exception {
        var info = org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(issued.privateKey().getEncoded());
        var curve = org.bouncycastle.asn1.ASN1ObjectIdentifier.getInstance(info.getPrivateKeyAlgorithm().getParameters());
        var inner = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
        var spki = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(issued.certificate().getPublicKey()
                .getEncoded());
        var sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256, inner.getKey(), spki.getPublicKeyData(), curve);
        String b64 = java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(sec1.getEncoded());
        Files.writeString(file, "-----BEGIN EC PRIVATE KEY-----\n" + b64 + "\n-----END EC PRIVATE KEY-----\n");
    }

    private static SSLContext trusting(Path caPem) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("ca", Pki.readCertificatePem(caPem));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), RANDOM);
        return tls;
    }


    private static void awaitListening(int port, Process daemon, Path log) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end) {
            if (!daemon.isAlive()) {
                throw new AssertionError("rsyslogd ended: " + Files.readString(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("rsyslogd did not listen on " + port + ": " + Files.readString(log));
    }

    /** The lines rsyslog wrote, once there are {@code n}. */
    private static List<String> awaitLines(Path file, int n) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<String> lines = List.of();
        while (System.nanoTime() < end) {
            lines = Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList() : List.of();
            if (lines.size() >= n) {
                return lines;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("rsyslog wrote " + lines.size() + " of " + n + " lines: " + lines);
    }
}
