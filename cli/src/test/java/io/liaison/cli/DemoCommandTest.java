package io.liaison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Timeout(600)
class DemoCommandTest {

    @Test
    void demoScript_replaysTheStoryAcrossThreeNodes_andEveryExpectedOutcomeHappens() {
        Cli r = Cli.run("demo", "--script");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).containsSubsequence(
                "JPN PROPOSED (asked by tanaka, approved by officer; signed message) → JPN sees PROPOSED, KOR sees PROPOSED",
                "KOR DECLINED (asked by park, approved by officer; signed message) → JPN sees DECLINED, KOR sees DECLINED",
                "DENY  RELAY_BYPASSES_HUB [R21]", "DENY  AGREEMENT_NOT_IN_FORCE [R18]",
                "JPN → USA (the hub) under TISA", "ALLOW RELEASE_ALLOWED", "signed receipt from USA: STORED",
                "DENY  CONSENT_MISSING [R22]", "ALLOW ONWARD_RELEASE_ALLOWED", "chain JPN > USA > KOR",
                "USA → KOR under tisa-2014 on 2016-09-05, with the originator's consent",
                "KOR NOTIFIED (asked by park, approved by officer; signed message) → JPN sees IN_FORCE, KOR sees IN_FORCE",
                "KOR stores it marked JPN / 군사Ⅱ급비밀",
                "DENY  LEVEL_NOT_COVERED [R2 (Art. 4)]",
                "DENY  CONSENT_MISSING [R6]", "KOR → USA with consent",
                "KOR now marks it JPN / 군사Ⅲ급비밀",
                "JPN opened case", "OPEN SUSPECTED_LOSS",
                "JPN sees TERMINATION_NOTIFIED, KOR sees TERMINATION_NOTIFIED",
                "JPN sees NOTICE_SUSPENDED, KOR sees NOTICE_SUSPENDED",
                "KOR NOTICE_WITHDRAWN (asked by park, approved by officer; signed message) → JPN sees IN_FORCE, KOR sees IN_FORCE",
                "KOR audit log intact", "JPN audit log intact", "USA audit log intact",
                "KOR checked JPN's log: VERIFIED",
                "demo: every expected outcome happened");
        assertThat(r.out()).doesNotContain("✘");
    }

    @Test
    void demoCatalog_walksThroughPoliciesTableTranslationsRefusalAndTimeline() {
        Cli r = Cli.run("demo", "--catalog");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).containsSubsequence(
                "1. Five security policies", "kor", "jpn", "usa", "nato", "tlp",
                "2. The Japan–ROK GSOMIA", "JPN 極秘", "-> KOR 군사Ⅱ급비밀",
                "3. Translation", "KOR marks it JPN / 군사Ⅱ급비밀", "JPN marks it KOR / 極秘",
                "군사Ⅰ급비밀  ->  JPN REFUSED", "LEVEL_NOT_COVERED",
                "5. Release decisions", "DENY  LEVEL_NOT_COVERED [R2 (Art. 4)]", "RELAY_BYPASSES_HUB [R21]",
                "CONSENT_MISSING [R22]", "ALLOW ONWARD_RELEASE_ALLOWED",
                "7. The Japan–ROK GSOMIA timeline", "2016-11-23  IN_FORCE", "2019-08-23  TERMINATION_NOTIFIED",
                "2019-11-22  NOTICE_SUSPENDED", "2023-03-21  IN_FORCE");
    }
}
