-- The team (docs/contract.md §12): members signed in through Cloudflare
-- Access, API keys with scopes, and the audit log of admin writes.

-- A member's `sites` is a JSON list of site keys, or ["*"] for every site.
-- `last_seen_at` is written at most once a minute per member.
CREATE TABLE members (
  email        TEXT PRIMARY KEY,
  role         TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'analyst', 'viewer')),
  sites        TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  last_seen_at INTEGER
) WITHOUT ROWID;

-- API keys (`cxk_…`) have their own table rather than sharing `api_keys`,
-- which holds read keys: a read key belongs to one site and goes with it
-- (ON DELETE CASCADE, `site` NOT NULL), while an API key spans a list of sites
-- or all of them, carries scopes, a name and its creator, and outlives any one
-- site. Sharing would mean a nullable `site` and rebuilding that table.
-- Only the SHA-256 of a key is kept; `prefix` names it in logs and the audit.
CREATE TABLE team_api_keys (
  id           TEXT PRIMARY KEY,
  prefix       TEXT NOT NULL UNIQUE,
  hash         TEXT NOT NULL,
  name         TEXT NOT NULL,
  scopes       TEXT NOT NULL,
  sites        TEXT NOT NULL,
  created_by   TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at   INTEGER
) WITHOUT ROWID;

-- Append-only: no endpoint edits or deletes an entry; the maintenance cron
-- prunes those older than AUDIT_RETENTION_DAYS. `id` grows with time, so
-- newest first is `ORDER BY id DESC` and a page's cursor is the last id.
-- `fields` is a JSON list of field names, never values.
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  at          INTEGER NOT NULL,
  actor_kind  TEXT NOT NULL CHECK (actor_kind IN ('member', 'admin_token', 'api_key')),
  actor_email TEXT,
  actor_key   TEXT,
  action      TEXT NOT NULL,
  site        TEXT,
  target      TEXT,
  fields      TEXT NOT NULL
);
CREATE INDEX audit_log_by_site ON audit_log (site, id);
CREATE INDEX audit_log_by_time ON audit_log (at);
