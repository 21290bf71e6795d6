-- What is recorded on a case besides its process: answers to the guided forms (DPIA
-- screening, outsourcing assessment, triage), the governing documents that apply, the
-- organisations that will call off from a framework agreement, and the supplier's
-- confirmation of each measure. One row per item; the body is JSON checked by app/.
CREATE TABLE case_records (
  org_id TEXT NOT NULL,
  case_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  record_key TEXT NOT NULL,
  body TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  updated_by TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (org_id, case_id, kind, record_key),
  FOREIGN KEY (org_id, case_id) REFERENCES cases (org_id, case_id)
);
