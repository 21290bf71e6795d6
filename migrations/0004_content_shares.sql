-- A catalogue or rule set an organisation shares with others (a municipality and its
-- companies served by one IT provider): every version of it becomes usable by them.
CREATE TABLE content_shares (
  org_id TEXT NOT NULL REFERENCES organisations(org_id),   -- the owner
  kind TEXT NOT NULL,
  content_id TEXT NOT NULL,
  shared_with TEXT NOT NULL REFERENCES organisations(org_id),
  shared_at TEXT NOT NULL,
  PRIMARY KEY (org_id, kind, content_id, shared_with)
);
CREATE INDEX content_shares_recipient ON content_shares (shared_with, kind, content_id);
