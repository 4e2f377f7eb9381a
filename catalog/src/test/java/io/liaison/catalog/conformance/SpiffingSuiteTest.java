package io.liaison.catalog.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The spiffing conformance suite, as published, through Liaison's readers and rules: every case passes. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SpiffingSuiteTest {
    @Test
    void everyCaseOfTheSuitePasses_andTheMisspeltFoodPolicyIsRefusedAsPublished(@TempDir Path scratch) {
        Path dir = io.liaison.catalog.ConformanceData.dir();
        List<SpiffingSuite.Case> cases = SpiffingSuite.run(dir, scratch);
        cases.stream().filter(c -> !c.passed()).forEach(c -> System.out.println("FAILED " + c.name() + ": " + c.detail()));
        assertThat(cases).filteredOn(c -> !c.passed()).isEmpty();
        // The flaw in the data is shown, not hidden: the published file is refused, the corrected copy loads.
        assertThat(cases).anySatisfy(c -> {
            assertThat(c.name()).isEqualTo("sequence 1: policy food-policy.xml as published");
            assertThat(c.detail()).contains("refused").contains("line 81");
        });
        assertThat(cases).anySatisfy(c -> assertThat(c.name()).startsWith(
                "sequence 1: policy food-policy.xml with its one misspelt tag corrected (" + scratch));
        assertThat(cases).hasSizeGreaterThan(40);
    }
}
