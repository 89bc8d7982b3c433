-- ElevenLabs' post-call events and the calls they tell of. What was said (transcripts, summaries,
-- callers' numbers, the payloads themselves) is sealed with the master key and cleared when its
-- retention ends; outcomes and timings stay in the clear, to be queried.

-- Every event taken, once: a redelivery has the same key and is acknowledged, not stored again.
CREATE TABLE call_events (
  id bigserial PRIMARY KEY,
  event_key text NOT NULL UNIQUE,
  event_type text NOT NULL,
  conversation_id text NOT NULL,
  clinic_id bigint REFERENCES clinics (id),
  received_at timestamptz NOT NULL,
  event_at timestamptz,
  -- The payload as received, sealed; NULL for audio events and once past retention.
  raw_sealed bytea,
  expires_at timestamptz NOT NULL
);
CREATE INDEX call_events_expiring ON call_events (expires_at) WHERE raw_sealed IS NOT NULL;

-- One row a call, whichever of its events came first.
CREATE TABLE calls (
  conversation_id text PRIMARY KEY,
  clinic_id bigint REFERENCES clinics (id),
  agent_id text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT '',
  -- ElevenLabs' call_successful: success, failure or unknown.
  outcome text NOT NULL DEFAULT 'unknown',
  -- A call that never connected (call_initiation_failure): busy, no-answer, unknown.
  missed boolean NOT NULL DEFAULT false,
  failure_reason text NOT NULL DEFAULT '',
  termination_reason text NOT NULL DEFAULT '',
  started_at timestamptz,
  duration_secs integer NOT NULL DEFAULT 0,
  -- The call report: the agent's tool calls, those it saw fail, those slower than a voice turn
  -- allows, and those that never reached frontdesk.
  tool_calls integer NOT NULL DEFAULT 0,
  tool_errors integer NOT NULL DEFAULT 0,
  slow_tools integer NOT NULL DEFAULT 0,
  unserved_tools integer NOT NULL DEFAULT 0,
  has_audio boolean NOT NULL DEFAULT false,
  caller_sealed bytea,
  title_sealed bytea,
  summary_sealed bytea,
  -- The transcript and the agent's tool calls, as JSON.
  details_sealed bytea,
  received_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX calls_by_clinic ON calls (clinic_id, received_at DESC);

-- What frontdesk answered during each call: the session id is the conversation id.
CREATE TABLE served_tool_calls (
  id bigserial PRIMARY KEY,
  session_id text NOT NULL,
  path text NOT NULL,
  received_at timestamptz NOT NULL,
  latency_ms integer NOT NULL,
  status integer NOT NULL,
  success boolean,
  error text NOT NULL DEFAULT ''
);
CREATE INDEX served_by_session ON served_tool_calls (session_id, received_at);
