-- The life of a contract beyond its planned controls: delivery checks and the information
-- owner's exceptions, the supplier's self-assessments and incidents, informal agreements,
-- changes and their re-assessment, the exit plan and its checks. One row per item; the body
-- is JSON checked by app/.
CREATE TABLE contract_entries (
  org_id TEXT NOT NULL,
  contract_id TEXT NOT NULL,
  kind TEXT NOT NULL,                  -- delivery_check | self_assessment | incident | agreement | change | exit_plan | exit_check
  entry_key TEXT NOT NULL,             -- a measure id, a check key or a new id, by kind
  body TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (org_id, contract_id, kind, entry_key),
  FOREIGN KEY (org_id, contract_id) REFERENCES contracts (org_id, contract_id)
);
CREATE INDEX contract_entries_kind ON contract_entries (org_id, kind);

-- Evidence for anything on a contract, stored in the database like a tender's evidence.
CREATE TABLE contract_files (
  org_id TEXT NOT NULL,
  file_id TEXT NOT NULL,
  contract_id TEXT NOT NULL,
  subject TEXT NOT NULL,               -- what it is evidence for: "record:<id>", "delivery_check:<measure>", …
  file_name TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  content TEXT NOT NULL,               -- base64
  uploaded_by TEXT NOT NULL,
  uploaded_at TEXT NOT NULL,
  PRIMARY KEY (org_id, file_id),
  FOREIGN KEY (org_id, contract_id) REFERENCES contracts (org_id, contract_id)
);
CREATE INDEX contract_files_contract ON contract_files (org_id, contract_id);

-- A personal calendar feed: calendar clients cannot send a bearer token, so the address
-- carries a secret; only its hash is kept, and the user or the admin can revoke it.
CREATE TABLE calendar_feeds (
  org_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  token_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (org_id, user_id),
  FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, user_id)
);
CREATE UNIQUE INDEX calendar_feeds_token ON calendar_feeds (token_hash);

-- Reminders the daily job records: one per person, subject and due date, so running the
-- job twice changes nothing.
CREATE TABLE notifications (
  org_id TEXT NOT NULL,
  notification_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  kind TEXT NOT NULL,                  -- control_due | control_overdue | deviation_open | reassessment_due | contract_expiry
  subject_key TEXT NOT NULL,           -- what it is about (contract, measure, deviation …)
  due_on TEXT NOT NULL,
  body TEXT NOT NULL,                  -- JSON: the texts' parameters
  created_at TEXT NOT NULL,
  read_at TEXT,
  emailed_at TEXT,
  PRIMARY KEY (org_id, notification_id),
  FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, user_id)
);
CREATE UNIQUE INDEX notifications_once ON notifications (org_id, user_id, kind, subject_key, due_on);
CREATE INDEX notifications_unread ON notifications (org_id, user_id, read_at);

-- Jobs that run once a day across every node: the node that moves `last_day` runs it.
CREATE TABLE job_runs (
  job TEXT NOT NULL PRIMARY KEY,
  last_day TEXT NOT NULL,
  ran_at TEXT NOT NULL
);
