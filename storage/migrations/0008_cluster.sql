-- Several nodes on one database. Each node names itself and beats here every second; a node not
-- seen for a few seconds is gone. Background work per clinic is led by one node at a time,
-- through a lease it renews; a lease whose holder is gone or that lapsed is anyone's.
CREATE TABLE nodes (
  name        text PRIMARY KEY,
  address     text NOT NULL DEFAULT '',
  pid         integer NOT NULL DEFAULT 0,
  started_at  timestamptz NOT NULL DEFAULT now(),
  last_seen   timestamptz NOT NULL DEFAULT now(),
  -- Stopping: finishing the calls in flight, taking no new conversation.
  draining    boolean NOT NULL DEFAULT false
);

CREATE TABLE leases (
  clinic_id   bigint NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
  -- What is led: 'background' (sync and free-time warming).
  work        text NOT NULL,
  holder      text NOT NULL,
  expires_at  timestamptz NOT NULL,
  PRIMARY KEY (clinic_id, work)
);

-- One Cliniko request budget per API key, shared by every node: the requests granted in each
-- second (a rolling minute is the sum of the last 61), and a pause Cliniko asked for (429). The
-- budget's row is the lock that makes two nodes' grants see each other.
CREATE TABLE cliniko_budgets (
  key_hash      text PRIMARY KEY,
  paused_until  timestamptz NOT NULL DEFAULT '-infinity'
);

CREATE TABLE cliniko_grants (
  key_hash  text NOT NULL REFERENCES cliniko_budgets (key_hash) ON DELETE CASCADE,
  second    bigint NOT NULL,
  granted   integer NOT NULL,
  PRIMARY KEY (key_hash, second)
);

-- Which node wrote an intent: one left pending by a node that is gone is settled at once when
-- its conversation asks again.
ALTER TABLE booking_intents ADD COLUMN node text NOT NULL DEFAULT '';
