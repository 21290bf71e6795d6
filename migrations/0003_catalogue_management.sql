-- Catalogues and rule sets an organisation imports (every version kept, so a case can stay
-- on the versions it was generated from), and which catalogue the organisation uses.

CREATE TABLE content_sources (
  org_id TEXT NOT NULL REFERENCES organisations(org_id),
  kind TEXT NOT NULL,           -- catalogue | rule_set
  content_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  name TEXT NOT NULL,
  yaml TEXT NOT NULL,
  imported_by TEXT,
  imported_at TEXT NOT NULL,
  PRIMARY KEY (org_id, kind, content_id, version)
);

ALTER TABLE organisations ADD COLUMN catalogue_id TEXT NOT NULL DEFAULT 'kravkedja-bas';
