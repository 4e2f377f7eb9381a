package db.federation;

import io.liaison.node.store.H2IdentityCache;

/** On H2, outbox messages are numbered a thousand at a time (see the base class). */
public final class V3__identity_caches extends H2IdentityCache {
    public V3__identity_caches() {
        super("outbox.seq");
    }
}
