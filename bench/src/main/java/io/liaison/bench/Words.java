package io.liaison.bench;

import java.util.random.RandomGenerator;

/** Made-up words for the search loads: a vocabulary, and words drawn from it roughly as Zipf's law has them. */
final class Words {
    private static final String[] SYLLABLES = {"ka", "ri", "so", "nam", "pyo", "ung", "tae", "hwa", "song", "do", "mi",
            "sa", "il", "gu", "jin", "bo", "han", "kang", "ro", "se"};

    private Words() {}

    /** {@code n} distinct words of three syllables each and their rank, drawn with {@code r}. */
    static String[] vocabulary(int n, RandomGenerator r) {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = SYLLABLES[r.nextInt(SYLLABLES.length)] + SYLLABLES[r.nextInt(SYLLABLES.length)]
                    + SYLLABLES[r.nextInt(SYLLABLES.length)] + i;
        }
        return out;
    }

    /** A word of {@code vocabulary}, roughly Zipfian: small ranks are common, large ranks rare. */
    static String zipf(RandomGenerator r, String[] vocabulary) {
        double u = r.nextDouble();
        int rank = (int) Math.min(vocabulary.length - 1, Math.floor(Math.pow(vocabulary.length, u)) - 1);
        return vocabulary[Math.max(0, rank)];
    }
}
