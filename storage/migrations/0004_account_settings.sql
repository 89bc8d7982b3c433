-- What Cliniko's account settings say (GET /settings, or /settings/public when the key's role
-- may not view settings), and how a clinic wants what is hidden from online bookings treated.
ALTER TABLE clinics
  -- IANA zone of the Cliniko account: dates in availability queries are in it. NULL: not read yet.
  ADD COLUMN account_time_zone text,
  ADD COLUMN slot_minutes integer CHECK (slot_minutes IS NULL OR slot_minutes > 0),
  -- Whether the full settings could be read; without them the cancellation notice is unknown.
  ADD COLUMN settings_readable boolean NOT NULL DEFAULT false,
  ADD COLUMN cancellation_notice_hours integer CHECK (cancellation_notice_hours >= 0),
  -- 'cliniko': services, practitioners and locations hidden from online bookings are not offered
  -- over the phone (Cliniko gives no free times for them); 'everything': they are listed too,
  -- and a caller asking for their times is told to arrange them with the clinic.
  ADD COLUMN online_visibility text NOT NULL DEFAULT 'cliniko'
    CHECK (online_visibility IN ('cliniko', 'everything'));

-- A practitioner's usual service (Cliniko's default_appointment_type).
ALTER TABLE practitioners ADD COLUMN default_service_id text;
