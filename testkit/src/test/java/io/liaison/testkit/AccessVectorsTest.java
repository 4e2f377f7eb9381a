package io.liaison.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.core.access.AccessControl;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.accumulo.access.Access;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The access vectors against Liaison's precompiled check and, as an independent oracle, against
 * accumulo-access on the equivalent expressions (the benchmark compares the two on the same vectors, so
 * they must agree).
 */
@org.junit.jupiter.api.Timeout(120)
class AccessVectorsTest {

    static List<Vectors.Vector> vectors() {
        return Vectors.load(Vectors.ACCESS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void liaisonAndAccumulo_agreeWithTheVector(Vectors.Vector v) {
        AccessCase c = AccessCase.of(v, Fixtures.catalog());
        AccessControl ac = c.control();
        boolean expected = v.body().get("expect").asBoolean();
        assertThat(ac.permits(c.clearance(), c.label())).isEqualTo(expected);
        assertThat(ac.check(c.clearance(), c.label()).permitted()).isEqualTo(expected);

        JsonNode acc = v.body().get("accumulo");
        Set<String> auths = new HashSet<>();
        acc.get("authorizations").forEach(a -> auths.add(a.asText()));
        var evaluator = Access.builder().build().newEvaluator(auths);
        assertThat(evaluator.canAccess(acc.get("expression").asText())).isEqualTo(expected);
    }
}
