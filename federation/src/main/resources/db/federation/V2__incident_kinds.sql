-- The longest incident kinds (SUSPECTED_COMPROMISE, 20 characters) did not fit: every kind now does.
ALTER TABLE incidents ALTER COLUMN kind SET DATA TYPE VARCHAR(32);
