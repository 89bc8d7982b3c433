-- A location's country (Cliniko's business country_code, ISO 3166 alpha-2): the public holidays
-- callers name ("Boxing Day", "Anzac Day") are those it keeps.
ALTER TABLE locations ADD COLUMN country_code text NOT NULL DEFAULT '';
