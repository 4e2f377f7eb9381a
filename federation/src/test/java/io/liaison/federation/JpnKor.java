package io.liaison.federation;

import io.liaison.core.party.Party;
import io.liaison.node.MutableClock;
import io.liaison.node.Node;
import io.liaison.node.TestNodes;
import java.util.Map;

/**
 * A JPN and a KOR node on {@code clock}, each on its own database kind, peered over mutual TLS on loopback with their
 * federations started; closing stops them all.
 */
public final class JpnKor implements AutoCloseable {
    public static final Party JPN = Party.of("JPN");
    public static final Party KOR = Party.of("KOR");
    public static final io.liaison.core.agreement.AgreementId GSOMIA =
            io.liaison.core.agreement.AgreementId.of("jpn-kor-gsomia-2016");
    public static final io.liaison.core.party.Purpose MISSILE = io.liaison.core.party.Purpose.of("DPRK missile threat");

    private final TestNodes.Created jd;
    private final TestNodes.Created kd;
    public final Node jpn;
    public final Node kor;
    public final Federation jf;
    public final Federation kf;

    public JpnKor(TestNodes.Db jpnDb, TestNodes.Db korDb, MutableClock clock) throws Exception {
        int jp = Peering.freePort();
        int kp = Peering.freePort();
        jd = TestNodes.create(jpnDb, JPN, clock);
        kd = TestNodes.create(korDb, KOR, clock);
        jpn = jd.open(clock);
        kor = kd.open(clock);
        Peering.connect(Map.of(KOR, kp, JPN, jp), jpn, kor);
        jf = Federation.start(jpn, "127.0.0.1", jp);
        kf = Federation.start(kor, "127.0.0.1", kp);
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {jf, kf, jpn, kor, jd, kd}) {
            if (c != null) {
                c.close();
            }
        }
    }
}
