-- R13: a holder returns an item or destroys it; the originator keeps the certificate of either.
ALTER TABLE remote_destructions ADD COLUMN disposition VARCHAR(16) DEFAULT 'DESTROYED' NOT NULL;
