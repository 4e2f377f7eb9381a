package io.liaison.node.search;

import io.liaison.catalog.ShippedCatalog;
import io.liaison.core.access.Clearance;
import io.liaison.core.catalog.Catalog;
import io.liaison.core.label.Category;
import io.liaison.core.label.PolicyIdentifier;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.core.policy.CategoryType;
import io.liaison.core.policy.SecurityPolicy;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.lucene.store.ByteBuffersDirectory;

/** The shipped US and NATO policies, and short ways to write items and readers in them. */
final class Fixtures {
    static final Catalog CATALOG = ShippedCatalog.load();
    static final SecurityPolicy US = CATALOG.requirePolicy("usa");
    static final SecurityPolicy NATO = CATALOG.requirePolicy("nato");
    static final Instant T0 = Instant.parse("2024-03-01T09:00:00Z");
    static final Purpose MISSILES = Purpose.of("DPRK missile threat");
    static final Purpose MARITIME = Purpose.of("Maritime security");

    private Fixtures() {}

    static SearchIndex memoryIndex(SecurityPolicy policy) {
        return new SearchIndex(new ByteBuffersDirectory(), policy);
    }

    static SecurityLabel label(SecurityPolicy policy, String level, Category... categories) {
        Optional<String> uri = policy.oid().map(o -> "urn:oid:" + o);
        return new SecurityLabel(new PolicyIdentifier(policy.name(), uri), level, Optional.empty(),
                List.of(categories), Optional.of(policy.owner()), T0, Optional.empty());
    }

    static IndexedItem item(String id, String title, String text, SecurityLabel label, Purpose... purposes) {
        return new IndexedItem(id, title, text, label, Set.of(purposes), T0);
    }

    /** An item in the US policy about missiles, serving the missile purpose. */
    static IndexedItem usItem(String id, String title, String level, Category... categories) {
        return item(id, title, "report text for " + id, label(US, level, categories), MISSILES);
    }

    static Category orcon() {
        return Category.of("Dissemination Controls", CategoryType.RESTRICTIVE, "ORCON");
    }

    static Category noforn() {
        return Category.of("Dissemination Controls", CategoryType.RESTRICTIVE, "NOFORN");
    }

    static Category relTo(String... countries) {
        return Category.of("Releasable To", CategoryType.PERMISSIVE, countries);
    }

    static Clearance usClearance(String level, String nationality, String... controls) {
        return new Clearance("usa", level, Map.of("Dissemination Controls", Set.of(controls)), Party.of(nationality));
    }

    static SearchFilter reader(Clearance clearance, Purpose... duties) {
        return new SearchFilter(clearance, Set.of(duties), true);
    }

    static Set<String> ids(SearchPage page) {
        return page.hits().stream().map(Hit::id).collect(Collectors.toSet());
    }

    static List<String> idList(SearchPage page) {
        return page.hits().stream().map(Hit::id).toList();
    }

    static Map<String, Long> facets(SecurityPolicy policy, long... counts) {
        Map<String, Long> map = new LinkedHashMap<>();
        for (int i = 0; i < policy.levels().size(); i++) {
            map.put(policy.levels().get(i).name(), counts[i]);
        }
        return map;
    }
}
