-- Security policies imported on this node as SPIF 2.1 files, every version kept. A security officer stages a version
-- (STAGED); when a second one approves it, it is in force (ACTIVE) for every decision and marking from then on. The
-- shipped catalog's file of a policy is its version 0 and is not stored. The SPIF is kept as Liaison writes it back.
CREATE TABLE policy_versions (
    policy       VARCHAR(32) NOT NULL,
    version      INT NOT NULL,
    name         VARCHAR(200) NOT NULL,
    owner        VARCHAR(32) NOT NULL,
    spif         BYTEA NOT NULL,
    digest       VARCHAR(64) NOT NULL,
    state        VARCHAR(16) NOT NULL,
    approval     VARCHAR(36) NOT NULL,
    staged_by    VARCHAR(64) NOT NULL,
    staged_at    BIGINT NOT NULL,
    approved_by  VARCHAR(64),
    active_from  BIGINT,
    PRIMARY KEY (policy, version)
);
