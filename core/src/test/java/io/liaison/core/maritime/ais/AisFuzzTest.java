package io.liaison.core.maritime.ais;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.liaison.core.error.InvalidInputException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the AIS feed reader ({@link AisStream#read}) with lines as a feed would send them.
 *
 * <p>Invariants: a line is either refused with {@link InvalidInputException} ({@code NMEA_INVALID},
 * {@code AIS_INVALID} or {@code MMSI_INVALID}) and the stream goes on, or it yields messages whose values are in
 * range (latitude −90..90, longitude −180..180, speed 0..102.2, course 0..359.9, heading 0..359); a located class A
 * position written again by {@link AisEncoder} reads back with the same values. Nothing else escapes. Seeds:
 * {@code AisFuzzTestInputs/read/} under {@code src/test/resources}. Fuzz with {@code JAZZER_FUZZ=1}
 * (see docs/fuzzing.md).
 */
@Timeout(120)
class AisFuzzTest {
    private static final Set<String> CODES = Set.of("NMEA_INVALID", "AIS_INVALID", "MMSI_INVALID");

    @FuzzTest(maxDuration = "60s")
    void read(FuzzedDataProvider data) {
        AisStream stream = new AisStream();
        for (String line : data.consumeRemainingAsString().split("\n", 64)) {
            List<AisMessage> got;
            try {
                got = stream.read(line);
            } catch (InvalidInputException e) {
                assertThat(e.code()).isIn(CODES);
                assertThat(e.getMessage()).isNotBlank();
                continue;
            }
            for (AisMessage m : got) {
                if (m instanceof AisMessage.Position p) {
                    p.latitude().ifPresent(v -> assertThat(v).isBetween(-90.0, 90.0));
                    p.longitude().ifPresent(v -> assertThat(v).isBetween(-180.0, 180.0));
                    p.speed().ifPresent(v -> assertThat(v).isBetween(0.0, 102.3));
                    p.course().ifPresent(v -> assertThat(v).isBetween(0.0, 359.9));
                    p.heading().ifPresent(v -> assertThat(v).isBetween(0, 359));
                    if (p.type() == 1 && p.located() && p.status().isPresent()) {
                        List<AisMessage> again = new AisStream().read(AisEncoder.position(p.mmsi(), p.latitude().get(),
                                p.longitude().get(), p.speed(), p.course(), p.status().get(), p.second()));
                        AisMessage.Position q = (AisMessage.Position) again.getFirst();
                        assertThat(q.latitude()).isEqualTo(p.latitude());
                        assertThat(q.longitude()).isEqualTo(p.longitude());
                        assertThat(q.speed()).isEqualTo(p.speed());
                        assertThat(q.course()).isEqualTo(p.course());
                        assertThat(q.mmsi()).isEqualTo(p.mmsi());
                    }
                }
            }
        }
    }
}
