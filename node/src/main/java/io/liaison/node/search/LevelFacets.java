package io.liaison.node.search;

import java.io.IOException;
import java.util.Collection;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

/**
 * Counts the matching documents per level rank, in the same pass that collects the top hits, so the
 * facets see exactly the documents the filtered query matched and nothing else (R10).
 */
final class LevelFacets implements CollectorManager<LevelFacets.Counter, long[]> {
    private final int levels;

    LevelFacets(int levels) {
        this.levels = levels;
    }

    @Override
    public Counter newCollector() {
        return new Counter(levels);
    }

    @Override
    public long[] reduce(Collection<Counter> collectors) {
        long[] total = new long[levels];
        for (Counter c : collectors) {
            for (int i = 0; i < levels; i++) {
                total[i] += c.counts[i];
            }
        }
        return total;
    }

    /** Counts one slice of the index. */
    static final class Counter extends SimpleCollector {
        private final long[] counts;
        private NumericDocValues ranks;

        Counter(int levels) {
            this.counts = new long[levels];
        }

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            ranks = DocValues.getNumeric(context.reader(), LabelQueries.LEVEL);
        }

        @Override
        public void collect(int doc) throws IOException {
            if (ranks.advanceExact(doc)) {
                long rank = ranks.longValue();
                if (rank >= 0 && rank < counts.length) {
                    counts[(int) rank]++;
                }
            }
        }

        @Override
        public ScoreMode scoreMode() {
            // COMPLETE keeps the iteration led by the text query, which is far cheaper for narrow filters than
            // the bulk no-score path; collect never asks for a score, so none is computed.
            return ScoreMode.COMPLETE;
        }
    }
}
