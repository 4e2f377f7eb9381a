-- Contractor facilities (R29): each with the assessment, once recorded and approved by a second security officer,
-- that it can protect classified information up to a level: who assessed it, on which day.
CREATE TABLE contractor_facilities (
    id             VARCHAR(36) PRIMARY KEY,
    name           VARCHAR(200) NOT NULL UNIQUE,
    added_by       VARCHAR(64) NOT NULL,
    added_at       BIGINT NOT NULL,
    assessed_level VARCHAR(128),
    assessed_by    VARCHAR(200),
    assessed_on    VARCHAR(10),
    approved_by    VARCHAR(64)
);

-- A contractor's person: the facility, and the day and officer of the briefing on their responsibilities (R29).
ALTER TABLE users ADD COLUMN contractor_facility VARCHAR(36);
ALTER TABLE users ADD COLUMN briefed_on VARCHAR(10);
ALTER TABLE users ADD COLUMN briefed_by VARCHAR(64);
