package io.liaison.bench;

import io.liaison.catalog.json.RequestJson;
import io.liaison.core.decision.DecisionEngine;
import io.liaison.core.decision.DecisionRequest;
import io.liaison.testkit.Fixtures;
import io.liaison.testkit.Vectors;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Release and onward-release decisions per second, one thread, on the release vectors of the testkit
 * (parsed once; each decision builds its reason), and read decisions on the read vectors, which compile
 * the label and clearance on every call as a node without a cache would.
 *
 * <p>Run: {@code mvn -B -q -Plauncher package -pl bench -am && java -jar bench/target/benchmarks.jar
 * ReleaseDecisionBenchmark -f 1 -wi 3 -i 5 -w 1s -r 2s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
public class ReleaseDecisionBenchmark {
    DecisionEngine engine;
    DecisionRequest[] releases;
    DecisionRequest[] reads;

    @Setup
    public void setup() {
        engine = new DecisionEngine(Fixtures.catalog());
        RequestJson json = new RequestJson(Fixtures.catalog());
        List<DecisionRequest> all = Vectors.load(Vectors.DECISIONS).stream()
                .map(v -> json.read(v.body().get("request"), v.name())).toList();
        releases = all.stream().filter(r -> !(r instanceof DecisionRequest.Read)).toArray(DecisionRequest[]::new);
        reads = all.stream().filter(r -> r instanceof DecisionRequest.Read).toArray(DecisionRequest[]::new);
        if (releases.length != RELEASES || reads.length != READS) {
            throw new IllegalStateException("decision vectors changed: " + releases.length + " releases, " + reads.length
                    + " reads; update @OperationsPerInvocation");
        }
    }

    static final int RELEASES = 49;
    static final int READS = 24;

    @Benchmark
    @OperationsPerInvocation(RELEASES)
    public void releaseDecisions(Blackhole bh) {
        for (DecisionRequest r : releases) {
            bh.consume(engine.decide(r));
        }
    }

    @Benchmark
    @OperationsPerInvocation(READS)
    public void readDecisions(Blackhole bh) {
        for (DecisionRequest r : reads) {
            bh.consume(engine.decide(r));
        }
    }
}
