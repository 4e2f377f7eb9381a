/**
 * Full-text search over classified items (Lucene). The access filter (R9 and official need) is part of
 * the Lucene query itself, so hit counts, level facets, paging, scores and errors are computed only over
 * items the searcher may read and reveal nothing about the others (R10). {@link
 * io.liaison.node.search.SearchIndex} is the entry point; {@link io.liaison.node.search.LabelQueries}
 * holds the field encoding of labels.
 */
package io.liaison.node.search;
