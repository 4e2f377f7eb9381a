-- Federation inbox: every envelope processed, once, with the receipt it was answered with; and, for each
-- received item, where it came from and under which agreement (R1, R3, R11).
CREATE TABLE received_envelopes (
    id           VARCHAR(36) PRIMARY KEY,
    from_party   VARCHAR(32) NOT NULL,
    type         VARCHAR(32) NOT NULL,
    agreement    VARCHAR(64) NOT NULL,
    received_at  BIGINT NOT NULL,
    receipt      VARCHAR(8000) NOT NULL
);

CREATE TABLE received_items (
    item_id      VARCHAR(64) PRIMARY KEY REFERENCES items(id),
    envelope_id  VARCHAR(36) NOT NULL UNIQUE,
    from_party   VARCHAR(32) NOT NULL,
    agreement    VARCHAR(64) NOT NULL,
    source_item  VARCHAR(64) NOT NULL,
    chain        VARCHAR(1000) NOT NULL,
    marking      VARCHAR(1000) NOT NULL,
    received_at  BIGINT NOT NULL
);
