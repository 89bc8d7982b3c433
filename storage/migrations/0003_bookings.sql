-- What frontdesk does to clinics' calendars: every booking, move and cancellation, written as an
-- intent before Cliniko is called and completed after, so that nothing is lost in a crash and no
-- practitioner is ever booked twice at once.

-- Trusted since PostgreSQL 13: a database owner may create it.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE booking_intents (
  id                 bigserial PRIMARY KEY,
  clinic_id          bigint NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
  kind               text NOT NULL CHECK (kind IN ('book', 'move', 'cancel')),
  -- pending: Cliniko may be being called; done: it was; failed: it was not (or refused);
  -- released: done, but the time has since been given up (cancelled or moved away).
  state              text NOT NULL DEFAULT 'pending'
                       CHECK (state IN ('pending', 'done', 'failed', 'released')),
  -- The same request made again (the agent retrying) has the same key and gets the first
  -- outcome back.
  request_key        text NOT NULL,
  session_id         text NOT NULL DEFAULT '',
  patient_id         text NOT NULL DEFAULT '',
  patient_name       text NOT NULL DEFAULT '',
  practitioner_id    text NOT NULL DEFAULT '',
  location_id        text NOT NULL DEFAULT '',
  service_id         text NOT NULL DEFAULT '',
  starts_at          timestamptz,
  ends_at            timestamptz,
  -- Known from the start for moves and cancellations; for bookings once Cliniko made it.
  appointment_id     text NOT NULL DEFAULT '',
  error              text NOT NULL DEFAULT '',
  created_at         timestamptz NOT NULL DEFAULT now(),
  completed_at       timestamptz,
  CHECK (kind = 'cancel' OR (starts_at IS NOT NULL AND ends_at > starts_at)),
  -- The guard: no two live claims on one practitioner's time may overlap, whichever process or
  -- session makes them.
  EXCLUDE USING gist (clinic_id WITH =, practitioner_id WITH =,
                      tstzrange(starts_at, ends_at) WITH &&)
    WHERE (kind IN ('book', 'move') AND state IN ('pending', 'done'))
);

CREATE UNIQUE INDEX booking_intents_request ON booking_intents (clinic_id, request_key)
  WHERE state IN ('pending', 'done');
CREATE INDEX booking_intents_pending ON booking_intents (created_at) WHERE state = 'pending';
CREATE INDEX booking_intents_appointment ON booking_intents (clinic_id, appointment_id)
  WHERE appointment_id <> '';
