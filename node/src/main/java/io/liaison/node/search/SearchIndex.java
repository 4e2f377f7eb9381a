package io.liaison.node.search;

import io.liaison.core.access.AccessControl;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.label.LabelValidator;
import io.liaison.core.policy.SecurityPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LRUQueryCache;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryCachingPolicy;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.UsageTrackingQueryCachingPolicy;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;

/**
 * Full-text search over the items of one node, in the node's policy. {@link #search} puts the reader's
 * access filter (R9: level, restrictive and permissive categories; official need; facility register)
 * inside the Lucene query, so hits, totals, level facets, paging, scores and error messages depend only
 * on items the reader may read (R10).
 *
 * <p>Writes are serialised and become visible to searches at {@link #commit}; searches may run
 * concurrently with each other and with writes.
 */
public final class SearchIndex implements AutoCloseable {
    static final int MAX_LIMIT = 100;
    /** Score first, then id, so equal scores page in a stable order. */
    /** Best match first; among equal matches the newest, then by id. */
    private static final Sort ORDER = new Sort(SortField.FIELD_SCORE, new org.apache.lucene.search.SortedNumericSortField(
            ItemDocuments.CREATED, SortField.Type.LONG, true), new SortField(ItemDocuments.ID, SortField.Type.STRING));

    /** The node's policy in force and what is made of it; a new version keeps the levels, so the ranks stay. */
    private record Model(SecurityPolicy policy, AccessControl access, LabelQueries labels, ItemDocuments documents) {
        static Model of(SecurityPolicy policy) {
            LabelQueries labels = new LabelQueries(policy);
            return new Model(policy, AccessControl.of(policy), labels, new ItemDocuments(policy, labels));
        }
    }

    private volatile Model model;
    private final UserQueries userQueries;
    private final Directory directory;
    private final boolean ownsDirectory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    /**
     * The index's own filter cache, sized for it rather than shared JVM-wide. Access filters recur (one per
     * clearance and duty set) and are dense, so their per-segment bitsets are cached even when the text
     * query is far sparser (Lucene's default skips a filter that costs ten times the lead, which is the
     * cleared user's case). Segments of 10,000 documents or more; 64 MiB at most.
     */
    private final LRUQueryCache filterCache = new LRUQueryCache(1_000, 64L << 20,
            leaf -> leaf.reader().maxDoc() >= 10_000, Float.POSITIVE_INFINITY);
    private final QueryCachingPolicy cachingPolicy = new UsageTrackingQueryCachingPolicy();

    /** An index in the given directory, created when empty; the caller keeps ownership of the directory. */
    public SearchIndex(Directory directory, SecurityPolicy policy) {
        this(directory, policy, false);
    }

    private SearchIndex(Directory directory, SecurityPolicy policy, boolean ownsDirectory) {
        this.model = Model.of(Objects.requireNonNull(policy, "policy"));
        this.directory = Objects.requireNonNull(directory, "directory");
        this.ownsDirectory = ownsDirectory;
        Analyzer analyzer = new StandardAnalyzer();
        this.userQueries = new UserQueries(analyzer);
        ItemSimilarity similarity = new ItemSimilarity();
        try {
            this.writer = new IndexWriter(directory, new IndexWriterConfig(analyzer).setSimilarity(similarity)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
            this.searchers = new SearcherManager(writer, new SearcherFactory() {
                @Override
                public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
                    IndexSearcher searcher = new IndexSearcher(reader);
                    searcher.setSimilarity(similarity);
                    searcher.setQueryCache(filterCache);
                    searcher.setQueryCachingPolicy(cachingPolicy);
                    return searcher;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index", e);
        }
    }

    /**
     * Uses a new version of the node's policy from now on; refused when it would rank a level differently than the
     * documents already indexed.
     */
    public void use(SecurityPolicy next) {
        SecurityPolicy now = model.policy();
        if (!now.levels().stream().map(c -> c.name()).toList().equals(next.levels().stream().map(c -> c.name()).toList())) {
            throw new IllegalArgumentException("policy " + next.id() + " ranks its levels differently from the index's");
        }
        model = Model.of(next);
    }

    /** An index in a file-system directory, created when missing; closed with the index. */
    public static SearchIndex open(Path dir, SecurityPolicy policy) {
        FSDirectory fs;
        try {
            fs = FSDirectory.open(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open search index directory " + dir, e);
        }
        try {
            return new SearchIndex(fs, policy, true);
        } catch (RuntimeException e) {
            closeQuietly(fs, e);
            throw e;
        }
    }

    /** Adds an item or replaces the one with the same id; the label must be valid in the policy. */
    public void upsert(IndexedItem item) {
        Document doc = model.documents().of(item);
        // IndexWriter is thread-safe; only rebuild, commit and close need the index to themselves.
        writes.readLock().lock();
        try {
            io(() -> writer.updateDocument(ItemDocuments.idTerm(item.id()), doc));
        } finally {
            writes.readLock().unlock();
        }
    }

    /** Adds a new item, whose id the index cannot hold yet: cheaper than {@link #upsert}, which deletes first. */
    public void add(IndexedItem item) {
        Document doc = model.documents().of(item);
        writes.readLock().lock();
        try {
            io(() -> writer.addDocument(doc));
        } finally {
            writes.readLock().unlock();
        }
    }

    private final java.util.concurrent.locks.ReentrantReadWriteLock writes = new java.util.concurrent.locks.ReentrantReadWriteLock();

    /** Removes the item with this id, if there is one. */
    public void delete(String id) {
        Objects.requireNonNull(id, "id");
        writes.readLock().lock();
        try {
            io(() -> writer.deleteDocuments(ItemDocuments.idTerm(id)));
        } finally {
            writes.readLock().unlock();
        }
    }

    /**
     * The format of the documents this code writes; an index committed with another (or none) is rebuilt from the
     * items when the node opens ({@link #current}). 2: originator and purposes carry doc values for their facets.
     */
    static final String FORMAT = "2";

    /** Whether the index was last committed in this code's document format. */
    public boolean current() {
        try {
            if (!org.apache.lucene.index.DirectoryReader.indexExists(directory)) {
                return true;
            }
            return org.apache.lucene.index.DirectoryReader.listCommits(directory).getLast().getUserData()
                    .getOrDefault("format", "1").equals(FORMAT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the search index's commits", e);
        }
    }

    /** Makes every change durable and visible to searches. */
    public void commit() {
        writes.writeLock().lock();
        try {
            io(() -> {
                writer.setLiveCommitData(Map.of("format", FORMAT).entrySet());
                writer.commit();
                searchers.maybeRefreshBlocking();
            });
        } finally {
            writes.writeLock().unlock();
        }
    }

    /**
     * Replaces the whole index with {@code all} and commits. Every label is validated before anything is
     * deleted, so a bad item leaves the index as it was; {@code all} is therefore iterated twice.
     */
    public void rebuild(Iterable<IndexedItem> all) {
        for (IndexedItem item : all) {
            LabelValidator.requireValid(item.label(), model.policy());
        }
        writes.writeLock().lock();
        try {
            io(writer::deleteAll);
            for (IndexedItem item : all) {
                Document doc = model.documents().of(item);
                io(() -> writer.updateDocument(ItemDocuments.idTerm(item.id()), doc));
            }
            commit();
        } finally {
            writes.writeLock().unlock();
        }
    }

    /** The number of documents as of the last commit. For administrators only: it counts every item. */
    public long size() {
        return withSearcher(s -> (long) s.getIndexReader().numDocs());
    }

    /**
     * The items matching {@code query} that the user may read, best first. Facility inactive or no duties
     * gives an empty page; a clearance outside the policy is refused with an
     * {@link IllegalArgumentException}.
     */
    public SearchPage search(SearchFilter filter, String query, int offset, int limit) {
        return search(filter, query, Refinement.NONE, offset, limit);
    }

    /**
     * As {@link #search(SearchFilter, String, int, int)}, narrowed to the facets of {@code refinement}; a level
     * outside the policy is refused ({@code LEVEL_UNKNOWN}).
     */
    public SearchPage search(SearchFilter filter, String query, Refinement refinement, int offset, int limit) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(refinement, "refinement");
        Query text = userQueries.parse(query);
        checkPaging(offset, limit);
        Model m = model;
        SecurityPolicy policy = m.policy();
        m.access().compile(filter.clearance());
        if (!filter.facilityActive() || filter.duties().isEmpty()) {
            return SearchPage.empty(policy, offset, limit);
        }
        BooleanQuery.Builder filtered = new BooleanQuery.Builder()
                .add(text, Occur.MUST)
                .add(m.labels().accessFilter(filter.clearance(), filter.duties()), Occur.FILTER);
        if (refinement.level().isPresent()) {
            String level = refinement.level().get();
            if (policy.classification(level).isEmpty()) {
                throw new InvalidInputException("LEVEL_UNKNOWN", "level '" + level + "' is not a level of "
                        + policy.id() + " (levels: " + policy.levelNames() + ")");
            }
            filtered.add(org.apache.lucene.document.IntPoint.newExactQuery(LabelQueries.LEVEL, policy.rank(level)),
                    Occur.FILTER);
        }
        refinement.purpose().ifPresent(p -> filtered.add(new org.apache.lucene.search.TermQuery(
                new org.apache.lucene.index.Term(LabelQueries.PURPOSE, p.name())), Occur.FILTER));
        refinement.originator().ifPresent(o -> filtered.add(new org.apache.lucene.search.TermQuery(
                new org.apache.lucene.index.Term(ItemDocuments.ORIGINATOR, o.code())), Occur.FILTER));
        return run(filtered.build(), offset, limit, policy);
    }

    /** The same search over every item, without any access filter: a benchmark baseline, never for users. */
    public SearchPage searchUnfiltered(String query, int offset, int limit) {
        Query text = userQueries.parse(query);
        checkPaging(offset, limit);
        return run(text, offset, limit, model.policy());
    }

    private static final long SKIP_ABOVE = 100_000;

    private SearchPage run(Query query, int offset, int limit, SecurityPolicy policy) {
        return withSearcher(s -> {
            // Never ask for more hits than there are documents: a huge offset must not allocate a huge queue.
            int wanted = (int) Math.min((long) offset + limit, Math.max(1, s.getIndexReader().maxDoc()));
            TopFieldDocs docs;
            Facets.Counts counts;
            try {
                counts = s.search(query, new Facets(policy.levels().size()));
                long matches = java.util.Arrays.stream(counts.levels()).sum();
                // With many readable matches, score only what can reach the page (skipping); with fewer,
                // scoring them all is cheaper. The page is the same; the plan depends on readable matches alone.
                int threshold = matches > SKIP_ABOVE ? wanted : Integer.MAX_VALUE;
                docs = s.search(query, new TopFieldCollectorManager(ORDER, wanted, null, threshold));
            } catch (IndexSearcher.TooManyClauses e) {
                throw new InvalidInputException("QUERY_TOO_COMPLEX",
                        "query has too many terms: at most " + IndexSearcher.getMaxClauseCount() + " clauses");
            }
            return page(docs, counts, s.storedFields(), offset, limit, policy);
        });
    }

    private SearchPage page(TopFieldDocs top, Facets.Counts facetCounts, StoredFields stored, int offset, int limit,
            SecurityPolicy policy)
            throws IOException {
        List<Hit> hits = new ArrayList<>();
        for (int i = offset; i < top.scoreDocs.length; i++) {
            ScoreDoc sd = top.scoreDocs[i];
            Document d = stored.document(sd.doc, ItemDocuments.HIT_FIELDS);
            float score = (Float) ((FieldDoc) sd).fields[0];
            hits.add(new Hit(d.get(ItemDocuments.ID), d.get(ItemDocuments.TITLE), d.get(ItemDocuments.CLASSIFICATION),
                    score));
        }
        long[] counts = facetCounts.levels();
        Map<String, Long> facets = new LinkedHashMap<>();
        long total = 0;
        for (int rank = 0; rank < counts.length; rank++) {
            facets.put(policy.levels().get(rank).name(), counts[rank]);
            total += counts[rank];
        }
        return new SearchPage(hits, total, facets, facetCounts.purposes(), facetCounts.originators(), offset, limit);
    }

    /** Messages name the value only, never anything from the index. */
    private static void checkPaging(int offset, int limit) {
        if (offset < 0) {
            throw new InvalidInputException("OFFSET_INVALID", "offset " + offset + " is invalid: it must be 0 or more");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("LIMIT_INVALID", "limit " + limit + " is invalid: it must be 1 to " + MAX_LIMIT);
        }
    }

    /** Commits pending changes (Lucene's default) and closes; also closes the directory made by {@link #open}. */
    @Override
    public void close() {
        writes.writeLock().lock();
        try {
            // Closes every one even when one fails; null is skipped.
            IOUtils.close(searchers, writer, ownsDirectory ? directory : null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the search index", e);
        } finally {
            writes.writeLock().unlock();
        }
    }

    private <T> T withSearcher(SearcherAction<T> action) {
        try {
            IndexSearcher s = searchers.acquire();
            try {
                return action.apply(s);
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("search index read failed", e);
        }
    }

    private static void io(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException("search index write failed", e);
        }
    }

    private static void closeQuietly(Directory d, RuntimeException cause) {
        try {
            d.close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    @FunctionalInterface
    private interface SearcherAction<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }
}
