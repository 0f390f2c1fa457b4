-- Every session belongs to the principal that created it (the API key's name, or 'anonymous').
-- Sessions stored before principals existed stay reachable for anonymous callers.
ALTER TABLE sessions ADD COLUMN principal VARCHAR(64) DEFAULT 'anonymous' NOT NULL;
