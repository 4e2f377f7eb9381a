package io.liaison.hotline;

import io.liaison.core.access.Clearance;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.hotline.Objectives;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.federation.Federation;
import io.liaison.federation.Peering;
import io.liaison.node.MutableClock;
import io.liaison.node.Node;
import io.liaison.node.TestNodes;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Two real nodes, JPN and KOR, peers over mutual TLS on loopback, each running its federation and hotline, with
 * the line {@value #LINE} between their policy desks: duty officers sato (JPN) and kim (KOR), with the duties for
 * the missile threat and sanctions enforcement, a security officer park at KOR, and an analyst lee at KOR who is on
 * no line (both with the missile threat's duty alone).
 */
public final class HotlinePair implements AutoCloseable {
    public static final Party JPN = Party.of("JPN");
    public static final Party KOR = Party.of("KOR");
    public static final String LINE = "jpn-kor-policy-dg";
    public static final AgreementId GSOMIA = AgreementId.of("jpn-kor-gsomia-2016");

    final java.time.Clock clock;
    final TestNodes.Created jd;
    final TestNodes.Created kd;
    public final Node jpn;
    public final Node kor;
    final int jp = Peering.freePort();
    final int kp = Peering.freePort();
    public Federation jf;
    public Federation kf;
    public Hotline jh;
    public Hotline kh;
    final Hotline.Options korOptions;
    public final User sato;
    public final User kim;
    final User park;
    final User lee;

    HotlinePair(TestNodes.Db db, MutableClock clock, Hotline.Options korOptions) throws Exception {
        this(db, clock, korOptions, false);
    }

    /** @param gsomiaNotProposed both nodes know the GSOMIA only from messages, and none came: not yet proposed */
    HotlinePair(TestNodes.Db db, MutableClock clock, Hotline.Options korOptions, boolean gsomiaNotProposed)
            throws Exception {
        this(TestNodes.Db.H2, db, clock, korOptions, gsomiaNotProposed, Objectives.defaults(), 0);
    }

    /**
     * The pair, for tests and the load drivers.
     *
     * @param objectives the line's acknowledgement objectives at both ends
     * @param poolSize each node's database connections (0: the test default)
     */
    public HotlinePair(TestNodes.Db jpnDb, TestNodes.Db korDb, java.time.Clock clock, Hotline.Options korOptions,
            boolean gsomiaNotProposed, Objectives objectives, int poolSize) throws Exception {
        this.clock = clock;
        this.korOptions = korOptions;
        this.jd = TestNodes.create(jpnDb, JPN, clock);
        this.kd = TestNodes.create(korDb, KOR, clock);
        this.jpn = gsomiaNotProposed ? jd.openFromMessages(clock, GSOMIA) : poolSize > 0 ? jd.open(clock, poolSize)
                : jd.open(clock);
        this.kor = gsomiaNotProposed ? kd.openFromMessages(clock, GSOMIA) : poolSize > 0 ? kd.open(clock, poolSize)
                : kd.open(clock);
        Peering.connect(Map.of(KOR, kp, JPN, jp), jpn, kor);
        jf = Federation.start(jpn, "127.0.0.1", jp);
        kf = Federation.start(kor, "127.0.0.1", kp);
        jh = Hotline.start(jpn, jf, new Hotline.Options(Duration.ZERO, Duration.ZERO));
        kh = Hotline.start(kor, kf, korOptions);
        sato = user(jpn, "sato", "jpn", "特定秘密", JPN, LINE_DUTIES, Role.DUTY_OFFICER);
        kim = user(kor, "kim", "kor", "군사Ⅱ급비밀", KOR, LINE_DUTIES, Role.DUTY_OFFICER);
        park = user(kor, "park", "kor", "군사Ⅰ급비밀", KOR, Role.SECURITY_OFFICER);
        lee = user(kor, "lee", "kor", "군사Ⅰ급비밀", KOR, Role.ANALYST);
        User jadmin = io.liaison.node.TestUsers.admin(jpn);
        User kadmin = io.liaison.node.TestUsers.admin(kor);
        jh.addLine(jadmin, new Line(LINE, "policy-dg", KOR, GSOMIA, Set.of("sato"), Set.of("kim"), "JS J3 watch",
                objectives));
        kh.addLine(kadmin, new Line(LINE, "policy-dg", JPN, GSOMIA, Set.of("kim"), Set.of("sato"), "JCS J3 watch",
                objectives));
    }

    /** The duties of the line's duty officers: the missile threat, and sanctions enforcement for the maritime picture. */
    static final Set<Purpose> LINE_DUTIES = Set.of(Purpose.of("DPRK missile threat"),
            Purpose.of("DPRK sanctions enforcement"));

    static User user(Node node, String name, String policy, String level, Party nationality, Role... roles) {
        return user(node, name, policy, level, nationality, Set.of(Purpose.of("DPRK missile threat")), roles);
    }

    static User user(Node node, String name, String policy, String level, Party nationality, Set<Purpose> duties,
            Role... roles) {
        return io.liaison.node.TestUsers.add(node, new User(name, new Clearance(policy, level, Map.of(), nationality),
                Set.of(roles), duties, true), "a long enough password".toCharArray());
    }

    /** Stops KOR's hotline and federation: the line goes dark. */
    void korDown() {
        kh.close();
        kf.close();
    }

    /** Starts KOR's federation and hotline again on the same port. */
    void korUp() {
        kf = Federation.start(kor, "127.0.0.1", kp);
        kh = Hotline.start(kor, kf, korOptions);
    }

    /** Waits up to {@code seconds} for {@code condition}. */
    public static void await(int seconds, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within " + seconds + " s");
            }
            Thread.sleep(20);
        }
    }

    long count(Node node, String where) {
        return node.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM hotline_messages WHERE " + where)
                .mapTo(Long.class).one());
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
