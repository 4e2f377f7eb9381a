package io.liaison.node.search;

import static io.liaison.node.search.Fixtures.MARITIME;
import static io.liaison.node.search.Fixtures.MISSILES;
import static io.liaison.node.search.Fixtures.NATO;
import static io.liaison.node.search.Fixtures.US;
import static io.liaison.node.search.Fixtures.facets;
import static io.liaison.node.search.Fixtures.idList;
import static io.liaison.node.search.Fixtures.ids;
import static io.liaison.node.search.Fixtures.item;
import static io.liaison.node.search.Fixtures.label;
import static io.liaison.node.search.Fixtures.memoryIndex;
import static io.liaison.node.search.Fixtures.noforn;
import static io.liaison.node.search.Fixtures.orcon;
import static io.liaison.node.search.Fixtures.reader;
import static io.liaison.node.search.Fixtures.relTo;
import static io.liaison.node.search.Fixtures.usClearance;
import static io.liaison.node.search.Fixtures.usItem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.core.access.Clearance;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.label.Category;
import io.liaison.core.party.Party;
import io.liaison.core.policy.CategoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@org.junit.jupiter.api.Timeout(600)
class SearchIndexTest {
    private static final SearchFilter TOP = reader(usClearance("TOP SECRET", "USA", "ORCON", "NOFORN"), MISSILES, MARITIME);
    private static final SearchFilter UNCLEARED = reader(usClearance("UNCLASSIFIED", "KOR"), MISSILES);

    private final SearchIndex index = memoryIndex(US);

    @AfterEach
    void close() {
        index.close();
    }

    private void store(IndexedItem... items) {
        for (IndexedItem i : items) {
            index.upsert(i);
        }
        index.commit();
    }

    @Test
    void anIndexCommittedInAnOlderFormat_isNotCurrent_soTheNodeRebuildsIt() throws Exception {
        ByteBuffersDirectory dir = new ByteBuffersDirectory();
        try (org.apache.lucene.index.IndexWriter older = new org.apache.lucene.index.IndexWriter(dir,
                new org.apache.lucene.index.IndexWriterConfig())) {
            older.addDocument(new org.apache.lucene.document.Document());
            older.commit();
        }
        try (SearchIndex index = new SearchIndex(dir, US)) {
            assertThat(index.current()).isFalse();
            index.rebuild(List.of(usItem("a", "missile launch", "SECRET")));
            assertThat(index.current()).isTrue();
            assertThat(index.size()).isEqualTo(1);
        }
    }

    @Test
    void fullText_findsItemsByWordsOfTheTitleOrTheText() {
        store(item("a", "Missile launch detected", "telemetry from the east coast", label(US, "UNCLASSIFIED"), MISSILES),
                item("b", "Weekly summary", "one missile test and two launches", label(US, "UNCLASSIFIED"), MISSILES),
                item("c", "Fishing fleet", "boats near the coast", label(US, "UNCLASSIFIED"), MISSILES));

        assertThat(idList(index.search(TOP, "missile", 0, 10))).containsExactly("a", "b");
        assertThat(ids(index.search(TOP, "coast", 0, 10))).containsExactlyInAnyOrder("a", "c");
        assertThat(idList(index.search(TOP, "\"missile launch\"", 0, 10))).containsExactly("a");
        assertThat(ids(index.search(TOP, "launch*", 0, 10))).containsExactlyInAnyOrder("a", "b");
        assertThat(ids(index.search(TOP, "misile~1", 0, 10))).containsExactlyInAnyOrder("a", "b");
        assertThat(ids(index.search(TOP, "-missile", 0, 10))).containsExactly("c");
        assertThat(index.search(TOP, "submarine", 0, 10).total()).isZero();
    }

    @Test
    void aTitleMatch_ranksAboveATextMatch() {
        store(item("a", "Weekly summary", "missile", label(US, "UNCLASSIFIED"), MISSILES),
                item("b", "Missile", "weekly summary", label(US, "UNCLASSIFIED"), MISSILES));

        SearchPage page = index.search(TOP, "missile", 0, 10);

        assertThat(idList(page)).containsExactly("b", "a");
        assertThat(page.hits().get(0).score()).isGreaterThan(page.hits().get(1).score());
    }

    @Test
    void hits_carryTheTitleAndTheClassification() {
        store(usItem("a", "Launch report", "SECRET"));

        assertThat(index.search(TOP, "launch", 0, 10).hits()).singleElement()
                .satisfies(h -> assertThat(List.of(h.id(), h.title(), h.classification()))
                        .containsExactly("a", "Launch report", "SECRET"));
    }

    @Test
    void theLevelFilter_hidesItemsAboveTheClearance() {
        store(usItem("u", "report", "UNCLASSIFIED"), usItem("c", "report", "CONFIDENTIAL"),
                usItem("s", "report", "SECRET"), usItem("t", "report", "TOP SECRET"));

        SearchPage page = index.search(reader(usClearance("SECRET", "USA"), MISSILES), "report", 0, 10);

        assertThat(ids(page)).containsExactlyInAnyOrder("u", "c", "s");
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.levelFacets()).containsExactlyEntriesOf(facets(US, 1, 1, 1, 0));
    }

    @Test
    void orcon_isFoundOnlyByReadersHoldingOrcon() {
        store(usItem("plain", "report", "SECRET"), usItem("orcon", "report", "SECRET", orcon()));

        assertThat(ids(index.search(reader(usClearance("SECRET", "USA"), MISSILES), "", 0, 10)))
                .containsExactly("plain");
        assertThat(ids(index.search(reader(usClearance("SECRET", "USA", "ORCON"), MISSILES), "", 0, 10)))
                .containsExactlyInAnyOrder("plain", "orcon");
    }

    @Test
    void releasableTo_admitsReadersOfAListedNationalityOrHoldingAListedValue() {
        store(usItem("rel", "report", "SECRET", relTo("USA", "JPN")), usItem("noforn", "report", "SECRET", noforn()),
                usItem("open", "report", "SECRET"));

        assertThat(ids(index.search(reader(usClearance("SECRET", "JPN"), MISSILES), "", 0, 10)))
                .containsExactlyInAnyOrder("rel", "open");
        assertThat(ids(index.search(reader(usClearance("SECRET", "KOR"), MISSILES), "", 0, 10)))
                .containsExactly("open");
        Clearance korHoldingJpn = new Clearance("usa", "SECRET", Map.of("Releasable To", Set.of("JPN")), Party.of("KOR"));
        assertThat(ids(index.search(reader(korHoldingJpn, MISSILES), "", 0, 10)))
                .containsExactlyInAnyOrder("rel", "open");
        assertThat(ids(index.search(reader(usClearance("SECRET", "USA", "NOFORN"), MISSILES), "", 0, 10)))
                .containsExactlyInAnyOrder("rel", "noforn", "open");
    }

    @Test
    void natoContext_needsOneOfTheItemsContextValues_andAnItemWithoutContextIsNotRestrictedByIt() {
        try (SearchIndex nato = memoryIndex(NATO)) {
            Category alpha = Category.of("Context", CategoryType.PERMISSIVE, "KFOR");
            Category staff = Category.of("Administrative", CategoryType.INFORMATIVE, "STAFF");
            nato.upsert(item("alpha", "exercise plan", "", label(NATO, "SECRET", alpha), MISSILES));
            nato.upsert(item("plain", "exercise plan", "", label(NATO, "SECRET", staff), MISSILES));
            nato.upsert(item("rel", "exercise plan", "", label(NATO, "SECRET",
                    Category.of("Releasable To", CategoryType.PERMISSIVE, "NATO", "SWE")), MISSILES));
            nato.commit();

            Clearance exercise = new Clearance("nato", "SECRET", Map.of("Context", Set.of("ISAF")), Party.of("FIN"));
            Clearance mission = new Clearance("nato", "SECRET",
                    Map.of("Context", Set.of("KFOR"), "Releasable To", Set.of("NATO")), Party.of("DEU"));

            assertThat(ids(nato.search(reader(exercise, MISSILES), "plan", 0, 10))).containsExactly("plain");
            assertThat(ids(nato.search(reader(mission, MISSILES), "plan", 0, 10)))
                    .containsExactlyInAnyOrder("alpha", "plain", "rel");
            Clearance swede = new Clearance("nato", "SECRET", Map.of(), Party.of("SWE"));
            assertThat(ids(nato.search(reader(swede, MISSILES), "plan", 0, 10))).containsExactlyInAnyOrder("plain", "rel");
        }
    }

    @Test
    void anItemIsFoundOnlyWhenOneOfItsPurposesIsAmongTheDuties() {
        store(item("m", "report", "", label(US, "UNCLASSIFIED"), MISSILES),
                item("s", "report", "", label(US, "UNCLASSIFIED"), MARITIME),
                item("both", "report", "", label(US, "UNCLASSIFIED"), MISSILES, MARITIME),
                item("none", "report", "", label(US, "UNCLASSIFIED")));

        Clearance c = usClearance("TOP SECRET", "USA");
        assertThat(ids(index.search(reader(c, MISSILES), "", 0, 10))).containsExactlyInAnyOrder("m", "both");
        assertThat(ids(index.search(reader(c, MARITIME), "", 0, 10))).containsExactlyInAnyOrder("s", "both");
        assertThat(ids(index.search(reader(c, MISSILES, MARITIME), "", 0, 10))).containsExactlyInAnyOrder("m", "s", "both");
        assertThat(index.search(reader(c), "", 0, 10)).isEqualTo(SearchPage.empty(US, 0, 10));
    }

    @Test
    void aReaderWhoseFacilityIsInactive_findsNothing() {
        store(usItem("a", "report", "UNCLASSIFIED"));

        SearchPage page = index.search(new SearchFilter(TOP.clearance(), TOP.duties(), false), "", 0, 10);

        assertThat(page.hits()).isEmpty();
        assertThat(page.total()).isZero();
        assertThat(page.levelFacets()).containsExactlyEntriesOf(facets(US, 0, 0, 0, 0));
    }

    @Test
    void countsAndFacets_forAnUnclearedReader_countOnlyWhatHeMayRead() {
        store(usItem("u1", "missile report", "UNCLASSIFIED"), usItem("u2", "missile summary", "UNCLASSIFIED"),
                usItem("u3", "missile brief", "UNCLASSIFIED", orcon()), usItem("s1", "missile report", "SECRET"),
                usItem("t1", "missile report", "TOP SECRET", noforn()));

        SearchPage page = index.search(UNCLEARED, "missile", 0, 1);

        assertThat(page.total()).isEqualTo(2);
        assertThat(page.levelFacets()).containsExactlyEntriesOf(facets(US, 2, 0, 0, 0));
        assertThat(page.hits()).hasSize(1);
        assertThat(index.search(TOP, "missile", 0, 1).levelFacets()).containsExactlyEntriesOf(facets(US, 3, 0, 1, 1));
    }

    @Test
    void addingAHiddenMatchingItem_leavesTheUnclearedReadersPageUnchangedToTheByte() {
        store(usItem("u1", "missile launch report", "UNCLASSIFIED"), usItem("u2", "missile summary", "UNCLASSIFIED"),
                item("u3", "weekly summary", "missile missile launch", label(US, "UNCLASSIFIED"), MISSILES),
                usItem("s1", "launch report", "SECRET"));
        List<String> queries = List.of("missile", "", "launch report", "missile | summary", "misile~1", "miss*", "-report",
                "\"missile launch\"");
        List<SearchPage> before = queries.stream().map(q -> index.search(UNCLEARED, q, 0, 2)).toList();
        List<Long> clearedBefore = queries.stream().map(q -> index.search(TOP, q, 0, 2).total()).toList();

        store(usItem("hidden-1", "missile missile launch report summary", "TOP SECRET", orcon()),
                item("hidden-2", "missile launch summary", "missile missile", label(US, "UNCLASSIFIED", orcon()), MISSILES),
                item("hidden-3", "missile report", "missile", label(US, "UNCLASSIFIED"), MARITIME),
                usItem("hidden-4", "missile", "UNCLASSIFIED", relTo("USA", "JPN")));

        List<SearchPage> after = queries.stream().map(q -> index.search(UNCLEARED, q, 0, 2)).toList();
        assertThat(after).isEqualTo(before);
        assertThat(after.toString()).isEqualTo(before.toString());
        assertThat(queries.stream().map(q -> index.search(TOP, q, 0, 2).total()).toList())
                .as("the new items do match for a cleared reader").isNotEqualTo(clearedBefore);
    }

    @Test
    void pages_areStableAndCoverEveryHitExactlyOnce() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String id = "item-%02d".formatted(i);
            expected.add(id);
            index.upsert(usItem(id, "report", "UNCLASSIFIED"));
        }
        index.commit();

        List<String> seen = new ArrayList<>();
        for (int offset = 0; offset < 30; offset += 10) {
            SearchPage page = index.search(TOP, "report", offset, 10);
            assertThat(page.total()).isEqualTo(25);
            assertThat(List.of(page.offset(), page.limit())).containsExactly(offset, 10);
            assertThat(index.search(TOP, "report", offset, 10)).isEqualTo(page);
            seen.addAll(idList(page));
        }
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(index.search(TOP, "report", 1_000_000, 100).hits()).isEmpty();
        assertThat(index.search(TOP, "report", Integer.MAX_VALUE, 100).total()).isEqualTo(25);
    }

    @Test
    void aDeletedItem_isNoLongerFound() {
        store(usItem("a", "report", "UNCLASSIFIED"), usItem("b", "report", "UNCLASSIFIED"));

        index.delete("a");
        index.commit();

        assertThat(ids(index.search(TOP, "report", 0, 10))).containsExactly("b");
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void changes_becomeVisibleAtCommit() {
        index.upsert(usItem("a", "report", "UNCLASSIFIED"));

        assertThat(index.search(TOP, "report", 0, 10).total()).isZero();
        index.commit();
        assertThat(index.search(TOP, "report", 0, 10).total()).isEqualTo(1);
    }

    @Test
    void upsert_replacesTheItemWithTheSameId() {
        store(usItem("a", "old title", "UNCLASSIFIED"));

        store(usItem("a", "new title", "SECRET", orcon()));

        assertThat(index.size()).isEqualTo(1);
        assertThat(index.search(TOP, "old", 0, 10).total()).isZero();
        assertThat(index.search(TOP, "new", 0, 10).hits()).singleElement()
                .satisfies(h -> assertThat(h.classification()).isEqualTo("SECRET"));
        assertThat(index.search(UNCLEARED, "", 0, 10).total()).isZero();
    }

    @Test
    void upsert_refusesALabelThatIsInvalidInThePolicy() {
        IndexedItem both = usItem("a", "report", "SECRET", noforn(), relTo("JPN"));
        IndexedItem nato = item("b", "report", "", label(NATO, "SECRET"), MISSILES);

        assertThatThrownBy(() -> index.upsert(both)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("NOFORN excludes Releasable To");
        assertThatThrownBy(() -> index.upsert(nato)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("PolicyIdentifier 'NATO' is not policy usa");
    }

    @Test
    void rebuild_replacesEveryItem() {
        store(usItem("old-1", "report", "UNCLASSIFIED"), usItem("old-2", "report", "UNCLASSIFIED"));

        index.rebuild(List.of(usItem("new-1", "report", "UNCLASSIFIED"), usItem("new-2", "report", "SECRET"),
                usItem("new-3", "report", "TOP SECRET")));

        assertThat(index.size()).isEqualTo(3);
        assertThat(ids(index.search(TOP, "", 0, 10))).containsExactlyInAnyOrder("new-1", "new-2", "new-3");
    }

    @Test
    void rebuild_withAnInvalidLabel_leavesTheIndexAsItWas() {
        store(usItem("old", "report", "UNCLASSIFIED"));
        List<IndexedItem> items = List.of(usItem("new", "report", "UNCLASSIFIED"),
                usItem("bad", "report", "SECRET", noforn(), relTo("JPN")));

        assertThatThrownBy(() -> index.rebuild(items)).isInstanceOf(InvalidInputException.class);
        index.commit();

        assertThat(ids(index.search(TOP, "", 0, 10))).containsExactly("old");
    }

    @Test
    void badPagingAndQueries_giveMessagesThatDoNotDependOnTheIndex() {
        List<String> onEmpty = refusals(index);
        store(usItem("a", "report", "TOP SECRET", orcon()), usItem("b", "report", "UNCLASSIFIED"));

        assertThat(refusals(index)).isEqualTo(onEmpty).containsExactly(
                "OFFSET_INVALID: offset -1 is invalid: it must be 0 or more",
                "LIMIT_INVALID: limit 0 is invalid: it must be 1 to 100",
                "LIMIT_INVALID: limit 101 is invalid: it must be 1 to 100",
                "QUERY_TOO_LONG: query is longer than 1000 characters",
                "QUERY_TOO_LONG: query is longer than 1000 characters");
    }

    private static List<String> refusals(SearchIndex index) {
        List<Runnable> calls = List.of(() -> index.search(UNCLEARED, "report", -1, 10),
                () -> index.search(UNCLEARED, "report", 0, 0), () -> index.search(UNCLEARED, "report", 0, 101),
                () -> index.search(UNCLEARED, "report ".repeat(143), 0, 10),
                () -> index.searchUnfiltered("x".repeat(1_001), 0, 10));
        List<String> out = new ArrayList<>();
        for (Runnable call : calls) {
            try {
                call.run();
                out.add("accepted");
            } catch (InvalidInputException e) {
                out.add(e.code() + ": " + e.getMessage());
            }
        }
        return out;
    }

    @Test
    void aQueryOfExactlyTheLimit_isAccepted_andParsingNeverFails() {
        store(usItem("a", "report", "UNCLASSIFIED"));

        assertThat(index.search(TOP, "r".repeat(1_000), 0, 10).total()).isZero();
        assertThat(index.search(TOP, "b c d e f g h i j k ".repeat(50), 0, 10).total()).isZero();
        for (String odd : List.of("\"", "+", "-", "|", "~", "*", "((", "\"report", "report~9", "\\", "!!!", "  ")) {
            assertThat(index.search(TOP, odd, 0, 10)).isNotNull();
        }
        assertThat(index.search(TOP, "   ", 0, 10).total()).isEqualTo(1);
    }

    @Test
    void searchUnfiltered_seesEveryItem() {
        store(usItem("a", "report", "TOP SECRET", orcon()), item("b", "report", "", label(US, "UNCLASSIFIED")));

        SearchPage page = index.searchUnfiltered("report", 0, 10);

        assertThat(ids(page)).containsExactlyInAnyOrder("a", "b");
        assertThat(page.levelFacets()).containsExactlyEntriesOf(facets(US, 1, 0, 0, 1));
    }

    @Test
    void theItemText_isIndexedButNotStored() throws Exception {
        ByteBuffersDirectory dir = new ByteBuffersDirectory();
        try (SearchIndex own = new SearchIndex(dir, US)) {
            own.upsert(item("a", "title", "secret words", label(US, "UNCLASSIFIED"), MISSILES));
            own.commit();
            assertThat(own.search(TOP, "words", 0, 10).total()).isEqualTo(1);
        }
        try (DirectoryReader r = DirectoryReader.open(dir)) {
            assertThat(r.storedFields().document(0).getFields()).extracting(f -> f.name())
                    .doesNotContain(ItemDocuments.TEXT).contains(ItemDocuments.TITLE);
        }
    }

    @Test
    void aFileSystemIndex_keepsItsItemsAcrossReopening(@TempDir Path dir) {
        try (SearchIndex fs = SearchIndex.open(dir, US)) {
            fs.upsert(usItem("a", "missile report", "SECRET"));
            fs.commit();
        }
        try (SearchIndex fs = SearchIndex.open(dir, US)) {
            assertThat(fs.size()).isEqualTo(1);
            assertThat(idList(fs.search(TOP, "missile", 0, 10))).containsExactly("a");
        }
    }

    @Test
    void concurrentSearches_whileCommitting_seeConsistentPages() throws Exception {
        store(usItem("seed", "report", "UNCLASSIFIED"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        SearchPage p = index.search(TOP, "report", 0, 100);
                        assertThat(p.levelFacets().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(p.total());
                        assertThat((long) p.hits().size()).isEqualTo(Math.min(100, p.total()));
                    }
                }));
            }
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 50; i++) {
                    index.upsert(usItem("w" + i, "report", "UNCLASSIFIED"));
                    index.commit();
                }
            }));
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(index.search(TOP, "report", 0, 100).total()).isEqualTo(51);
    }

    @Test
    void aClearanceOfAnotherPolicy_isRefused() {
        Clearance nato = new Clearance("nato", "SECRET", Map.of(), Party.of("DEU"));

        assertThatThrownBy(() -> index.search(reader(nato, MISSILES), "", 0, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not usa");
    }
}
