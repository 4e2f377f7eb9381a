package io.liaison.node.search;

import io.liaison.core.error.InvalidInputException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.automaton.LevenshteinAutomata;

/**
 * The user's free text as a Lucene query over title and text, with Lucene's simple syntax ({@code +},
 * {@code |}, {@code -}, quotes, {@code *}, {@code ~}). The parser never throws; only the length is
 * refused. A blank query matches every item.
 */
final class UserQueries {
    static final int MAX_LENGTH = 1_000;
    /** A title match counts double. Ordered, so every run builds the same query. */
    private static final Map<String, Float> WEIGHTS = weights();

    private final Analyzer analyzer;

    UserQueries(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    private static Map<String, Float> weights() {
        Map<String, Float> w = new LinkedHashMap<>();
        w.put(ItemDocuments.TITLE, 2f);
        w.put(ItemDocuments.TEXT, 1f);
        return Collections.unmodifiableMap(w);
    }

    /** The query for a user's text; blank text matches everything. */
    Query parse(String text) {
        Objects.requireNonNull(text, "query");
        if (text.length() > MAX_LENGTH) {
            throw new InvalidInputException("QUERY_TOO_LONG", "query is longer than " + MAX_LENGTH + " characters");
        }
        if (text.isBlank()) {
            return MatchAllDocsQuery.INSTANCE;
        }
        return withPositiveClause(new Parser(analyzer).parse(text));
    }

    /** "-secret" alone would match nothing in Lucene; users mean "everything except". */
    private static Query withPositiveClause(Query q) {
        if (q instanceof BooleanQuery b && !b.clauses().isEmpty()
                && b.clauses().stream().allMatch(c -> c.occur() == Occur.MUST_NOT)) {
            BooleanQuery.Builder all = new BooleanQuery.Builder().add(MatchAllDocsQuery.INSTANCE, Occur.MUST);
            for (BooleanClause c : b.clauses()) {
                all.add(c);
            }
            return all.build();
        }
        return q;
    }

    /**
     * Fuzzy terms are rewritten to a constant score over every matching term: the default keeps the 50
     * best terms by document frequency, which items the reader may not see would influence (R10).
     */
    private static final class Parser extends SimpleQueryParser {
        Parser(Analyzer analyzer) {
            super(analyzer, WEIGHTS);
        }

        @Override
        protected Query newFuzzyQuery(String text, int fuzziness) {
            int edits = Math.min(fuzziness, LevenshteinAutomata.MAXIMUM_SUPPORTED_DISTANCE);
            BooleanQuery.Builder bq = new BooleanQuery.Builder();
            for (Map.Entry<String, Float> e : weights.entrySet()) {
                Term term = new Term(e.getKey(), getAnalyzer().normalize(e.getKey(), text));
                Query q = new FuzzyQuery(term, edits, 0, FuzzyQuery.defaultMaxExpansions,
                        FuzzyQuery.defaultTranspositions, MultiTermQuery.CONSTANT_SCORE_BLENDED_REWRITE);
                bq.add(e.getValue() == 1f ? q : new BoostQuery(q, e.getValue()), Occur.SHOULD);
            }
            return simplify(bq.build());
        }
    }
}
