package io.liaison.node.search;

import static io.liaison.node.search.Fixtures.US;
import static io.liaison.node.search.Fixtures.ids;
import static io.liaison.node.search.Fixtures.label;
import static io.liaison.node.search.Fixtures.memoryIndex;
import static org.assertj.core.api.Assertions.assertThat;

import io.liaison.core.access.AccessControl;
import io.liaison.core.access.Clearance;
import io.liaison.core.label.Category;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.core.policy.CategoryType;
import io.liaison.core.policy.Classification;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The Lucene access filter against {@link AccessControl} on random US stores and readers. */
class SearchIndexProperties {
    private static final AccessControl AC = AccessControl.of(US);
    private static final List<String> LEVELS = US.levels().stream().map(Classification::name).toList();
    private static final List<String> COUNTRIES = List.of("USA", "AUS", "CAN", "GBR", "JPN", "KOR", "NZL");
    private static final List<Purpose> PURPOSES =
            List.of(Purpose.of("missiles"), Purpose.of("maritime"), Purpose.of("cyber"));

    @Provide
    Arbitrary<List<IndexedItem>> stores() {
        Arbitrary<String> level = Arbitraries.of(LEVELS);
        Arbitrary<Set<String>> controls = Arbitraries.of("ORCON", "NOFORN").set();
        Arbitrary<Set<String>> rel = Arbitraries.of(COUNTRIES).set().ofMaxSize(4);
        Arbitrary<Set<Purpose>> purposes = Arbitraries.of(PURPOSES).set();
        Arbitrary<String> title = Arbitraries.of("missile launch", "fishing fleet", "weekly summary", "cyber incident");
        Arbitrary<Item> items = Combinators.combine(level, controls, rel, purposes, title).as(Item::new);
        return items.list().ofMinSize(1).ofMaxSize(60).map(list -> {
            List<IndexedItem> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                out.add(list.get(i).indexed("item-%02d".formatted(i)));
            }
            return out;
        });
    }

    @Provide
    Arbitrary<SearchFilter> readers() {
        Arbitrary<String> level = Arbitraries.of(LEVELS);
        Arbitrary<Set<String>> controls = Arbitraries.of("ORCON", "NOFORN").set();
        Arbitrary<Set<String>> rel = Arbitraries.of(COUNTRIES).set().ofMaxSize(2);
        Arbitrary<String> nationality = Arbitraries.of("USA", "JPN", "KOR", "FRA", "DEU");
        Arbitrary<Set<Purpose>> duties = Arbitraries.of(PURPOSES).set();
        return Combinators.combine(level, controls, rel, nationality, duties).as((lv, ctl, r, nat, d) -> new SearchFilter(
                new Clearance("usa", lv, Map.of("Dissemination Controls", ctl, "Releasable To", r), Party.of(nat)), d, true));
    }

    @Property(tries = 250)
    void anEmptyQuery_returnsExactlyTheItemsTheReaderMayRead(@ForAll("stores") List<IndexedItem> store,
            @ForAll("readers") SearchFilter reader) {
        SearchPage page;
        try (SearchIndex index = indexOf(store)) {
            page = index.search(reader, "", 0, 100);
        }

        List<IndexedItem> readable = store.stream().filter(i -> mayRead(reader, i)).toList();
        assertThat(ids(page)).isEqualTo(idsOf(readable));
        assertThat(page.total()).isEqualTo(readable.size());
        assertThat(page.levelFacets()).isEqualTo(facetsOf(readable));
        assertThat(page.levelFacets().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(page.total());
    }

    @Property(tries = 150)
    void purposeAndOriginatorFacets_countOnlyReadableItems_andChoosingOneGivesExactlyThoseItems(
            @ForAll("stores") List<IndexedItem> store, @ForAll("readers") SearchFilter reader,
            @ForAll("purposes") Purpose chosen) {
        List<IndexedItem> readable = store.stream().filter(i -> mayRead(reader, i)).toList();
        Map<String, Long> purposes = new java.util.TreeMap<>();
        Map<String, Long> originators = new java.util.TreeMap<>();
        for (IndexedItem i : readable) {
            i.purposes().forEach(p -> purposes.merge(p.name(), 1L, Long::sum));
            originators.merge(i.label().originator().map(Party::code).orElse("-"), 1L, Long::sum);
        }
        try (SearchIndex index = indexOf(store)) {
            SearchPage page = index.search(reader, "", 0, 100);
            assertThat(page.purposeFacets()).isEqualTo(purposes);
            assertThat(page.originatorFacets()).isEqualTo(originators);
            SearchPage narrowed = index.search(reader, "", new Refinement(Optional.empty(), Optional.of(chosen),
                    Optional.empty()), 0, 100);
            assertThat(ids(narrowed)).isEqualTo(idsOf(readable.stream().filter(i -> i.purposes().contains(chosen))
                    .toList()));
            assertThat(narrowed.total()).isEqualTo(purposes.getOrDefault(chosen.name(), 0L));
        }
    }

    @Provide
    Arbitrary<Purpose> purposes() {
        return Arbitraries.of(PURPOSES);
    }

    @Property(tries = 100)
    void aFullyClearedReader_seesEverythingANarrowlyClearedReaderSees(@ForAll("stores") List<IndexedItem> store,
            @ForAll("readers") SearchFilter narrow) {
        // Every control and every REL TO value: items released only to other nations are readable too.
        SearchFilter cleared = new SearchFilter(new Clearance("usa", "TOP SECRET",
                Map.of("Dissemination Controls", Set.of("ORCON", "NOFORN"), "Releasable To", Set.copyOf(COUNTRIES)),
                Party.of("USA")), Set.copyOf(PURPOSES), true);
        try (SearchIndex index = indexOf(store)) {
            SearchPage all = index.search(cleared, "", 0, 100);
            SearchPage some = index.search(narrow, "", 0, 100);

            assertThat(ids(all)).containsAll(ids(some));
            for (String level : LEVELS) {
                assertThat(all.levelFacets().get(level)).isGreaterThanOrEqualTo(some.levelFacets().get(level));
            }
            assertThat(ids(all)).isEqualTo(idsOf(store.stream().filter(i -> !i.purposes().isEmpty()).toList()));
        }
    }

    private static SearchIndex indexOf(List<IndexedItem> store) {
        SearchIndex index = memoryIndex(US);
        store.forEach(index::upsert);
        index.commit();
        return index;
    }

    private static boolean mayRead(SearchFilter reader, IndexedItem item) {
        return AC.permits(AC.compile(reader.clearance()), AC.compile(item.label()))
                && !Collections.disjoint(item.purposes(), reader.duties());
    }

    private static Set<String> idsOf(List<IndexedItem> items) {
        Set<String> out = new TreeSet<>();
        items.forEach(i -> out.add(i.id()));
        return out;
    }

    private static Map<String, Long> facetsOf(List<IndexedItem> items) {
        Map<String, Long> out = new LinkedHashMap<>();
        LEVELS.forEach(l -> out.put(l, 0L));
        items.forEach(i -> out.merge(i.label().classification(), 1L, Long::sum));
        return out;
    }

    /** A random item before it gets its id; NOFORN excludes Releasable To, so it wins when both are drawn. */
    private record Item(String level, Set<String> controls, Set<String> rel, Set<Purpose> purposes, String title) {
        IndexedItem indexed(String id) {
            List<Category> cats = new ArrayList<>();
            if (!controls.isEmpty()) {
                cats.add(new Category("Dissemination Controls", CategoryType.RESTRICTIVE, List.copyOf(new TreeSet<>(controls))));
            }
            if (!rel.isEmpty() && !controls.contains("NOFORN")) {
                cats.add(new Category("Releasable To", CategoryType.PERMISSIVE, List.copyOf(new TreeSet<>(rel))));
            }
            SecurityLabel label = label(US, level, cats.toArray(Category[]::new));
            return new IndexedItem(id, title, "text of " + id, label, purposes, Fixtures.T0);
        }
    }
}
