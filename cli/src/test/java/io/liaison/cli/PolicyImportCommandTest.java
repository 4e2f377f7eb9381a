package io.liaison.cli;

import static io.liaison.cli.Cli.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.liaison.catalog.ShippedCatalog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Policies on a served node from the command line: a policy exported as SPIF 2.1 is the shipped file; imported
 * again, it waits for a second security officer, and once approved it is the version in force and comes back out
 * unchanged; a broken file is refused in one line, and nothing is staged.
 */
@Timeout(180)
class PolicyImportCommandTest {
    @Test
    void aPolicyGoesOutAndInAndOutAgainUnchanged_withASecondOfficersApproval(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("kor");
        Cli init = ok(Cli.run("init", "--party", "KOR", "--dir", dir.toString()));
        int api = ServedNodes.freePort();
        String k = "http://127.0.0.1:" + api;
        try (ServedNodes nodes = new ServedNodes()) {
            nodes.serve(dir, api, ServedNodes.freePort());
            String ka = Cli.token(k, "admin", init.adminPassword());
            ok(Cli.run("user", "add", "park", "--nationality", "KOR", "--clearance", "군사Ⅰ급비밀", "--role",
                    "security-officer", "--duty", "DPRK missile threat", "--password", "park long password", "--node", k,
                    "--token", ka));
            Cli.approveAll(k, init.officerPassword());
            String ko = Cli.token(k, "officer", init.officerPassword());
            String park = Cli.token(k, "park", "park long password");
            String shipped = new String(ShippedCatalog.resource("policies/usa.xml"), StandardCharsets.UTF_8);

            Path out = tmp.resolve("usa.xml");
            ok(Cli.run("policy", "export", "usa", "-o", out.toString(), "--node", k, "--token", ko));
            assertThat(Files.readString(out)).isEqualTo(shipped);

            String asked = ok(Cli.run("policy", "import", out.toString(), "--node", k, "--token", ko)).out()
                    .split(" ")[0];
            assertThat(Cli.run("approval", "approve", asked, "--node", k, "--token", ko).exit()).isNotZero();
            ok(Cli.run("approval", "approve", asked, "--node", k, "--token", park));
            assertThat(ok(Cli.run("policy", "versions", "--node", k, "--token", ko)).out())
                    .containsPattern("usa +1 +ACTIVE +USA +US DoD +park")
                    .contains("in force: usa version 1");
            assertThat(ok(Cli.run("policy", "export", "usa", "--policy-version", "1", "--node", k, "--token", ko)).out())
                    .isEqualTo(shipped);

            Path broken = tmp.resolve("broken.xml");
            Files.writeString(broken, shipped.replace("</spif:securityClassifications>", ""));
            Cli refused = Cli.run("policy", "import", broken.toString(), "--node", k, "--token", ko);
            assertThat(refused.exit()).isNotZero();
            assertThat(refused.err().strip().lines()).hasSize(1);
            assertThat(refused.err()).contains("broken.xml");
            assertThat(ok(Cli.run("policy", "versions", "--node", k, "--token", ko)).out()).doesNotContain("STAGED");

            // An item leaves bound (ADatP-4778) and comes back in with its binding verified; a changed one is refused.
            String id = ok(Cli.run("item", "add", "--title", "Sinpo SLBM", "--classification", "군사Ⅲ급비밀", "--purpose",
                    "DPRK missile threat", "--text", "Barge at Sinpo.", "--node", k, "--token", park)).out().split(" ")[0];
            Path bound = tmp.resolve("bound.xml");
            ok(Cli.run("item", "bind", id, "--purpose", "DPRK missile threat", "-o", bound.toString(), "--node", k,
                    "--token", park));
            assertThat(ok(Cli.run("item", "import-bound", bound.toString(), "--purpose", "DPRK missile threat",
                    "--node", k, "--token", park)).out()).contains("Sinpo SLBM").contains("bound by");
            Files.writeString(bound, Files.readString(bound).replace("군사Ⅲ급비밀", "평문"));
            Cli changed = Cli.run("item", "import-bound", bound.toString(), "--purpose", "DPRK missile threat", "--node",
                    k, "--token", park);
            assertThat(changed.exit()).isNotZero();
            assertThat(changed.err()).contains("the label (metadata binding) changed");
        }
    }
}
