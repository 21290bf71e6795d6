-- A case may use several catalogues (empty: the organisation's), and a stored specification
-- keeps every catalogue version it was generated from.
ALTER TABLE cases ADD COLUMN catalogue_ids TEXT NOT NULL DEFAULT '[]';
ALTER TABLE specifications ADD COLUMN catalogues TEXT NOT NULL DEFAULT '';
