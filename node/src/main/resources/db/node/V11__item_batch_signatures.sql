-- Items received together are signed together: one signature over a Merkle tree of their fields, and each item's
-- signature column keeps its place and path in that tree beside the signature (at most 782 characters).
ALTER TABLE items ALTER COLUMN signature SET DATA TYPE VARCHAR(1000);
