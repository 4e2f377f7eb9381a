package io.liaison.bench;

import io.liaison.testkit.AccessCase;
import io.liaison.testkit.Fixtures;
import io.liaison.testkit.Vectors;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.accumulo.access.Access;
import org.apache.accumulo.access.AccessEvaluator;
import org.apache.accumulo.access.AccessExpression;
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
 * Access checks per second, one thread, on the access vectors of the testkit: Liaison's precompiled
 * label against a precompiled clearance, and in the same run accumulo-access 1.0.0-beta3 on the
 * equivalent expressions, both as strings and pre-parsed. Every invocation runs all vectors once.
 *
 * <p>Run: {@code mvn -B -q -Plauncher package -pl bench -am && java -jar bench/target/benchmarks.jar
 * AccessCheckBenchmark -f 1 -wi 3 -i 5 -w 1s -r 2s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
public class AccessCheckBenchmark {
    static final int CASES = 12;

    List<AccessCase> cases;
    AccessEvaluator[] evaluators;
    String[] expressions;
    AccessExpression[] parsed;

    @Setup
    public void setup() {
        cases = Vectors.load(Vectors.ACCESS).stream().map(v -> AccessCase.of(v, Fixtures.catalog())).toList();
        Access access = Access.builder().build();
        if (cases.size() != CASES) {
            throw new IllegalStateException("access vectors changed: " + cases.size() + "; update CASES");
        }
        evaluators = new AccessEvaluator[cases.size()];
        expressions = new String[cases.size()];
        parsed = new AccessExpression[cases.size()];
        for (int i = 0; i < cases.size(); i++) {
            AccessCase c = cases.get(i);
            evaluators[i] = access.newEvaluator(c.accumuloAuthorizations());
            expressions[i] = c.accumuloExpression();
            parsed[i] = access.newParsedExpression(c.accumuloExpression());
            boolean ours = c.control().permits(c.clearance(), c.label());
            if (ours != c.expected() || evaluators[i].canAccess(expressions[i]) != c.expected()
                    || evaluators[i].canAccess(parsed[i]) != c.expected()) {
                throw new IllegalStateException("benchmark inputs disagree on " + c.name());
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(CASES)
    public void liaisonPrecompiled(Blackhole bh) {
        for (AccessCase c : cases) {
            bh.consume(c.control().permits(c.clearance(), c.label()));
        }
    }

    @Benchmark
    @OperationsPerInvocation(CASES)
    public void accumuloString(Blackhole bh) {
        for (int i = 0; i < expressions.length; i++) {
            bh.consume(evaluators[i].canAccess(expressions[i]));
        }
    }

    @Benchmark
    @OperationsPerInvocation(CASES)
    public void accumuloParsed(Blackhole bh) {
        for (int i = 0; i < parsed.length; i++) {
            bh.consume(evaluators[i].canAccess(parsed[i]));
        }
    }
}
