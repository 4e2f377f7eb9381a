package io.liaison.core.hotline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.core.error.InvalidInputException;
import java.time.Duration;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** R23: the four precedences, highest first. */
class PrecedenceProperties {

    @Provide
    Arbitrary<String> notAPrecedence() {
        Arbitrary<String> nearMisses = Arbitraries.of(Precedence.values()).flatMap(p -> Arbitraries.of(
                p.name().toLowerCase(java.util.Locale.ROOT), p.name().substring(1), p.name() + "X", p.name().charAt(0)
                        + " " + p.name().substring(1), "\u0000" + p.name(), p.name().replace('I', 'ı')));
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(20),
                Arbitraries.strings().withChars("FLASHIMEDTPRYOUNflash \t").ofMaxLength(10),
                nearMisses, Arbitraries.of("", " ", "URGENT", "OVERRIDE", "FLASH OVERRIDE", "0", "3"));
    }

    @Property(tries = 2000)
    void parse_refusesAnythingElse_namingTheFour(@ForAll("notAPrecedence") String text) {
        Assume.that(Arrays.stream(Precedence.values()).noneMatch(p -> p.name().equals(text.strip())));
        assertThatThrownBy(() -> Precedence.parse(text)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("FLASH, IMMEDIATE, PRIORITY, ROUTINE").hasMessageContaining("R23")
                .satisfies(e -> assertThat(((InvalidInputException) e).code()).isEqualTo("PRECEDENCE_UNKNOWN"));
    }

    @Property
    void parse_readsTheWrittenName_andIgnoresSurroundingSpace(@ForAll Precedence p,
            @ForAll("spaces") String before, @ForAll("spaces") String after) {
        assertThat(Precedence.parse(p.name())).isEqualTo(p);
        assertThat(Precedence.parse(before + p.name() + after)).isEqualTo(p);
    }

    @Provide
    Arbitrary<String> spaces() {
        return Arbitraries.strings().withChars(" \t\n").ofMaxLength(3);
    }

    @Property
    void rank_ordersThePrecedences(@ForAll Precedence p, @ForAll Precedence q) {
        assertThat(Precedence.ofRank(p.rank())).isEqualTo(p);
        assertThat(p.above(q)).isEqualTo(p.rank() < q.rank());
        if (p.above(q)) {
            assertThat(q.above(p)).isFalse();
            assertThat(p.defaultObjective()).isLessThan(q.defaultObjective());
        }
    }

    @Example
    void theFour_highestFirst_withTheAcp121Objectives() {
        assertThat(Precedence.values()).containsExactly(Precedence.FLASH, Precedence.IMMEDIATE, Precedence.PRIORITY,
                Precedence.ROUTINE);
        assertThat(Precedence.FLASH.rank()).isZero();
        assertThat(Precedence.ROUTINE.rank()).isEqualTo(3);
        assertThatThrownBy(() -> Precedence.parse(null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("FLASH, IMMEDIATE, PRIORITY, ROUTINE");
        assertThatThrownBy(() -> Precedence.ofRank(4)).isInstanceOf(InvalidInputException.class).hasMessageContaining("R23");
        assertThatThrownBy(() -> Precedence.ofRank(-1)).isInstanceOf(InvalidInputException.class);
        assertThat(Precedence.FLASH.defaultObjective()).isEqualTo(Duration.ofMinutes(10));
    }
}
