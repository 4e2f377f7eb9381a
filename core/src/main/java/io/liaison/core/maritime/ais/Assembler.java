package io.liaison.core.maritime.ais;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Joins the fragments of multi-sentence AIS messages, in any order. Fragments are grouped by talker, sequence id,
 * channel and count; at most {@link #MAX_PENDING} groups wait, the oldest dropped first, so a feed of broken
 * fragments cannot grow it, and a group not completed within {@link #STALE_AFTER} sentences of its first fragment is
 * dropped, so that a stale fragment never joins a later message with the same sequence id. Not thread-safe: one per
 * feed.
 */
public final class Assembler {
    public static final int MAX_PENDING = 256;
    /** Fragments of one message arrive together; a group older than this many sentences is stale. */
    public static final int STALE_AFTER = 64;

    private final Map<String, String[]> pending = new LinkedHashMap<>();
    private final Map<String, Integer> fills = new LinkedHashMap<>();
    private final Map<String, Long> started = new LinkedHashMap<>();
    private long sentences;
    private long dropped;

    /** The whole message once its last missing fragment arrives; empty while fragments are missing. */
    public Optional<Payload> add(Sentence s) {
        sentences++;
        expire();
        if (s.total() == 1) {
            return Optional.of(Payload.of(s.payload(), s.fillBits()));
        }
        String key = s.talker() + "/" + s.sequence().map(String::valueOf).orElse("-") + "/" + s.channel() + "/" + s.total();
        String[] parts = pending.computeIfAbsent(key, k -> {
            started.put(k, sentences);
            return new String[s.total()];
        });
        if (parts[s.number() - 1] != null) {
            parts = new String[s.total()];
            pending.put(key, parts);
            started.remove(key);
            started.put(key, sentences);
            fills.remove(key);
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
        started.remove(key);
        int fill = fills.getOrDefault(key, 0);
        fills.remove(key);
        return Optional.of(Payload.of(String.join("", parts), fill));
    }

    private void trim() {
        Iterator<String> it = pending.keySet().iterator();
        while (pending.size() > MAX_PENDING && it.hasNext()) {
            String k = it.next();
            fills.remove(k);
            started.remove(k);
            it.remove();
            dropped++;
        }
    }

    /** Drops the groups whose first fragment came more than {@link #STALE_AFTER} sentences ago. */
    private void expire() {
        var it = started.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            if (sentences - e.getValue() <= STALE_AFTER) {
                return;
            }
            pending.remove(e.getKey());
            fills.remove(e.getKey());
            it.remove();
            dropped++;
        }
    }

    /** Fragment groups given up: replaced by a new message with the same id, or pushed out. */
    public long dropped() {
        return dropped;
    }
}
