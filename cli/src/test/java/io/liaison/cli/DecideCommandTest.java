package io.liaison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Timeout(600)
class DecideCommandTest {
    private static final String RELEASE = """
            {"type": "release", "from": "KOR", "to": "JPN", "purpose": "DPRK missile threat",
             "agreement": "jpn-kor-gsomia-2016", "at": "2017-01-01T00:00:00Z",
             "item": {"id": "kor-1", "originator": "KOR", "purposes": ["DPRK missile threat"],
                      "label": {"policy": "kor", "classification": "LEVEL"}}}
            """;

    @Test
    void allowedRelease_exitsZeroWithTheDecisionAsJson() {
        Cli r = Cli.withInput(RELEASE.replace("LEVEL", "군사Ⅱ급비밀"), "decide");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("\"outcome\" : \"ALLOW\"").contains("\"code\" : \"RELEASE_ALLOWED\"")
                .contains("\"equivalent\" : \"極秘\"");
    }

    @Test
    void deniedRelease_exitsOneWithReasonRuleAndValues() {
        Cli r = Cli.withInput(RELEASE.replace("LEVEL", "군사Ⅰ급비밀"), "decide", "-");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("\"outcome\" : \"DENY\"").contains("\"code\" : \"LEVEL_NOT_COVERED\"")
                .contains("\"rule\" : \"R2 (Art. 4)\"").contains("\"covered\" : \"군사Ⅱ급비밀, 군사Ⅲ급비밀\"");
    }

    @Test
    void badRequest_exitsTwoWithOneLine() {
        Cli r = Cli.withInput(RELEASE.replace("LEVEL", "SECRET"), "decide");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("liaison: stdin: label is invalid in policy kor (R1): classification SECRET is not a"
                + " level of policy kor");
        assertThat(r.err().lines()).hasSize(1);
        Cli garbage = Cli.withInput("{\"type\": ", "decide");
        assertThat(garbage.exit()).isEqualTo(2);
        assertThat(garbage.out()).isEmpty();
    }
}
