-- Re-assessment: a risk copied to the next stage names the one it came from (the earlier
-- stage stays as history), and every risk keeps the signature of the case facts it was
-- assessed on, so a change of facts shows the register needs review.
ALTER TABLE risks ADD COLUMN copied_from TEXT;
ALTER TABLE risks ADD COLUMN facts_signature TEXT NOT NULL DEFAULT '';
