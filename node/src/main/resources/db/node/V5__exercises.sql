-- Invitations to observe an exercise (R32): sent by the host (SENT) or received by the invited party (RECEIVED),
-- naming the exercise, place, days, observer places and the highest level observers may see (in the host's policy).
CREATE TABLE exercises (
    id              VARCHAR(36) PRIMARY KEY,
    side            VARCHAR(16) NOT NULL,
    host            VARCHAR(8) NOT NULL,
    invited         VARCHAR(8) NOT NULL,
    agreement       VARCHAR(64) NOT NULL,
    name            VARCHAR(200) NOT NULL,
    place           VARCHAR(200) NOT NULL,
    ex_from         VARCHAR(10) NOT NULL,
    ex_until        VARCHAR(10) NOT NULL,
    observer_places INT NOT NULL,
    highest_level   VARCHAR(128) NOT NULL,
    invited_by      VARCHAR(200) NOT NULL,
    invited_at      BIGINT NOT NULL
);

-- Each nominated observer is a visit (R28); a replaced nomination stays, marked with the visit that replaced it.
CREATE TABLE exercise_observers (
    visit_id     VARCHAR(36) PRIMARY KEY,
    exercise_id  VARCHAR(36) NOT NULL,
    replaced_by  VARCHAR(36),
    nominated_at BIGINT NOT NULL
);
CREATE INDEX exercise_observers_by_exercise ON exercise_observers(exercise_id);
