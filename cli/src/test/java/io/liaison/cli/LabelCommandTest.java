package io.liaison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@org.junit.jupiter.api.Timeout(600)
class LabelCommandTest {

    @Test
    void translate_printsTheReceiversMarking() {
        Cli r = Cli.run("label", "translate", "--agreement", "jpn-kor-gsomia-2016", "--to", "KOR",
                "--classification", "極秘", "--originator", "JPN");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("JPN / 군사Ⅱ급비밀\n").contains("Art. 4");
        Cli back = Cli.run("label", "translate", "--agreement", "jpn-kor-gsomia-2016", "--to", "JPN",
                "--classification", "군사Ⅱ급비밀", "--originator", "KOR");
        assertThat(back.out()).startsWith("KOR / 極秘\n");
    }

    @Test
    void translate_refusesClassIWithTheReasonAndTheCoveredLevels() {
        Cli r = Cli.run("label", "translate", "--agreement", "jpn-kor-gsomia-2016", "--to", "JPN",
                "--classification", "군사Ⅰ급비밀", "--originator", "KOR");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("classification 군사Ⅰ급비밀 is outside agreement jpn-kor-gsomia-2016 (covers 군사Ⅱ급비밀,"
                + " 군사Ⅲ급비밀)").contains("LEVEL_NOT_COVERED").contains("R2 (Art. 4)");
    }

    @Test
    void bannerParse_thenRenderValidateAndTranslateToXml_keepRelTo(@TempDir Path dir) throws Exception {
        Cli parsed = Cli.run("label", "parse", "--banner", "SECRET//REL TO KOR, USA, JPN");
        assertThat(parsed.exit()).isZero();
        Path file = dir.resolve("label.xml");
        Files.writeString(file, parsed.out());
        Cli rendered = Cli.run("label", "render", file.toString());
        assertThat(rendered.out()).contains("banner:  [SECRET//REL TO USA, JPN, KOR]").contains("#FFFFFF on #C8102E");
        Cli valid = Cli.withInput(parsed.out(), "label", "validate", "-");
        assertThat(valid.exit()).isZero();
        assertThat(valid.out()).isEqualTo("valid: SECRET//REL TO USA, JPN, KOR (policy usa)\n");
        Cli xml = Cli.run("label", "translate", "--agreement", "usa-kor-gsa-1987", "--to", "KOR", "--xml", file.toString());
        assertThat(xml.out()).contains("<alternativeConfidentialityLabel").contains("<Classification>군사Ⅱ급비밀</Classification>")
                .contains("<GenericValue>KOR</GenericValue>").contains("<OriginatorID>USA</OriginatorID>");
        Cli json = Cli.run("label", "parse", file.toString());
        assertThat(json.out()).contains("\"classification\" : \"SECRET\"").contains("\"role\" : \"originatorConfidentialityLabel\"");
    }

    @Test
    void validate_reportsEveryProblemAndExitsOne() {
        String xml = Cli.run("label", "parse", "--banner", "SECRET//REL TO USA").out()
                .replace("<Classification>SECRET", "<Classification>SEKRET").replace(">USA</GenericValue", ">XYZ</GenericValue");
        Cli r = Cli.withInput(xml, "label", "validate");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("invalid: classification SEKRET is not a level of policy usa")
                .contains("invalid: value XYZ is not a value of Releasable To");
    }

    @Test
    void badInput_getsOneLineAndExitTwo() {
        Cli abbreviated = Cli.run("label", "parse", "--banner", "S//NOFORN");
        assertThat(abbreviated.exit()).isEqualTo(2);
        assertThat(abbreviated.err()).isEqualTo("liaison: classification 'S' is an abbreviation; a banner must spell it out"
                + " as SECRET (policy usa)\n");
        Cli missing = Cli.run("label", "render", "/nonexistent/label.xml");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("liaison: file /nonexistent/label.xml does not exist\n");
        Cli garbage = Cli.withInput("not xml", "label", "validate");
        assertThat(garbage.exit()).isEqualTo(2);
        assertThat(garbage.err().lines()).hasSize(1);
        Cli unknownOption = Cli.run("label", "render", "--bogus");
        assertThat(unknownOption.exit()).isEqualTo(2);
        assertThat(unknownOption.err().lines()).hasSize(1);
    }
}
