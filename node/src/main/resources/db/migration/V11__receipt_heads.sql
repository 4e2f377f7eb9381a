-- The latest signed tree head each peer sent with a receipt: checked for its signature, for growth and
-- against the heads proved consistent, between the periodic consistency proofs.
CREATE TABLE peer_receipt_heads (
    party        VARCHAR(32) PRIMARY KEY,
    tree_size    BIGINT NOT NULL,
    root_hash    VARCHAR(64) NOT NULL,
    signed_at    BIGINT NOT NULL,
    seen_at      BIGINT NOT NULL
);
