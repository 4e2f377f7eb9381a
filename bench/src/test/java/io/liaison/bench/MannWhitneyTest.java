package io.liaison.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MannWhitneyTest {

    /**
     * The textbook race of Aesop's tortoise and hare (Wikipedia, "Mann-Whitney U test", illustration): six of
     * each finish in the order T H H H H H T T T T T H. With the finishing places as the values, the tortoises
     * come later in 25 of the 36 pairs: U_T = 25, U_H = 11, and the U a table lists is 11. Without ties,
     * mean 18, sd sqrt(6 * 6 * 13 / 12) = sqrt(39), z = 7 / sqrt(39) = 1.1209.
     */
    @Test
    void tortoiseAndHare() {
        MannWhitney.Result r = MannWhitney.test(new long[] {1, 7, 8, 9, 10, 11}, new long[] {2, 3, 4, 5, 6, 12});
        assertThat(r.rankSum1()).isEqualTo(46.0);
        assertThat(r.u1()).isEqualTo(25.0);
        assertThat(r.u2()).isEqualTo(11.0);
        assertThat(r.u()).isEqualTo(11.0);
        assertThat(r.tieSum()).isZero();
        assertThat(r.mean()).isEqualTo(18.0);
        assertThat(r.sd()).isCloseTo(Math.sqrt(39), within(1e-12));
        assertThat(r.z()).isCloseTo(1.1208970766, within(1e-9));
        assertThat(MannWhitney.test(new long[] {2, 3, 4, 5, 6, 12}, new long[] {1, 7, 8, 9, 10, 11}).z())
                .isCloseTo(-1.1208970766, within(1e-9));
    }

    /**
     * The example of the SciPy documentation of {@code scipy.stats.mannwhitneyu}: ages at diagnosis of type II
     * diabetes, males 19 22 16 29 24, females 20 11 17 12. U1 = 17 (U2 = 3); the documented asymptotic two-sided
     * p-value, with continuity correction, is 0.11134688653314041. Without it, z = 7 / sqrt(50 / 3) = 1.7146.
     */
    @Test
    void diabetesAges_asInTheScipyDocumentation() {
        MannWhitney.Result r = MannWhitney.test(new double[] {19, 22, 16, 29, 24}, new double[] {20, 11, 17, 12});
        assertThat(r.u1()).isEqualTo(17.0);
        assertThat(r.u2()).isEqualTo(3.0);
        assertThat(r.z()).isCloseTo(1.7146428199, within(1e-9));
        assertThat(r.p()).isCloseTo(0.0864107330, within(1e-6));
        double continuityCorrected = (r.u1() - r.mean() - 0.5) / r.sd();
        assertThat(MannWhitney.erfc(continuityCorrected / Math.sqrt(2))).isCloseTo(0.11134688653314041, within(1e-6));
    }

    /**
     * With ties, worked by hand: a = 1 2 2 3 3 3 5, b = 2 3 4 4 5 6. Mean ranks: 1 -> 1, 2 -> 3 (ranks 2-4),
     * 3 -> 6.5 (5-8), 4 -> 9.5 (9-10), 5 -> 11.5 (11-12), 6 -> 13. R1 = 1 + 2*3 + 3*6.5 + 11.5 = 38, U1 = 38 - 28
     * = 10, U2 = 32. Tie groups of 3, 4, 2, 2: sum(t^3 - t) = 24 + 60 + 6 + 6 = 96. Variance 42/12 * (14 - 96/156)
     * = 46.846, z = (10 - 21) / 6.8444 = -1.6071 (SciPy 1.17's asymptotic test without continuity correction
     * gives p = 0.10802, the same z).
     */
    @Test
    void ties_correctTheVariance() {
        MannWhitney.Result r = MannWhitney.test(new long[] {1, 2, 2, 3, 3, 3, 5}, new long[] {2, 3, 4, 4, 5, 6});
        assertThat(r.rankSum1()).isEqualTo(38.0);
        assertThat(r.u1()).isEqualTo(10.0);
        assertThat(r.u2()).isEqualTo(32.0);
        assertThat(r.tieSum()).isEqualTo(96.0);
        assertThat(r.sd() * r.sd()).isCloseTo(3.5 * (14 - 96.0 / 156), within(1e-9));
        assertThat(r.z()).isCloseTo(-1.607147418, within(1e-8));
        assertThat(r.p()).isCloseTo(0.10802203, within(1e-6));
    }

    @Test
    void identicalSamples_andAllTied_giveZZero() {
        assertThat(MannWhitney.test(new long[] {5, 5, 5}, new long[] {5, 5}).z()).isZero();
        MannWhitney.Result same = MannWhitney.test(new long[] {1, 2, 3, 4}, new long[] {1, 2, 3, 4});
        assertThat(same.z()).isZero();
        assertThat(same.u1()).isEqualTo(8.0);
    }

    /** Large samples from one distribution stay near 0; a shift of a tenth of the spread is found. */
    @Test
    void largeSamples_fromOneDistributionAreNotDifferent_andAShiftIs() {
        SplittableRandom r = new SplittableRandom(1);
        long[] a = new long[5000];
        long[] b = new long[5000];
        long[] shifted = new long[5000];
        for (int i = 0; i < a.length; i++) {
            a[i] = 1_000_000 + r.nextLong(1_000_000);
            b[i] = 1_000_000 + r.nextLong(1_000_000);
            shifted[i] = 1_100_000 + r.nextLong(1_000_000);
        }
        assertThat(Math.abs(MannWhitney.test(a, b).z())).isLessThan(4);
        assertThat(MannWhitney.test(shifted, a).z()).isGreaterThan(5);
        assertThat(MannWhitney.test(a, shifted).z()).isLessThan(-5);
    }

    @Test
    void erfc_matchesKnownValues() {
        assertThat(MannWhitney.erfc(0)).isCloseTo(1.0, within(1e-7));
        assertThat(MannWhitney.erfc(1)).isCloseTo(0.157299207, within(1e-7));
        assertThat(MannWhitney.erfc(-1)).isCloseTo(1.842700793, within(1e-7));
        assertThat(MannWhitney.erfc(3 / Math.sqrt(2))).isCloseTo(0.002699796, within(1e-8));
    }

    @Test
    void emptySample_isRefused() {
        assertThatThrownBy(() -> MannWhitney.test(new long[0], new long[] {1})).isInstanceOf(IllegalArgumentException.class);
    }
}
