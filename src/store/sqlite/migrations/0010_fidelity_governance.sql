-- 0010: fidelity computed from practice, hybrid supervision, and the
-- governance audit (docs/fidelity.md, docs/governance.md).

-- What fidelity reads of each contact, kept with its row so that one scan
-- of one index answers it: when the note first became final (its first
-- final version's signed_at, else written_at; NULL while a draft), and the
-- latest version's activity codes (as contact_versions.activities).
ALTER TABLE contacts ADD COLUMN finalised_at INTEGER;
ALTER TABLE contacts ADD COLUMN activities TEXT NOT NULL DEFAULT '';
UPDATE contacts SET
  finalised_at = (SELECT min(coalesce(v.signed_at, v.written_at)) FROM contact_versions v
                  WHERE v.contact_id = contacts.id AND v.status = 'final'),
  activities = (SELECT v.activities FROM contact_versions v
                WHERE v.contact_id = contacts.id AND v.version = contacts.current_version);
CREATE INDEX contacts_for_fidelity
  ON contacts(worker_id, start_at, end_at, finalised_at, status, activities);

-- A supervision session's structured reflection (what happened, what I
-- felt, what I learned, what I will do); the older free-text reflection
-- stays in supervision_sessions.reflection as notes.
ALTER TABLE supervision_sessions ADD COLUMN what_happened TEXT NOT NULL DEFAULT '';
ALTER TABLE supervision_sessions ADD COLUMN what_i_felt TEXT NOT NULL DEFAULT '';
ALTER TABLE supervision_sessions ADD COLUMN what_i_learned TEXT NOT NULL DEFAULT '';
ALTER TABLE supervision_sessions ADD COLUMN what_i_will_do TEXT NOT NULL DEFAULT '';
CREATE INDEX supervision_by_held_at ON supervision_sessions(held_at, supervisee_id);

-- What a session discussed: contacts, drift flags, boundary events, advice
-- requests and safety events of the supervisee. Written with the session.
CREATE TABLE supervision_links (
  session_id INTEGER NOT NULL REFERENCES supervision_sessions(id),
  subject TEXT NOT NULL,
  subject_id INTEGER NOT NULL,
  PRIMARY KEY (session_id, subject, subject_id)
);
CREATE INDEX supervision_links_by_subject ON supervision_links(subject, subject_id);

-- The governance audit's declared items (parity pay, a career ladder, ...):
-- each declaration is a new row; the latest for a code stands.
CREATE TABLE governance_declarations (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL,
  met INTEGER NOT NULL,
  evidence TEXT NOT NULL,
  recorded_by INTEGER NOT NULL REFERENCES staff(id),
  recorded_at INTEGER NOT NULL
);
CREATE INDEX governance_declarations_by_code ON governance_declarations(code, recorded_at);

-- Grievances: filed by a person served or a worker, optionally about a
-- worker; heard by a panel that includes a peer representative and someone
-- independent of the worker's line management. Status changes are rows of
-- grievance_updates; the grievance row keeps the latest for lists.
CREATE TABLE grievances (
  id INTEGER PRIMARY KEY,
  filed_by_person_id INTEGER REFERENCES people(id),
  filed_by_staff_id INTEGER REFERENCES staff(id),
  about_worker_id INTEGER REFERENCES staff(id),
  filed_at INTEGER NOT NULL,
  summary TEXT NOT NULL,
  status TEXT NOT NULL,
  outcome TEXT NOT NULL DEFAULT '',
  updated_at INTEGER NOT NULL
);
CREATE INDEX grievances_by_person ON grievances(filed_by_person_id, filed_at);
CREATE INDEX grievances_by_staff ON grievances(filed_by_staff_id, filed_at);

CREATE TABLE grievance_panel (
  grievance_id INTEGER NOT NULL REFERENCES grievances(id),
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  peer_representative INTEGER NOT NULL,
  independent INTEGER NOT NULL,
  PRIMARY KEY (grievance_id, staff_id)
);

CREATE TABLE grievance_updates (
  id INTEGER PRIMARY KEY,
  grievance_id INTEGER NOT NULL REFERENCES grievances(id),
  at INTEGER NOT NULL,
  by_staff_id INTEGER REFERENCES staff(id),
  status TEXT NOT NULL,
  note TEXT NOT NULL
);
CREATE INDEX grievance_updates_by_grievance ON grievance_updates(grievance_id, at);

-- The program's performance metrics: proposed by a person served or by
-- staff, endorsed by people served; co-produced when a person served
-- proposed it or enough people endorsed it (governance.json).
CREATE TABLE program_metrics (
  id INTEGER PRIMARY KEY,
  words TEXT NOT NULL,
  proposed_by_person_id INTEGER REFERENCES people(id),
  proposed_by_staff_id INTEGER REFERENCES staff(id),
  proposed_at INTEGER NOT NULL,
  adopted_at INTEGER
);

CREATE TABLE metric_endorsements (
  metric_id INTEGER NOT NULL REFERENCES program_metrics(id),
  person_id INTEGER NOT NULL REFERENCES people(id),
  at INTEGER NOT NULL,
  PRIMARY KEY (metric_id, person_id)
);

CREATE TRIGGER supervision_links_append_only_update BEFORE UPDATE ON supervision_links
BEGIN SELECT RAISE(ABORT, 'supervision links are append-only'); END;
CREATE TRIGGER supervision_links_append_only_delete BEFORE DELETE ON supervision_links
BEGIN SELECT RAISE(ABORT, 'supervision links are append-only'); END;
CREATE TRIGGER governance_declarations_append_only_update BEFORE UPDATE ON governance_declarations
BEGIN SELECT RAISE(ABORT, 'governance declarations are append-only'); END;
CREATE TRIGGER governance_declarations_append_only_delete BEFORE DELETE ON governance_declarations
BEGIN SELECT RAISE(ABORT, 'governance declarations are append-only'); END;
CREATE TRIGGER grievances_never_deleted BEFORE DELETE ON grievances
BEGIN SELECT RAISE(ABORT, 'grievances are never deleted'); END;
CREATE TRIGGER grievance_updates_append_only_update BEFORE UPDATE ON grievance_updates
BEGIN SELECT RAISE(ABORT, 'grievance updates are append-only'); END;
CREATE TRIGGER grievance_updates_append_only_delete BEFORE DELETE ON grievance_updates
BEGIN SELECT RAISE(ABORT, 'grievance updates are append-only'); END;
CREATE TRIGGER grievance_panel_never_deleted BEFORE DELETE ON grievance_panel
BEGIN SELECT RAISE(ABORT, 'a grievance panel is kept'); END;
