-- Requests granted against each Cliniko key, per minute, kept for a week: the console draws a
-- clinic's budget used over a day from it (cliniko_grants keeps only the last two minutes).
CREATE TABLE cliniko_usage (
  key_hash  text NOT NULL,
  minute    bigint NOT NULL,  -- unix seconds / 60
  granted   integer NOT NULL,
  PRIMARY KEY (key_hash, minute)
);

-- Whether an answer waited on a Cliniko request (free times not in the cache): the console's
-- share of answers that waited, over a day.
ALTER TABLE served_tool_calls ADD COLUMN waited boolean NOT NULL DEFAULT false;
