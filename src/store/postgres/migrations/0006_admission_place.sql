-- 0006: where a hospital or crisis stay took place, in words ("St. Anne's,
-- ward 4"), beside its kind. Stays recorded before this migration keep an
-- empty place: nobody wrote one.
ALTER TABLE admissions ADD COLUMN place TEXT NOT NULL DEFAULT '';
