package io.liaison.node.search;

import java.util.Objects;

/**
 * One search result: the item's id and title, its classification name, and its relevance score. The
 * score depends only on the query and the item itself (see {@link ItemSimilarity}).
 */
public record Hit(String id, String title, String classification, float score) {
    public Hit {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(classification, "classification");
    }
}
