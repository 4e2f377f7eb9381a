package io.liaison.node.search;

import org.apache.lucene.search.similarities.BasicStats;
import org.apache.lucene.search.similarities.SimilarityBase;

/**
 * BM25's term-frequency saturation and length normalisation, without the collection statistics: no IDF
 * and a fixed reference length instead of the average field length. BM25 would let items the reader may
 * not see change the scores, and so the order, of those he may (R10); here a score depends only on the
 * query and the document.
 */
final class ItemSimilarity extends SimilarityBase {
    private static final double K1 = 1.2;
    private static final double B = 0.75;
    /** Tokens; stands in for the average field length, which would depend on every item. */
    private static final double REFERENCE_LENGTH = 64;

    @Override
    protected double score(BasicStats stats, double freq, double docLen) {
        double norm = K1 * (1 - B + B * docLen / REFERENCE_LENGTH);
        return stats.getBoost() * freq * (K1 + 1) / (freq + norm);
    }

    @Override
    public String toString() {
        return "ItemSimilarity(k1=" + K1 + ", b=" + B + ", length=" + REFERENCE_LENGTH + ")";
    }
}
