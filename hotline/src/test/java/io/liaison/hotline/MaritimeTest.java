package io.liaison.hotline;

import static io.liaison.hotline.HotlinePair.JPN;
import static io.liaison.hotline.HotlinePair.KOR;
import static io.liaison.hotline.HotlinePair.LINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.core.error.ForbiddenException;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.maritime.Imo;
import io.liaison.core.maritime.Indications;
import io.liaison.core.maritime.Mmsi;
import io.liaison.core.maritime.ais.AisEncoder;
import io.liaison.core.party.Purpose;
import io.liaison.node.TestNodes;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.items.ItemView;
import io.liaison.node.MutableClock;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The maritime picture (R33) between two real nodes over mutual TLS: feeds, shares, fusion, reports. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MaritimeTest {
    private static final Purpose SANCTIONS = Purpose.of("DPRK sanctions enforcement");
    private static final Mmsi CHON_MA_SAN = new Mmsi(445123000);
    private static final Mmsi YUK_TUNG = new Mmsi(667001234);
    private final MutableClock clock = new MutableClock(Instant.now());

    /** A transfer in the East China Sea: a DPRK tanker alongside a Sierra Leone-flagged one, both nearly stopped. */
    static String transferNmea() {
        List<String> s = new ArrayList<>(AisEncoder.staticData(CHON_MA_SAN, Optional.of(new Imo(9074729)), "HMAJ",
                "CHON MA SAN", 80, "NAMPO", 1));
        s.addAll(AisEncoder.staticData(YUK_TUNG, Optional.empty(), "9LY2", "YUK TUNG", 80, "", 2));
        s.add(AisEncoder.position(CHON_MA_SAN, 30.5100, 122.9800, Optional.of(0.4), Optional.of(10.0), 0, 5));
        s.add(AisEncoder.position(YUK_TUNG, 30.5112, 122.9806, Optional.of(0.2), Optional.of(190.0), 0, 6));
        return String.join("\n", s) + "\n";
    }

    static User withDuty(io.liaison.node.Node node, String name, String policy, String level,
            io.liaison.core.party.Party nationality, Role role) {
        return io.liaison.node.TestUsers.add(node, new User(name, new io.liaison.core.access.Clearance(policy, level,
                java.util.Map.of(), nationality), Set.of(role), Set.of(SANCTIONS), true), "a long enough password");
    }

    @Test
    void aFeedAtJpn_sharedForSanctions_reachesKor_markedInItsPolicy_andFusesThere() throws Exception {
        try (HotlinePair p = new HotlinePair(TestNodes.Db.H2, clock, Hotline.Options.defaults())) {
            Maritime.Ingested in = p.jh.maritime().feed(p.sato, transferNmea() + "!AIVDM,1,1,,A,garbage,0*00\n",
                    "AIS file", "秘");
            assertThat(in.sentences()).isEqualTo(7);
            assertThat(in.contacts()).isEqualTo(2);
            assertThat(in.refused()).isEqualTo(1);
            assertThat(in.errors()).singleElement().asString().startsWith("line 7: NMEA sentence");

            MaritimeShares.Share share = p.jh.maritimeShares().share(p.sato, LINE, SANCTIONS, "秘");
            HotlinePair.await(15, () -> p.kh.maritime().picture(p.kim, Optional.empty()).views().size() == 2);
            Maritime.Picture kor = p.kh.maritime().picture(p.kim, Optional.empty());
            assertThat(kor.views()).allSatisfy(h -> {
                assertThat(h.party()).isEqualTo(JPN);
                assertThat(h.line()).contains(LINE);
                assertThat(h.marking()).isEqualTo("JPN / 군사Ⅲ급비밀");
                assertThat(h.contact().classification()).isEqualTo("군사Ⅲ급비밀");
            });
            assertThat(kor.views()).allSatisfy(h -> assertThat(h.purpose()).contains(SANCTIONS));
            assertThat(kor.vessels()).extracting(v -> v.id()).containsExactlyInAnyOrder("IMO 9074729", "MMSI 667001234");
            // A security officer without the duty for sanctions enforcement does not see what was shared for it (R7).
            assertThat(p.kh.maritime().picture(p.park, Optional.empty()).views()).isEmpty();
            assertThat(kor.indications()).singleElement().satisfies(i ->
                    assertThat(i.kind()).isEqualTo(Indications.Kind.SHIP_TO_SHIP_TRANSFER));
            // KOR sees the transfer in JPN's contacts, but cannot file it: JPN's information goes no further (R6).
            String key = kor.indications().getFirst().key();
            assertThatThrownBy(() -> p.kh.maritimeReports().file(p.kim, key, "군사Ⅲ급비밀", Set.of(SANCTIONS),
                    Optional.empty())).isInstanceOfSatisfying(ForbiddenException.class, e -> {
                        assertThat(e.code()).isEqualTo("EVIDENCE_FROM_ANOTHER_PARTY");
                        assertThat(e.getMessage()).contains("rests on contacts JPN shared").endsWith("(R6)");
                    });
            HotlinePair.await(10, () -> p.jh.maritimeShares().list(p.sato).getFirst().sent() == 2);
            assertThat(p.jh.maritimeShares().list(p.sato)).singleElement().satisfies(s -> {
                assertThat(s.id()).isEqualTo(share.id());
                assertThat(s.purpose()).isEqualTo(SANCTIONS);
            });

            // KOR's own sighting of the same hull under its old flag fuses with JPN's view: one vessel, two flags.
            p.kh.maritime().report(p.kim, List.of(new io.liaison.core.maritime.Contact(new Mmsi(667009999),
                    Optional.of(new Imo(9074729)), Optional.of("YU PHYONG"), Optional.empty(),
                    new io.liaison.core.hotline.GeoPoint(30.5101, 122.9801, 0), Optional.empty(), Optional.of(0.3),
                    "P-3C patrol", clock.instant().minusSeconds(3_600), "군사Ⅲ급비밀")));
            Maritime.Picture fused = p.kh.maritime().picture(p.kim, Optional.empty());
            assertThat(fused.vessels()).filteredOn(v -> v.id().equals("IMO 9074729")).singleElement().satisfies(v -> {
                assertThat(v.flags()).containsExactly("PRK", "SLE");
                assertThat(v.contributions()).extracting(c -> c.party()).containsExactly(JPN, KOR);
            });
            assertThat(fused.indications()).extracting(Indications.Indication::kind)
                    .contains(Indications.Kind.FLAG_CHANGE);

            // New positions flow on the standing share; an area filter keeps the picture to one sea.
            clock.advance(java.time.Duration.ofSeconds(30));
            p.jh.maritime().feed(p.sato, AisEncoder.position(CHON_MA_SAN, 30.6, 123.1, Optional.of(9.0),
                    Optional.of(45.0), 0, 30) + "\n", "AIS file", "秘");
            HotlinePair.await(15, () -> p.kh.maritime().picture(p.kim, Optional.empty()).views().stream()
                    .anyMatch(h -> h.contact().mmsi().equals(CHON_MA_SAN) && h.contact().position().latitude() == 30.6));
            assertThat(p.kh.maritime().picture(p.kim, Optional.of(new Maritime.Area(35, 125, 40, 130))).views()).isEmpty();

            // Ending the share stops the flow: JPN's next position is not sent.
            p.jh.maritimeShares().end(p.sato, share.id());
            assertThat(p.jh.maritimeShares().list(p.sato)).isEmpty();
        }
    }

    @Test
    void aShareOutsideTheAgreementOrByAnotherThanTheLinesDutyOfficer_isRefused_andNoOneElseSeesThePicture()
            throws Exception {
        try (HotlinePair p = new HotlinePair(TestNodes.Db.H2, clock, Hotline.Options.defaults(), true)) {
            p.jh.maritime().feed(p.sato, transferNmea(), "AIS file", "秘");
            // The GSOMIA is not yet proposed at either node: no provision under it (R18), cited with R33.
            assertThatThrownBy(() -> p.jh.maritimeShares().share(p.sato, LINE, SANCTIONS, "秘"))
                    .isInstanceOfSatisfying(ForbiddenException.class, e -> {
                        assertThat(e.code()).isEqualTo("AGREEMENT_NOT_IN_FORCE");
                        assertThat(e.getMessage()).contains("(R18, R33)");
                    });
            User jpnAnalyst = HotlinePair.user(p.jpn, "ito", "jpn", "秘", JPN, Role.ANALYST);
            assertThatThrownBy(() -> p.jh.maritimeShares().share(jpnAnalyst, LINE, SANCTIONS, "秘"))
                    .isInstanceOfSatisfying(ForbiddenException.class, e ->
                            assertThat(e.code()).isEqualTo("NOT_LINE_DUTY_OFFICER"));
            // Nothing reached KOR; a KOR analyst on no line sees nothing of the line's traffic.
            assertThat(p.kh.maritime().picture(p.lee, Optional.empty()).views()).isEmpty();
            // An analyst cleared below the picture's level sees none of it.
            User low = HotlinePair.user(p.jpn, "mori", "jpn", "注意", JPN, Role.ANALYST);
            assertThat(p.jh.maritime().picture(low, Optional.empty()).views()).isEmpty();
            assertThatThrownBy(() -> p.jh.maritime().feed(low, transferNmea(), "AIS file", "秘"))
                    .isInstanceOfSatisfying(ForbiddenException.class, e ->
                            assertThat(e.code()).isEqualTo("CLEARANCE_BELOW_LEVEL"));
            io.liaison.core.maritime.Contact ahead = new io.liaison.core.maritime.Contact(CHON_MA_SAN, Optional.empty(),
                    Optional.empty(), Optional.empty(), new io.liaison.core.hotline.GeoPoint(30, 123, 0), Optional.empty(),
                    Optional.of(9.0), "P-3C patrol", clock.instant().plus(java.time.Duration.ofHours(1)), "秘");
            assertThatThrownBy(() -> p.jh.maritime().report(p.sato, List.of(ahead)))
                    .isInstanceOfSatisfying(InvalidInputException.class, e ->
                            assertThat(e.code()).isEqualTo("CONTACT_TIME_INVALID"));
            User admin = io.liaison.node.TestUsers.admin(p.jpn);
            assertThatThrownBy(() -> p.jh.maritime().picture(admin, Optional.empty()))
                    .isInstanceOfSatisfying(ForbiddenException.class, e ->
                            assertThat(e.code()).isEqualTo("NO_OFFICIAL_NEED"));
        }
    }

    @Test
    void anIndication_filedAsAReport_isAnItemWithItsEvidence_releasedToKor_andShownInKorsPicture() throws Exception {
        try (HotlinePair p = new HotlinePair(TestNodes.Db.H2, clock, Hotline.Options.defaults())) {
            User analyst = withDuty(p.jpn, "ito", "jpn", "極秘", JPN, Role.ANALYST);
            p.jh.maritime().feed(analyst, transferNmea(), "AIS file", "秘");
            Indications.Indication sts = p.jh.maritime().picture(analyst, Optional.empty()).indications().getFirst();
            ItemView item = p.jh.maritimeReports().file(analyst, sts.key(), "秘", Set.of(SANCTIONS),
                    Optional.of("hoses rigged between the two hulls"));
            assertThat(item.title()).startsWith("Ship-to-ship transfer: IMO 9074729 and MMSI 667001234 at 30.51N 122.98E");
            assertThat(item.text().orElseThrow()).contains("Evidence:").contains("MMSI 445123000 (PRK, CHON MA SAN)")
                    .contains("Note: hoses rigged");
            assertThat(item.attachments()).singleElement().satisfies(a ->
                    assertThat(new String(a.data(), StandardCharsets.UTF_8)).contains("\"kind\":\"SHIP_TO_SHIP_TRANSFER\""));
            assertThat(p.jh.maritimeReports().list(analyst, Optional.empty())).singleElement()
                    .satisfies(r -> assertThat(r.item()).isEqualTo(item.id()));
            // A duty officer without the sanctions duty may see the picture but not the report.
            User kato = HotlinePair.user(p.jpn, "kato", "jpn", "特定秘密", JPN, Role.DUTY_OFFICER);
            assertThat(p.jh.maritime().picture(kato, Optional.empty()).views()).hasSize(2);
            assertThat(p.jh.maritimeReports().list(kato, Optional.empty())).isEmpty();
            // A report is no lower than the contacts it rests on (R4).
            assertThatThrownBy(() -> p.jh.maritimeReports().file(analyst, sts.key(), "注意", Set.of(SANCTIONS),
                    Optional.empty())).isInstanceOfSatisfying(InvalidInputException.class, e -> {
                        assertThat(e.code()).isEqualTo("LEVEL_BELOW_SOURCES");
                        assertThat(e.getMessage()).contains("rests on contacts held at 秘").endsWith("(R4)");
                    });
            assertThatThrownBy(() -> p.jh.maritimeReports().file(analyst, "AIS_DARK:IMO 1234567", "秘", Set.of(SANCTIONS),
                    Optional.empty())).hasMessageContaining("no indication AIS_DARK:IMO 1234567");

            // Released like any item; KOR's picture shows the received report to whoever may read the item.
            User officer = withDuty(p.jpn, "abe", "jpn", "特定秘密", JPN, Role.RELEASING_OFFICER);
            assertThat(p.jf.releases().release(officer, item.id(), KOR, SANCTIONS, HotlinePair.GSOMIA).decision()
                    .allowed()).isTrue();
            p.jf.deliverNow();
            User reader2 = withDuty(p.kor, "han", "kor", "군사Ⅱ급비밀", KOR, Role.ANALYST);
            HotlinePair.await(20, () -> !p.kh.maritimeReports().list(reader2, Optional.empty()).isEmpty());
            MaritimeReports.Report r = p.kh.maritimeReports().list(reader2, Optional.empty()).getFirst();
            assertThat(r.kind()).isEqualTo(Indications.Kind.SHIP_TO_SHIP_TRANSFER);
            assertThat(r.origin()).isEqualTo(JPN);
            assertThat(r.vessels()).containsExactly("IMO 9074729", "MMSI 667001234");
            // A KOR reader without the duty for sanctions enforcement does not learn the report exists.
            assertThat(p.kh.maritimeReports().list(p.lee, Optional.empty())).isEmpty();

            // Destroyed, the report leaves the picture and its row with it (R13).
            User security = withDuty(p.kor, "yoon", "kor", "군사Ⅱ급비밀", KOR, Role.SECURITY_OFFICER);
            p.kor.items().destruction().destroy(security, r.item(), "purpose ended");
            assertThat(p.kh.maritimeReports().list(reader2, Optional.empty())).isEmpty();
            long rows = p.kor.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM maritime_reports")
                    .mapTo(Long.class).one());
            assertThat(rows).isZero();
        }
    }

    @Test
    void liveFeeds_overUdpAndTcp_fillThePicture() throws Exception {
        try (HotlinePair p = new HotlinePair(TestNodes.Db.H2, clock, Hotline.Options.defaults());
                AisFeeds feeds = new AisFeeds(p.jh.maritime());
                ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            int port = feeds.udp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "秘");
            byte[] datagram = AisEncoder.position(CHON_MA_SAN, 30.51, 122.98, Optional.of(0.4), Optional.empty(), 0, 1)
                    .getBytes(StandardCharsets.US_ASCII);
            try (DatagramSocket s = new DatagramSocket()) {
                s.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), port));
            }
            HotlinePair.await(10, () -> p.jh.maritime().picture(p.sato, Optional.empty()).views().size() == 1);

            feeds.tcp("127.0.0.1", server.getLocalPort(), "秘");
            try (Socket s = server.accept()) {
                s.getOutputStream().write((AisEncoder.position(YUK_TUNG, 30.5112, 122.9806, Optional.of(0.2),
                        Optional.empty(), 0, 2) + "\r\nnot a sentence\r\n").getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                HotlinePair.await(10, () -> p.jh.maritime().picture(p.sato, Optional.empty()).views().size() == 2);
            }
            HotlinePair.await(10, () -> feeds.counts().stream().anyMatch(c -> c.source().startsWith("AIS tcp")
                    && c.refused() == 1 && c.contacts() == 1));
            assertThat(feeds.counts()).filteredOn(c -> c.source().startsWith("AIS udp")).singleElement()
                    .satisfies(c -> assertThat(c.contacts()).isEqualTo(1));
        }
    }
}
