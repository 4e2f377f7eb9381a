package io.liaison.cli;

import io.liaison.core.access.Clearance;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.agreement.AgreementState;
import io.liaison.core.agreement.EventType;
import io.liaison.core.decision.Decision;
import io.liaison.core.hotline.GeoPoint;
import io.liaison.core.hotline.Objectives;
import io.liaison.core.hotline.Precedence;
import io.liaison.core.hotline.TrackFusion;
import io.liaison.core.hotline.TrackUpdate;
import io.liaison.core.hotline.Velocity;
import io.liaison.core.label.PolicyIdentifier;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.core.policy.SecurityPolicy;
import io.liaison.federation.Federation;
import io.liaison.federation.audit.AuditExchange;
import io.liaison.federation.lifecycle.Lifecycles;
import io.liaison.federation.release.Consents;
import io.liaison.federation.release.Releases;
import io.liaison.hotline.Alarm;
import io.liaison.hotline.Hotline;
import io.liaison.hotline.HotlineMessage;
import io.liaison.hotline.Line;
import io.liaison.hotline.Tracks;
import io.liaison.node.MutableClock;
import io.liaison.node.Node;
import io.liaison.node.NodeInit;
import io.liaison.node.NodePaths;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.audit.Verification;
import io.liaison.node.items.ItemView;
import io.liaison.node.items.NewItem;
import io.liaison.server.ApiServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code liaison demo}: three nodes (KOR, JPN, USA) on embedded H2 and loopback, with a PKI made for the
 * run, replaying the Japan–ROK GSOMIA story from June 2016 to March 2023 on a simulated clock. Every step
 * goes through the real nodes (signed envelopes over mutual TLS, the outbox, the inboxes, the audit logs)
 * and prints what happened and each decision's reason; every expected outcome is checked.
 */
final class StoryDemo implements AutoCloseable {
    private static final Party KOR = Party.of("KOR");
    private static final Party JPN = Party.of("JPN");
    private static final Party USA = Party.of("USA");
    private static final AgreementId GSOMIA = AgreementId.of("jpn-kor-gsomia-2016");
    private static final AgreementId TISA = AgreementId.of("tisa-2014");
    private static final AgreementId US_KOR = AgreementId.of("usa-kor-gsa-1987");
    private static final Purpose MISSILE = Purpose.of("DPRK missile threat");
    private static final Purpose NUCLEAR = Purpose.of("DPRK nuclear threat");
    private static final Purpose SANCTIONS = Purpose.of("DPRK sanctions enforcement");

    private final Services s;
    private final MutableClock clock = new MutableClock(Instant.parse("2016-06-01T00:00:00Z"));
    private final Map<Party, Node> nodes = new LinkedHashMap<>();
    private final Map<Party, Federation> federations = new LinkedHashMap<>();
    private final Map<Party, ApiServer> apis = new LinkedHashMap<>();
    private final Map<Party, Hotline> hotlines = new LinkedHashMap<>();
    private final Map<Party, NodeStack> stacks = new LinkedHashMap<>();
    private final Map<Party, Integer> fedPorts = new LinkedHashMap<>();
    private final Map<Party, String> passwords = new LinkedHashMap<>();
    private final Map<Party, String> officerPasswords = new LinkedHashMap<>();
    private final List<String> failed = new ArrayList<>();
    private final Path dir;
    private int step;

    StoryDemo(Services s) throws Exception {
        this.s = s;
        this.dir = Files.createTempDirectory("liaison-demo-");
    }

    /** Runs the story; returns the expected outcomes that did not happen (none when all went as recorded). */
    List<String> run() throws Exception {
        start();
        Node jpn = nodes.get(JPN);
        Node kor = nodes.get(KOR);
        Node usa = nodes.get(USA);
        Federation jf = federations.get(JPN);
        Federation kf = federations.get(KOR);
        Federation uf = federations.get(USA);
        User sato = user(jpn, "sato", "jpn", "特定秘密", Role.ANALYST, Role.RELEASING_OFFICER);
        User tanaka = user(jpn, "tanaka", "jpn", "特定秘密", Role.ANALYST, Role.SECURITY_OFFICER);
        User kim = user(kor, "kim", "kor", "군사Ⅰ급비밀", Role.ANALYST, Role.RELEASING_OFFICER);
        User park = user(kor, "park", "kor", "군사Ⅰ급비밀", Role.ANALYST, Role.SECURITY_OFFICER);
        User smith = user(usa, "smith", "usa", "TOP SECRET", Role.ANALYST, Role.RELEASING_OFFICER);

        section("2016-06-04", "Japan proposes a GSOMIA at the Shangri-La Dialogue; the ROK declines for now");
        lifecycle(jf, jpn, EventType.PROPOSED, "2016-06-04", AgreementState.PROPOSED);
        lifecycle(kf, kor, EventType.DECLINED, "2016-06-05", AgreementState.DECLINED);

        section("2016-09-05", "Missile data flows JPN → USA → KOR under TISA, with Japan's consent (R20–R22)");
        ItemView rodong = item(jpn, sato, "jpn", "秘", "Three Rodong launches from Hwangju, 2016-09-05",
                "Three ballistic missiles; impact points in the Japanese EEZ off Okushiri.", MISSILE);
        decide("direct JPN → KOR under TISA", jf.releases().preview(sato, rodong.id(), KOR, MISSILE, TISA), false);
        decide("direct JPN → KOR under the GSOMIA (declined)", jf.releases().preview(sato, rodong.id(), KOR, MISSILE,
                GSOMIA), false);
        release("JPN → USA (the hub) under TISA", jf, sato, rodong.id(), USA, MISSILE, TISA, true);
        ItemView atHub = only(usa, smith, "Hwangju");
        decide("USA → KOR without Japan's consent", uf.releases().preview(smith, atHub.id(), KOR, MISSILE, TISA), false);
        Consents.Request asked = uf.consents().request(smith, atHub.id(), KOR, MISSILE, "TISA relay to the ROK");
        deliver();
        jf.consents().grant(tanaka, asked.id(), Optional.of(Instant.parse("2016-12-31T00:00:00Z")));
        s.out().println("  Japan's security officer grants consent for that item to KOR, until 2016-12-31 (signed)");
        deliver();
        release("USA → KOR under TISA, with consent", uf, smith, atHub.id(), KOR, MISSILE, TISA, true);
        ItemView relayed = only(kor, kim, "Hwangju");
        String chain = relayed.provenance().map(io.liaison.node.items.Provenance::chainWritten).orElse("-");
        s.out().println("  KOR holds it marked " + relayed.marking() + "; chain " + chain);
        check(relayed.marking().startsWith("JPN / ") && chain.equals("JPN > USA > KOR"),
                "the final holder sees the whole chain JPN > USA > KOR");
        s.out().println("  KOR's analyst sees the originator's own label, " + relayed.originatorLabel().classification()
                + " (" + relayed.originatorLabel().policy().name() + "), and each step:");
        List<io.liaison.node.items.Hop> steps = relayed.provenance().map(io.liaison.node.items.Provenance::hops)
                .orElse(List.of());
        steps.forEach(h -> s.out().println("    " + h.written()));
        check(steps.size() == 2 && steps.get(1).consent().isPresent(), "the final holder sees the consent that allowed "
                + "the onward step (R22)");

        section("2016-11-23", "The GSOMIA is signed and enters into force; direct exchange begins");
        lifecycle(jf, jpn, EventType.PROPOSED, "2016-10-27", AgreementState.PROPOSED);
        lifecycle(jf, jpn, EventType.SIGNED, "2016-11-23", AgreementState.PROPOSED);
        lifecycle(kf, kor, EventType.SIGNED, "2016-11-23", AgreementState.SIGNED);
        lifecycle(jf, jpn, EventType.NOTIFIED, "2016-11-23", AgreementState.SIGNED);
        lifecycle(kf, kor, EventType.NOTIFIED, "2016-11-23", AgreementState.IN_FORCE);
        ItemView slbm = item(jpn, sato, "jpn", "極秘", "SLBM test from Sinpo, 2016-08-24",
                "The missile flew 500 km and fell in the Japanese ADIZ; first stage cold-launched.", MISSILE);
        release("JPN → KOR under the GSOMIA", jf, sato, slbm.id(), KOR, MISSILE, GSOMIA, true);
        ItemView atKor = only(kor, kim, "Sinpo");
        s.out().println("  KOR stores it marked " + atKor.marking() + " (originator label " + atKor.originatorLabel()
                .classification() + " kept unchanged)");
        check(atKor.marking().equals("JPN / 군사Ⅱ급비밀"), "the receiver marks it JPN / 군사Ⅱ급비밀 (R3)");

        section("2017-02-12", "A Class I release is refused: the GSOMIA does not cover 군사Ⅰ급비밀 (R2)");
        ItemView plan = item(kor, kim, "kor", "군사Ⅰ급비밀", "OPLAN annex", "Not for release under the GSOMIA.", MISSILE);
        decide("KOR → JPN of a 군사Ⅰ급비밀 item", kf.releases().release(kim, plan.id(), JPN, MISSILE, GSOMIA).decision(), false);

        section("2017-03-06", "A third-party release is refused without Japan's consent and allowed with it (R6)");
        decide("KOR → USA of Japan's SLBM data, no consent", kf.releases().preview(kim, atKor.id(), USA, MISSILE, US_KOR),
                false);
        Consents.Request toUsa = kf.consents().request(kim, atKor.id(), USA, MISSILE, "combined ROK-US assessment");
        deliver();
        jf.consents().grant(tanaka, toUsa.id(), Optional.empty());
        s.out().println("  Japan grants consent for that item to USA (signed, on record at KOR)");
        deliver();
        release("KOR → USA with consent", kf, kim, atKor.id(), USA, MISSILE, US_KOR, true);
        ItemView atUsa = only(usa, smith, "Sinpo");
        s.out().println("  USA holds it marked " + atUsa.marking());

        section("2017-06-01", "Japan reclassifies its SLBM report; every holder re-marks its copy (R12)");
        clock.set(Instant.parse("2017-06-01T00:00:00Z"));
        jf.propagation().reclassify(tanaka, slbm.id(), "秘", "source re-evaluated");
        deliver();
        deliver();
        ItemView korAfter = only(kor, kim, "Sinpo");
        ItemView usaAfter = only(usa, smith, "Sinpo");
        s.out().println("  KOR now marks it " + korAfter.marking() + "; USA marks it " + usaAfter.marking());
        check(korAfter.marking().equals("JPN / 군사Ⅲ급비밀") && usaAfter.originatorLabel().classification().equals("秘"),
                "the reclassification reached KOR and, through KOR, USA");

        hotlineScene(jpn, kor, usa);

        section("2018-04-10", "A loss report reaches Japan at once (R15)");
        clock.set(Instant.parse("2018-04-10T00:00:00Z"));
        var incident = kf.incidents().report(park, korAfter.id(), io.liaison.federation.release.IncidentKind.SUSPECTED_LOSS,
                "courier bag unaccounted for 2 hours");
        deliver();
        var atJpn = jf.incidents().find(tanaka, incident.id());
        s.out().println("  JPN opened case " + incident.id() + ": " + atJpn.map(i -> i.status() + " " + i.kind())
                .orElse("missing"));
        check(atJpn.map(i -> i.status() == io.liaison.federation.release.Incidents.Status.OPEN).orElse(false),
                "the originator's case is open");

        section("2018-06-01", "Korea returns a Japanese item whose purpose ended; no copy stays at Korea (R13)");
        clock.set(Instant.parse("2018-06-01T00:00:00Z"));
        ItemView drill = item(jpn, sato, "jpn", "秘", "Tracking drill plan, spring 2018",
                "Combined tracking drill over the East Sea.", MISSILE);
        release("JPN → KOR for the drill", jf, sato, drill.id(), KOR, MISSILE, GSOMIA, true);
        ItemView lent = only(kor, park, "drill");
        kf.incidents().returnItem(park, lent.id(), "the drill is over");
        deliver();
        String korStatus = kor.items().read(park, lent.id(), Optional.empty()).status();
        boolean recorded = jpn.items().inventory(sato, drill.id()).stream()
                .anyMatch(c -> c.action().startsWith("returned by holder KOR (content matches"));
        s.out().println("  KOR's copy is " + korStatus + "; JPN " + (recorded ? "recorded the return and its certificate"
                : "has no record of the return"));
        check(korStatus.equals("RETURNED") && recorded, "the item went back to Japan and no readable copy stays at Korea");

        visitScene(jpn, kor, jf, kf, tanaka, park, kim);
        exerciseScene(jpn, kor, jf, kf, tanaka, park);
        aircraftScene(jpn, kor, jf, kf, tanaka, park);
        maritimeScene(jpn, kor, usa, jf);

        section("2019-08-23", "The ROK gives notice of termination, then suspends it; in 2023 it withdraws it (R17)");
        lifecycle(kf, kor, EventType.TERMINATION_NOTICE, "2019-08-23", AgreementState.TERMINATION_NOTIFIED);
        ItemView during = item(jpn, sato, "jpn", "秘", "Launch from Sondok, 2019-10-02", "SLBM Pukguksong-3.", MISSILE);
        release("JPN → KOR during the notice period (R18 still allows it)", jf, sato, during.id(), KOR, MISSILE, GSOMIA,
                true);
        lifecycle(kf, kor, EventType.NOTICE_SUSPENDED, "2019-11-22", AgreementState.NOTICE_SUSPENDED);
        lifecycle(kf, kor, EventType.NOTICE_WITHDRAWN, "2023-03-21", AgreementState.IN_FORCE);

        section("2023-03-21", "Every node verifies its audit log and its peers' signed tree heads");
        for (Map.Entry<Party, Node> e : nodes.entrySet()) {
            Verification v = e.getValue().verifyAudit();
            s.out().println("  " + e.getKey() + " audit log " + (v.ok() ? "intact: " + v.entries() + " entries, " + v.heads()
                    + " signed tree heads" : "BROKEN: " + v.problem()));
            check(v.ok(), e.getKey() + "'s audit log verifies");
        }
        for (Federation f : federations.values()) {
            f.sendAuditHeads();
        }
        deliver();
        // A head that met a passing failure at its peer is sent again by the delivery loop a second later: waited
        // for, as an operator would wait for the next delivery.
        poll(() -> Optional.of(true).filter(x -> federations.values().stream().flatMap(f -> f.auditExchange()
                .peerHeads().stream()).noneMatch(h -> h.status().equals("PENDING"))));
        for (Map.Entry<Party, Federation> e : federations.entrySet()) {
            for (AuditExchange.PeerHead h : e.getValue().auditExchange().peerHeads()) {
                s.out().println("  " + e.getKey() + " checked " + h.party() + "'s log: " + h.status() + ", " + h.treeSize()
                        + " entries" + h.lastReceipt().map(r -> "; its last receipt carried a head of " + r.treeSize()
                        + " entries").orElse(""));
                check(h.status().equals("VERIFIED"), e.getKey() + " verified " + h.party() + "'s head");
            }
        }
        return failed;
    }

    /** Prints where the nodes listen and the demo logins. */
    void printAccess() {
        section("now", "The nodes keep running; Ctrl-C stops them");
        for (Party p : nodes.keySet()) {
            s.out().println("  " + p + ": console http://127.0.0.1:" + apis.get(p).port() + "/, API http://127.0.0.1:"
                    + apis.get(p).port() + "/api/ (admin / "
                    + passwords.get(p) + ", officer / " + officerPasswords.get(p) + "), federation https://127.0.0.1:"
                    + federations.get(p).port().orElse(0));
        }
        s.out().println("  demo users (password 'demo password 1'): sato, tanaka, watanabe (JPN); kim, park, choi (KOR); "
                + "smith, jones (USA); watanabe, choi and jones are the hotline's duty officers");
        s.out().println("  files in " + dir);
        s.out().flush();
    }

    private void start() throws Exception {
        SecureRandom random = new SecureRandom();
        Node.Options options = Node.defaults(random);
        Map<Party, Integer> ports = new LinkedHashMap<>();
        for (Party p : List.of(KOR, JPN, USA)) {
            int port = freePort();
            while (ports.containsValue(port)) {
                port = freePort();
            }
            ports.put(p, port);
            String password = "demo admin " + Long.toHexString(random.nextLong());
            String officer = "demo officer " + Long.toHexString(random.nextLong());
            passwords.put(p, password);
            officerPasswords.put(p, officer);
            NodeInit.init(dir.resolve(p.code().toLowerCase(java.util.Locale.ROOT)), p, Optional.of(password),
                    Optional.of(officer), Optional.empty(), Clock.systemUTC(), random, options);
        }
        for (Party p : ports.keySet()) {
            Node node = Node.open(new NodePaths(dir.resolve(p.code().toLowerCase(java.util.Locale.ROOT))), clock, random,
                    options.withAgreementsFromMessages(GSOMIA));
            nodes.put(p, node);
        }
        for (Party p : ports.keySet()) {
            try (Federation setup = Federation.start(nodes.get(p), "127.0.0.1", 0)) {
                for (Party q : ports.keySet()) {
                    if (!q.equals(p)) {
                        setup.peers().add("demo", q.code(), "https://127.0.0.1:" + ports.get(q),
                                Files.readAllBytes(nodes.get(q).paths().caCertificate()));
                    }
                }
            }
        }
        fedPorts.putAll(ports);
        for (Party p : ports.keySet()) {
            connect(p);
        }
        s.out().println(s.terminal().bold("Liaison demo") + ": KOR, JPN and USA nodes on embedded H2, loopback, mutual TLS"
                + " with a PKI made for this run; the story replays on a simulated clock");
    }

    /** Starts a party's federation, hotline (checked by the story, on its clock) and API. */
    private void connect(Party p) {
        NodeStack stack = NodeStack.start(nodes.get(p), new NodeStack.Settings("127.0.0.1", 0, fedPorts.get(p),
                new Hotline.Options(Duration.ZERO, Duration.ZERO), Clock.systemUTC(), Optional.empty()));
        stacks.put(p, stack);
        federations.put(p, stack.federation());
        hotlines.put(p, stack.hotline());
        apis.put(p, stack.api());
    }

    /** Stops a party's API, hotline and federation: its end of every line goes dark. */
    private void disconnect(Party p) {
        apis.remove(p);
        hotlines.remove(p);
        federations.remove(p);
        stacks.remove(p).close();
    }

    private static final String JPN_KOR_LINE = "jpn-kor-defense-policy";
    private static final String JPN_USA_LINE = "jpn-usa-joint-staff";

    /**
     * The hotline: a launch seen by Japan's Aegis radar goes to KOR and USA as a FLASH with its track; Korea adds its
     * own radar's view and both see the fused track; a ROUTINE message nobody acknowledges escalates; the JPN-USA
     * line goes down, is alarmed, and drains FLASH first when it comes back (R23-R27).
     */
    private void hotlineScene(Node jpn, Node kor, Node usa) throws Exception {
        section("2017-08-29", "Hotline: a launch over Hokkaido goes out as a FLASH with its track to KOR and USA (R23-R27)");
        clock.set(Instant.parse("2017-08-28T20:58:00Z"));
        User watanabe = user(jpn, "watanabe", "jpn", "特定秘密", Set.of(MISSILE, NUCLEAR, SANCTIONS), Role.DUTY_OFFICER);
        User choi = user(kor, "choi", "kor", "군사Ⅱ급비밀", Set.of(MISSILE, NUCLEAR, SANCTIONS), Role.DUTY_OFFICER);
        User jones = user(usa, "jones", "usa", "TOP SECRET", Set.of(MISSILE, NUCLEAR, SANCTIONS), Role.DUTY_OFFICER);
        Hotline jh = hotlines.get(JPN);
        Hotline kh = hotlines.get(KOR);
        line(JPN, new Line(JPN_KOR_LINE, "defense-policy", KOR, GSOMIA, Set.of("watanabe"), Set.of("choi"),
                "JS J3 duty director", Objectives.defaults()));
        line(KOR, new Line(JPN_KOR_LINE, "defense-policy", JPN, GSOMIA, Set.of("choi"), Set.of("watanabe"),
                "JCS J3 duty director", Objectives.defaults()));
        line(JPN, new Line(JPN_USA_LINE, "joint-staff", USA, AgreementId.of("usa-jpn-gsomia-2007"), Set.of("watanabe"), Set.of("jones"),
                "JS J3 duty director", Objectives.defaults()));
        line(USA, new Line(JPN_USA_LINE, "joint-staff", JPN, AgreementId.of("usa-jpn-gsomia-2007"), Set.of("jones"), Set.of("watanabe"),
                "USFJ J3 watch", Objectives.defaults()));
        for (Hotline h : hotlines.values()) {
            h.checkLines();
        }
        s.out().println("  lines " + JPN_KOR_LINE + " (GSOMIA) and " + JPN_USA_LINE + " (US-Japan GSOMIA): "
                + jh.health(JPN_KOR_LINE).status() + ", " + jh.health(JPN_USA_LINE).status());

        Instant seen = clock.instant();
        TrackUpdate aegis = new TrackUpdate("JP-0829-01", seen, new GeoPoint(39.20, 126.20, 150_000),
                new Velocity(700, 2_400, 900), new GeoPoint(39.03, 125.75, 0), new GeoPoint(41.90, 144.60, 0), 25_000,
                "Aegis DDG-174 Kirishima", 0.9, "秘");
        jh.tracks().publish(watanabe, JPN_KOR_LINE, List.of(aegis));
        jh.tracks().publish(watanabe, JPN_USA_LINE, List.of(aegis));
        HotlineMessage toKor = await(() -> kh.messages(choi, JPN_KOR_LINE, true, 10).stream()
                .filter(m -> m.precedence() == Precedence.FLASH).findFirst());
        HotlineMessage toUsa = await(() -> hotlines.get(USA).messages(jones, JPN_USA_LINE, true, 10).stream()
                .filter(m -> m.precedence() == Precedence.FLASH).findFirst());
        s.out().println("  JPN's Aegis radar starts track JP-0829-01; a FLASH goes out on both lines by itself:");
        s.out().println("    KOR receives [" + toKor.marking() + "] " + toKor.text());
        s.out().println("    USA receives [" + toUsa.marking() + "]");
        check(toKor.marking().equals("JPN / 군사Ⅲ급비밀") && toKor.text().startsWith("LAUNCH track JP-0829-01"),
                "KOR gets the FLASH with the track summary, marked in its own policy");
        check(toUsa.marking().equals("JPN / CONFIDENTIAL"), "USA gets the FLASH marked JPN / CONFIDENTIAL");
        kh.ack(choi, toKor.id());
        HotlineMessage acked = await(() -> jh.messages(watanabe, JPN_KOR_LINE, false, 10).stream()
                .filter(m -> m.outgoing() && m.acknowledgedAt().isPresent()).findFirst());
        s.out().println("    KOR's duty officer acknowledges it; JPN records the acknowledgement by "
                + acked.acknowledgedBy().orElse("?"));
        check(acked.acknowledgedBy().equals(Optional.of("KOR/choi")), "the acknowledgement reaches JPN");
        hotlines.get(USA).ack(jones, toUsa.id());
        await(() -> jh.messages(watanabe, JPN_USA_LINE, false, 10).stream()
                .filter(m -> m.id().equals(toUsa.id()) && m.acknowledgedAt().isPresent()).findFirst());

        TrackUpdate greenPine = new TrackUpdate("KR-17-0412", seen.plusSeconds(4), new GeoPoint(39.22, 126.31, 158_000),
                new Velocity(690, 2_380, 880), new GeoPoint(39.05, 125.72, 0), new GeoPoint(41.70, 144.20, 0), 40_000,
                "Green Pine radar", 0.7, "군사Ⅲ급비밀");
        kh.tracks().publish(choi, JPN_KOR_LINE, List.of(greenPine));
        Tracks.Picture picture = await(() -> Optional.of(jh.tracks().picture(watanabe, JPN_KOR_LINE))
                .filter(p -> p.views().size() == 2));
        TrackFusion.Fused fused = picture.fused().getFirst();
        HotlineMessage korFlash = await(() -> jh.messages(watanabe, JPN_KOR_LINE, true, 10).stream()
                .filter(m -> m.precedence() == Precedence.FLASH).findFirst());
        jh.ack(watanabe, korFlash.id());
        // The acknowledgement travels back: until KOR records it, KOR's FLASH would count as unacknowledged (R25).
        await(() -> kh.messages(choi, JPN_KOR_LINE, false, 10).stream()
                .filter(m -> m.id().equals(korFlash.id()) && m.acknowledgedAt().isPresent()).findFirst());
        s.out().println(String.format(java.util.Locale.ROOT, "  KOR's Green Pine radar adds its view (its own FLASH, "
                + "acknowledged by JPN); JPN fuses them: "
                + "impact %.2fN %.2fE ±%.0f km from", fused.impactPoint().latitude(), fused.impactPoint().longitude(),
                fused.impactUncertainty() / 1000));
        for (TrackFusion.Contribution c : fused.contributions()) {
            s.out().println(String.format(java.util.Locale.ROOT, "    %s %s (%s): %.0f%% of the impact point",
                    c.party(), c.trackId(), c.sensor(), 100 * c.impactWeight()));
        }
        check(picture.fused().size() == 1 && fused.contributions().size() == 2, "one fused track from two sensors");

        HotlineMessage routine = kh.send(choi, new io.liaison.hotline.Messages.Outgoing(JPN_KOR_LINE, Precedence.ROUTINE, "군사Ⅲ급비밀",
                "Proposal: joint assessment of the 08-29 launch at 1000 tomorrow.", List.of(), Optional.empty()));
        await(() -> jh.messages(watanabe, JPN_KOR_LINE, true, 10).stream().filter(m -> m.id().equals(routine.id()))
                .findFirst());
        clock.advance(Duration.ofHours(6).plusMinutes(1));
        int atKor = kh.checkEscalations();
        int atJpn = jh.checkEscalations();
        s.out().println("  KOR sends a ROUTINE message; six hours on, nobody at JPN has acknowledged it:");
        for (var e : Map.of("KOR", kh.alarms(choi, false), "JPN", jh.alarms(watanabe, false)).entrySet()) {
            for (Alarm a : e.getValue()) {
                s.out().println("    " + e.getKey() + " ALARM " + a.kind() + " → " + String.join("; ", a.recipients()));
            }
        }
        check(atKor == 1 && atJpn == 1, "the unacknowledged ROUTINE escalates at both ends (R25)");

        clock.advance(Duration.ofMinutes(5));
        disconnect(USA);
        for (int i = 0; i < 3; i++) {
            jh.checkLines();
        }
        s.out().println("  USA's node drops off: JPN's checks fail three times and the line is "
                + jh.health(JPN_USA_LINE).status());
        check(jh.health(JPN_USA_LINE).status() == io.liaison.core.hotline.LineHealth.Status.DOWN
                && jh.alarms(watanabe, false).stream().anyMatch(a -> a.kind() == io.liaison.hotline.AlarmKind.LINE_DOWN),
                "the outage is "
                + "detected and alarmed (R26)");
        for (Precedence p : List.of(Precedence.ROUTINE, Precedence.IMMEDIATE, Precedence.FLASH)) {
            jh.send(watanabe, new io.liaison.hotline.Messages.Outgoing(JPN_USA_LINE, p, "秘", p + " sent while the line was down", List.of(),
                    Optional.empty()));
        }
        connect(USA);
        jh.checkLines();
        Hotline uh = hotlines.get(USA);
        List<HotlineMessage> drained = await(() -> Optional.of(uh.messages(jones, JPN_USA_LINE, false, 10).stream()
                .filter(m -> m.text().endsWith("while the line was down")).toList()).filter(l -> l.size() == 3));
        List<Precedence> order = drained.reversed().stream().map(HotlineMessage::precedence).toList();
        s.out().println("  USA is back: the line is " + jh.health(JPN_USA_LINE).status() + " and the queue drains in "
                + "order " + order);
        check(order.equals(List.of(Precedence.FLASH, Precedence.IMMEDIATE, Precedence.ROUTINE)),
                "queued messages flow highest precedence first after recovery (R24)");
        var status = jh.status(watanabe).stream().filter(x -> x.line().id().equals(JPN_KOR_LINE)).findFirst().orElseThrow();
        s.out().println("  " + JPN_KOR_LINE + " at JPN: FLASH delivered p50 " + status.latency().get(Precedence.FLASH)
                .delivery().p50().map(ms -> ms + " ms").orElse("-") + " on the simulated clock; open alarms "
                + status.openAlarms());
    }

    private void line(Party at, Line line) {
        hotlines.get(at).addLine(nodes.get(at).accounts().find("admin").orElseThrow(), line);
    }

    /** Waits up to 20 s for a value the nodes produce in the background; empty if none came. */
    private static <T> Optional<T> poll(java.util.function.Supplier<Optional<T>> value) throws InterruptedException {
        long end = System.nanoTime() + 20_000_000_000L;
        Optional<T> v = value.get();
        while (v.isEmpty() && System.nanoTime() < end) {
            Thread.sleep(20);
            v = value.get();
        }
        return v;
    }

    /** As {@link #poll}, a hotline delivery that must come. */
    private <T> T await(java.util.function.Supplier<Optional<T>> value) throws InterruptedException {
        Optional<T> v = poll(value);
        if (v.isEmpty()) {
            failed.add("a hotline delivery did not happen within 20 s");
            throw new IllegalStateException("a hotline delivery did not happen within 20 s");
        }
        return v.get();
    }

    /** A demo user, made as on any node: the admin adds it and asks for its grant, the first officer approves. */
    private User user(Node node, String name, String policy, String level, Role... roles) {
        return user(node, name, policy, level, Set.of(MISSILE, NUCLEAR), roles);
    }

    private User user(Node node, String name, String policy, String level, Set<Purpose> duties, Role... roles) {
        User admin = node.accounts().require("admin");
        node.accounts().add(admin, name, node.party(), "demo password 1".toCharArray());
        var grant = node.grants().request(admin, name, Set.of(roles), duties,
                Optional.of(new Clearance(policy, level, Map.of(), node.party())));
        return node.grants().approve(node.accounts().require(NodeInit.OFFICER), grant.id());
    }

    private ItemView item(Node node, User author, String policyId, String level, String title, String text, Purpose p) {
        SecurityPolicy policy = s.catalog().requirePolicy(policyId);
        SecurityLabel label = new SecurityLabel(new PolicyIdentifier(policy.name(), policy.oid().map(o -> "urn:oid:" + o)),
                level, Optional.empty(), List.of(), Optional.of(node.party()), clock.instant(), Optional.empty());
        ItemView v = node.items().create(author, new NewItem(title, text, label, Set.of(p), false, List.of(), "registry"));
        s.out().println("  " + node.party() + " files \"" + title + "\" marked " + v.marking());
        return v;
    }

    /**
     * Japan's security representatives visit Korea (R28, R30): asked by Japan's security officer, approved by Korea's
     * up to the equivalent of the clearance Japan assures, answered back signed; the visitor account reads within
     * the visit and nothing above its level or after its last day.
     */
    private void visitScene(Node jpn, Node kor, Federation jf, Federation kf, User tanaka, User park, User kim)
            throws Exception {
        section("2018-09-10", "Japan's security representatives visit Korea's facility, within what Korea approves (R28, R30)");
        clock.set(Instant.parse("2018-09-10T00:00:00Z"));
        LocalDate first = LocalDate.parse("2018-09-10");
        var asked = jf.visits().request(tanaka, new io.liaison.node.visits.Visits.Request(KOR, GSOMIA,
                io.liaison.core.visit.VisitKind.SECURITY_REPRESENTATIVE, "Inspection team lead", JPN, "極秘",
                "ROK DIS, Seoul", first, first.plusDays(2), MISSILE));
        s.out().println("  JPN asks: " + asked.summary());
        deliver();
        try {
            kf.visits().approve(park, asked.id(), "군사Ⅰ급비밀");
            check(false, "an approval above the equivalent of the assured clearance is refused");
        } catch (io.liaison.core.error.InvalidInputException e) {
            s.out().println("  KOR cannot approve 군사Ⅰ급비밀: " + e.getMessage());
        }
        var approved = kf.visits().approve(park, asked.id(), "군사Ⅲ급비밀");
        deliver();
        var atJpn = jpn.visits().require(tanaka, asked.id());
        s.out().println("  KOR approves up to " + approved.highestLevel().orElse("-") + "; JPN records it "
                + atJpn.status());
        check(atJpn.status() == io.liaison.node.visits.Visit.Status.APPROVED, "the approval reaches Japan signed (R28)");
        User visitor = kor.accounts().addVisitor(kor.accounts().require("admin"), asked.id(), "jpn.inspector",
                "demo visitor password".toCharArray());
        ItemView within = item(kor, kim, "kor", "군사Ⅲ급비밀", "Storage procedures, Seoul depot",
                "Two-person rule at the vault.", MISSILE);
        ItemView above = item(kor, kim, "kor", "군사Ⅱ급비밀", "Vault layout, Seoul depot", "Sensor positions.", MISSILE);
        boolean readsWithin = kor.items().mayRead(visitor, within.id());
        boolean readsAbove = kor.items().mayRead(visitor, above.id());
        s.out().println("  the visitor reads \"" + within.title() + "\": " + (readsWithin ? "yes" : "no")
                + "; \"" + above.title() + "\" (above the visit's level): " + (readsAbove ? "yes" : "no, as missing"));
        check(readsWithin && !readsAbove, "the visitor reads within the visit and nothing above its level (R28)");
        clock.set(Instant.parse("2018-09-13T00:00:00Z"));
        boolean afterwards = kor.items().mayRead(visitor, within.id());
        s.out().println("  on 2018-09-13, after the visit, the visitor reads it: " + (afterwards ? "yes" : "no"));
        check(!afterwards, "nothing is readable after the visit's last day (R28)");
    }

    /**
     * Korea invites Japan to observe a search-and-rescue exercise (R32): Japan nominates its observer within the one
     * place, a visit under R28 that Korea approves up to the exercise's level.
     */
    private void exerciseScene(Node jpn, Node kor, Federation jf, Federation kf, User tanaka, User park)
            throws Exception {
        section("2018-09-20", "Korea invites Japan to observe a search-and-rescue exercise; each observer is a visit (R32)");
        clock.set(Instant.parse("2018-09-20T00:00:00Z"));
        var invited = kf.visits().invite(park, new io.liaison.node.exercises.Exercises.Invitation(JPN, GSOMIA,
                "SAREX off Busan", "Busan", LocalDate.parse("2018-10-08"), LocalDate.parse("2018-10-10"), 1, "군사Ⅲ급비밀"));
        deliver();
        s.out().println("  KOR invites JPN to " + invited.name() + ", " + invited.from() + ".." + invited.until() + ", "
                + invited.observerPlaces() + " observer place up to " + invited.highestLevel());
        var observer = jf.visits().nominate(tanaka, invited.id(), "Cdr. Ito", JPN, "秘", Optional.empty());
        s.out().println("  JPN nominates " + observer.visitor() + ": visit " + observer.id() + " asked of KOR");
        try {
            jf.visits().nominate(tanaka, invited.id(), "Lt. Sato", JPN, "秘", Optional.empty());
            check(false, "a second observer beyond the one place is refused");
        } catch (io.liaison.core.error.ConflictException e) {
            s.out().println("  a second nomination is refused: " + e.getMessage());
        }
        deliver();
        kf.visits().approve(park, observer.id(), "군사Ⅲ급비밀");
        deliver();
        String standing = jpn.exercises().observers(tanaka, invited.id()).getFirst().standing();
        s.out().println("  KOR approves the observer up to 군사Ⅲ급비밀; JPN sees " + standing);
        check(standing.equals("APPROVED"), "the observer's approval reaches Japan (R32)");
    }

    /**
     * Japan asks Korea to clear a transport aircraft (R31): granted with conditions; a second request left unanswered
     * past its deadline raises an alarm at both ends; a flight without a clearance is flagged.
     */
    /**
     * The maritime picture (R33): Japan's AIS picture shows a North Korean tanker alongside another in the East China
     * Sea; it goes to KOR and USA on the hotline lines for sanctions enforcement; a Japanese analyst files the transfer
     * as a report, released to KOR and USA under their bilateral agreements and refused under TISA, whose scope it is
     * not; KOR's picture shows the report.
     */
    private void maritimeScene(Node jpn, Node kor, Node usa, Federation jf) throws Exception {
        section("2018-01-20", "A ship-to-ship transfer in the East China Sea: the maritime picture and a sanctions report (R33)");
        Hotline jh = hotlines.get(JPN);
        User watanabe = jpn.accounts().require("watanabe");
        io.liaison.core.maritime.Mmsi tanker = new io.liaison.core.maritime.Mmsi(445123000);
        io.liaison.core.maritime.Mmsi other = new io.liaison.core.maritime.Mmsi(667001234);
        List<String> nmea = new java.util.ArrayList<>(io.liaison.core.maritime.ais.AisEncoder.staticData(tanker,
                Optional.of(new io.liaison.core.maritime.Imo(9074729)), "HMAJ", "CHON MA SAN", 80, "NAMPO", 1));
        nmea.addAll(io.liaison.core.maritime.ais.AisEncoder.staticData(other, Optional.empty(), "9LY2", "YUK TUNG", 80,
                "", 2));
        nmea.add(io.liaison.core.maritime.ais.AisEncoder.position(tanker, 30.5100, 122.9800, Optional.of(0.4),
                Optional.of(10.0), 0, 5));
        nmea.add(io.liaison.core.maritime.ais.AisEncoder.position(other, 30.5112, 122.9806, Optional.of(0.2),
                Optional.of(190.0), 0, 6));
        var in = jh.maritime().feed(watanabe, String.join("\n", nmea), "AIS coastal receiver", "秘");
        s.out().println("  JPN's AIS feed: " + in.sentences() + " sentences, " + in.contacts() + " contacts held at 秘");
        for (String line : List.of(JPN_KOR_LINE, JPN_USA_LINE)) {
            var share = jh.maritimeShares().share(watanabe, line, SANCTIONS, "秘");
            s.out().println("  JPN shares its picture on " + share.line() + " for " + share.purpose());
        }
        User choi = kor.accounts().require("choi");
        var indication = await(() -> hotlines.get(KOR).maritime().picture(choi, Optional.empty()).indications().stream()
                .filter(i -> i.kind() == io.liaison.core.maritime.Indications.Kind.SHIP_TO_SHIP_TRANSFER).findFirst());
        var atKor = hotlines.get(KOR).maritime().picture(choi, Optional.empty()).views().getFirst();
        s.out().println("  KOR's picture, marked " + atKor.marking() + ": " + indication.summary());
        User jones = usa.accounts().require("jones");
        var atUsa = await(() -> hotlines.get(USA).maritime().picture(jones, Optional.empty()).views().stream().findFirst());
        s.out().println("  USA's picture holds it marked " + atUsa.marking());
        check(atKor.marking().equals("JPN / 군사Ⅲ급비밀") && atUsa.marking().equals("JPN / CONFIDENTIAL"),
                "KOR and USA hold the picture in their own policies");
        User ono = user(jpn, "ono", "jpn", "極秘", Set.of(SANCTIONS), Role.ANALYST, Role.RELEASING_OFFICER);
        ItemView report = jh.maritimeReports().file(ono, indication.key(), "秘", Set.of(SANCTIONS),
                Optional.of("hoses rigged between the hulls; a patrol aircraft photographed them"));
        s.out().println("  JPN files the transfer as item " + report.id() + ": " + report.title());
        release("the report JPN → KOR under the GSOMIA", jf, ono, report.id(), KOR, SANCTIONS, GSOMIA, true);
        release("the report JPN → USA under the US-Japan GSOMIA", jf, ono, report.id(), USA, SANCTIONS,
                AgreementId.of("usa-jpn-gsomia-2007"), true);
        decide("the report JPN → USA under TISA", jf.releases().preview(ono, report.id(), USA, SANCTIONS, TISA), false);
        User han = user(kor, "han", "kor", "군사Ⅱ급비밀", Set.of(SANCTIONS), Role.ANALYST);
        var shown = hotlines.get(KOR).maritimeReports().list(han, Optional.empty());
        s.out().println("  KOR's picture shows " + shown.size() + " report(s): " + shown.stream().map(r -> r.kind() + " "
                + String.join(" and ", r.vessels()) + " from " + r.origin()).toList());
        check(shown.size() == 1 && shown.getFirst().origin().equals(JPN), "KOR's picture shows Japan's report");
    }

    private void aircraftScene(Node jpn, Node kor, Federation jf, Federation kf, User tanaka, User park)
            throws Exception {
        section("2018-10-01", "Japan asks Korea to clear a military transport aircraft; a late answer raises an alarm (R31)");
        clock.set(Instant.parse("2018-10-01T00:00:00Z"));
        Instant entry = Instant.parse("2018-10-03T01:00:00Z");
        var asked = jf.aircraft().request(tanaka, KOR, GSOMIA, new io.liaison.core.aircraft.AircraftRequest("C130",
                "75-1075", "JAF101", "RKRR", "RJJJ", "RJFF Y711 RKRR W66 RKPK", entry, entry.plusSeconds(30 * 3600),
                "Relief supplies to Busan", 6, 4, "medical supplies, 3 t", Instant.parse("2018-10-02T00:00:00Z")));
        s.out().println("  JPN asks: " + asked.request().aircraftType() + " " + asked.request().registration() + " call "
                + "sign " + asked.request().callSign() + ", entry " + asked.request().entryPoint() + " at " + entry);
        deliver();
        kf.aircraft().grant(park, asked.id(), Optional.of("squawk 4501; no low-level flight"), Optional.empty(),
                Optional.empty());
        deliver();
        var atJpn = jpn.aircraft().require(tanaka, asked.id());
        s.out().println("  KOR grants it: " + atJpn.answer().orElse("-") + "; conditions: " + atJpn.conditions()
                .orElse("-"));
        check(atJpn.status() == io.liaison.node.aircraft.Clearance.Status.GRANTED, "the grant reaches Japan signed (R31)");
        var late = jf.aircraft().request(tanaka, KOR, GSOMIA, new io.liaison.core.aircraft.AircraftRequest("C2",
                "68-1210", "JAF102", "RKRR", "RJJJ", "RJTY direct RKSO", entry, entry.plusSeconds(6 * 3600),
                "Liaison flight", 5, 2, "", Instant.parse("2018-10-01T06:00:00Z")));
        deliver();
        clock.set(Instant.parse("2018-10-01T07:00:00Z"));
        jpn.aircraft().raiseOverdue();
        kor.aircraft().raiseOverdue();
        boolean atBoth = jpn.aircraft().require(tanaka, late.id()).alarmAt().isPresent()
                && kor.aircraft().require(park, late.id()).alarmAt().isPresent();
        s.out().println("  " + late.request().callSign() + " is unanswered at 06:00Z, its deadline: "
                + (atBoth ? "an alarm at both ends" : "no alarm"));
        check(atBoth, "a late answer raises an alarm at both ends (R31)");
        var flight = kor.aircraft().flight(park, "JAF777", "RKRR", entry);
        s.out().println("  KOR observes JAF777 entering at RKRR: " + (flight.cleared() ? "cleared" : "flagged, "
                + flight.reason()));
        check(!flight.cleared(), "a flight without a clearance is flagged (R31)");
    }

    private void lifecycle(Federation by, Node at, EventType type, String day, AgreementState expected) throws Exception {
        LocalDate date = LocalDate.parse(day);
        clock.set(date.atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
        // A security officer asks for the step; the first officer, a second person, approves it (two-person rule).
        User asker = at.accounts().require(at.party().equals(JPN) ? "tanaka" : "park");
        User approver = at.accounts().require(NodeInit.OFFICER);
        var requested = by.lifecycles().request(asker, GSOMIA, Lifecycles.Step.of(type), Optional.of(date), "as recorded");
        at.approvals().approve(approver, requested.approval().id());
        deliver();
        Optional<AgreementState> j = federations.get(JPN).lifecycles().state(GSOMIA, date);
        Optional<AgreementState> k = federations.get(KOR).lifecycles().state(GSOMIA, date);
        s.out().println("  " + day + "  " + at.party() + " " + type + " (asked by " + asker.name() + ", approved by "
                + approver.name() + "; signed message) → JPN sees " + j.map(Enum::name).orElse("-") + ", KOR sees "
                + k.map(Enum::name).orElse("-"));
        check(j.equals(Optional.of(expected)) && k.equals(j), "both nodes hold " + expected + " after " + type);
    }

    private void release(String what, Federation from, User officer, String itemId, Party to, Purpose purpose,
            AgreementId agreement, boolean allowed) throws Exception {
        Releases.Released r = from.releases().release(officer, itemId, to, purpose, agreement);
        decide(what, r.decision(), allowed);
        if (r.envelope().isPresent()) {
            deliver();
            String receipt = from.outbox().receipt(r.envelope().get()).orElse("(no receipt)");
            boolean stored = receipt.contains("\"outcome\":\"STORED\"");
            s.out().println("    delivered, signed receipt from " + to + ": " + (stored ? "STORED" : receipt));
            check(stored, what + " was stored and receipted");
        }
    }

    private void decide(String what, Decision d, boolean expectAllowed) {
        s.out().println("  " + what);
        s.out().println("    " + (d.allowed() ? "ALLOW" : "DENY ") + " " + d.code() + " [" + d.rule() + "] " + d.message());
        check(d.allowed() == expectAllowed, what + " is " + (expectAllowed ? "allowed" : "refused"));
    }

    private ItemView only(Node node, User reader, String word) {
        var page = node.items().search(reader, word, 0, 10);
        if (page.total() != 1) {
            failed.add(node.party() + " holds " + page.total() + " items matching " + word + ", not 1");
            throw new IllegalStateException(node.party() + " holds " + page.total() + " items matching " + word);
        }
        return node.items().read(reader, page.hits().getFirst().id(), Optional.empty());
    }

    private void deliver() throws InterruptedException {
        for (int round = 0; round < 3; round++) {
            for (Federation f : federations.values()) {
                f.deliverNow();
            }
        }
    }

    private void check(boolean ok, String what) {
        if (!ok) {
            failed.add(what);
            s.out().println("    ✘ expected: " + what);
        }
    }

    private void section(String date, String title) {
        if (!date.equals("now")) {
            clock.set(LocalDate.parse(date).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
        }
        s.out().println();
        s.out().println(s.terminal().bold((++step) + ". " + date + " — " + title));
    }

    /**
     * A port free now, below the kernel's ephemeral range (from 32768 on Linux): a port the kernel picked itself it may
     * hand to an outgoing connection before the node binds it.
     */
    private static int freePort() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = random.nextInt(20_000, 32_000);
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(port));
                return port;
            } catch (IOException taken) {
                // tried the next
            }
        }
        throw new IllegalStateException("no free port in 20000-32000 after 1,000 tries");
    }

    @Override
    public void close() {
        apis.values().forEach(ApiServer::close);
        hotlines.values().forEach(Hotline::close);
        federations.values().forEach(Federation::close);
        nodes.values().forEach(Node::close);
        apis.clear();
        hotlines.clear();
        federations.clear();
        nodes.clear();
    }

    /** Removes the demo's files (keys, databases); for the scripted run, which leaves nothing behind. */
    void deleteFiles() {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            s.err().println("liaison: could not remove " + dir + ": " + e.getMessage());
        }
    }
}
