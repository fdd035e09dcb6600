-- Drafts of one worker, newest or oldest first, without reading the rest of
-- their contacts or sorting: (worker, status, start) replaces (status,
-- worker). Lists of several workers (a supervisor's supervisees) use it as
-- one range per worker.
CREATE INDEX contacts_by_worker_status ON contacts(worker_id, status, start_at);
DROP INDEX contacts_by_status_worker;
