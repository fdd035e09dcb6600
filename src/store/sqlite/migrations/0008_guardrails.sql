-- 0008: the role's guardrails (docs/scope.md, docs/boundaries.md).
-- wording_reason: why the writer kept words the language review marked.
-- review_flags: how many phrases the review marked in a final version's
-- note when it was written (what stays flagged in a final note is counted
-- per worker); 0 for a draft.
ALTER TABLE contact_versions ADD COLUMN wording_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE contact_versions ADD COLUMN review_flags INTEGER NOT NULL DEFAULT 0;

-- Role drift: raised when a final note records a clinical-only activity or
-- keeps scope language; one per contact and code; resolved once; never
-- deleted.
CREATE TABLE drift_flags (
  id INTEGER PRIMARY KEY,
  contact_id INTEGER NOT NULL REFERENCES contacts(id),
  worker_id INTEGER NOT NULL REFERENCES staff(id),
  raised_at INTEGER NOT NULL,
  source TEXT NOT NULL,
  code TEXT NOT NULL,
  resolution TEXT,
  resolution_note TEXT NOT NULL DEFAULT '',
  resolved_by INTEGER REFERENCES staff(id),
  resolved_at INTEGER,
  supervision_session_id INTEGER REFERENCES supervision_sessions(id),
  UNIQUE (contact_id, code)
);
CREATE INDEX drift_flags_by_worker ON drift_flags(worker_id, raised_at);
CREATE TRIGGER drift_flags_resolved_once BEFORE UPDATE ON drift_flags
WHEN OLD.resolution IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a resolved drift flag is kept as it is'); END;
CREATE TRIGGER drift_flags_never_deleted BEFORE DELETE ON drift_flags
BEGIN SELECT RAISE(ABORT, 'drift flags are never deleted'); END;

-- A request for advice and the five steps (done, not_applicable, declined,
-- not_recorded), on a contact. Append-only.
CREATE TABLE advice_requests (
  id INTEGER PRIMARY KEY,
  contact_id INTEGER NOT NULL REFERENCES contacts(id),
  person_id INTEGER NOT NULL REFERENCES people(id),
  worker_id INTEGER NOT NULL REFERENCES staff(id),
  recorded_at INTEGER NOT NULL,
  asked TEXT NOT NULL,
  role_clarified TEXT NOT NULL,
  supported_decision TEXT NOT NULL,
  experience_shared TEXT NOT NULL,
  safety_addressed TEXT NOT NULL,
  clinical_connection_offered TEXT NOT NULL,
  note TEXT NOT NULL
);
CREATE INDEX advice_requests_by_contact ON advice_requests(contact_id);
CREATE INDEX advice_requests_by_worker ON advice_requests(worker_id, recorded_at);
CREATE TRIGGER advice_requests_append_only_update BEFORE UPDATE ON advice_requests
BEGIN SELECT RAISE(ABORT, 'advice requests are append-only'); END;
CREATE TRIGGER advice_requests_append_only_delete BEFORE DELETE ON advice_requests
BEGIN SELECT RAISE(ABORT, 'advice requests are append-only'); END;

-- A boundary moment on a contact: the facts, the policy's guidance at the
-- time, the worker's decision, the conversation and any consultation.
-- Append-only.
CREATE TABLE boundary_events (
  id INTEGER PRIMARY KEY,
  contact_id INTEGER NOT NULL REFERENCES contacts(id),
  person_id INTEGER NOT NULL REFERENCES people(id),
  worker_id INTEGER NOT NULL REFERENCES staff(id),
  recorded_at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  gift_value_cents INTEGER NOT NULL,
  invitation_public INTEGER NOT NULL,
  supports_integration INTEGER NOT NULL,
  repeated INTEGER NOT NULL,
  during_crisis INTEGER NOT NULL,
  guidance TEXT NOT NULL,
  guidance_rules TEXT NOT NULL,
  decision TEXT NOT NULL,
  conversation TEXT NOT NULL,
  supervisor_consulted INTEGER NOT NULL,
  consultation TEXT NOT NULL
);
CREATE INDEX boundary_events_by_contact ON boundary_events(contact_id);
CREATE INDEX boundary_events_by_worker ON boundary_events(worker_id, recorded_at);
CREATE TRIGGER boundary_events_append_only_update BEFORE UPDATE ON boundary_events
BEGIN SELECT RAISE(ABORT, 'boundary events are append-only'); END;
CREATE TRIGGER boundary_events_append_only_delete BEFORE DELETE ON boundary_events
BEGIN SELECT RAISE(ABORT, 'boundary events are append-only'); END;
