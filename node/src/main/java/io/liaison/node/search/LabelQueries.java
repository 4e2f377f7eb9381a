package io.liaison.node.search;

import io.liaison.core.access.Clearance;
import io.liaison.core.label.Category;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Purpose;
import io.liaison.core.policy.CategoryTag;
import io.liaison.core.policy.CategoryType;
import io.liaison.core.policy.SecurityPolicy;
import io.liaison.core.policy.TagValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * The translation of labels into index fields and of a reader into the access filter (R9 and official
 * need), kept in one place so both sides use the same encoding. The filter matches exactly the documents
 * for which {@link io.liaison.core.access.AccessControl#permits} holds and a purpose is among the duties.
 *
 * <p>Field encoding ({@code <tag>} is the tag set name, {@code US} the unit separator U+001F):
 *
 * <ul>
 *   <li>{@code level}: the classification's rank in the policy, 0 for the lowest, as an {@link IntPoint}
 *       (filtered by range) and a {@link NumericDocValuesField} (counted for the level facets);
 *   <li>{@code restrictive}: one term {@code <tag>US<value>} per restrictive value of the label;
 *   <li>{@code permissive}: one term {@code <tag>US<value>} per permissive value of the label;
 *   <li>{@code permissive_tag}: one term {@code <tag>} per permissive category present on the label, so
 *       that a label without that category is not restricted by it;
 *   <li>{@code purpose}: one term per purpose name.
 * </ul>
 *
 * Informative categories are not indexed: they never restrict access.
 */
final class LabelQueries {
    static final String LEVEL = "level";
    static final String RESTRICTIVE = "restrictive";
    static final String PERMISSIVE = "permissive";
    static final String PERMISSIVE_TAG = "permissive_tag";
    static final String PURPOSE = "purpose";
    private static final char SEPARATOR = '\u001f';

    private final SecurityPolicy policy;

    LabelQueries(SecurityPolicy policy) {
        this.policy = policy;
    }

    /** Adds the access fields of a label, which must already be valid in the policy, and of the purposes. */
    void addFields(Document doc, SecurityLabel label, Set<Purpose> purposes) {
        int rank = policy.rank(label.classification());
        doc.add(new IntPoint(LEVEL, rank));
        doc.add(new NumericDocValuesField(LEVEL, rank));
        for (Category c : label.categories()) {
            switch (c.type()) {
                case RESTRICTIVE -> c.values().forEach(v -> doc.add(keyword(RESTRICTIVE, term(c.tagName(), v))));
                case PERMISSIVE -> {
                    doc.add(keyword(PERMISSIVE_TAG, c.tagName()));
                    c.values().forEach(v -> doc.add(keyword(PERMISSIVE, term(c.tagName(), v))));
                }
                case INFORMATIVE -> { }
            }
        }
        purposes.forEach(p -> doc.add(keyword(PURPOSE, p.name())));
    }

    /**
     * The documents this reader may read, for a clearance already checked against the policy and at least
     * one duty. Only FILTER and MUST_NOT clauses, so it never changes scores.
     */
    Query accessFilter(Clearance clearance, Set<Purpose> duties) {
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        int rank = policy.rank(clearance.level());
        // At the top level the range would match everything; leaving it out depends on the policy alone.
        if (rank < policy.levels().size() - 1) {
            q.add(IntPoint.newRangeQuery(LEVEL, 0, rank), Occur.FILTER);
        }
        q.add(new TermInSetQuery(PURPOSE, duties.stream().map(p -> new BytesRef(p.name())).toList()), Occur.FILTER);
        // The policy lists every value, so "all restrictive values held" is "none of the others present".
        List<BytesRef> notHeld = new ArrayList<>();
        for (CategoryTag tag : tags(CategoryType.RESTRICTIVE)) {
            for (TagValue v : tag.values()) {
                if (!holds(clearance, tag, v.name())) {
                    notHeld.add(new BytesRef(term(tag.tagSet(), v.name())));
                }
            }
        }
        if (!notHeld.isEmpty()) {
            q.add(new TermInSetQuery(RESTRICTIVE, notHeld), Occur.MUST_NOT);
        }
        for (CategoryTag tag : tags(CategoryType.PERMISSIVE)) {
            Query refused = permissiveRefused(clearance, tag);
            if (refused != null) {
                q.add(refused, Occur.MUST_NOT);
            }
        }
        return q.build();
    }

    /** Documents carrying the tag with none of its values held; null when every value is held. */
    private Query permissiveRefused(Clearance clearance, CategoryTag tag) {
        List<BytesRef> held = new ArrayList<>();
        for (TagValue v : tag.values()) {
            if (holds(clearance, tag, v.name())) {
                held.add(new BytesRef(term(tag.tagSet(), v.name())));
            }
        }
        if (held.size() == tag.values().size()) {
            return null;
        }
        Query present = new TermQuery(new Term(PERMISSIVE_TAG, tag.tagSet()));
        if (held.isEmpty()) {
            return present;
        }
        return new BooleanQuery.Builder()
                .add(present, Occur.FILTER)
                .add(new TermInSetQuery(PERMISSIVE, held), Occur.MUST_NOT)
                .build();
    }

    /** As {@code AccessControl}: held by tag set name, and the nationality counts in a nationality tag. */
    private static boolean holds(Clearance clearance, CategoryTag tag, String value) {
        return clearance.held(tag.tagSet()).contains(value)
                || (tag.holdsNationality() && clearance.nationality().code().equals(value));
    }

    private List<CategoryTag> tags(CategoryType type) {
        return policy.tags().stream().filter(t -> t.type() == type).toList();
    }

    private static String term(String tagSet, String value) {
        return tagSet + SEPARATOR + value;
    }

    private static Field keyword(String field, String value) {
        return new StringField(field, value, Field.Store.NO);
    }
}
