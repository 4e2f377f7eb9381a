package io.liaison.bench;

import io.liaison.catalog.ShippedCatalog;
import io.liaison.core.access.Clearance;
import io.liaison.core.label.Category;
import io.liaison.core.label.PolicyIdentifier;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.core.policy.CategoryType;
import io.liaison.core.policy.SecurityPolicy;
import io.liaison.node.search.IndexedItem;
import io.liaison.node.search.SearchFilter;
import io.liaison.node.search.SearchIndex;
import io.liaison.node.search.SearchPage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * Label-filtered search over a large index of items with mixed US labels (levels, ORCON, NOFORN, REL TO)
 * and purposes: p50 and p99 latency for a fully cleared user and for a narrowly cleared one, against the
 * same queries without any filter in the same run.
 *
 * <p>Run: {@code mvn -B -q -Plauncher package -pl bench -am && java -Xmx2g -cp bench/target/benchmarks.jar
 * io.liaison.bench.SearchLoad 1000000 3000} (arguments: items, queries per user).
 */
public final class SearchLoad {
    private static final String[] LEVELS = {"UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "TOP SECRET"};
    private static final String[] COUNTRIES = {"AUS", "CAN", "GBR", "JPN", "KOR", "NZL"};
    private static final List<Purpose> PURPOSES = List.of(Purpose.of("DPRK missile threat"),
            Purpose.of("DPRK nuclear threat"), Purpose.of("maritime security"), Purpose.of("cyber defence"),
            Purpose.of("counter-terrorism"));

    private SearchLoad() {}

    public static void main(String[] args) throws Exception {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        SecurityPolicy usa = ShippedCatalog.load().requirePolicy("usa");
        String[] vocabulary = Words.vocabulary(5000, new Random(1));
        Path dir = Files.createTempDirectory("liaison-search-bench");
        try (SearchIndex index = SearchIndex.open(dir, usa)) {
            long t0 = System.nanoTime();
            Random r = new Random(42);
            for (int i = 0; i < items; i++) {
                index.upsert(item(i, r, vocabulary));
                if (i % 200_000 == 199_999) {
                    index.commit();
                }
            }
            index.commit();
            double buildSeconds = (System.nanoTime() - t0) / 1e9;
            SearchFilter cleared = new SearchFilter(new Clearance("usa", "TOP SECRET", Map.of("Dissemination Controls",
                    Set.of("ORCON", "NOFORN"), "Releasable To", Set.of(COUNTRIES)), Party.of("USA")), Set.copyOf(PURPOSES), true);
            SearchFilter narrow = new SearchFilter(new Clearance("usa", "CONFIDENTIAL", Map.of(), Party.of("KOR")),
                    Set.of(PURPOSES.getFirst()), true);
            List<String> qs = new ArrayList<>();
            Random qr = new Random(7);
            for (int i = 0; i < queries; i++) {
                qs.add(Words.zipf(qr, vocabulary) + (qr.nextBoolean() ? " " + Words.zipf(qr, vocabulary) : ""));
            }
            // Warm up all three paths, then measure them interleaved so they see the same machine.
            measure(qs.subList(0, Math.min(500, qs.size())), q -> index.search(cleared, q, 0, 20));
            measure(qs.subList(0, Math.min(500, qs.size())), q -> index.search(narrow, q, 0, 20));
            measure(qs.subList(0, Math.min(500, qs.size())), q -> index.searchUnfiltered(q, 0, 20));
            long[][] times = interleaved(qs, List.of(q -> index.searchUnfiltered(q, 0, 20),
                    q -> index.search(cleared, q, 0, 20), q -> index.search(narrow, q, 0, 20)));
            long[] unfiltered = times[0];
            long[] clearedTimes = times[1];
            long[] narrowTimes = times[2];
            long narrowHits = 0;
            long clearedHits = 0;
            for (String q : qs.subList(0, 200)) {
                narrowHits += index.search(narrow, q, 0, 20).total();
                clearedHits += index.search(cleared, q, 0, 20).total();
            }
            System.out.printf("SearchLoad items=%,d queries=%,d per user (index built in %s s, %s MiB on disk)%n", items,
                    queries, Stats.f(buildSeconds), Stats.f(size(dir) / 1048576.0));
            print("unfiltered (baseline)", unfiltered);
            print("cleared user", clearedTimes);
            print("narrow user", narrowTimes);
            System.out.printf("  average matches per query: cleared %,d, narrow %,d%n", clearedHits / 200, narrowHits / 200);
            System.out.printf("  filter cost at p99: cleared %sx, narrow %sx the unfiltered query%n",
                    Stats.f(Stats.percentile(clearedTimes, 99) / Stats.percentile(unfiltered, 99)),
                    Stats.f(Stats.percentile(narrowTimes, 99) / Stats.percentile(unfiltered, 99)));
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Each query on every path in turn, the order rotating, so that no path gets a quieter machine. */
    private static long[][] interleaved(List<String> queries, List<Function<String, SearchPage>> paths) {
        long[][] out = new long[paths.size()][queries.size()];
        for (int i = 0; i < queries.size(); i++) {
            for (int k = 0; k < paths.size(); k++) {
                int p = (i + k) % paths.size();
                long t = System.nanoTime();
                paths.get(p).apply(queries.get(i));
                out[p][i] = System.nanoTime() - t;
            }
        }
        for (int p = 0; p < out.length; p++) {
            out[p] = Stats.sorted(out[p]);
        }
        return out;
    }

    private static long[] measure(List<String> queries, Function<String, SearchPage> search) {
        long[] out = new long[queries.size()];
        for (int i = 0; i < out.length; i++) {
            long t = System.nanoTime();
            search.apply(queries.get(i));
            out[i] = System.nanoTime() - t;
        }
        return Stats.sorted(out);
    }

    private static void print(String what, long[] sorted) {
        System.out.printf("  %-22s p50 %s ms, p99 %s ms%n", what, Stats.f(Stats.percentile(sorted, 50)),
                Stats.f(Stats.percentile(sorted, 99)));
    }

    private static IndexedItem item(int i, Random r, String[] vocabulary) {
        List<Category> cats = new ArrayList<>();
        boolean noforn = r.nextInt(10) == 0;
        List<String> controls = new ArrayList<>();
        if (r.nextInt(5) == 0) {
            controls.add("ORCON");
        }
        if (noforn) {
            controls.add("NOFORN");
        }
        if (!controls.isEmpty()) {
            cats.add(new Category("Dissemination Controls", CategoryType.RESTRICTIVE, controls));
        }
        if (!noforn && r.nextInt(5) < 2) {
            List<String> rel = new ArrayList<>(List.of("USA"));
            for (String c : COUNTRIES) {
                if (r.nextInt(3) == 0) {
                    rel.add(c);
                }
            }
            cats.add(new Category("Releasable To", CategoryType.PERMISSIVE, rel));
        }
        SecurityLabel label = new SecurityLabel(PolicyIdentifier.of("US DoD"), LEVELS[r.nextInt(LEVELS.length)],
                Optional.empty(), cats, Optional.of(Party.of("USA")), Instant.EPOCH, Optional.empty());
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < 40; w++) {
            text.append(Words.zipf(r, vocabulary)).append(' ');
        }
        String title = Words.zipf(r, vocabulary) + " " + Words.zipf(r, vocabulary) + " report";
        return new IndexedItem("usa-" + i, title, text.toString(), label,
                Set.of(PURPOSES.get(r.nextInt(PURPOSES.size()))), Instant.EPOCH);
    }

    private static long size(Path dir) throws java.io.IOException {
        try (var s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
