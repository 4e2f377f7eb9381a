package io.liaison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoCommandTest {

    @Test
    void demo_walksThroughPoliciesTableTranslationsRefusalAndTimeline() {
        Cli r = Cli.run("demo");
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
