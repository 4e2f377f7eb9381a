package io.liaison.core.maritime.ais;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Joins the fragments of multi-sentence AIS messages, in any order. Fragments are grouped by talker, sequence id,
 * channel and count; at most {@link #MAX_PENDING} groups wait, the oldest dropped first, so a feed of broken
 * fragments cannot grow it. Not thread-safe: one per feed.
 */
public final class Assembler {
    public static final int MAX_PENDING = 256;

    private final Map<String, String[]> pending = new LinkedHashMap<>();
    private final Map<String, Integer> fills = new LinkedHashMap<>();
    private long dropped;

    /** The whole message once its last missing fragment arrives; empty while fragments are missing. */
    public Optional<Payload> add(Sentence s) {
        if (s.total() == 1) {
            return Optional.of(Payload.of(s.payload(), s.fillBits()));
        }
        String key = s.talker() + "/" + s.sequence().map(String::valueOf).orElse("-") + "/" + s.channel() + "/" + s.total();
        String[] parts = pending.computeIfAbsent(key, k -> new String[s.total()]);
        if (parts[s.number() - 1] != null) {
            parts = new String[s.total()];
            pending.put(key, parts);
            dropped++;
        }
        parts[s.number() - 1] = s.payload();
        if (s.number() == s.total()) {
            fills.put(key, s.fillBits());
        }
        for (String p : parts) {
            if (p == null) {
                trim();
                return Optional.empty();
            }
        }
        pending.remove(key);
        int fill = fills.getOrDefault(key, 0);
        fills.remove(key);
        return Optional.of(Payload.of(String.join("", parts), fill));
    }

    private void trim() {
        Iterator<String> it = pending.keySet().iterator();
        while (pending.size() > MAX_PENDING && it.hasNext()) {
            fills.remove(it.next());
            it.remove();
            dropped++;
        }
    }

    /** Fragment groups given up: replaced by a new message with the same id, or pushed out. */
    public long dropped() {
        return dropped;
    }
}
