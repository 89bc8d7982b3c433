-- The web console's operators, their sessions, failed logins and what they revealed.

-- An operator sees the calls of their clinics (or of every clinic, for the integrator).
-- Passwords are kept as libsodium Argon2id strings (crypto_pwhash_str), never in plain text.
CREATE TABLE operators (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email          text NOT NULL UNIQUE CHECK (email = lower(email) AND position('@' IN email) > 1),
  password_hash  text NOT NULL,
  all_clinics    boolean NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE operator_clinics (
  operator_id  bigint NOT NULL REFERENCES operators (id) ON DELETE CASCADE,
  clinic_id    bigint NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
  PRIMARY KEY (operator_id, clinic_id)
);

-- A signed-in browser: the SHA-256 of its cookie's token (the token itself is never stored),
-- the token its forms must carry, and when it ends.
CREATE TABLE console_sessions (
  token_hash   text PRIMARY KEY,
  operator_id  bigint NOT NULL REFERENCES operators (id) ON DELETE CASCADE,
  csrf         text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen    timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL
);
CREATE INDEX console_sessions_operator ON console_sessions (operator_id);

-- Failed logins by account and by address: slowed, then locked for a while (domain/lockout).
CREATE TABLE console_login_failures (
  kind          text NOT NULL CHECK (kind IN ('account', 'address')),
  key           text NOT NULL,
  failures      integer NOT NULL DEFAULT 0,
  last_failure  timestamptz NOT NULL DEFAULT now(),
  locked_until  timestamptz,
  PRIMARY KEY (kind, key)
);

-- Who saw what a caller's number is, and when: revealing it is a deliberate, audited act.
CREATE TABLE console_audit (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  operator_id      bigint REFERENCES operators (id) ON DELETE SET NULL,
  operator_email   text NOT NULL,
  action           text NOT NULL,
  conversation_id  text NOT NULL,
  at               timestamptz NOT NULL DEFAULT now()
);
