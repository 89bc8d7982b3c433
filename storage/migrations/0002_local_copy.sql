-- The local copy of each clinic's Cliniko account: the directory (locations, practitioners,
-- services and who offers what where), appointments, and the patient index by phone number.
-- Ids are Cliniko's (64-bit integers kept as text). Rows are never deleted by sync: what Cliniko
-- archived, deleted or cancelled is marked so, and left out of answers.

-- Cliniko "businesses".
CREATE TABLE locations (
  clinic_id    bigint NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
  id           text NOT NULL,
  name         text NOT NULL,
  label        text NOT NULL DEFAULT '',
  address      text NOT NULL DEFAULT '',
  city         text NOT NULL DEFAULT '',
  state        text NOT NULL DEFAULT '',
  post_code    text NOT NULL DEFAULT '',
  time_zone    text NOT NULL,
  service_ids  text[] NOT NULL DEFAULT '{}',
  archived     boolean NOT NULL DEFAULT false,
  online_bookings boolean NOT NULL DEFAULT true,
  synced_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (clinic_id, id)
);

CREATE TABLE practitioners (
  clinic_id    bigint NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
  id           text NOT NULL,
  first_name   text NOT NULL DEFAULT '',
  last_name    text NOT NULL DEFAULT '',
  title        text NOT NULL DEFAULT '',
  designation  text NOT NULL DEFAULT '',
  display_name text NOT NULL DEFAULT '',
  active       boolean NOT NULL DEFAULT true,
  online_bookings boolean NOT NULL DEFAULT true,
  synced_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (clinic_id, id)
);

-- Cliniko "appointment types".
CREATE TABLE services (
  clinic_id        bigint NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
  id               text NOT NULL,
  name             text NOT NULL,
  category         text NOT NULL DEFAULT '',
  description      text NOT NULL DEFAULT '',
  duration_minutes integer NOT NULL CHECK (duration_minutes >= 0),
  archived         boolean NOT NULL DEFAULT false,
  online_bookings  boolean NOT NULL DEFAULT true,
  synced_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (clinic_id, id)
);

-- Who works where, and who offers what (replaced whole at each directory sync).
CREATE TABLE practitioner_locations (
  clinic_id       bigint NOT NULL,
  practitioner_id text NOT NULL,
  location_id     text NOT NULL,
  PRIMARY KEY (clinic_id, practitioner_id, location_id),
  FOREIGN KEY (clinic_id, practitioner_id) REFERENCES practitioners (clinic_id, id) ON DELETE CASCADE,
  FOREIGN KEY (clinic_id, location_id) REFERENCES locations (clinic_id, id) ON DELETE CASCADE
);

CREATE TABLE practitioner_services (
  clinic_id       bigint NOT NULL,
  practitioner_id text NOT NULL,
  service_id      text NOT NULL,
  PRIMARY KEY (clinic_id, practitioner_id, service_id),
  FOREIGN KEY (clinic_id, practitioner_id) REFERENCES practitioners (clinic_id, id) ON DELETE CASCADE,
  FOREIGN KEY (clinic_id, service_id) REFERENCES services (clinic_id, id) ON DELETE CASCADE
);

-- A practitioner offers a service at a location when they work there, offer the service, and
-- the location lists it.
CREATE VIEW offerings AS
SELECT pl.clinic_id, pl.practitioner_id, pl.location_id, ps.service_id
FROM practitioner_locations pl
JOIN practitioner_services ps USING (clinic_id, practitioner_id)
JOIN locations l ON l.clinic_id = pl.clinic_id AND l.id = pl.location_id
JOIN practitioners p ON p.clinic_id = pl.clinic_id AND p.id = pl.practitioner_id
JOIN services s ON s.clinic_id = ps.clinic_id AND s.id = ps.service_id
WHERE ps.service_id = ANY (l.service_ids) AND NOT l.archived AND p.active AND NOT s.archived;

CREATE TABLE appointments (
  clinic_id        bigint NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
  id               text NOT NULL,
  starts_at        timestamptz NOT NULL,
  ends_at          timestamptz NOT NULL,
  patient_id       text NOT NULL DEFAULT '',
  practitioner_id  text NOT NULL DEFAULT '',
  location_id      text NOT NULL DEFAULT '',
  service_id       text NOT NULL DEFAULT '',
  patient_name     text NOT NULL DEFAULT '',
  notes            text NOT NULL DEFAULT '',
  cancelled_at     timestamptz,
  archived         boolean NOT NULL DEFAULT false,
  cliniko_updated_at timestamptz,
  synced_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (clinic_id, id)
);
CREATE INDEX appointments_practitioner_time ON appointments (clinic_id, practitioner_id, starts_at);
CREATE INDEX appointments_patient ON appointments (clinic_id, patient_id, starts_at);

CREATE TABLE patients (
  clinic_id            bigint NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
  id                   text NOT NULL,
  first_name           text NOT NULL DEFAULT '',
  last_name            text NOT NULL DEFAULT '',
  preferred_first_name text NOT NULL DEFAULT '',
  email                text NOT NULL DEFAULT '',
  date_of_birth        text NOT NULL DEFAULT '',
  archived             boolean NOT NULL DEFAULT false,
  cliniko_updated_at   timestamptz,
  synced_at            timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (clinic_id, id)
);

-- The patient index: Cliniko cannot search patients by phone, so callers are recognised here.
CREATE TABLE patient_phones (
  clinic_id  bigint NOT NULL,
  patient_id text NOT NULL,
  e164       text NOT NULL CHECK (e164 ~ '^\+[1-9][0-9]{6,14}$'),
  phone_type text NOT NULL DEFAULT '',
  PRIMARY KEY (clinic_id, patient_id, e164),
  FOREIGN KEY (clinic_id, patient_id) REFERENCES patients (clinic_id, id) ON DELETE CASCADE
);
CREATE INDEX patient_phones_number ON patient_phones (clinic_id, e164);

-- Where each clinic's sync stands.
CREATE TABLE sync_state (
  clinic_id              bigint PRIMARY KEY REFERENCES clinics (id) ON DELETE CASCADE,
  directory_synced_at    timestamptz,
  appointments_watermark timestamptz,
  patients_watermark     timestamptz,
  last_success_at        timestamptz,
  last_attempt_at        timestamptz,
  last_error             text NOT NULL DEFAULT ''
);
