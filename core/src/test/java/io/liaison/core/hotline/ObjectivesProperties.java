package io.liaison.core.hotline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.core.error.InvalidInputException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** R25: acknowledgement objectives per precedence, their written form, and what is refused. */
class ObjectivesProperties {
    private static final long SHORTEST_S = 10;
    private static final long LONGEST_S = 7 * 86_400;

    /** A duration as written, e.g. {@code 600s} or {@code 10m}, and its value. */
    record Written(String text, Duration value) {}

    private static Arbitrary<Written> written(long minSeconds, long maxSeconds) {
        return Arbitraries.longs().between(minSeconds, maxSeconds).flatMap(s -> {
            List<Written> forms = new ArrayList<>();
            forms.add(new Written(s + "s", Duration.ofSeconds(s)));
            if (s % 60 == 0) {
                forms.add(new Written(s / 60 + "m", Duration.ofSeconds(s)));
            }
            if (s % 3_600 == 0) {
                forms.add(new Written(s / 3_600 + "h", Duration.ofSeconds(s)));
            }
            if (s % 86_400 == 0) {
                forms.add(new Written(s / 86_400 + "d", Duration.ofSeconds(s)));
            }
            return Arbitraries.of(forms);
        });
    }

    /** Durations in whole seconds, minutes, hours or days, so that all four written forms occur. */
    private static Arbitrary<Written> inRange() {
        return Arbitraries.oneOf(written(SHORTEST_S, 3_600),
                Arbitraries.longs().between(1, 7 * 24 * 60).map(m -> new Written(m + "m", Duration.ofMinutes(m))),
                Arbitraries.longs().between(1, 7 * 24).map(h -> new Written(h + "h", Duration.ofHours(h))),
                Arbitraries.longs().between(1, 7).map(d -> new Written(d + "d", Duration.ofDays(d))),
                Arbitraries.of(new Written("10s", Duration.ofSeconds(10)), new Written("7d", Duration.ofDays(7)),
                        new Written("604800s", Duration.ofDays(7))));
    }

    /** One objective for each precedence, in rank order, ordered or not. */
    @Provide
    Arbitrary<List<Written>> four() {
        return inRange().list().ofSize(4);
    }

    @Provide
    Arbitrary<List<Written>> fourOrdered() {
        return four().map(l -> {
            List<Written> sorted = new ArrayList<>(l);
            sorted.sort(java.util.Comparator.comparing(Written::value));
            return sorted;
        });
    }

    private static String text(List<Written> four, long seed) {
        List<String> parts = new ArrayList<>();
        for (Precedence p : Precedence.values()) {
            parts.add(p.name() + "=" + four.get(p.rank()).text());
        }
        Collections.shuffle(parts, new Random(seed));
        return String.join(",", parts);
    }

    private static boolean ordered(List<Written> four) {
        for (int i = 1; i < four.size(); i++) {
            if (four.get(i - 1).value().compareTo(four.get(i).value()) > 0) {
                return false;
            }
        }
        return true;
    }

    @Property(tries = 1000)
    void parse_thenWritten_roundTrips(@ForAll("fourOrdered") List<Written> four, @ForAll long seed) {
        Objectives o = Objectives.parse(text(four, seed));
        for (Precedence p : Precedence.values()) {
            assertThat(o.of(p)).isEqualTo(four.get(p.rank()).value());
        }
        String w = o.written();
        assertThat(w).startsWith("FLASH=").contains(",IMMEDIATE=").contains(",PRIORITY=").contains(",ROUTINE=");
        assertThat(Objectives.parse(w)).isEqualTo(o);
        assertThat(Objectives.parse(w).written()).isEqualTo(w);
    }

    @Property(tries = 1000)
    void written_thenParse_roundTrips_forObjectivesBuiltInCode(@ForAll("fourOrdered") List<Written> four) {
        Map<Precedence, Duration> m = new EnumMap<>(Precedence.class);
        for (Precedence p : Precedence.values()) {
            m.put(p, four.get(p.rank()).value());
        }
        Objectives o = new Objectives(m);
        assertThat(Objectives.parse(o.written())).isEqualTo(o);
    }

    @Property(tries = 1000)
    void aHigherPrecedenceWithALongerObjective_isRefused(@ForAll("four") List<Written> four, @ForAll long seed) {
        String text = text(four, seed);
        if (ordered(four)) {
            assertThat(Objectives.parse(text).byPrecedence().values()).containsExactlyElementsOf(
                    four.stream().map(Written::value).toList());
        } else {
            assertThatThrownBy(() -> Objectives.parse(text)).as(text).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("is longer than the").hasMessageContaining("a higher precedence is answered "
                            + "sooner (R25)");
        }
    }

    @Property(tries = 500)
    void precedencesNotNamed_keepTheirDefaults(@ForAll Precedence p, @ForAll @LongRange(min = 10, max = 604_800) long s) {
        String text = p + "=" + s + "s";
        boolean fits = (p.rank() == 0 || Duration.ofSeconds(s).compareTo(Precedence.ofRank(p.rank() - 1)
                .defaultObjective()) >= 0) && (p.rank() == 3 || Duration.ofSeconds(s).compareTo(Precedence
                .ofRank(p.rank() + 1).defaultObjective()) <= 0);
        if (fits) {
            Objectives o = Objectives.parse(text);
            for (Precedence q : Precedence.values()) {
                assertThat(o.of(q)).isEqualTo(q == p ? Duration.ofSeconds(s) : q.defaultObjective());
            }
        } else {
            assertThatThrownBy(() -> Objectives.parse(text)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("R25");
        }
    }

    @Property(tries = 500)
    void anObjectiveOutside10sTo7d_isRefused(@ForAll Precedence p, @ForAll("outOfRange") Duration d) {
        Map<Precedence, Duration> m = new EnumMap<>(Precedence.class);
        m.put(p, d);
        assertThatThrownBy(() -> new Objectives(m)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("the " + p + " objective").hasMessageContaining("is outside 10s to 7d (R25)");
        if (!d.isNegative() && d.toMillis() % 1000 == 0 && d.toSeconds() < 10_000_000) {
            assertThatThrownBy(() -> Objectives.parse(p + "=" + d.toSeconds() + "s"))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("(R25)");
        }
    }

    @Provide
    Arbitrary<Duration> outOfRange() {
        return Arbitraries.oneOf(Arbitraries.longs().between(-1_000_000, 9_999).map(Duration::ofMillis),
                Arbitraries.longs().between(LONGEST_S + 1, 100 * LONGEST_S).map(Duration::ofSeconds),
                Arbitraries.of(Duration.ZERO, Duration.ofSeconds(9), Duration.ofMillis(9_999),
                        Duration.ofDays(7).plusSeconds(1), Duration.ofDays(8)));
    }

    @Provide
    Arbitrary<String> anyText() {
        Arbitrary<String> alphabet = Arbitraries.strings().withChars("FLASHIMEDTPRYOUN=,0123456789smhdx -").ofMaxLength(30);
        Arbitrary<String> spliced = Combinators.combine(Arbitraries.of(Precedence.values()), Arbitraries.strings()
                .withChars("0123456789smhdx-+. ").ofMaxLength(10)).as((p, d) -> p + "=" + d);
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(30), alphabet, spliced,
                spliced.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(",", l)));
    }

    @Property(tries = 3000)
    void anyText_isEitherObjectives_orRefusedWithTheRule(@ForAll("anyText") String text) {
        Objectives o;
        try {
            o = Objectives.parse(text);
        } catch (InvalidInputException e) {
            assertThat(e.getMessage()).as(text).containsAnyOf("(R25)", "(R23)");
            if (!e.getMessage().contains("(R25)")) {
                assertThat(e.getMessage()).contains("FLASH, IMMEDIATE, PRIORITY, ROUTINE");
            }
            return;
        }
        assertThat(Objectives.parse(o.written())).isEqualTo(o);
    }

    @ParameterizedTest
    @ValueSource(strings = {"FLASH", "FLASH=", "FLASH=10", "FLASH=m", "FLASH=10x", "FLASH=-5m", "FLASH=1.5m",
        "FLASH=5s", "ROUTINE=8d", "FLASH=1h", "FLASH=10m,,ROUTINE=6h", ",FLASH=10m", "FLASH=123456789s",
        "FLASH=10m;ROUTINE=6h", "IMMEDIATE=5m"})
    void badText_isRefused_namingR25(String text) {
        assertThatThrownBy(() -> Objectives.parse(text)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("(R25)")
                .satisfies(e -> assertThat(((InvalidInputException) e).code()).isEqualTo("OBJECTIVE_INVALID"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"URGENT=5m", "flash=5m", "=10m"})
    void anUnknownPrecedence_isRefused_namingTheFour(String text) {
        assertThatThrownBy(() -> Objectives.parse(text)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("FLASH, IMMEDIATE, PRIORITY, ROUTINE");
    }

    @Example
    void theDefaults_areAcp121() {
        Objectives d = Objectives.defaults();
        assertThat(d.of(Precedence.FLASH)).isEqualTo(Duration.ofMinutes(10));
        assertThat(d.of(Precedence.IMMEDIATE)).isEqualTo(Duration.ofMinutes(30));
        assertThat(d.of(Precedence.PRIORITY)).isEqualTo(Duration.ofHours(3));
        assertThat(d.of(Precedence.ROUTINE)).isEqualTo(Duration.ofHours(6));
        assertThat(d.written()).isEqualTo("FLASH=10m,IMMEDIATE=30m,PRIORITY=3h,ROUTINE=6h");
        assertThat(Objectives.parse("")).isEqualTo(d);
        assertThat(Objectives.parse(null)).isEqualTo(d);
        assertThat(Objectives.parse("  ")).isEqualTo(d);
        assertThat(Objectives.parse("FLASH=600s")).isEqualTo(d);
        assertThat(Objectives.parse(" ROUTINE = 1d , FLASH=5m").written())
                .isEqualTo("FLASH=5m,IMMEDIATE=30m,PRIORITY=3h,ROUTINE=1d");
        assertThat(d.byPrecedence()).containsOnlyKeys(Precedence.values());
        assertThatThrownBy(() -> d.byPrecedence().put(Precedence.FLASH, Duration.ofMinutes(1)))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
