-- Consent to pass an item to a third party (R6, R22). A holder asks; the originator grants or denies; a
-- grant is signed (the envelope that carried it is kept as the written evidence) and may be revoked until
-- it is used. Both nodes keep their side: role HOLDER or ORIGINATOR; item_id is the local item.
CREATE TABLE consent_requests (
    id            VARCHAR(36) PRIMARY KEY,
    role          VARCHAR(16) NOT NULL,
    item_id       VARCHAR(64) NOT NULL,
    source_item   VARCHAR(64) NOT NULL,
    originator    VARCHAR(32) NOT NULL,
    holder        VARCHAR(32) NOT NULL,
    third_party   VARCHAR(32) NOT NULL,
    purpose       VARCHAR(200) NOT NULL,
    agreement     VARCHAR(64) NOT NULL,
    reason        VARCHAR(1000) NOT NULL,
    status        VARCHAR(16) NOT NULL,
    requested_by  VARCHAR(64) NOT NULL,
    requested_at  BIGINT NOT NULL,
    decided_by    VARCHAR(64),
    decided_at    BIGINT
);

CREATE TABLE consents (
    id            VARCHAR(36) PRIMARY KEY,
    role          VARCHAR(16) NOT NULL,
    request_id    VARCHAR(36) NOT NULL,
    item_id       VARCHAR(64) NOT NULL,
    originator    VARCHAR(32) NOT NULL,
    holder        VARCHAR(32) NOT NULL,
    third_party   VARCHAR(32) NOT NULL,
    purpose       VARCHAR(200) NOT NULL,
    recorded_at   BIGINT NOT NULL,
    expires_at    BIGINT,
    revoked_at    BIGINT,
    used_at       BIGINT,
    granted_by    VARCHAR(64) NOT NULL,
    evidence      VARCHAR(16000) NOT NULL
);
CREATE INDEX consents_by_item ON consents(item_id);
