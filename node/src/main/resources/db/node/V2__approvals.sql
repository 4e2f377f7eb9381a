-- The two-person rule for powers over the node's relations: an agreement step or a change of peers is asked for by
-- one officer and carried out only when a second security officer approves it (Approvals).
CREATE TABLE approvals (
    id            VARCHAR(36) PRIMARY KEY,
    kind          VARCHAR(32) NOT NULL,
    subject       VARCHAR(128) NOT NULL,
    summary       VARCHAR(1000) NOT NULL,
    payload       VARCHAR(65536) NOT NULL,
    requested_by  VARCHAR(64) NOT NULL,
    requested_at  BIGINT NOT NULL,
    status        VARCHAR(16) NOT NULL,
    decided_by    VARCHAR(64),
    decided_at    BIGINT,
    reason        VARCHAR(1000)
);
CREATE INDEX approvals_by_status ON approvals(status, requested_at);

-- Where each recorded lifecycle event came from: the shipped catalog, a step approved here, or a peer's message.
ALTER TABLE agreement_ledger ADD COLUMN origin VARCHAR(300);

-- Each step a received item took, with the originator's consent that allowed an onward one (R6, R22), as JSON.
ALTER TABLE received_items ADD COLUMN hops VARCHAR(16000);
