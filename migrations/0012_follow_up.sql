-- Follow-up over the contract period: the result of each control, and the deviations a control
-- that was not met opens, closed only with evidence.

CREATE TABLE follow_up_records (
  org_id TEXT NOT NULL,
  record_id TEXT NOT NULL,
  contract_id TEXT NOT NULL,
  measure_id TEXT NOT NULL,
  due_on TEXT,                         -- the due date it answers; null for an event-driven control
  result TEXT NOT NULL,                -- met | partly | not_met
  notes TEXT NOT NULL DEFAULT '',
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (org_id, record_id),
  FOREIGN KEY (org_id, contract_id, measure_id) REFERENCES contract_measures (org_id, contract_id, measure_id)
);
CREATE INDEX follow_up_records_measure ON follow_up_records (org_id, contract_id, measure_id);

CREATE TABLE deviations (
  org_id TEXT NOT NULL,
  deviation_id TEXT NOT NULL,
  contract_id TEXT NOT NULL,
  measure_id TEXT NOT NULL,
  record_id TEXT NOT NULL,
  description TEXT NOT NULL,
  action_plan TEXT NOT NULL,
  deadline TEXT NOT NULL,
  owner_user_id TEXT NOT NULL,
  status TEXT NOT NULL,                -- open | closed
  closing_evidence TEXT NOT NULL DEFAULT '',
  closed_by TEXT,
  closed_at TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  PRIMARY KEY (org_id, deviation_id),
  FOREIGN KEY (org_id, record_id) REFERENCES follow_up_records (org_id, record_id)
);
CREATE INDEX deviations_contract ON deviations (org_id, contract_id);
