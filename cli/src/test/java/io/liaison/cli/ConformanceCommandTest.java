package io.liaison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code liaison conformance DIR} on the spiffing suite as published, and on a suite that fails. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConformanceCommandTest {
    private static Path suite() {
        return ConformanceData.dir();
    }

    @Test
    void theSpiffingSuite_passesWhole_andShowsTheFlawedFilesItCorrected() {
        Cli r = Cli.run("conformance", suite().toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).containsPattern("(?m)^\\d+ passed, 0 failed$")
                .contains("note sequence 1: policy food-policy.xml as published: refused");
    }

    @Test
    void aCaseThatFails_isPrintedOnItsLine_andTheExitIsOne(@TempDir Path dir) throws Exception {
        for (String f : new String[] {"tlp.xml", "tlp-plus.xml", "uk-demo.xml", "tlpx-amber-eu.xml"}) {
            Files.copy(suite().resolve(f), dir.resolve(f));
        }
        Files.writeString(dir.resolve("tests.xml"), """
                <tests><sequence><policy spif="tlp-plus.xml"/><policy spif="tlp.xml"/><policy spif="uk-demo.xml"/>
                <test label="tlpx-amber-eu.xml" valid="true" label-marking="TLPX:RED J:EU"/>
                </sequence></tests>""", StandardCharsets.UTF_8);
        Cli r = Cli.run("conformance", dir.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL sequence 1 test 1 (tlpx-amber-eu.xml): label marking: expected 'TLPX:RED "
                + "J:EU', got 'TLPX:AMBER J:EU'").contains("4 passed, 1 failed");
        assertThat(Cli.run("conformance", dir.resolve("nothing").toString()).exit()).isEqualTo(2);
    }
}
