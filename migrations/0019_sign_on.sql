-- Single sign-on with OpenID Connect (docs/sign-on.md): an organisation may name one provider,
-- whose users come in with the roles their claims map to.
CREATE TABLE sign_on_settings (
  org_id TEXT NOT NULL PRIMARY KEY REFERENCES organisations(org_id),
  provider_id TEXT NOT NULL,          -- in the sign-in link /login/sso/<provider_id>
  name TEXT NOT NULL,                 -- shown on the sign-in page
  issuer TEXT NOT NULL,
  client_id TEXT NOT NULL,
  client_secret TEXT NOT NULL,
  scopes TEXT NOT NULL,
  role_claim TEXT NOT NULL,
  role_map TEXT NOT NULL,             -- JSON: {"claim value": ["role", …]}
  enabled INTEGER NOT NULL,
  version BIGINT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX sign_on_settings_provider ON sign_on_settings (provider_id);

-- A sign-in on its way through the provider: the state (only its hash), the PKCE verifier and
-- nonce, and the browser it started in (the hash of a SameSite=Lax cookie), for ten minutes.
CREATE TABLE sign_on_attempts (
  state_hash TEXT NOT NULL PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organisations(org_id),
  browser_hash TEXT NOT NULL,
  code_verifier TEXT NOT NULL,
  nonce TEXT NOT NULL,
  next_path TEXT NOT NULL,
  redirect_uri TEXT NOT NULL,
  token_endpoint TEXT NOT NULL,
  jwks_uri TEXT NOT NULL,
  expires_at TEXT NOT NULL
);

-- Who the provider says a user is: "<issuer> <sub>". Unique across the installation, as sign-in
-- happens before the organisation is known.
ALTER TABLE users ADD COLUMN external_subject TEXT;
CREATE UNIQUE INDEX users_external_subject ON users (external_subject);
