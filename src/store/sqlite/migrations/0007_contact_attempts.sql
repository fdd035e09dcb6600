-- 0007: attempts to reach a person that did not become a contact (a call
-- with no answer, a knock on a door nobody opened). Kept apart from
-- contacts, so that counts of contacts, billing and fidelity never include
-- them, and shown beside the notes so the worker and the supervisor see
-- the outreach.
CREATE TABLE contact_attempts (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id),
  worker_id INTEGER NOT NULL REFERENCES staff(id),
  at INTEGER NOT NULL,
  setting TEXT NOT NULL
);
CREATE INDEX contact_attempts_by_person ON contact_attempts(person_id, at);
