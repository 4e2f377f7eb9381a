package io.liaison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Timeout(600)
class AgreementCommandTest {

    @Test
    void timeline_printsTheGsomiaHistory() {
        Cli r = Cli.run("agreement", "timeline", "jpn-kor-gsomia-2016");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).containsSubsequence(
                "2016-06-04  PROPOSED", "DECLINED", "2016-11-23  IN_FORCE", "2019-08-23  TERMINATION_NOTIFIED",
                "2019-11-22  NOTICE_SUSPENDED", "2023-03-21  IN_FORCE");
    }

    @Test
    void timelineAt_printsTheStateOnThatDate() {
        assertThat(Cli.run("agreement", "timeline", "jpn-kor-gsomia-2016", "--at", "2019-09-01").out())
                .endsWith("state on 2019-09-01: TERMINATION_NOTIFIED\n");
        assertThat(Cli.run("agreement", "timeline", "jpn-kor-gsomia-2016", "--at", "2016-06-20").out())
                .endsWith("state on 2016-06-20: DECLINED\n");
        assertThat(Cli.run("agreement", "timeline", "jpn-kor-gsomia-2016", "--at", "2010-01-01").out())
                .endsWith("state on 2010-01-01: NOT_PROPOSED\n");
        Cli bad = Cli.run("agreement", "timeline", "jpn-kor-gsomia-2016", "--at", "yesterday");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("liaison: --at 'yesterday' is not a date YYYY-MM-DD\n");
    }

    @Test
    void show_printsPartiesTableAndRules() {
        Cli r = Cli.run("agreement", "show", "tisa-2014");
        assertThat(r.out()).contains("through hub USA").contains("JPN 極秘").contains("DPRK missile threat, DPRK nuclear threat")
                .contains("R22");
        Cli unknown = Cli.run("agreement", "show", "nope");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("liaison: agreement nope is not in the catalog (agreements: ");
    }

    @Test
    void listCommands_showEveryAgreementAndPolicy() {
        assertThat(Cli.run("agreement", "list").out()).contains("jpn-kor-gsomia-2016").contains("tisa-2014")
                .contains("IN_FORCE");
        assertThat(Cli.run("policy", "list").out().lines()).hasSize(5);
        assertThat(Cli.run("policy", "show", "tlp").out()).contains("TLP:AMBER+STRICT");
    }
}
