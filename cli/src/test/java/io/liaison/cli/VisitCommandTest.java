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
 * The README's visit walkthrough on two real nodes ({@code liaison serve} processes): JPN's security officer asks KOR
 * for a visit, KOR's security officer refuses a level above the equivalent of the clearance JPN assures and approves
 * one within it, the answer reaches JPN, KOR's admin makes the visitor account, and the visitor reads an item within
 * the visit and cannot learn of one above it (R28). Then KOR invites JPN to observe an exercise, and JPN's observer is
 * a visit that KOR approves (R32).
 */
@Timeout(300)
class VisitCommandTest {
    private static final String GSOMIA = "jpn-kor-gsomia-2016";

    @Test
    void aVisitAskedAtJpnIsApprovedAtKor_andItsVisitorReadsOnlyWithinIt(@TempDir Path tmp) throws Exception {
        ServedNodes.Pair pair = ServedNodes.Pair.init(tmp);
        Cli jpnInit = pair.jpnInit();
        Cli korInit = pair.korInit();
        String j = pair.jpn();
        String k = pair.kor();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        try (ServedNodes nodes = new ServedNodes()) {
            nodes.serve(pair);
            String ka = Cli.token(k, "admin", korInit.adminPassword());
            ok(Cli.run("user", "add", "kim", "--nationality", "KOR", "--clearance", "군사Ⅰ급비밀", "--role", "analyst",
                    "--duty", "DPRK missile threat", "--password", "kim long password", "--node", k, "--token", ka));
            Cli.approveAll(k, korInit.officerPassword());
            String kim = Cli.token(k, "kim", "kim long password");
            String jo = Cli.token(j, "officer", jpnInit.officerPassword());
            String ko = Cli.token(k, "officer", korInit.officerPassword());
            String within = ok(Cli.run("item", "add", "--title", "Sinpo SLBM", "--classification", "군사Ⅲ급비밀",
                    "--purpose", "DPRK missile threat", "--text", "Barge at Sinpo.", "--node", k, "--token", kim))
                    .out().split(" ")[0];
            String above = ok(Cli.run("item", "add", "--title", "Sinpo yard", "--classification", "군사Ⅱ급비밀",
                    "--purpose", "DPRK missile threat", "--text", "New hall at Sinpo.", "--node", k, "--token", kim))
                    .out().split(" ")[0];

            Cli asked = ok(Cli.run("visit", "request", "--host", "KOR", "--agreement", GSOMIA, "--visitor", "Sato Kenji",
                    "--nationality", "JPN", "--clearance", "秘", "--facility", "ROK JCS, Seoul", "--from",
                    today.toString(), "--until", today.plusDays(1).toString(), "--purpose", "DPRK missile threat",
                    "--node", j, "--token", jo));
            String visit = asked.out().split(" ")[0];
            assertThat(asked.out()).contains("REQUESTED  JPN > KOR  visit");
            ServedNodes.await("KOR records the request", () -> Cli.run("visit", "list", "--node", k, "--token", ko).out()
                    .contains(visit));

            Cli tooHigh = Cli.run("visit", "approve", visit, "--level", "군사Ⅱ급비밀", "--node", k, "--token", ko);
            assertThat(tooHigh.exit()).isNotZero();
            assertThat(tooHigh.err()).contains("군사Ⅱ급비밀 is above 군사Ⅲ급비밀").contains("R28");
            assertThat(ok(Cli.run("visit", "approve", visit, "--level", "군사Ⅲ급비밀", "--node", k, "--token", ko)).out())
                    .contains("APPROVED").contains("up to 군사Ⅲ급비밀");
            ServedNodes.await("JPN has the answer", () -> Cli.run("visit", "show", visit, "--node", j, "--token", jo).out()
                    .contains("APPROVED"));
            assertThat(ok(Cli.run("visit", "show", visit, "--node", j, "--token", jo)).out())
                    .contains("visitor: Sato Kenji (JPN), clearance assured by JPN: 秘").contains("answered by officer");

            assertThat(ok(Cli.run("visit", "account", visit, "--name", "sato.visitor", "--password",
                    "sato visitor password", "--node", k, "--token", ka)).out())
                    .contains("visitor account sato.visitor (JPN): reads up to 군사Ⅲ급비밀 for DPRK missile threat");
            String visitor = Cli.token(k, "sato.visitor", "sato visitor password");
            assertThat(ok(Cli.run("item", "show", within, "--node", k, "--token", visitor)).out()).contains("Sinpo SLBM");
            Cli hidden = Cli.run("item", "show", above, "--node", k, "--token", visitor);
            assertThat(hidden.exit()).isNotZero();
            assertThat(hidden.err()).contains("not found");
            assertThat(ok(Cli.run("search", "Sinpo", "--node", k, "--token", visitor)).out()).contains("1 item(s)")
                    .contains("Sinpo SLBM").doesNotContain("Sinpo yard");
            Cli grant = Cli.run("user", "grant", "sato.visitor", "--duty", "anti-piracy", "--node", k, "--token", ka);
            assertThat(grant.exit()).isNotZero();
            assertThat(grant.err()).contains("takes no grant (R28)");

            // An exercise KOR hosts: JPN's observer is a visit under R28, answered by KOR like any visit (R32).
            String start = today.plusDays(7).toString();
            String exercise = ok(Cli.run("exercise", "invite", "--to", "JPN", "--agreement", GSOMIA, "--name",
                    "Ssangyong 27", "--place", "Pohang", "--from", start, "--until", today.plusDays(9).toString(),
                    "--places", "1", "--level", "군사Ⅲ급비밀", "--node", k, "--token", ko)).out().split(" ")[0];
            ServedNodes.await("JPN has the invitation", () -> Cli.run("exercise", "list", "--node", j, "--token", jo)
                    .out().contains(exercise));
            Cli nominated = ok(Cli.run("exercise", "nominate", exercise, "--observer", "Cdr. Ito", "--nationality", "JPN",
                    "--clearance", "秘", "--node", j, "--token", jo));
            String observer = nominated.out().split(" ")[0];
            assertThat(nominated.out()).contains("observer Cdr. Ito asked of KOR for " + start);
            Cli full = Cli.run("exercise", "nominate", exercise, "--observer", "Lt. Sato", "--nationality", "JPN",
                    "--clearance", "秘", "--node", j, "--token", jo);
            assertThat(full.exit()).isNotZero();
            assertThat(full.err()).contains("1 observer place(s), all nominated");
            ServedNodes.await("KOR has the nomination", () -> Cli.run("exercise", "show", exercise, "--node", k,
                    "--token", ko).out().contains(observer + "  NOMINATED"));
            ok(Cli.run("visit", "approve", observer, "--level", "군사Ⅲ급비밀", "--node", k, "--token", ko));
            ServedNodes.await("JPN has the answer", () -> Cli.run("exercise", "show", exercise, "--node", j, "--token",
                    jo).out().contains(observer + "  APPROVED"));
        }
    }
}
