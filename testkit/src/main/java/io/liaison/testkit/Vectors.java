package io.liaison.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.catalog.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared test vectors, one JSON file per subject under {@code io/liaison/testkit/vectors/}. Each file
 * is an object with a {@code vectors} array; every vector has a {@code name}. The same files drive the
 * conformance tests and the benchmarks.
 */
public final class Vectors {
    /** Every row of every shipped equivalence table, with the marking the receiver must print (R3). */
    public static final String EQUIVALENCES = "equivalences.json";
    /** Lifecycle transitions: event lists with expected states on dates, or the refusal (R17). */
    public static final String LIFECYCLE = "lifecycle.json";
    /** Decision requests with the expected outcome, code and rule: every rule's allow and deny. */
    public static final String DECISIONS = "decisions.json";
    /** Access checks (R9) as labels and clearances, with the equivalent accumulo-access expressions. */
    public static final String ACCESS = "access.json";
    /** Banners and labels: renderings, parses and refusals. */
    public static final String LABELS = "labels.json";
    /** AIS sentences with the values they decode to, each citing where the values are published (R33). */
    public static final String AIS = "ais.json";

    private Vectors() {}

    /** A named vector: its JSON body. */
    public record Vector(String name, JsonNode body) {
        @Override
        public String toString() {
            return name;
        }
    }

    public static List<Vector> load(String file) {
        try (InputStream in = Vectors.class.getResourceAsStream("/io/liaison/testkit/vectors/" + file)) {
            if (in == null) {
                throw new IllegalStateException("test vector file " + file + " is missing");
            }
            JsonNode root = Json.MAPPER.readTree(in);
            List<Vector> out = new ArrayList<>();
            for (JsonNode v : root.path("vectors")) {
                String name = v.path("name").asText("");
                if (name.isEmpty()) {
                    throw new IllegalStateException(file + ": a vector has no name");
                }
                out.add(new Vector(name, v));
            }
            if (out.isEmpty()) {
                throw new IllegalStateException(file + " holds no vectors");
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
