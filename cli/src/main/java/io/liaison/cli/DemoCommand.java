package io.liaison.cli;

import io.liaison.core.access.Clearance;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.decision.Consent;
import io.liaison.core.decision.Decision;
import io.liaison.core.decision.DecisionRequest;
import io.liaison.core.decision.ItemFacts;
import io.liaison.core.decision.Reader;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.label.BannerParser;
import io.liaison.core.label.Category;
import io.liaison.core.label.Markings;
import io.liaison.core.label.PolicyIdentifier;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.core.policy.CategoryType;
import io.liaison.core.policy.SecurityPolicy;
import io.liaison.core.translation.Translation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code liaison demo}: a walkthrough of the catalog on embedded data, with no services: the five
 * policies, the Japan–ROK table, translations both ways, banners, decisions with their reasons (a refused
 * Class I release among them) and the GSOMIA timeline.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Three nodes replay the Japan-ROK GSOMIA story, 2016-2023; --catalog walks through the catalog only.")
final class DemoCommand implements Callable<Integer> {
    private static final Party JPN = Party.of("JPN");
    private static final Party KOR = Party.of("KOR");
    private static final Party USA = Party.of("USA");
    private static final Purpose MISSILE = Purpose.of("DPRK missile threat");
    private static final AgreementId GSOMIA = AgreementId.of("jpn-kor-gsomia-2016");

    private final Services s;

    DemoCommand(Services s) {
        this.s = s;
    }

    @picocli.CommandLine.Option(names = "--script",
            description = "replay the story and exit: status 0 only if every expected outcome happened")
    boolean script;

    @picocli.CommandLine.Option(names = "--catalog", description = "walk through the catalog only (no nodes)")
    boolean catalogOnly;

    @Override
    public Integer call() throws Exception {
        if (catalogOnly) {
            return catalog();
        }
        StoryDemo demo = new StoryDemo(s);
        try {
            List<String> failed = demo.run();
            s.out().println();
            if (!failed.isEmpty()) {
                s.out().println("demo: " + failed.size() + " expected outcome(s) did not happen: " + String.join("; ", failed));
                s.out().flush();
                demo.close();
                demo.deleteFiles();
                return 1;
            }
            s.out().println("demo: every expected outcome happened");
            if (script) {
                demo.close();
                demo.deleteFiles();
                return 0;
            }
            demo.printAccess();
            java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                demo.close();
                stopped.countDown();
            }));
            stopped.await();
            return 0;
        } catch (Exception | Error e) {
            demo.close();
            throw e;
        }
    }

    private int catalog() {
        section("1. Five security policies (SPIF 2.1), highest level first");
        for (SecurityPolicy p : s.catalog().policies()) {
            s.out().println(s.terminal().bold(p.id()) + " — " + p.name() + " (owner " + p.owner() + ")");
            PolicyCommand.print(s, p);
        }

        section("2. The Japan–ROK GSOMIA: parties, directional equivalence table, rules");
        AgreementCommand.print(s, s.catalog().requireAgreement(GSOMIA));

        section("3. Translation under the GSOMIA (R2, R3): the receiver marks in its own scheme");
        translate(label("jpn", "極秘", JPN, relTo("KOR", "USA")), JPN, KOR);
        translate(label("jpn", "特定秘密", JPN), JPN, KOR);
        translate(label("kor", "군사Ⅱ급비밀", KOR), KOR, JPN);
        translate(label("kor", "군사Ⅲ급비밀", KOR), KOR, JPN);
        translate(label("kor", "군사Ⅰ급비밀", KOR), KOR, JPN);

        section("4. US banners: REL TO order, NOFORN, abbreviations");
        banner("SECRET//REL TO KOR, USA, JPN");
        banner("TOP SECRET//ORCON/NOFORN");
        banner("SECRET//NOFORN/REL TO USA, KOR");
        banner("S//NOFORN");

        section("5. Release decisions, each with its reason");
        ItemFacts imagery = ItemFacts.original("kor-2016-0001", KOR, label("kor", "군사Ⅰ급비밀", KOR), Set.of(MISSILE));
        decide("ROK releases a Class I item to Japan under the GSOMIA (2017)",
                new DecisionRequest.Release(imagery, KOR, JPN, MISSILE, GSOMIA, at("2017-03-01")));
        ItemFacts slbm = ItemFacts.original("jpn-2016-0007", JPN, label("jpn", "極秘", JPN), Set.of(MISSILE));
        decide("Japan releases SLBM data straight to the ROK in September 2016, before the GSOMIA",
                new DecisionRequest.Release(slbm, JPN, KOR, MISSILE, GSOMIA, at("2016-09-01")));
        decide("Japan releases the same item directly to the ROK under TISA",
                new DecisionRequest.Release(slbm, JPN, KOR, MISSILE, AgreementId.of("tisa-2014"), at("2016-09-01")));
        decide("Japan releases it to the US hub under TISA",
                new DecisionRequest.Release(slbm, JPN, USA, MISSILE, AgreementId.of("tisa-2014"), at("2016-09-01")));
        SecurityLabel atHub = label("usa", "SECRET", JPN);
        ItemFacts relayed = new ItemFacts("jpn-2016-0007", JPN, slbm.originatorLabel(), Optional.of(atHub),
                Set.of(MISSILE), Set.of(), false, List.of(JPN, USA));
        decide("the US passes it on to the ROK without Japan's consent",
                new DecisionRequest.OnwardRelease(relayed, USA, KOR, MISSILE, AgreementId.of("tisa-2014"), at("2016-09-02"), List.of()));
        Consent consent = new Consent("jpn-2016-0007", JPN, KOR, MISSILE, at("2016-09-01"), Optional.empty(),
                Optional.empty(), "JPN-MOD consent 2016-118");
        decide("the US passes it on to the ROK with Japan's written consent",
                new DecisionRequest.OnwardRelease(relayed, USA, KOR, MISSILE, AgreementId.of("tisa-2014"), at("2016-09-02"),
                        List.of(consent)));
        decide("Japan releases it directly to the ROK once the GSOMIA is in force (2016-11-24)",
                new DecisionRequest.Release(slbm, JPN, KOR, MISSILE, GSOMIA, at("2016-11-24")));
        decide("... and during the suspended termination notice (2020-06-01)",
                new DecisionRequest.Release(slbm, JPN, KOR, MISSILE, GSOMIA, at("2020-06-01")));

        section("6. Reading (R9): clearance, categories, need to know, purpose");
        SecurityLabel held = label("kor", "군사Ⅱ급비밀", JPN);
        ItemFacts received = new ItemFacts("jpn-2016-0007", JPN, slbm.originatorLabel(), Optional.of(held),
                Set.of(MISSILE), Set.of(), false, List.of(JPN, KOR));
        Reader analyst = new Reader("kor-analyst-1", new Clearance("kor", "군사Ⅱ급비밀", Map.of(), KOR),
                Set.of(MISSILE), true);
        Reader junior = new Reader("kor-analyst-2", new Clearance("kor", "군사Ⅲ급비밀", Map.of(), KOR),
                Set.of(MISSILE), true);
        Reader general = new Reader("kor-general-1", new Clearance("kor", "군사Ⅰ급비밀", Map.of(), KOR),
                Set.of(Purpose.of("logistics")), true);
        decide("a Class II analyst on missile duty reads the received item",
                new DecisionRequest.Read(analyst, received, MISSILE));
        decide("a Class III analyst tries", new DecisionRequest.Read(junior, received, MISSILE));
        decide("a Class I general with no missile duty tries (rank never grants access)",
                new DecisionRequest.Read(general, received, MISSILE));
        decide("the cleared analyst asks to use it for trade talks",
                new DecisionRequest.Read(analyst, received, Purpose.of("trade negotiation")));

        section("7. The Japan–ROK GSOMIA timeline (R17), computed from its dated events");
        var lc = s.catalog().lifecycle(GSOMIA);
        AgreementCommand.printTimeline(s, lc, LocalDate.of(2024, 1, 1));
        for (String d : List.of("2016-06-15", "2016-11-23", "2019-09-01", "2019-12-01", "2023-03-21")) {
            s.out().println("  state on " + d + ": " + lc.stateOn(LocalDate.parse(d)).orElseThrow());
        }
        s.out().println();
        s.out().println("Done. Try: ./liaison agreement timeline " + GSOMIA + " --at 2019-12-01");
        return 0;
    }

    private void section(String title) {
        s.out().println();
        s.out().println(s.terminal().bold("== " + title));
    }

    private void translate(SecurityLabel label, Party from, Party to) {
        SecurityPolicy policy = s.catalog().requirePolicyFor(label.policy());
        String shown = Markings.banner(label, policy);
        Translation t = s.translator().translate(label, from, to, GSOMIA, s.clock().instant());
        switch (t) {
            case Translation.Marked m -> s.out().println("  " + from + " " + shown + "  ->  " + to + " marks it "
                    + s.terminal().bold(m.marking()) + m.equivalent().categories().stream()
                    .map(c -> " (keeps " + c.tagName() + " " + String.join(", ", c.values()) + ")").reduce("", String::concat));
            case Translation.Refused r -> s.out().println("  " + from + " " + shown + "  ->  " + to + " REFUSED: "
                    + r.decision().message() + " [" + r.decision().code() + ", " + r.decision().rule() + "]");
        }
    }

    private void banner(String text) {
        try {
            SecurityPolicy usa = s.catalog().requirePolicy("usa");
            SecurityLabel l = BannerParser.parse(text, usa, USA, s.clock().instant());
            var r = Markings.render(l, usa, "en");
            s.out().println("  '" + text + "'  ->  " + s.terminal().banner(r.level(), r.banner()) + "  portion ("
                    + r.portion() + ")");
        } catch (InvalidInputException e) {
            s.out().println("  '" + text + "'  ->  refused: " + e.getMessage());
        }
    }

    private void decide(String what, DecisionRequest request) {
        Decision d = s.engine().decide(request);
        s.out().println("  " + what);
        s.out().println("    " + (d.allowed() ? "ALLOW" : "DENY ") + " " + d.code() + " [" + d.rule() + "] " + d.message());
    }

    private SecurityLabel label(String policyId, String level, Party originator, Category... categories) {
        SecurityPolicy p = s.catalog().requirePolicy(policyId);
        return new SecurityLabel(new PolicyIdentifier(p.name(), p.oid().map(o -> "urn:oid:" + o)), level,
                Optional.empty(), List.of(categories), Optional.of(originator), s.clock().instant(), Optional.empty());
    }

    private static Category relTo(String... countries) {
        return new Category("Releasable To", CategoryType.PERMISSIVE, List.of(countries));
    }

    private static Instant at(String date) {
        return Instant.parse(date + "T00:00:00Z");
    }
}
