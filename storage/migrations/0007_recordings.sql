-- Every conversation's recording at the actor level: the tool calls a session received, its
-- clock readings, the questions it asked its collaborators with their answers, and its replies.
-- The session id is the ElevenLabs conversation id, so a recording sits beside its call's row in
-- `calls`. The entries are sealed with the master key (they hold what callers said); the rest is
-- in the clear, to be listed.
CREATE TABLE recordings (
  session_id text PRIMARY KEY,
  clinic_id bigint REFERENCES clinics (id) ON DELETE SET NULL,
  build_version text NOT NULL,
  build_commit text NOT NULL,
  settings_hash text NOT NULL,
  region text NOT NULL,
  started_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  -- Tool calls received and answered, and the bytes stored (sealed).
  calls integer NOT NULL DEFAULT 0,
  answered integer NOT NULL DEFAULT 0,
  bytes bigint NOT NULL DEFAULT 0
);
CREATE INDEX recordings_by_time ON recordings (updated_at);
CREATE INDEX recordings_by_clinic ON recordings (clinic_id, started_at DESC);

-- The entries in the batches the recorder wrote them in: one sealed chunk of JSON lines each.
CREATE TABLE recording_chunks (
  id bigserial PRIMARY KEY,
  session_id text NOT NULL REFERENCES recordings (session_id) ON DELETE CASCADE,
  entries_sealed bytea NOT NULL
);
CREATE INDEX recording_chunks_by_session ON recording_chunks (session_id, id);
