package io.liaison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code policy check} and {@code label mark} on the spiffing suite's files, as a user would run them. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SpifCommandsTest {
    private static String data(String file) {
        return ConformanceData.dir().resolve(file).toString();
    }

    @Test
    void policyCheck_summarisesAnySpif_orRefusesItWithTheReasonInOneLine() {
        Cli nato = Cli.run("policy", "check", data("nato-4774-policy.xml"));
        assertThat(nato.exit()).as(nato.err()).isZero();
        assertThat(nato.out()).contains("NATO (1.3.26.1.3.1)").contains("UNCLASSIFIED (1, rank 1)")
                .contains("tag set Releasable To (1.3.26.1.4.2): Releasable To enumerated permissive with");
        Cli borked = Cli.run("policy", "check", data("food-policy-borked.xml"));
        assertThat(borked.exit()).isEqualTo(2);
        assertThat(borked.err()).contains("Duplicate excluded classification in category Chocolate");
        assertThat(borked.err().strip().lines()).hasSize(1);
    }

    @Test
    void labelMark_marksInTheSpifsWordsPerLanguage_andSaysWhyALabelIsNotValid() {
        Cli en = Cli.run("label", "mark", data("nato-4774-17-1.nato"), "--spif", data("nato-4774-policy.xml"));
        assertThat(en.exit()).as(en.err()).isZero();
        assertThat(en.out()).contains("valid under NATO")
                .contains("NATO UNCLASSIFIED Releasable to ISAF, KFOR, RESOLUTE SUPPORT");
        Cli fr = Cli.run("label", "mark", data("nato-4774-17-1.xml"), "--spif", data("nato-4774-policy.xml"), "--lang",
                "fr-CA");
        assertThat(fr.out()).contains("NATO SANS CLASSIFICATION Communicable a ISAF, KFOR, RESOLUTE SUPPORT");
        Cli clearance = Cli.run("label", "mark", data("uk-demo-secret-uk.xml"), "--spif", data("uk-demo.xml"));
        assertThat(clearance.exit()).as(clearance.err()).isZero();
        assertThat(clearance.out()).contains("clearance of");
        Cli noPolicy = Cli.run("label", "mark", data("nato-4774-17-1.xml"), "--spif", data("tlp.xml"));
        assertThat(noPolicy.exit()).isEqualTo(2);
        assertThat(noPolicy.err()).contains("Unknown policy id: 1.3.26.1.3.1");
    }

    @Test
    void labelMark_writesTheLabelAsAnEssLabelInDer_whichReadsBackTheSame(@org.junit.jupiter.api.io.TempDir Path tmp) {
        Path der = tmp.resolve("label.der");
        Cli out = Cli.run("label", "mark", data("nato-4774-17-1.nato"), "--spif", data("nato-4774-policy.xml"), "--der",
                der.toString());
        assertThat(out.exit()).as(out.err()).isZero();
        assertThat(out.out()).contains("the label in DER");
        Cli back = Cli.run("label", "mark", der.toString(), "--spif", data("nato-4774-policy.xml"));
        assertThat(back.exit()).as(back.err()).isZero();
        assertThat(back.out()).isEqualTo(out.out().lines().skip(1).map(l -> l + "\n")
                .collect(java.util.stream.Collectors.joining()));
        Path clearance = tmp.resolve("clearance.der");
        Cli c = Cli.run("label", "mark", data("uk-demo-secret-uk.xml"), "--spif", data("uk-demo.xml"), "--der",
                clearance.toString());
        assertThat(c.exit()).as(c.err()).isZero();
        Cli cBack = Cli.run("label", "mark", clearance.toString(), "--spif", data("uk-demo.xml"));
        assertThat(cBack.out()).isEqualTo(c.out().lines().skip(1).map(l -> l + "\n")
                .collect(java.util.stream.Collectors.joining()));
    }
}
