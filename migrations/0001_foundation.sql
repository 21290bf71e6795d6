-- Kravkedja foundation schema. Portable SQL for SQLite and PostgreSQL.
-- Every row belongs to an organisation and the organisation leads every key and index.
-- Ids are UUID strings; times are ISO 8601 UTC text; booleans are 0/1 integers.

CREATE TABLE organisations (
  org_id TEXT NOT NULL PRIMARY KEY,
  name TEXT NOT NULL,
  org_number TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL DEFAULT 'municipality',
  language TEXT NOT NULL DEFAULT 'sv',
  classification_model TEXT NOT NULL DEFAULT 'standard',
  audit_seq BIGINT NOT NULL DEFAULT 0,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);

CREATE TABLE users (
  org_id TEXT NOT NULL REFERENCES organisations(org_id),
  user_id TEXT NOT NULL,
  username TEXT NOT NULL,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  PRIMARY KEY (org_id, user_id)
);
-- Sign-in happens before the organisation is known, so user names are unique across the
-- installation: the one index not led by the organisation.
CREATE UNIQUE INDEX users_username ON users (username);

CREATE TABLE user_roles (
  org_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  role TEXT NOT NULL,
  PRIMARY KEY (org_id, user_id, role),
  FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, user_id)
);

-- Browser sessions and API tokens are stored as SHA-256 hashes of the secret only.
CREATE TABLE sessions (
  token_hash TEXT NOT NULL PRIMARY KEY,
  org_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, user_id)
);
CREATE INDEX sessions_user ON sessions (org_id, user_id);

CREATE TABLE api_tokens (
  token_hash TEXT NOT NULL PRIMARY KEY,
  org_id TEXT NOT NULL,
  token_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT,
  FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, user_id)
);
CREATE INDEX api_tokens_user ON api_tokens (org_id, user_id);

CREATE TABLE assets (
  org_id TEXT NOT NULL REFERENCES organisations(org_id),
  asset_id TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  owner_user_id TEXT,
  owner_unit TEXT NOT NULL DEFAULT '',
  confidentiality INTEGER,
  integrity INTEGER,
  availability INTEGER,
  traceability INTEGER,
  model_id TEXT NOT NULL,
  model_version INTEGER NOT NULL,
  stage TEXT NOT NULL DEFAULT 'initial',
  method TEXT NOT NULL DEFAULT 'simple',
  approved_by TEXT,
  approved_at TEXT,
  personal_data INTEGER NOT NULL DEFAULT 0,
  sensitive_personal_data INTEGER NOT NULL DEFAULT 0,
  secrecy INTEGER NOT NULL DEFAULT 0,
  security_protection INTEGER NOT NULL DEFAULT 0,
  critical_service INTEGER NOT NULL DEFAULT 0,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (org_id, asset_id)
);
CREATE INDEX assets_name ON assets (org_id, name);

CREATE TABLE cases (
  org_id TEXT NOT NULL REFERENCES organisations(org_id),
  case_id TEXT NOT NULL,
  registry_number TEXT NOT NULL,
  title TEXT NOT NULL,
  kind TEXT NOT NULL,
  need_statement TEXT NOT NULL DEFAULT '',
  alternatives TEXT NOT NULL DEFAULT '',
  object_type TEXT NOT NULL,
  delivery_model TEXT NOT NULL,
  law TEXT NOT NULL DEFAULT 'LOU',
  procedure TEXT,
  estimated_value_sek BIGINT,
  tender_deadline TEXT,
  operator TEXT NOT NULL DEFAULT 'own',
  support TEXT NOT NULL DEFAULT 'own',
  hosting_location TEXT NOT NULL DEFAULT 'own_premises',
  supplier_remote_access INTEGER NOT NULL DEFAULT 0,
  supplier_data_copies INTEGER NOT NULL DEFAULT 0,
  information_location TEXT NOT NULL DEFAULT '',
  software_location TEXT NOT NULL DEFAULT '',
  hardware_location TEXT NOT NULL DEFAULT '',
  delivery_manager_id TEXT,
  can_receive_incidents INTEGER,
  can_run_followups INTEGER,
  status TEXT NOT NULL DEFAULT 'open',
  closed_reason TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (org_id, case_id)
);
CREATE UNIQUE INDEX cases_registry_number ON cases (org_id, registry_number);

CREATE TABLE case_assets (
  org_id TEXT NOT NULL,
  case_id TEXT NOT NULL,
  asset_id TEXT NOT NULL,
  linked_at TEXT NOT NULL,
  PRIMARY KEY (org_id, case_id, asset_id),
  FOREIGN KEY (org_id, case_id) REFERENCES cases (org_id, case_id),
  FOREIGN KEY (org_id, asset_id) REFERENCES assets (org_id, asset_id)
);
CREATE INDEX case_assets_asset ON case_assets (org_id, asset_id);

CREATE TABLE decisions (
  org_id TEXT NOT NULL,
  decision_id TEXT NOT NULL,
  case_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  gate TEXT NOT NULL,
  outcome TEXT NOT NULL,
  rationale TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  PRIMARY KEY (org_id, decision_id),
  FOREIGN KEY (org_id, case_id) REFERENCES cases (org_id, case_id)
);
CREATE UNIQUE INDEX decisions_case_seq ON decisions (org_id, case_id, seq);

CREATE TABLE case_activities (
  org_id TEXT NOT NULL,
  case_id TEXT NOT NULL,
  activity_key TEXT NOT NULL,
  status TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  done_by TEXT,
  done_at TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  PRIMARY KEY (org_id, case_id, activity_key),
  FOREIGN KEY (org_id, case_id) REFERENCES cases (org_id, case_id)
);

CREATE TABLE case_team (
  org_id TEXT NOT NULL,
  case_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  competence TEXT NOT NULL,
  added_at TEXT NOT NULL,
  PRIMARY KEY (org_id, case_id, user_id, competence),
  FOREIGN KEY (org_id, case_id) REFERENCES cases (org_id, case_id),
  FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, user_id)
);

CREATE TABLE audit_log (
  org_id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  at TEXT NOT NULL,
  actor_id TEXT,
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id TEXT NOT NULL,
  before_json TEXT,
  after_json TEXT,
  PRIMARY KEY (org_id, seq)
);
CREATE INDEX audit_log_object ON audit_log (org_id, object_type, object_id);
