package io.liaison.node.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import io.liaison.catalog.json.Json;
import io.liaison.core.party.Purpose;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a record reveals, so that it is shown only to those who may read that (R10): nothing (an account change, a
 * node event), an item of this node, a record of another module that carries its own label (a hotline message),
 * or what a user knows (the text of a search, which may name what the searcher may read). A reader who may not
 * read what a record reveals sees it redacted, the same whether the thing is hidden or missing.
 */
public sealed interface Reveals {
    /** Nothing that needs a clearance. */
    Reveals NOTHING = new Nothing();

    /** The stored form, part of the audit entry that the Merkle leaf hashes. */
    String written();

    static Reveals item(String id) {
        return new Item(id);
    }

    static Reveals record(String kind, String id) {
        return new Record(kind, id);
    }

    /** Nothing that needs a clearance. */
    record Nothing() implements Reveals {
        @Override
        public String written() {
            return "";
        }
    }

    /** An item of this node (which may not exist: a refused read of a missing id reveals no more than of a hidden one). */
    record Item(String id) implements Reveals {
        public Item {
            Objects.requireNonNull(id, "id");
        }

        @Override
        public String written() {
            return "item:" + id;
        }
    }

    /** A record of {@code kind} (e.g. {@code hotline-message}) that its own module labels. */
    record Record(String kind, String id) implements Reveals {
        private static final Pattern KIND = Pattern.compile("[a-z][a-z-]{1,31}");

        public Record {
            if (kind == null || !KIND.matcher(kind).matches()) {
                throw new IllegalArgumentException("record kind '" + kind + "' is not lower-case letters and '-'");
            }
            Objects.requireNonNull(id, "id");
        }

        @Override
        public String written() {
            return "record:" + kind + ":" + id;
        }
    }

    /**
     * What a user with this clearance level, these category values and these duties knows: a reader sees it only
     * with a clearance that dominates it and a duty in common.
     */
    record Knowledge(String level, Map<String, Set<String>> categories, Set<Purpose> duties) implements Reveals {
        public Knowledge {
            Objects.requireNonNull(level, "level");
            Map<String, Set<String>> copy = new TreeMap<>();
            categories.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
            categories = java.util.Collections.unmodifiableMap(copy);
            duties = Set.copyOf(duties);
        }

        @Override
        public String written() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("level", level);
            Map<String, List<String>> cats = new TreeMap<>();
            categories.forEach((k, v) -> cats.put(k, new TreeSet<>(v).stream().toList()));
            m.put("categories", cats);
            m.put("duties", duties.stream().map(Purpose::name).sorted().toList());
            return "knowledge:" + Json.compact(m);
        }
    }

    /** Reads the stored form back; anything unreadable is treated as revealing a record nobody may read. */
    static Reveals parse(String written) {
        if (written == null || written.isEmpty()) {
            return NOTHING;
        }
        if (written.startsWith("item:")) {
            return new Item(written.substring(5));
        }
        if (written.startsWith("record:")) {
            int colon = written.indexOf(':', 7);
            if (colon > 7) {
                try {
                    return new Record(written.substring(7, colon), written.substring(colon + 1));
                } catch (IllegalArgumentException e) {
                    return new Record("unreadable", written);
                }
            }
        }
        if (written.startsWith("knowledge:")) {
            try {
                Map<String, Object> m = Json.MAPPER.readValue(written.substring(10), new TypeReference<>() {});
                @SuppressWarnings("unchecked")
                Map<String, List<String>> cats = (Map<String, List<String>>) m.get("categories");
                @SuppressWarnings("unchecked")
                List<String> duties = (List<String>) m.get("duties");
                Map<String, Set<String>> held = new TreeMap<>();
                cats.forEach((k, v) -> held.put(k, Set.copyOf(v)));
                return new Knowledge((String) m.get("level"), held, duties.stream().map(Purpose::of)
                        .collect(java.util.stream.Collectors.toSet()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
                return new Record("unreadable", written);
            }
        }
        return new Record("unreadable", written);
    }
}
