-- 0002: sign-in accounts, sessions shared by every server process, and the
-- person's annotations on contact notes.
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('staff', 'person')),
  role TEXT,
  staff_id INTEGER REFERENCES staff(id),
  person_id INTEGER REFERENCES people(id),
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  CHECK ((kind = 'staff' AND staff_id IS NOT NULL AND person_id IS NULL AND role IS NOT NULL)
      OR (kind = 'person' AND person_id IS NOT NULL AND staff_id IS NULL))
);

-- Only a hash of each session token is kept.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_by_account ON sessions(account_id);

CREATE TABLE annotations (
  id INTEGER PRIMARY KEY,
  contact_id INTEGER NOT NULL REFERENCES contacts(id),
  person_id INTEGER NOT NULL REFERENCES people(id),
  words TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX annotations_by_contact ON annotations(contact_id);

CREATE TRIGGER annotations_append_only_update BEFORE UPDATE ON annotations
BEGIN SELECT RAISE(ABORT, 'annotations are append-only'); END;

CREATE INDEX contacts_by_status_worker ON contacts(status, worker_id);
CREATE INDEX goals_by_status ON goals(status, person_id);
