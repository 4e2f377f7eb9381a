-- Diplomatic clearances for cross-border visits of military aircraft (R31): asked by this party of a host (SENT) or
-- asked of this party (RECEIVED), with the host's answer (granted, granted with amended times, or refused), the
-- conditions and expiry of a clearance, and the alarm raised when the answer is late.
CREATE TABLE aircraft_clearances (
    id             VARCHAR(36) PRIMARY KEY,
    side           VARCHAR(16) NOT NULL,
    requester      VARCHAR(8) NOT NULL,
    host           VARCHAR(8) NOT NULL,
    agreement      VARCHAR(64) NOT NULL,
    aircraft_type  VARCHAR(4) NOT NULL,
    registration   VARCHAR(12) NOT NULL,
    call_sign      VARCHAR(7) NOT NULL,
    entry_point    VARCHAR(4) NOT NULL,
    exit_point     VARCHAR(4) NOT NULL,
    route          VARCHAR(500) NOT NULL,
    entry_at       BIGINT NOT NULL,
    exit_at        BIGINT NOT NULL,
    purpose        VARCHAR(200) NOT NULL,
    crew           INT NOT NULL,
    passengers     INT NOT NULL,
    cargo          VARCHAR(500) NOT NULL,
    answer_by      BIGINT NOT NULL,
    requested_by   VARCHAR(200) NOT NULL,
    requested_at   BIGINT NOT NULL,
    status         VARCHAR(16) NOT NULL,
    conditions     VARCHAR(1000),
    expires_at     BIGINT,
    answer         VARCHAR(1000),
    answered_by    VARCHAR(200),
    answered_at    BIGINT,
    alarm_at       BIGINT
);
CREATE INDEX aircraft_clearances_waiting ON aircraft_clearances(status, answer_by);
CREATE INDEX aircraft_clearances_by_call_sign ON aircraft_clearances(call_sign);
