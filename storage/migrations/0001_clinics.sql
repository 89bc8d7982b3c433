-- Clinics, the numbers callers dial to reach them, and the voice agents that answer for them.

CREATE TABLE clinics (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name            text NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
  timezone        text NOT NULL,
  active          boolean NOT NULL DEFAULT true,
  cliniko_shard   text NOT NULL,
  -- The Cliniko API key, sealed with AES-256-GCM under FRONTDESK_MASTER_KEY:
  -- version byte | 12-byte nonce | ciphertext | 16-byte tag. Never stored in plain text.
  cliniko_key_sealed bytea NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- A dialed number belongs to exactly one clinic; stored in E.164 ("+61298765432").
CREATE TABLE clinic_numbers (
  e164       text PRIMARY KEY CHECK (e164 ~ '^\+[1-9][0-9]{6,14}$'),
  clinic_id  bigint NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX clinic_numbers_clinic ON clinic_numbers (clinic_id);

-- ElevenLabs agent ids, so webhooks (which carry agent_id, not a number) find their clinic.
CREATE TABLE clinic_agents (
  agent_id   text PRIMARY KEY CHECK (length(agent_id) > 0),
  clinic_id  bigint NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX clinic_agents_clinic ON clinic_agents (clinic_id);
