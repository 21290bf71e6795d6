-- Who took part in each stage's risk assessment (the future contract manager among them in
-- the prestudy, MSB guidance 3.2.5), with notes.
CREATE TABLE risk_assessments (
  org_id TEXT NOT NULL,
  case_id TEXT NOT NULL,
  stage TEXT NOT NULL,
  participants TEXT NOT NULL DEFAULT '[]',
  notes TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  updated_by TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (org_id, case_id, stage),
  FOREIGN KEY (org_id, case_id) REFERENCES cases (org_id, case_id)
);
