-- 0001: the foundation schema. Clinical content (contact notes, goals) is
-- kept as append-only versions; the audit log is a hash chain.
CREATE TABLE programs (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL
);

CREATE TABLE teams (
  id INTEGER PRIMARY KEY,
  program_id INTEGER NOT NULL REFERENCES programs(id),
  name TEXT NOT NULL,
  setting TEXT NOT NULL
);

CREATE TABLE staff (
  id INTEGER PRIMARY KEY,
  team_id INTEGER NOT NULL REFERENCES teams(id),
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  peer_supervisor_id INTEGER REFERENCES staff(id),
  clinical_supervisor_id INTEGER REFERENCES staff(id),
  active INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX staff_by_peer_supervisor ON staff(peer_supervisor_id);
CREATE INDEX staff_by_clinical_supervisor ON staff(clinical_supervisor_id);

CREATE TABLE certifications (
  id INTEGER PRIMARY KEY,
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  name TEXT NOT NULL,
  issued_on INTEGER NOT NULL,
  expires_on INTEGER NOT NULL
);

CREATE TABLE people (
  id INTEGER PRIMARY KEY,
  team_id INTEGER NOT NULL REFERENCES teams(id),
  preferred_name TEXT NOT NULL,
  pronouns TEXT NOT NULL DEFAULT '',
  self_description TEXT NOT NULL DEFAULT '',
  birth_year INTEGER,
  enrolled_on INTEGER NOT NULL
);

CREATE TABLE assignments (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id),
  worker_id INTEGER NOT NULL REFERENCES staff(id),
  start_on INTEGER NOT NULL,
  end_on INTEGER
);
CREATE INDEX assignments_by_worker ON assignments(worker_id, end_on);
CREATE INDEX assignments_by_person ON assignments(person_id);

-- One row per contact mirrors its latest version for listing; the versions
-- table holds every version ever written.
CREATE TABLE contacts (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id),
  worker_id INTEGER NOT NULL REFERENCES staff(id),
  start_at INTEGER NOT NULL,
  end_at INTEGER NOT NULL,
  status TEXT NOT NULL,
  current_version INTEGER NOT NULL
);
CREATE INDEX contacts_by_person ON contacts(person_id, start_at);
CREATE INDEX contacts_by_worker ON contacts(worker_id, start_at);

CREATE TABLE contact_versions (
  contact_id INTEGER NOT NULL REFERENCES contacts(id),
  version INTEGER NOT NULL,
  start_at INTEGER NOT NULL,
  end_at INTEGER NOT NULL,
  setting TEXT NOT NULL,
  modalities INTEGER NOT NULL,
  activities TEXT NOT NULL,
  note TEXT NOT NULL,
  person_words TEXT NOT NULL,
  status TEXT NOT NULL,
  written_by INTEGER NOT NULL REFERENCES staff(id),
  written_at INTEGER NOT NULL,
  signed_by INTEGER REFERENCES staff(id),
  signed_at INTEGER,
  amends_version INTEGER,
  amend_reason TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (contact_id, version)
) WITHOUT ROWID;

-- Versions are never changed or removed.
CREATE TRIGGER contact_versions_append_only_update BEFORE UPDATE ON contact_versions
BEGIN SELECT RAISE(ABORT, 'contact versions are append-only'); END;
CREATE TRIGGER contact_versions_append_only_delete BEFORE DELETE ON contact_versions
BEGIN SELECT RAISE(ABORT, 'contact versions are append-only'); END;

CREATE TABLE goals (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id),
  status TEXT NOT NULL,
  current_version INTEGER NOT NULL
);
CREATE INDEX goals_by_person ON goals(person_id);

CREATE TABLE goal_versions (
  goal_id INTEGER NOT NULL REFERENCES goals(id),
  version INTEGER NOT NULL,
  words TEXT NOT NULL,
  status TEXT NOT NULL,
  authored_by_person INTEGER NOT NULL,
  review_on INTEGER,
  cosigned_at INTEGER,
  written_at INTEGER NOT NULL,
  PRIMARY KEY (goal_id, version)
) WITHOUT ROWID;

CREATE TRIGGER goal_versions_append_only_update BEFORE UPDATE ON goal_versions
BEGIN SELECT RAISE(ABORT, 'goal versions are append-only'); END;
CREATE TRIGGER goal_versions_append_only_delete BEFORE DELETE ON goal_versions
BEGIN SELECT RAISE(ABORT, 'goal versions are append-only'); END;

CREATE TABLE goal_progress (
  id INTEGER PRIMARY KEY,
  goal_id INTEGER NOT NULL REFERENCES goals(id),
  at INTEGER NOT NULL,
  words TEXT NOT NULL,
  by_person INTEGER NOT NULL
);
CREATE INDEX goal_progress_by_goal ON goal_progress(goal_id);

CREATE TABLE supervision_sessions (
  id INTEGER PRIMARY KEY,
  supervisor_id INTEGER NOT NULL REFERENCES staff(id),
  supervisee_id INTEGER NOT NULL REFERENCES staff(id),
  kind TEXT NOT NULL,
  held_at INTEGER NOT NULL,
  duration_minutes INTEGER NOT NULL,
  focus TEXT NOT NULL,
  reflection TEXT NOT NULL
);
CREATE INDEX supervision_by_supervisee ON supervision_sessions(supervisee_id, held_at);

CREATE TABLE admissions (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id),
  kind TEXT NOT NULL,
  admitted_on INTEGER NOT NULL,
  discharged_on INTEGER
);
CREATE INDEX admissions_by_person ON admissions(person_id, admitted_on);

CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  address TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id INTEGER NOT NULL,
  person_id INTEGER,
  outcome TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_by_person ON audit_log(person_id);

-- The chain's last row, written with every append: truncating the tail of
-- the log without also forging this row is detected.
CREATE TABLE audit_head (
  only_row INTEGER PRIMARY KEY CHECK (only_row = 1),
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head (only_row, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
