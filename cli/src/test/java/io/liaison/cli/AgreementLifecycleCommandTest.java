package io.liaison.cli;

import static io.liaison.cli.Cli.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Japan–ROK GSOMIA ended by its parties on two real nodes ({@code liaison serve} processes, on today's clock):
 * KOR's security officer gives notice, suspends it and acts on it, each step approved by a second officer and
 * recorded alike at JPN from the signed message. While notice runs and while it is suspended, releases go on (R18);
 * once terminated, a release and classified hotline traffic are refused citing R18, what KOR received stays readable
 * (R19) and still follows reclassification and recall, and all of it survives a restart of both nodes.
 */
@Timeout(300)
class AgreementLifecycleCommandTest {
    private static final String GSOMIA = "jpn-kor-gsomia-2016";
    private static final String LINE = "jpn-kor-policy-dg";

    private static String state(String url, String token) {
        return ok(Cli.run("agreement", "list", "--node", url, "--token", token)).out().lines()
                .filter(l -> l.startsWith(GSOMIA)).findFirst().orElseThrow().split("\\s+")[2];
    }

    /** Asks for a step as {@code asker} and approves it as {@code approver}; returns the request's id. */
    private static String step(String url, String step, String asker, String approver) {
        Cli asked = ok(Cli.run("agreement", step, GSOMIA, "--note", "by the minister's instruction", "--node", url,
                "--token", asker));
        String id = asked.out().split("\\s+")[1];
        assertThat(id).startsWith("a-");
        ok(Cli.run("approval", "approve", id, "--node", url, "--token", approver));
        return id;
    }

    private static String release(String url, String token, String item) {
        return item + " " + Cli.run("item", "release", item, "--to", "KOR", "--purpose", "DPRK missile threat",
                "--agreement", GSOMIA, "--node", url, "--token", token).exit();
    }

    private static String add(String url, String token, String title) {
        return ok(Cli.run("item", "add", "--title", title, "--classification", "秘", "--purpose", "DPRK missile threat",
                "--text", title + " text", "--node", url, "--token", token)).out().split(" ")[0];
    }

    @Test
    void theGsomiaEndsByItsPartiesSteps_andWhatWasSharedStaysProtected(@TempDir Path tmp) throws Exception {
        ServedNodes.Pair pair = ServedNodes.Pair.init(tmp);
        Cli jpnInit = pair.jpnInit();
        Cli korInit = pair.korInit();
        String j = pair.jpn();
        String k = pair.kor();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        try (ServedNodes nodes = new ServedNodes()) {
            nodes.serve(pair);
            String ja = Cli.token(j, "admin", jpnInit.adminPassword());
            String ka = Cli.token(k, "admin", korInit.adminPassword());
            ok(Cli.run("user", "add", "sato", "--nationality", "JPN", "--clearance", "特定秘密", "--role", "analyst",
                    "--role", "releasing-officer", "--role", "security-officer", "--duty", "DPRK missile threat",
                    "--password", "sato long password", "--node", j, "--token", ja));
            ok(Cli.run("user", "add", "watanabe", "--nationality", "JPN", "--clearance", "特定秘密", "--role",
                    "duty-officer", "--duty", "DPRK missile threat", "--password", "watanabe long password", "--node", j,
                    "--token", ja));
            ok(Cli.run("user", "add", "kim", "--nationality", "KOR", "--clearance", "군사Ⅱ급비밀", "--role", "analyst",
                    "--duty", "DPRK missile threat", "--password", "kim long password", "--node", k, "--token", ka));
            ok(Cli.run("user", "add", "park", "--nationality", "KOR", "--clearance", "군사Ⅰ급비밀", "--role",
                    "security-officer", "--duty", "DPRK missile threat", "--password", "park long password", "--node", k,
                    "--token", ka));
            ok(Cli.run("user", "add", "choi", "--nationality", "KOR", "--clearance", "군사Ⅱ급비밀", "--role",
                    "duty-officer", "--duty", "DPRK missile threat", "--password", "choi long password", "--node", k,
                    "--token", ka));
            Cli.approveAll(j, jpnInit.officerPassword());
            Cli.approveAll(k, korInit.officerPassword());
            ok(Cli.run("hotline", "add-line", LINE, "--peer", "KOR", "--desk", "policy-dg", "--agreement", GSOMIA,
                    "--duty", "watanabe", "--peer-duty", "choi", "--escalation", "JS J3", "--node", j, "--token", ja));
            ok(Cli.run("hotline", "add-line", LINE, "--peer", "JPN", "--desk", "policy-dg", "--agreement", GSOMIA,
                    "--duty", "choi", "--peer-duty", "watanabe", "--escalation", "JCS J3", "--node", k, "--token", ka));
            String sato = Cli.token(j, "sato", "sato long password");
            String watanabe = Cli.token(j, "watanabe", "watanabe long password");
            String kim = Cli.token(k, "kim", "kim long password");
            String park = Cli.token(k, "park", "park long password");
            String kOfficer = Cli.token(k, "officer", korInit.officerPassword());
            assertThat(state(j, sato)).isEqualTo("IN_FORCE");

            // Shared while in force.
            String first = add(j, sato, "Punggye-ri portal 3");
            assertThat(release(j, sato, first)).endsWith(" 0");
            ServedNodes.await("KOR holds the first item", () -> Cli.run("search", "Punggye", "--node", k, "--token", kim).out()
                    .contains("1 item(s)"));

            // KOR gives notice: asked by park, refused to park himself, approved by the first officer.
            Cli asked = ok(Cli.run("agreement", "notice", GSOMIA, "--note", "by the minister's instruction", "--node", k,
                    "--token", park));
            assertThat(asked.out()).contains("KOR gives written notice of termination of " + GSOMIA + " on " + today)
                    .contains("TERMINATION_NOTIFIED").contains("takes effect");
            String notice = asked.out().split("\\s+")[1];
            assertThat(state(k, park)).as("nothing changes before the approval").isEqualTo("IN_FORCE");
            Cli own = Cli.run("approval", "approve", notice, "--node", k, "--token", park);
            assertThat(own.exit()).isNotZero();
            assertThat(own.err()).contains("needs a second security officer");
            ok(Cli.run("approval", "approve", notice, "--node", k, "--token", kOfficer));
            assertThat(state(k, park)).isEqualTo("TERMINATION_NOTIFIED");
            ServedNodes.await("JPN records KOR's notice", () -> state(j, sato).equals("TERMINATION_NOTIFIED"));
            assertThat(ok(Cli.run("agreement", "timeline", GSOMIA, "--node", j, "--token", sato)).out())
                    .contains("written notice of termination by KOR").contains("[signed message from KOR (envelope ");
            assertThat(ok(Cli.run("agreement", "timeline", GSOMIA, "--node", k, "--token", park)).out())
                    .contains("[step " + notice + " asked by park, approved by officer]")
                    .contains("[shipped catalog]");
            Cli audited = ok(Cli.run("audit", "tail", "--limit", "200", "--node", j, "--token", sato));
            assertThat(audited.out()).contains("agreement.termination_notice").contains("R17 (Art. 21)");

            // While notice runs, and while it is suspended, provision goes on (R18).
            assertThat(release(j, sato, add(j, sato, "Sohae gantry"))).endsWith(" 0");
            step(k, "suspend", park, kOfficer);
            ServedNodes.await("JPN records the suspension", () -> state(j, sato).equals("NOTICE_SUSPENDED"));
            String second = add(j, sato, "Sinpo pier");
            assertThat(release(j, sato, second)).endsWith(" 0");
            ServedNodes.await("KOR holds the second item", () -> Cli.run("search", "Sinpo", "--node", k, "--token", kim).out()
                    .contains("1 item(s)"));
            assertThat(ok(Cli.run("hotline", "send", "--line", LINE, "--precedence", "FLASH", "--classification", "極秘",
                    "--wait", "Launch from Sinpo.", "--node", j, "--token", watanabe)).out()).contains("delivered at");

            // KOR acts on its suspended notice: terminated at both ends.
            step(k, "terminate", park, kOfficer);
            assertThat(state(k, kim)).isEqualTo("TERMINATED");
            ServedNodes.await("JPN records the termination", () -> state(j, sato).equals("TERMINATED"));

            Cli refused = Cli.run("item", "release", add(j, sato, "Tongchang-ri engine test"), "--to", "KOR", "--purpose",
                    "DPRK missile threat", "--agreement", GSOMIA, "--node", j, "--token", sato);
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err()).contains("agreement " + GSOMIA + " is TERMINATED on " + today).contains("(R18)");
            Cli classified = Cli.run("hotline", "send", "--line", LINE, "--precedence", "FLASH", "--classification",
                    "極秘", "Launch from Tongchang-ri.", "--node", j, "--token", watanabe);
            assertThat(classified.exit()).isNotZero();
            assertThat(classified.err()).contains("R18");
            assertThat(ok(Cli.run("hotline", "send", "--line", LINE, "--precedence", "ROUTINE", "--classification", "注意",
                    "Line test after termination.", "--node", j, "--token", watanabe)).out())
                    .as("unclassified traffic needs no agreement (R27)").contains("queued");

            // What KOR received stays protected and readable (R19), and follows the originator's changes.
            String held = ok(Cli.run("search", "Punggye", "--node", k, "--token", kim)).out().split("\\s+")[0];
            assertThat(ok(Cli.run("item", "show", held, "--node", k, "--token", kim)).out()).contains("JPN / 군사Ⅲ급비밀")
                    .as("the holder sees the originator's own label, where it came from and each step (R3, R22)")
                    .contains("originator's label: Japan MOD 秘").contains("received from JPN under " + GSOMIA)
                    .contains("chain JPN > KOR").contains("JPN → KOR under " + GSOMIA + " on " + today);
            assertThat(ok(Cli.run("search", "Punggye", "--node", k, "--token", kim)).out())
                    .contains("(JPN > KOR, under " + GSOMIA + ")");
            ok(Cli.run("item", "reclassify", first, "--classification", "極秘", "--reason", "new source", "--node", j,
                    "--token", sato));
            ServedNodes.await("KOR's copy is re-marked", () -> Cli.run("item", "show", held, "--node", k, "--token", kim).out()
                    .contains("JPN / 군사Ⅱ급비밀"));
            ok(Cli.run("item", "recall", second, "--reason", "source withdrawn", "--node", j, "--token", sato));
            ServedNodes.await("KOR's copy of the second item is destroyed on recall", () -> Cli.run("search", "Sinpo", "--node", k,
                    "--token", kim).out().contains("0 item(s)"));
        }

        // Both nodes restarted: the state and its history are what was recorded.
        try (ServedNodes nodes = new ServedNodes()) {
            nodes.serve(pair);
            String sato = Cli.token(j, "sato", "sato long password");
            String kim = Cli.token(k, "kim", "kim long password");
            assertThat(state(j, sato)).isEqualTo("TERMINATED");
            assertThat(state(k, kim)).isEqualTo("TERMINATED");
            assertThat(ok(Cli.run("agreement", "timeline", GSOMIA, "--node", j, "--token", sato)).out())
                    .contains("suspended notice acted on by KOR").contains("[signed message from KOR (envelope ");
            Cli refused = Cli.run("item", "release", add(j, sato, "Yongbyon reactor"), "--to", "KOR", "--purpose",
                    "DPRK missile threat", "--agreement", GSOMIA, "--node", j, "--token", sato);
            assertThat(refused.err()).contains("is TERMINATED").contains("(R18)");
        }
    }
}
