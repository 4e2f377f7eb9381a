-- How far the audit log has gone to each SIEM: the last position sent and acknowledged by the transport. Entries are
-- sent in order, at least once; a SIEM deduplicates by the entry's position (CEF externalId).
CREATE TABLE siem_cursor (
    sink        VARCHAR(200) PRIMARY KEY,
    last_seq    BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
