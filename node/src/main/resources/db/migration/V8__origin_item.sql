-- The originator's own id of a received item, whoever it came from, so that reports reach the original.
ALTER TABLE received_items ADD COLUMN origin_item VARCHAR(64);
