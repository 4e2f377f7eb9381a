package io.liaison.cli;

import static io.liaison.cli.Cli.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.liaison.node.Node;
import io.liaison.node.NodePaths;
import io.liaison.node.TestNodes;
import io.liaison.server.ApiServer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Markings as people type and read them, through the command line and a node's API: ASCII roman numerals name the
 * same level everywhere a level is typed, US banners with tetragraphs and SCI parse, and tables line up by the
 * columns a terminal gives Korean and Japanese text.
 */
@Timeout(120)
class MarkingsCommandTest {

    @Test
    void levelsTypedWithAsciiNumerals_areTheSameLevels_andTablesAlign(@TempDir Path tmp) throws Exception {
        assertThat(ok(Cli.run("label", "translate", "--agreement", "jpn-kor-gsomia-2016", "--to", "JPN",
                "--classification", "군사II급비밀", "--originator", "KOR")).out()).startsWith("KOR / 極秘\n");
        assertThat(ok(Cli.run("label", "parse", "--banner", "군사III급비밀", "--policy", "kor")).out())
                .contains("<Classification>군사Ⅲ급비밀</Classification>");
        assertThat(ok(Cli.run("label", "parse", "--banner", "SECRET//REL TO USA, FVEY")).out())
                .contains("<GenericValue>FVEY</GenericValue>");
        assertThat(ok(Cli.run("label", "parse", "--banner", "TOP SECRET//SI//NOFORN")).out())
                .contains("<GenericValue>SI</GenericValue>").contains("<GenericValue>NOFORN</GenericValue>");

        Path dir = tmp.resolve("kor");
        Cli init = ok(Cli.run("init", "--party", "KOR", "--dir", dir.toString()));
        try (Node node = Node.open(new NodePaths(dir), Cli.CLOCK, new SecureRandom(), TestNodes.options(Optional.empty(),
                io.liaison.node.items.FaultInjector.NONE));
                ApiServer api = ApiServer.start(node, "127.0.0.1", 0)) {
            String url = "http://127.0.0.1:" + api.port();
            String admin = Cli.token(url, "admin", init.adminPassword());
            ok(Cli.run("user", "add", "kim", "--nationality", "KOR", "--clearance", "군사II급비밀", "--role", "analyst",
                    "--duty", "DPRK missile threat", "--password", "kim long password", "--node", url, "--token", admin));
            ok(Cli.run("user", "add", "lee", "--nationality", "KOR", "--clearance", "군사III급비밀", "--role", "analyst",
                    "--duty", "DPRK missile threat", "--password", "lee long password", "--node", url, "--token", admin));
            Cli.approveAll(url, init.officerPassword());
            List<String> users = ok(Cli.run("user", "list", "--node", url, "--token", admin)).out().lines().toList();
            assertThat(users).anySatisfy(l -> assertThat(l).startsWith("kim").contains("군사Ⅱ급비밀 "))
                    .anySatisfy(l -> assertThat(l).startsWith("lee").contains("군사Ⅲ급비밀 "));
            // Every row's roles column starts at the same terminal column, whatever the width of the level before it.
            assertThat(users.stream().map(l -> Columns.width(l.substring(0, l.indexOf("roles=")))).distinct().toList())
                    .hasSize(1);
            String kim = Cli.token(url, "kim", "kim long password");
            String id = ok(Cli.run("item", "add", "--title", "Sohae", "--classification", "군사III급비밀", "--purpose",
                    "DPRK missile threat", "--text", "two TELs", "--node", url, "--token", kim)).out().split("\\s+")[0];
            assertThat(ok(Cli.run("item", "show", id, "--node", url, "--token", kim)).out()).startsWith("[군사Ⅲ급비밀]");
            assertThat(ok(Cli.run("search", "Sohae", "--node", url, "--token", kim)).out()).contains("군사Ⅲ급비밀");
        }
    }
}
