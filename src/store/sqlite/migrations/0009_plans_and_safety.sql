-- 0009: the person's plans and the safety protocol (docs/plans.md,
-- docs/safety.md).

-- A plan the person owns: one of each kind per person; every change is a
-- new version (plan_versions), its sections in plan_sections. shared_with
-- lists who beyond the peer worker may read it ("supervisors,team"), as
-- the person chose; each change of it is audited.
CREATE TABLE person_plans (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id),
  kind TEXT NOT NULL,
  shared_with TEXT NOT NULL DEFAULT '',
  current_version INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (person_id, kind)
);
CREATE TRIGGER person_plans_never_deleted BEFORE DELETE ON person_plans
BEGIN SELECT RAISE(ABORT, 'plans are never deleted'); END;

CREATE TABLE plan_versions (
  plan_id INTEGER NOT NULL REFERENCES person_plans(id),
  version INTEGER NOT NULL,
  by_person INTEGER NOT NULL,
  author_staff_id INTEGER REFERENCES staff(id),
  review_on INTEGER,
  cosigned_at INTEGER,
  written_at INTEGER NOT NULL,
  PRIMARY KEY (plan_id, version)
) WITHOUT ROWID;
CREATE INDEX plan_versions_by_review ON plan_versions(review_on) WHERE review_on IS NOT NULL;
CREATE TRIGGER plan_versions_append_only_update BEFORE UPDATE ON plan_versions
BEGIN SELECT RAISE(ABORT, 'plan versions are append-only'); END;
CREATE TRIGGER plan_versions_append_only_delete BEFORE DELETE ON plan_versions
BEGIN SELECT RAISE(ABORT, 'plan versions are append-only'); END;

CREATE TABLE plan_sections (
  plan_id INTEGER NOT NULL,
  version INTEGER NOT NULL,
  position INTEGER NOT NULL,
  code TEXT NOT NULL,
  words TEXT NOT NULL,
  PRIMARY KEY (plan_id, version, position),
  FOREIGN KEY (plan_id, version) REFERENCES plan_versions(plan_id, version)
) WITHOUT ROWID;
CREATE TRIGGER plan_sections_append_only_update BEFORE UPDATE ON plan_sections
BEGIN SELECT RAISE(ABORT, 'plan versions are append-only'); END;
CREATE TRIGGER plan_sections_append_only_delete BEFORE DELETE ON plan_sections
BEGIN SELECT RAISE(ABORT, 'plan versions are append-only'); END;

-- A disclosure of risk and its protocol. The row keeps where the event
-- stands (last_step, last_step_at, closed_at, first reviewed) for the
-- oversight queue; the steps themselves are append-only.
CREATE TABLE safety_events (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id),
  worker_id INTEGER NOT NULL REFERENCES staff(id),
  kind TEXT NOT NULL,
  disclosed_at INTEGER NOT NULL,
  opened_at INTEGER NOT NULL,
  description TEXT NOT NULL,
  last_step TEXT NOT NULL DEFAULT '',
  last_step_at INTEGER NOT NULL,
  closed_at INTEGER,
  reviewed_at INTEGER
);
CREATE INDEX safety_events_by_person ON safety_events(person_id, disclosed_at);
CREATE INDEX safety_events_by_worker ON safety_events(worker_id, disclosed_at);
CREATE INDEX safety_events_unreviewed ON safety_events(opened_at) WHERE reviewed_at IS NULL;
CREATE TRIGGER safety_events_never_deleted BEFORE DELETE ON safety_events
BEGIN SELECT RAISE(ABORT, 'safety events are never deleted'); END;

CREATE TABLE safety_steps (
  event_id INTEGER NOT NULL REFERENCES safety_events(id),
  seq INTEGER NOT NULL,
  step TEXT NOT NULL,
  at INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  by_staff_id INTEGER NOT NULL REFERENCES staff(id),
  note TEXT NOT NULL,
  imminent INTEGER,
  reason TEXT NOT NULL,
  to_whom TEXT NOT NULL,
  justification TEXT NOT NULL,
  emergency INTEGER NOT NULL,
  plan_id INTEGER REFERENCES person_plans(id),
  PRIMARY KEY (event_id, seq)
) WITHOUT ROWID;
CREATE TRIGGER safety_steps_append_only_update BEFORE UPDATE ON safety_steps
BEGIN SELECT RAISE(ABORT, 'safety steps are append-only'); END;
CREATE TRIGGER safety_steps_append_only_delete BEFORE DELETE ON safety_steps
BEGIN SELECT RAISE(ABORT, 'safety steps are append-only'); END;

CREATE TABLE safety_reviews (
  id INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL REFERENCES safety_events(id),
  reviewer_id INTEGER NOT NULL REFERENCES staff(id),
  reviewer_role TEXT NOT NULL,
  at INTEGER NOT NULL,
  note TEXT NOT NULL
);
CREATE INDEX safety_reviews_by_event ON safety_reviews(event_id);
CREATE TRIGGER safety_reviews_append_only_update BEFORE UPDATE ON safety_reviews
BEGIN SELECT RAISE(ABORT, 'safety reviews are append-only'); END;
CREATE TRIGGER safety_reviews_append_only_delete BEFORE DELETE ON safety_reviews
BEGIN SELECT RAISE(ABORT, 'safety reviews are append-only'); END;

-- The outbox: written in the transaction of what it tells of, delivered by
-- a background worker, retried with back-off; never deleted. Subjects and
-- bodies name no person served (ids and links only).
CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  created_at INTEGER NOT NULL,
  channel TEXT NOT NULL,
  recipient_staff_id INTEGER REFERENCES staff(id),
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  topic TEXT NOT NULL,
  safety_event_id INTEGER REFERENCES safety_events(id),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  delivered_at INTEGER,
  last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX notifications_due ON notifications(next_attempt_at) WHERE delivered_at IS NULL;
CREATE INDEX notifications_by_recipient ON notifications(recipient_staff_id, created_at);
CREATE TRIGGER notifications_never_deleted BEFORE DELETE ON notifications
BEGIN SELECT RAISE(ABORT, 'notifications are never deleted'); END;

-- How long a safety event may wait for its review before it stands out.
ALTER TABLE program_settings ADD COLUMN safety_review_hours INTEGER NOT NULL DEFAULT 24;
