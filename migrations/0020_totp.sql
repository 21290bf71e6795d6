-- The optional second factor of local accounts (RFC 6238, docs/sign-on.md): the confirmed secret,
-- one waiting for its first code, and the last time step used, so a code is accepted once.
-- Secrets are base32 text, as authenticator apps take them.
ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_pending TEXT;
ALTER TABLE users ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;

-- A password accepted and the code not yet given: for five minutes (only the hash is kept).
CREATE TABLE sign_in_challenges (
  challenge_hash TEXT NOT NULL PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organisations(org_id),
  user_id TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
