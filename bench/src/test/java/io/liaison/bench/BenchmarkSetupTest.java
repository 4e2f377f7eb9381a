package io.liaison.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JMH benchmarks count their operations per invocation with a constant, checked against the testkit's vectors at
 * set-up. New vectors must fail here, in the build, rather than only when someone runs the benchmark.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BenchmarkSetupTest {

    @Test
    void releaseDecisionBenchmarkCountsEveryVector() {
        ReleaseDecisionBenchmark b = new ReleaseDecisionBenchmark();
        b.setup();
        assertThat(b.releases).hasSize(ReleaseDecisionBenchmark.RELEASES);
        assertThat(b.reads).hasSize(ReleaseDecisionBenchmark.READS);
    }

    @Test
    void accessCheckBenchmarkCountsEveryVector() {
        AccessCheckBenchmark b = new AccessCheckBenchmark();
        b.setup();
        assertThat(b.cases).hasSize(AccessCheckBenchmark.CASES);
    }
}
