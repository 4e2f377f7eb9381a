package db.hotline;

import io.liaison.node.store.H2IdentityCache;

/** On H2, hotline messages, acknowledgements and health records are numbered a thousand at a time (see the base class). */
public final class V3__identity_caches extends H2IdentityCache {
    public V3__identity_caches() {
        super("hotline_messages.seq", "hotline_acks.seq", "hotline_health.seq");
    }
}
