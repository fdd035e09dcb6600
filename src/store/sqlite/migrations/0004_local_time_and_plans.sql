-- 0004: the program's time zone, and contacts planned ahead.
--
-- One row of program settings (the deployment's time zone, an IANA name
-- such as America/New_York; '' means the machine's own zone). Instants stay
-- UTC in every table; the zone only decides the days and times people enter
-- and read.
CREATE TABLE program_settings (
  only_row INTEGER PRIMARY KEY CHECK (only_row = 1),
  time_zone TEXT NOT NULL
);
INSERT INTO program_settings(only_row, time_zone) VALUES (1, '');

-- A contact a worker plans with a person: an appointment to go to together,
-- a visit, a call, with where (a contact setting) and the place in words.
-- What happened is recorded later as a contact; a plan is planned, done or
-- cancelled.
CREATE TABLE planned_contacts (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id),
  worker_id INTEGER NOT NULL REFERENCES staff(id),
  at INTEGER NOT NULL,
  setting TEXT NOT NULL,
  place TEXT NOT NULL,
  purpose TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX planned_contacts_by_worker ON planned_contacts(worker_id, at);
CREATE INDEX planned_contacts_by_person ON planned_contacts(person_id, at);
