-- Peers for federation: one row per party this node exchanges with, its URL and its pinned party CA.
CREATE TABLE peers (
    party           VARCHAR(32) PRIMARY KEY,
    url             VARCHAR(2000) NOT NULL,
    ca_pem          VARCHAR(16000) NOT NULL,
    ca_fingerprint  VARCHAR(64) NOT NULL,
    added_at        BIGINT NOT NULL,
    added_by        VARCHAR(64) NOT NULL,
    last_contact_at BIGINT,
    last_status     VARCHAR(16) NOT NULL,
    last_error      VARCHAR(1000)
);
