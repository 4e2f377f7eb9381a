package io.liaison.bench;

import io.liaison.core.access.Clearance;
import io.liaison.core.hotline.Objectives;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.federation.Federation;
import io.liaison.hotline.Hotline;
import io.liaison.hotline.Line;
import io.liaison.node.Node;
import io.liaison.node.TestNodes;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Two real nodes for the hotline load drivers, set up as the hotline tests do (HotlinePair): JPN and KOR, each
 * with its own database, keys and PKI, peers over mutual TLS 1.3 on loopback, each running its federation and
 * hotline, and the line {@value #LINE} between their policy desks with duty officers sato (JPN) and kim (KOR).
 * JPN's hotline checks nothing on its own and never paces; KOR's runs with the options given.
 */
final class TwoHotlines implements AutoCloseable {
    static final Party JPN = Party.of("JPN");
    static final Party KOR = Party.of("KOR");
    static final String LINE = "jpn-kor-policy-dg";
    static final String GSOMIA = "jpn-kor-gsomia-2016";
    private static final Purpose MISSILE = Purpose.of("DPRK missile threat");

    final TestNodes.Created jd;
    final TestNodes.Created kd;
    final Node jpn;
    final Node kor;
    final Federation jf;
    final Federation kf;
    final Hotline jh;
    final Hotline kh;
    final User sato;
    final User kim;

    /**
     * @param objectives the line's acknowledgement objectives at both ends (long ones keep escalation alarms, which
     *     no one answers in a benchmark, out of the measured runs)
     */
    TwoHotlines(TestNodes.Db db, Hotline.Options korOptions, Objectives objectives) throws Exception {
        Clock clock = Clock.systemUTC();
        jd = TestNodes.create(db, JPN, clock);
        kd = TestNodes.create(db, KOR, clock);
        jpn = jd.open(clock, 8);
        kor = kd.open(clock, 8);
        int jp = freePort();
        int kp = freePort();
        // Peering first (the listener starts only once a node has a peer), then the federations on their ports.
        try (Federation a = Federation.start(jpn, "127.0.0.1", 0); Federation b = Federation.start(kor, "127.0.0.1", 0)) {
            a.peers().add("admin", KOR.code(), "https://127.0.0.1:" + kp, Files.readAllBytes(kor.paths().caCertificate()));
            b.peers().add("admin", JPN.code(), "https://127.0.0.1:" + jp, Files.readAllBytes(jpn.paths().caCertificate()));
        }
        jf = Federation.start(jpn, "127.0.0.1", jp);
        kf = Federation.start(kor, "127.0.0.1", kp);
        jh = Hotline.start(jpn, jf, new Hotline.Options(Duration.ZERO, Duration.ZERO));
        kh = Hotline.start(kor, kf, korOptions);
        sato = user(jpn, "sato", "jpn", "特定秘密", JPN, Role.DUTY_OFFICER);
        kim = user(kor, "kim", "kor", "군사Ⅱ급비밀", KOR, Role.DUTY_OFFICER);
        User jadmin = user(jpn, "jadmin", "jpn", "秘", JPN, Role.ADMIN);
        User kadmin = user(kor, "kadmin", "kor", "군사Ⅲ급비밀", KOR, Role.ADMIN);
        jh.addLine(jadmin, new Line(LINE, "policy-dg", KOR, GSOMIA, Set.of("sato"), Set.of("kim"), "JS J3 watch",
                objectives));
        kh.addLine(kadmin, new Line(LINE, "policy-dg", JPN, GSOMIA, Set.of("kim"), Set.of("sato"), "JCS J3 watch",
                objectives));
    }

    private static User user(Node node, String name, String policy, String level, Party nationality, Role... roles) {
        return node.accounts().create("admin", new User(name, new Clearance(policy, level, Map.of(), nationality),
                Set.of(roles), Set.of(MISSILE), true), "a long bench password".toCharArray());
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (AutoCloseable c : new AutoCloseable[] {jh, kh, jf, kf, jpn, kor, jd, kd}) {
            try {
                c.close();
            } catch (Exception e) {
                // closing what is left
            }
        }
    }
}
