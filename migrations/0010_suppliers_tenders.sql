-- Suppliers, their tenders and how the tenders are evaluated.

-- The organisation's register of suppliers. Parent company, Data Privacy Framework listing,
-- certifications, subcontractors and contacts are one JSON document checked by app/.
CREATE TABLE suppliers (
  org_id TEXT NOT NULL REFERENCES organisations(org_id),
  supplier_id TEXT NOT NULL,
  name TEXT NOT NULL,
  org_number TEXT NOT NULL DEFAULT '',
  country TEXT NOT NULL,
  details TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (org_id, supplier_id)
);
CREATE UNIQUE INDEX suppliers_name ON suppliers (org_id, name);

-- A supplier's user belongs to one supplier company of the organisation's register and sees
-- only the tenders it is invited to.
ALTER TABLE users ADD COLUMN supplier_id TEXT;

-- One supplier's tender in a case. Its answers stay sealed until the case's tenders are opened.
CREATE TABLE tenders (
  org_id TEXT NOT NULL,
  tender_id TEXT NOT NULL,
  case_id TEXT NOT NULL,
  supplier_id TEXT NOT NULL,
  status TEXT NOT NULL,                -- invited | submitted
  service TEXT NOT NULL DEFAULT '',    -- the service offered (checked against certificate scopes)
  price_sek BIGINT,
  submitted_at TEXT,
  submitted_by TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (org_id, tender_id),
  FOREIGN KEY (org_id, case_id) REFERENCES cases (org_id, case_id),
  FOREIGN KEY (org_id, supplier_id) REFERENCES suppliers (org_id, supplier_id)
);
CREATE UNIQUE INDEX tenders_case_supplier ON tenders (org_id, case_id, supplier_id);

CREATE TABLE tender_users (
  org_id TEXT NOT NULL,
  tender_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  invited_at TEXT NOT NULL,
  PRIMARY KEY (org_id, tender_id, user_id),
  FOREIGN KEY (org_id, tender_id) REFERENCES tenders (org_id, tender_id),
  FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, user_id)
);
CREATE INDEX tender_users_user ON tender_users (org_id, user_id);

CREATE TABLE tender_answers (
  org_id TEXT NOT NULL,
  tender_id TEXT NOT NULL,
  requirement_id TEXT NOT NULL,
  choice TEXT,
  value TEXT NOT NULL DEFAULT '',
  comment TEXT NOT NULL DEFAULT '',
  secret INTEGER NOT NULL DEFAULT 0,
  secrecy_reason TEXT NOT NULL DEFAULT '',
  updated_by TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (org_id, tender_id, requirement_id),
  FOREIGN KEY (org_id, tender_id) REFERENCES tenders (org_id, tender_id)
);

-- The evaluation group's view of an answer that needs one.
CREATE TABLE tender_judgements (
  org_id TEXT NOT NULL,
  tender_id TEXT NOT NULL,
  requirement_id TEXT NOT NULL,
  met INTEGER NOT NULL,
  reasoning TEXT NOT NULL,
  judged_by TEXT NOT NULL,
  judged_at TEXT NOT NULL,
  PRIMARY KEY (org_id, tender_id, requirement_id),
  FOREIGN KEY (org_id, tender_id) REFERENCES tenders (org_id, tender_id)
);

-- Evidence attached to an answer; the content is base64 text so both engines store it alike.
CREATE TABLE tender_files (
  org_id TEXT NOT NULL,
  file_id TEXT NOT NULL,
  tender_id TEXT NOT NULL,
  requirement_id TEXT NOT NULL,
  file_name TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  content TEXT NOT NULL,
  uploaded_by TEXT,
  uploaded_at TEXT NOT NULL,
  PRIMARY KEY (org_id, file_id),
  FOREIGN KEY (org_id, tender_id) REFERENCES tenders (org_id, tender_id)
);
CREATE INDEX tender_files_tender ON tender_files (org_id, tender_id, requirement_id);
