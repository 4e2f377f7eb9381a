-- Visits under an agreement (R28, R30): asked by this party's security officer of a host (SENT), or asked of this
-- party as host (RECEIVED), with the host's answer: the highest level that may be disclosed, or the reason refused.
CREATE TABLE visits (
    id                 VARCHAR(36) PRIMARY KEY,
    side               VARCHAR(16) NOT NULL,
    requester          VARCHAR(8) NOT NULL,
    host               VARCHAR(8) NOT NULL,
    agreement          VARCHAR(64) NOT NULL,
    kind               VARCHAR(32) NOT NULL,
    visitor            VARCHAR(200) NOT NULL,
    nationality        VARCHAR(8) NOT NULL,
    assured_clearance  VARCHAR(128) NOT NULL,
    facility           VARCHAR(200) NOT NULL,
    visit_from         VARCHAR(10) NOT NULL,
    visit_until        VARCHAR(10) NOT NULL,
    purpose            VARCHAR(200) NOT NULL,
    requested_by       VARCHAR(200) NOT NULL,
    requested_at       BIGINT NOT NULL,
    status             VARCHAR(16) NOT NULL,
    highest_level      VARCHAR(128),
    answer             VARCHAR(1000),
    answered_by        VARCHAR(200),
    answered_at        BIGINT,
    account            VARCHAR(64)
);
CREATE INDEX visits_by_time ON visits(requested_at);

-- A visitor account holds the terms of its visit: the decision engine reads nothing above the level, for no other
-- purpose, and nothing outside the days, whatever else the account holds (R28).
ALTER TABLE users ADD COLUMN visit_id VARCHAR(36);
ALTER TABLE users ADD COLUMN visit_level VARCHAR(128);
ALTER TABLE users ADD COLUMN visit_purpose VARCHAR(200);
ALTER TABLE users ADD COLUMN visit_from VARCHAR(10);
ALTER TABLE users ADD COLUMN visit_until VARCHAR(10);
