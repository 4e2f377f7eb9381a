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
 * The README's contractor walkthrough on a real node ({@code liaison serve}): a contractor's person is refused until
 * the facility's assessment, asked by one security officer and approved by another, is recorded; then reads within
 * its level (R29).
 */
@Timeout(180)
class ContractorCommandTest {
    @Test
    void aContractorsPersonReadsOnlyOnceTheFacilityIsAssessed(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("kor");
        Cli init = ok(Cli.run("init", "--party", "KOR", "--dir", dir.toString()));
        int api = ServedNodes.freePort();
        String k = "http://127.0.0.1:" + api;
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        try (ServedNodes nodes = new ServedNodes()) {
            nodes.serve(dir, api, ServedNodes.freePort());
            String ka = Cli.token(k, "admin", init.adminPassword());
            ok(Cli.run("user", "add", "kim", "--nationality", "KOR", "--clearance", "군사Ⅰ급비밀", "--role", "analyst",
                    "--duty", "DPRK missile threat", "--password", "kim long password", "--node", k, "--token", ka));
            ok(Cli.run("user", "add", "lee", "--nationality", "KOR", "--clearance", "군사Ⅱ급비밀", "--role", "analyst",
                    "--duty", "DPRK missile threat", "--password", "lee long password", "--node", k, "--token", ka));
            ok(Cli.run("user", "add", "park", "--nationality", "KOR", "--clearance", "군사Ⅰ급비밀", "--role",
                    "security-officer", "--password", "park long password", "--node", k, "--token", ka));
            Cli.approveAll(k, init.officerPassword());
            String kim = Cli.token(k, "kim", "kim long password");
            String ko = Cli.token(k, "officer", init.officerPassword());
            String park = Cli.token(k, "park", "park long password");
            String id = ok(Cli.run("item", "add", "--title", "Sinpo SLBM", "--classification", "군사Ⅲ급비밀", "--purpose",
                    "DPRK missile threat", "--text", "Barge at Sinpo.", "--node", k, "--token", kim)).out().split(" ")[0];

            assertThat(ok(Cli.run("contractor", "add", "Hanwha Systems, Gumi", "--node", k, "--token", ko)).out())
                    .contains("Hanwha Systems, Gumi  not assessed");
            assertThat(ok(Cli.run("contractor", "person", "lee", "--facility", "Hanwha Systems, Gumi", "--briefed", today,
                    "--node", k, "--token", ko)).out())
                    .contains("lee: person of Hanwha Systems, Gumi, not assessed, briefed on " + today + " (R29)");
            String lee = Cli.token(k, "lee", "lee long password");
            Cli refused = Cli.run("item", "show", id, "--node", k, "--token", lee);
            assertThat(refused.exit()).isNotZero();
            assertThat(refused.err()).contains("not found");
            assertThat(ok(Cli.run("search", "Sinpo", "--node", k, "--token", lee)).out()).doesNotContain("Sinpo SLBM");

            String asked = ok(Cli.run("contractor", "assess", "Hanwha Systems, Gumi", "--level", "군사Ⅲ급비밀",
                    "--assessed-by", "DCSA-K inspection team", "--on", today, "--node", k, "--token", ko)).out()
                    .split(" ")[0];
            Cli self = Cli.run("approval", "approve", asked, "--node", k, "--token", ko);
            assertThat(self.exit()).isNotZero();
            assertThat(self.err()).contains("second security officer");
            ok(Cli.run("approval", "approve", asked, "--node", k, "--token", park));
            assertThat(ok(Cli.run("contractor", "list", "--node", k, "--token", ko)).out())
                    .contains("assessed up to 군사Ⅲ급비밀 by DCSA-K inspection team on " + today + ", approved by park");
            assertThat(ok(Cli.run("item", "show", id, "--node", k, "--token", lee)).out()).contains("Sinpo SLBM");
            assertThat(ok(Cli.run("search", "Sinpo", "--node", k, "--token", lee)).out()).contains("Sinpo SLBM");
        }
    }
}
