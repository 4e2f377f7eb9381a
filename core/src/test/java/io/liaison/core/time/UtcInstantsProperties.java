package io.liaison.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The direct reading gives what {@link Instant#parse} gives, value or error, for the written form and near misses. */
class UtcInstantsProperties {
    private static final long FIRST = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long LAST = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    @Property(tries = 3000)
    void everyWrittenInstant_readsBackAsItself(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seconds,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nanos, @ForAll("precisions") int precision) {
        Instant i = Instant.ofEpochSecond(FIRST + seconds % (LAST - FIRST + 1), nanos - nanos % precision);
        assertThat(UtcInstants.parse(i.toString())).isEqualTo(i);
    }

    @Property(tries = 5000)
    void anyChangedText_givesWhatInstantParseGives(@ForAll("nearMisses") String text) {
        assertThat(outcome(UtcInstants::parse, text)).as(text).isEqualTo(outcome(Instant::parse, text));
    }

    @Example
    void formsLeftToTheFormatter_areReadAsItReadsThem() {
        for (String text : List.of("2016-12-31T23:59:60Z", "2016-11-23T09:00:00+09:00", "2016-11-23T24:00:00Z",
                "+10000-01-01T00:00:00Z", "2016-11-23T09:00:00.1234567890Z", "2016-11-23T09:00:00.Z")) {
            assertThat(outcome(UtcInstants::parse, text)).as(text).isEqualTo(outcome(Instant::parse, text));
        }
        assertThat(UtcInstants.parse("2016-11-23T09:00:00Z")).isEqualTo(Instant.ofEpochSecond(1_479_891_600L));
        assertThat(UtcInstants.parse("2016-11-23T09:00:00.5Z")).isEqualTo(Instant.ofEpochSecond(1_479_891_600L, 500_000_000));
        assertThatThrownBy(() -> UtcInstants.parse("2017-02-29T09:00:00Z")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> UtcInstants.parse("2016-11-23 09:00:00Z")).isInstanceOf(DateTimeParseException.class);
    }

    /** What a reading gives: the instant, or the class of the error it throws. */
    private static Object outcome(java.util.function.Function<String, Instant> read, String text) {
        try {
            return read.apply(text);
        } catch (DateTimeParseException e) {
            return DateTimeParseException.class;
        }
    }

    @Provide
    Arbitrary<Integer> precisions() {
        return Arbitraries.of(1, 1_000, 1_000_000, 1_000_000_000);
    }

    /**
     * Written instants with one to three characters replaced, inserted or removed (drawn directly from jqwik's random:
     * chains of arbitraries took 40 s for 5,000 of them).
     */
    @Provide
    Arbitrary<String> nearMisses() {
        char[] chars = {'0', '1', '2', '3', '5', '9', '-', ':', 'T', 't', 'Z', 'z', '.', '+', ' ', '٣'};
        return Arbitraries.randomValue(r -> {
            int nanos = r.nextInt(1_000_000_000);
            String t = Instant.ofEpochSecond(FIRST + (long) (r.nextDouble() * (LAST - FIRST)), nanos % 3 == 0 ? 0 : nanos)
                    .toString();
            for (int e = 0, k = 1 + r.nextInt(3); e < k; e++) {
                int at = r.nextInt(t.length());
                char c = chars[r.nextInt(chars.length)];
                t = switch (r.nextInt(3)) {
                    case 0 -> t.substring(0, at) + c + t.substring(at + 1);
                    case 1 -> t.substring(0, at) + c + t.substring(at);
                    default -> t.length() > 1 ? t.substring(0, at) + t.substring(at + 1) : t;
                };
            }
            return t;
        });
    }
}
