-- Risk registers of cases (stages initial, deep, award) and the organisation's risk matrix.
CREATE TABLE risks (
  org_id TEXT NOT NULL,
  risk_id TEXT NOT NULL,
  case_id TEXT NOT NULL,
  stage TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  asset_ids TEXT NOT NULL DEFAULT '[]',        -- JSON list of the case's assets it affects
  aspects TEXT NOT NULL DEFAULT '[]',          -- JSON list of aspects
  matrix_id TEXT NOT NULL,
  matrix_version INTEGER NOT NULL,
  likelihood INTEGER NOT NULL,
  consequence INTEGER NOT NULL,
  owner_user_id TEXT,
  treatment TEXT NOT NULL DEFAULT 'reduce',
  requirement_ids TEXT NOT NULL DEFAULT '[]',  -- JSON list of specification entries that treat it
  residual_likelihood INTEGER,
  residual_consequence INTEGER,
  decision TEXT,                               -- accepted | more_measures
  decision_rationale TEXT NOT NULL DEFAULT '',
  decided_by TEXT,
  decided_at TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (org_id, risk_id),
  FOREIGN KEY (org_id, case_id) REFERENCES cases (org_id, case_id)
);
CREATE INDEX risks_case ON risks (org_id, case_id, stage);

ALTER TABLE organisations ADD COLUMN risk_matrix TEXT NOT NULL DEFAULT 'matris-4x4';
