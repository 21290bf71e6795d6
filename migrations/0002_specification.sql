-- The stored specification of a case: created by its first edit; until then the
-- specification is computed from the case's facts on every read.

CREATE TABLE specifications (
  org_id TEXT NOT NULL,
  case_id TEXT NOT NULL,
  catalogue_id TEXT NOT NULL,
  catalogue_version INTEGER NOT NULL,
  rule_sets TEXT NOT NULL,            -- JSON: [{"id":…,"version":…}] the entries were generated from
  frozen INTEGER NOT NULL DEFAULT 0,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (org_id, case_id),
  FOREIGN KEY (org_id, case_id) REFERENCES cases (org_id, case_id)
);

CREATE TABLE specification_entries (
  org_id TEXT NOT NULL,
  case_id TEXT NOT NULL,
  requirement_id TEXT NOT NULL,       -- unique within a case; also the entry's id
  catalogue_id TEXT NOT NULL,
  origin TEXT NOT NULL,               -- rule | manual
  status TEXT NOT NULL,               -- active | struck | declined | removed
  kind TEXT NOT NULL,                 -- ska | bor
  weight INTEGER,
  locked INTEGER NOT NULL DEFAULT 0,
  keep INTEGER NOT NULL DEFAULT 0,    -- a proposed removal was declined
  reasons TEXT NOT NULL,              -- JSON: the rules and facts that produced it
  note TEXT NOT NULL DEFAULT '',      -- why it was added by hand, struck, or changed
  case_text TEXT NOT NULL DEFAULT '', -- text added for this case
  changed_by TEXT,
  changed_at TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  PRIMARY KEY (org_id, case_id, requirement_id),
  FOREIGN KEY (org_id, case_id) REFERENCES specifications (org_id, case_id)
);
