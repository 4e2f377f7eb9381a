-- The maritime picture (R33). Contacts are live state held in memory; what is stored is each standing share of
-- the picture on a line (the agreement comes from the line, the purpose from the share, decided when made and at
-- every batch), and each report of suspect activity, which is an item: the row says which item reports what, so
-- that the picture can show it to those who may read the item.
CREATE TABLE maritime_shares (
    id             VARCHAR(36) PRIMARY KEY,
    line           VARCHAR(64) NOT NULL,
    purpose        VARCHAR(200) NOT NULL,
    classification VARCHAR(64) NOT NULL,
    created_by     VARCHAR(64) NOT NULL,
    created_at     BIGINT NOT NULL,
    ended_by       VARCHAR(64),
    ended_at       BIGINT
);

CREATE TABLE maritime_reports (
    item_id    VARCHAR(64) PRIMARY KEY,
    kind       VARCHAR(32) NOT NULL,
    vessels    VARCHAR(400) NOT NULL,
    latitude   DOUBLE PRECISION NOT NULL,
    longitude  DOUBLE PRECISION NOT NULL,
    observed   BIGINT NOT NULL,
    origin     VARCHAR(32) NOT NULL,
    recorded   BIGINT NOT NULL
);
