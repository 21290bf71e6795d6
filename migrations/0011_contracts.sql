-- Contracts made from an award: the agreed measures with who answers for them and how they are
-- followed up over the contract period.

CREATE TABLE contracts (
  org_id TEXT NOT NULL,
  contract_id TEXT NOT NULL,
  case_id TEXT NOT NULL,
  supplier_id TEXT NOT NULL,
  tender_id TEXT,                      -- the awarded tender, when the tendering ran here
  title TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  expiry_alert_months INTEGER NOT NULL DEFAULT 12,
  terms TEXT NOT NULL,                 -- JSON: extensions, notice, law, penalties, termination, … (checked by app/)
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (org_id, contract_id),
  FOREIGN KEY (org_id, case_id) REFERENCES cases (org_id, case_id),
  FOREIGN KEY (org_id, supplier_id) REFERENCES suppliers (org_id, supplier_id)
);
CREATE UNIQUE INDEX contracts_case_supplier ON contracts (org_id, case_id, supplier_id);
CREATE INDEX contracts_supplier ON contracts (org_id, supplier_id);

CREATE TABLE contract_measures (
  org_id TEXT NOT NULL,
  contract_id TEXT NOT NULL,
  measure_id TEXT NOT NULL,
  requirement_id TEXT,                 -- null: an obligation the supplier places on us
  text TEXT NOT NULL,
  mandatory INTEGER NOT NULL DEFAULT 1,
  plan TEXT NOT NULL,                  -- JSON: responsibility, lead, method, frequency, evidence, owner
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (org_id, contract_id, measure_id),
  FOREIGN KEY (org_id, contract_id) REFERENCES contracts (org_id, contract_id)
);
