-- Several serve processes of one node on one PostgreSQL (serve --replica). The leader holds a PostgreSQL advisory
-- lock; each time one takes the lead it raises the epoch, and a write only the leader may make checks, in its own
-- transaction, that the epoch is still its own (the fencing token). A replica that lost the lead cannot write.
CREATE TABLE node_leader (
    id      INT PRIMARY KEY,
    epoch   BIGINT NOT NULL,
    holder  VARCHAR(200) NOT NULL,
    since   BIGINT NOT NULL
);
INSERT INTO node_leader (id, epoch, holder, since) VALUES (1, 0, '', 0);

-- One row locked by each audit sequencing round, so that rounds of different replicas follow one another: each
-- round first reads what others sequenced since its last one, then appends after it.
CREATE TABLE audit_sequencer (
    id  INT PRIMARY KEY
);
INSERT INTO audit_sequencer (id) VALUES (1);
