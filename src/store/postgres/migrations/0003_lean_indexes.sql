-- 0003: fewer, wider indexes (written and measured on SQLite; PostgreSQL
-- keeps the same indexes).
--
-- Every index is written on every insert: a contact used to update three
-- indexes of contacts and one of the audit log, each on a different page,
-- and those pages are what a commit writes to the WAL and a checkpoint
-- copies back. Keep the indexes the queries use, shaped so that one serves
-- several:
--
-- contacts(worker_id, start_at, status) serves one worker's contacts by
-- time (newest or oldest first, stopping after the page), their drafts
-- (status is read from the index, not the table), and counts of either,
-- for one worker or several (a supervisor's supervisees). It replaces
-- contacts(worker_id, start_at) and contacts(status, worker_id).
--
-- audit_log(person_id) was read by no query. A person's own access history
-- will add the index it needs, (person_id, seq), with its migration.
CREATE INDEX contacts_by_worker_time ON contacts(worker_id, start_at, status);
DROP INDEX contacts_by_worker;
DROP INDEX contacts_by_status_worker;
DROP INDEX audit_by_person;
