-- Cross-checked audit logs: the last signed tree head each peer proved consistent, and the last head
-- this node sent to each peer (the next proof starts there).
CREATE TABLE peer_heads (
    party        VARCHAR(32) PRIMARY KEY,
    tree_size    BIGINT NOT NULL,
    root_hash    VARCHAR(64) NOT NULL,
    signed_at    BIGINT NOT NULL,
    signature    VARCHAR(200) NOT NULL,
    verified_at  BIGINT NOT NULL,
    status       VARCHAR(16) NOT NULL,
    problem      VARCHAR(1000)
);

CREATE TABLE heads_sent (
    party        VARCHAR(32) PRIMARY KEY,
    tree_size    BIGINT NOT NULL,
    root_hash    VARCHAR(64) NOT NULL
);
