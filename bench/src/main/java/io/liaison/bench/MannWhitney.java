package io.liaison.bench;

import java.util.Arrays;

/**
 * The Mann-Whitney U test (Wilcoxon rank-sum test) of two independent samples, with the normal
 * approximation and the tie correction of the variance:
 *
 * <pre>
 *   U1 = R1 - n1 (n1 + 1) / 2            R1: the sum of the first sample's ranks (ties get their mean rank)
 *   mean = n1 n2 / 2
 *   var  = n1 n2 / 12 * ((n + 1) - sum(t^3 - t) / (n (n - 1)))   t: the size of each group of tied values
 *   z    = (U1 - mean) / sqrt(var)        no continuity correction
 * </pre>
 *
 * <p>A positive {@code z} means the first sample tends to be larger than the second (for latencies: slower).
 */
final class MannWhitney {
    private MannWhitney() {}

    /**
     * The outcome of one test.
     *
     * @param u1 U of the first sample: the number of pairs (a, b) with a &gt; b, ties counting one half
     * @param u2 U of the second sample, {@code n1 n2 - u1}
     * @param tieSum {@code sum(t^3 - t)} over the groups of tied values (0 without ties)
     * @param z the standardised U1; 0 when every value is the same
     */
    record Result(int n1, int n2, double rankSum1, double u1, double u2, double tieSum, double mean, double sd,
            double z) {
        /** The smaller of the two U, the one tables list. */
        double u() {
            return Math.min(u1, u2);
        }

        /** Two-sided p-value from the normal approximation. */
        double p() {
            return erfc(Math.abs(z) / Math.sqrt(2));
        }

        /** The probability that a value of the first sample exceeds one of the second (ties counting one half). */
        double commonLanguageEffect() {
            return u1 / ((double) n1 * n2);
        }
    }

    static Result test(long[] a, long[] b) {
        return test(Arrays.stream(a).asDoubleStream().toArray(), Arrays.stream(b).asDoubleStream().toArray());
    }

    static Result test(double[] a, double[] b) {
        int n1 = a.length;
        int n2 = b.length;
        if (n1 == 0 || n2 == 0) {
            throw new IllegalArgumentException("both samples need at least one value");
        }
        int n = n1 + n2;
        // value and sample of each observation, sorted by value
        double[] values = new double[n];
        boolean[] first = new boolean[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            values[i] = i < n1 ? a[i] : b[i - n1];
            if (Double.isNaN(values[i])) {
                throw new IllegalArgumentException("NaN in a sample");
            }
            first[i] = i < n1;
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(values[x], values[y]));
        double rankSum1 = 0;
        double tieSum = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            int inFirst = 0;
            while (j < n && values[order[j]] == values[order[i]]) {
                if (first[order[j]]) {
                    inFirst++;
                }
                j++;
            }
            double t = j - i;
            double meanRank = (i + 1 + j) / 2.0; // ranks i+1 .. j
            rankSum1 += meanRank * inFirst;
            tieSum += t * t * t - t;
            i = j;
        }
        double u1 = rankSum1 - n1 * (n1 + 1) / 2.0;
        double u2 = (double) n1 * n2 - u1;
        double mean = n1 * (double) n2 / 2.0;
        double variance = n1 * (double) n2 / 12.0 * ((n + 1) - (n > 1 ? tieSum / ((double) n * (n - 1)) : 0));
        double sd = Math.sqrt(Math.max(0, variance));
        double z = sd == 0 ? 0 : (u1 - mean) / sd;
        return new Result(n1, n2, rankSum1, u1, u2, tieSum, mean, sd, z);
    }

    /** The complementary error function, relative error below 1.2e-7 (Numerical Recipes' Chebyshev fit). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
