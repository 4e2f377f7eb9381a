package io.liaison.node.store;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Values computed from a key, such as a stored text parsed into an immutable value, kept so that the same text is
 * parsed once: a read parses its item's labels and lists and its user's clearance on every call. Only values that
 * were computed are kept (a text that fails to parse fails again each time), and the cache empties itself when it
 * reaches its size, so it never holds more than {@code max} entries. Keys are exact: a stored text changed by one
 * byte is a new key and is parsed, and checked, again.
 */
public final class BoundedCache<K, V> {
    private final int max;
    private final ConcurrentHashMap<K, V> values = new ConcurrentHashMap<>();

    public BoundedCache(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("a cache holds at least one entry, not " + max);
        }
        this.max = max;
    }

    /** The value for {@code key}, computed by {@code compute} when it is not kept; the value must be immutable. */
    public V get(K key, Function<? super K, ? extends V> compute) {
        V known = values.get(key);
        if (known != null) {
            return known;
        }
        V computed = Objects.requireNonNull(compute.apply(key), "a cached value is never null");
        if (values.size() >= max) {
            values.clear();
        }
        values.put(key, computed);
        return computed;
    }

    /** How many entries are kept now. */
    public int size() {
        return values.size();
    }
}
