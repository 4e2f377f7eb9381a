package io.liaison.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.maritime.Imo;
import io.liaison.core.maritime.ais.AisMessage;
import io.liaison.core.maritime.ais.AisStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The AIS decoder against sentences whose decoded values are published (each vector cites its source). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AisVectorsTest {
    static Stream<Vectors.Vector> vectors() {
        return Vectors.load(Vectors.AIS).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void decodes_asPublished(Vectors.Vector v) {
        assertThat(v.body().path("source").asText()).as("every vector cites its source").isNotBlank();
        JsonNode expect = v.body().get("expect");
        AisStream stream = new AisStream();
        if (expect.get(0).path("kind").asText().equals("refused")) {
            String code = expect.get(0).get("code").asText();
            assertThatThrownBy(() -> {
                for (JsonNode s : v.body().get("sentences")) {
                    stream.read(s.asText());
                }
            }).isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code()).isEqualTo(code));
            return;
        }
        List<AisMessage> got = new ArrayList<>();
        for (JsonNode s : v.body().get("sentences")) {
            got.addAll(stream.read(s.asText()));
        }
        assertThat(got).hasSize(expect.size());
        for (int i = 0; i < expect.size(); i++) {
            check(expect.get(i), got.get(i));
        }
    }

    private static void check(JsonNode e, AisMessage m) {
        if (e.has("type")) {
            assertThat(m.type()).isEqualTo(e.get("type").asInt());
        }
        if (e.has("mmsi")) {
            assertThat(m.mmsi().value()).isEqualTo(e.get("mmsi").asInt());
        }
        switch (e.get("kind").asText()) {
            case "position" -> {
                assertThat(m).isInstanceOf(AisMessage.Position.class);
                AisMessage.Position p = (AisMessage.Position) m;
                number(e, "latitude", p.latitude(), 1e-6);
                number(e, "longitude", p.longitude(), 1e-6);
                number(e, "latitude2", p.latitude(), 0.005);
                number(e, "longitude2", p.longitude(), 0.005);
                number(e, "latitude4", p.latitude(), 0.00005);
                number(e, "longitude4", p.longitude(), 0.00005);
                number(e, "speed", p.speed(), 1e-9);
                number(e, "course", p.course(), 1e-9);
                number(e, "heading", p.heading().map(Integer::doubleValue), 0);
                number(e, "status", p.status().map(Integer::doubleValue), 0);
                if (e.has("second")) {
                    assertThat(p.second()).isEqualTo(e.get("second").asInt());
                }
                if (e.has("located")) {
                    assertThat(p.located()).isEqualTo(e.get("located").asBoolean());
                }
            }
            case "static" -> {
                assertThat(m).isInstanceOf(AisMessage.Static.class);
                AisMessage.Static s = (AisMessage.Static) m;
                text(e, "name", s.name());
                text(e, "callSign", s.callSign());
                text(e, "destination", s.destination());
                number(e, "draught", s.draught(), 1e-9);
                number(e, "shipType", s.shipType().map(Integer::doubleValue), 0);
                if (e.has("imo")) {
                    assertThat(s.imo()).contains(new Imo(e.get("imo").asInt()));
                }
            }
            default -> throw new AssertionError("unknown kind " + e.get("kind"));
        }
    }

    private static void number(JsonNode e, String field, Optional<Double> got, double tolerance) {
        if (!e.has(field)) {
            return;
        }
        if (e.get(field).isNull()) {
            assertThat(got).as(field + " is 'not available'").isEmpty();
        } else {
            assertThat(got).as(field).isPresent();
            assertThat(got.get()).as(field).isCloseTo(e.get(field).asDouble(), within(tolerance));
        }
    }

    private static void text(JsonNode e, String field, Optional<String> got) {
        if (!e.has(field)) {
            return;
        }
        if (e.get(field).isNull()) {
            assertThat(got).as(field).isEmpty();
        } else {
            assertThat(got).as(field).contains(e.get(field).asText());
        }
    }
}
