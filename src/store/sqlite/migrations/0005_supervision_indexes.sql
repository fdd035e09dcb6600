-- 0005: the indexes a supervisor's page needs (bench/RESULTS.md, "Pages on
-- the 100,000-person program"). Measured on the 100,000-person program
-- (about 3,000 contacts per worker, 8 supervisees per supervisor), where
-- /supervision took 13 ms for one client:
--
-- contacts(worker_id, start_at) WHERE status = 'draft' holds only the
-- drafts (a few dozen per worker, where contacts_by_worker_time holds every
-- contact). It serves the drafts past the deadline of several workers and
-- their count, each supervisee's drafts on /supervision and a worker's own
-- drafts on /today, which read every contact of the worker through
-- contacts_by_worker_time (3 ms for 8 workers). Finalising a note takes its
-- row out; a final note never comes back.
--
-- contact_versions(contact_id, version, activities) lets role drift (a
-- clinical-only activity in a contact's latest version) be read from the
-- index without the versions' note text: the 1,400 contacts of 8 workers'
-- last 14 days read 500 kB of version rows (4 ms) and 50 kB of this index.
-- It costs one more B-tree entry per version appended.
CREATE INDEX contacts_drafts_by_worker ON contacts(worker_id, start_at) WHERE status = 'draft';
CREATE INDEX contact_versions_activities ON contact_versions(contact_id, version, activities);
