-- What this node passed to other parties, so that changes reach every holder (R12, R13).
CREATE TABLE released_items (
    item_id      VARCHAR(64) NOT NULL REFERENCES items(id),
    to_party     VARCHAR(32) NOT NULL,
    agreement    VARCHAR(64) NOT NULL,
    envelope_id  VARCHAR(36) NOT NULL PRIMARY KEY,
    released_at  BIGINT NOT NULL
);
CREATE INDEX released_by_item ON released_items(item_id);
