package io.liaison.node.search;

import io.liaison.core.label.LabelValidator;
import io.liaison.core.policy.SecurityPolicy;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.Term;
import org.apache.lucene.util.BytesRef;

/**
 * Turns an {@link IndexedItem} into a Lucene document: {@code id} (term, stored, sorted), {@code title}
 * (analysed, stored), {@code text} (analysed, not stored), {@code classification} (stored name, for
 * hits), {@code created} (epoch milliseconds), {@code originator} (term and doc values), the purposes' doc
 * values, plus the access fields of {@link LabelQueries}.
 */
final class ItemDocuments {
    static final String ID = "id";
    static final String TITLE = "title";
    static final String TEXT = "text";
    static final String CLASSIFICATION = "classification";
    static final String CREATED = "created";
    /** The originator's party code (term and sorted doc values, for its facet); "-" when the label names none. */
    static final String ORIGINATOR = "originator";
    /** Stored fields read back for a hit; the text is never stored. */
    static final Set<String> HIT_FIELDS = Set.of(ID, TITLE, CLASSIFICATION);

    private final SecurityPolicy policy;
    private final LabelQueries labels;

    ItemDocuments(SecurityPolicy policy, LabelQueries labels) {
        this.policy = policy;
        this.labels = labels;
    }

    /** The document of an item; a label invalid in the policy is refused ({@code LABEL_INVALID}). */
    Document of(IndexedItem item) {
        LabelValidator.requireValid(item.label(), policy);
        Document doc = new Document();
        doc.add(new StringField(ID, item.id(), Field.Store.YES));
        doc.add(new SortedDocValuesField(ID, new BytesRef(item.id())));
        doc.add(new TextField(TITLE, item.title(), Field.Store.YES));
        doc.add(new TextField(TEXT, item.text(), Field.Store.NO));
        doc.add(new StoredField(CLASSIFICATION, item.label().classification()));
        doc.add(new LongField(CREATED, item.created().toEpochMilli(), Field.Store.NO));
        labels.addFields(doc, item.label(), item.purposes());
        String originator = item.label().originator().map(io.liaison.core.party.Party::code).orElse("-");
        doc.add(new StringField(ORIGINATOR, originator, Field.Store.NO));
        doc.add(new SortedDocValuesField(ORIGINATOR, new BytesRef(originator)));
        item.purposes().forEach(p -> doc.add(new org.apache.lucene.document.SortedSetDocValuesField(
                LabelQueries.PURPOSE, new BytesRef(p.name()))));
        return doc;
    }

    static Term idTerm(String id) {
        return new Term(ID, id);
    }
}
