-- Loss or compromise of an item received from another party (R15): a case at the holder and at the
-- originator, open until the holder sends its findings and preventive measures. And the destruction
-- certificates holders sent to this node as originator (R13).
CREATE TABLE incidents (
    id            VARCHAR(36) PRIMARY KEY,
    role          VARCHAR(16) NOT NULL,
    item_id       VARCHAR(64) NOT NULL,
    originator    VARCHAR(32) NOT NULL,
    holder        VARCHAR(32) NOT NULL,
    kind          VARCHAR(16) NOT NULL,
    description   VARCHAR(4000) NOT NULL,
    status        VARCHAR(16) NOT NULL,
    opened_at     BIGINT NOT NULL,
    reported_by   VARCHAR(64) NOT NULL,
    findings      VARCHAR(4000),
    measures      VARCHAR(4000),
    closed_at     BIGINT
);

CREATE TABLE remote_destructions (
    envelope_id   VARCHAR(36) PRIMARY KEY,
    item_id       VARCHAR(64) NOT NULL,
    holder        VARCHAR(32) NOT NULL,
    certificate   VARCHAR(8000) NOT NULL,
    signature     VARCHAR(200) NOT NULL,
    received_at   BIGINT NOT NULL
);
