package io.liaison.node.search;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

/**
 * Counts the matching documents per level rank, per purpose and per originator, in one pass over exactly the
 * documents the filtered query matched and nothing else (R10): a facet never counts an item its reader may not
 * read.
 */
final class Facets implements CollectorManager<Facets.Counter, Facets.Counts> {
    private final int levels;

    Facets(int levels) {
        this.levels = levels;
    }

    /** The counts: by level rank, by purpose and by originator's party code. */
    record Counts(long[] levels, Map<String, Long> purposes, Map<String, Long> originators) {}

    @Override
    public Counter newCollector() {
        return new Counter(levels);
    }

    @Override
    public Counts reduce(Collection<Counter> collectors) {
        long[] total = new long[levels];
        Map<String, Long> purposes = new TreeMap<>();
        Map<String, Long> originators = new TreeMap<>();
        for (Counter c : collectors) {
            c.flush();
            for (int i = 0; i < levels; i++) {
                total[i] += c.counts[i];
            }
            c.purposes.forEach((k, v) -> purposes.merge(k, v, Long::sum));
            c.originators.forEach((k, v) -> originators.merge(k, v, Long::sum));
        }
        return new Counts(total, purposes, originators);
    }

    /** Counts one slice of the index; ordinals are counted per segment and turned into names when it ends. */
    static final class Counter extends SimpleCollector {
        private final long[] counts;
        private final Map<String, Long> purposes = new TreeMap<>();
        private final Map<String, Long> originators = new TreeMap<>();
        private NumericDocValues ranks;
        private SortedSetDocValues purposeValues;
        private SortedDocValues originatorValues;
        private long[] purposeOrds;
        private long[] originatorOrds;

        Counter(int levels) {
            this.counts = new long[levels];
        }

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            flush();
            ranks = DocValues.getNumeric(context.reader(), LabelQueries.LEVEL);
            purposeValues = DocValues.getSortedSet(context.reader(), LabelQueries.PURPOSE);
            originatorValues = DocValues.getSorted(context.reader(), ItemDocuments.ORIGINATOR);
            purposeOrds = new long[(int) purposeValues.getValueCount()];
            originatorOrds = new long[originatorValues.getValueCount()];
        }

        @Override
        public void collect(int doc) throws IOException {
            if (ranks.advanceExact(doc)) {
                long rank = ranks.longValue();
                if (rank >= 0 && rank < counts.length) {
                    counts[(int) rank]++;
                }
            }
            if (purposeValues.advanceExact(doc)) {
                for (int i = 0; i < purposeValues.docValueCount(); i++) {
                    purposeOrds[(int) purposeValues.nextOrd()]++;
                }
            }
            if (originatorValues.advanceExact(doc)) {
                originatorOrds[originatorValues.ordValue()]++;
            }
        }

        @Override
        public void finish() throws IOException {
            flush();
        }

        /** Turns the segment's ordinal counts into names; nothing is counted twice. */
        private void flush() {
            try {
                if (purposeOrds != null) {
                    for (int ord = 0; ord < purposeOrds.length; ord++) {
                        if (purposeOrds[ord] > 0) {
                            purposes.merge(purposeValues.lookupOrd(ord).utf8ToString(), purposeOrds[ord], Long::sum);
                        }
                    }
                }
                if (originatorOrds != null) {
                    for (int ord = 0; ord < originatorOrds.length; ord++) {
                        if (originatorOrds[ord] > 0) {
                            originators.merge(originatorValues.lookupOrd(ord).utf8ToString(), originatorOrds[ord],
                                    Long::sum);
                        }
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            purposeOrds = null;
            originatorOrds = null;
        }

        @Override
        public ScoreMode scoreMode() {
            // COMPLETE keeps the iteration led by the text query, which is far cheaper for narrow filters than
            // the bulk no-score path; collect never asks for a score, so none is computed.
            return ScoreMode.COMPLETE;
        }
    }
}
