package db.node;

import io.liaison.node.store.H2IdentityCache;

/** On H2, the audit's pending records and custody entries are numbered a thousand at a time (see the base class). */
public final class V10__identity_caches extends H2IdentityCache {
    public V10__identity_caches() {
        super("audit_pending.id", "custody.id");
    }
}
