-- Sites, their surveys and read keys; raw responses; rollups.
-- Times are Unix milliseconds in `responses`, Unix seconds in `rollups`.

CREATE TABLE sites (
  key        TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  origins    TEXT NOT NULL DEFAULT '[]', -- JSON array of allowed browser origins
  created_at INTEGER NOT NULL
) WITHOUT ROWID;

-- One row per (origin, site): answers CORS preflights without knowing the site.
CREATE TABLE site_origins (
  origin TEXT NOT NULL,
  site   TEXT NOT NULL REFERENCES sites (key) ON DELETE CASCADE,
  PRIMARY KEY (origin, site)
) WITHOUT ROWID;

-- Read keys: only a SHA-256 hash is kept; `prefix` names a key for revocation.
CREATE TABLE api_keys (
  prefix     TEXT PRIMARY KEY,
  site       TEXT NOT NULL REFERENCES sites (key) ON DELETE CASCADE,
  hash       TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
) WITHOUT ROWID;

CREATE TABLE surveys (
  id         TEXT PRIMARY KEY,
  site       TEXT NOT NULL REFERENCES sites (key) ON DELETE CASCADE,
  kind       TEXT NOT NULL CHECK (kind IN ('nps', 'csat', 'ces')),
  definition TEXT NOT NULL, -- JSON: question, follow-ups, trigger, sampling, look
  active     INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX surveys_by_site ON surveys (site, kind);

-- One row per client UUID: the first write wins (INSERT … ON CONFLICT DO NOTHING).
CREATE TABLE responses (
  id           TEXT PRIMARY KEY,
  site         TEXT NOT NULL,
  survey       TEXT NOT NULL,
  kind         TEXT NOT NULL,
  score        INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
  comment      TEXT,
  commented_at INTEGER,
  touchpoint   TEXT NOT NULL DEFAULT '',
  locale       TEXT NOT NULL DEFAULT '',
  page         TEXT,
  user         TEXT,
  meta         TEXT, -- JSON object
  country      TEXT NOT NULL DEFAULT '',
  device       TEXT NOT NULL DEFAULT '',
  created_at   INTEGER NOT NULL
);
CREATE INDEX responses_by_time ON responses (site, created_at, id);
CREATE INDEX responses_by_user ON responses (site, user) WHERE user IS NOT NULL;

-- Score histograms and exposure counts per (survey, bucket, touchpoint, dimension
-- value), at three grains: 15 minutes (every zone's local midnight falls on one),
-- hours and UTC days (so long ranges read few rows). `dim` '' is the total.
CREATE TABLE rollups (
  survey     TEXT NOT NULL,
  grain      INTEGER NOT NULL, -- bucket length in seconds: 900, 3600 or 86400
  dim        TEXT NOT NULL,    -- '', 'locale', 'country' or 'device'
  start      INTEGER NOT NULL, -- bucket start, Unix seconds
  touchpoint TEXT NOT NULL,
  value      TEXT NOT NULL,
  h0 INTEGER NOT NULL DEFAULT 0, h1 INTEGER NOT NULL DEFAULT 0, h2 INTEGER NOT NULL DEFAULT 0, h3 INTEGER NOT NULL DEFAULT 0, h4 INTEGER NOT NULL DEFAULT 0, h5 INTEGER NOT NULL DEFAULT 0, h6 INTEGER NOT NULL DEFAULT 0, h7 INTEGER NOT NULL DEFAULT 0, h8 INTEGER NOT NULL DEFAULT 0, h9 INTEGER NOT NULL DEFAULT 0, h10 INTEGER NOT NULL DEFAULT 0,
  shown      INTEGER NOT NULL DEFAULT 0,
  dismissed  INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (survey, grain, dim, start, touchpoint, value)
) WITHOUT ROWID;

-- Rollups follow the raw rows inside the same statement, hence the same
-- transaction: they can never disagree. A duplicate id inserts nothing and so
-- counts nothing; an erased response is taken out again.
CREATE TRIGGER responses_rollup_insert AFTER INSERT ON responses
BEGIN
  INSERT INTO rollups (survey, grain, dim, start, touchpoint, value, h0, h1, h2, h3, h4, h5, h6, h7, h8, h9, h10, shown, dismissed)
  SELECT NEW.survey, g.grain, d.dim, (NEW.created_at / 1000) - (NEW.created_at / 1000) % g.grain,
         NEW.touchpoint, d.value, (NEW.score = 0), (NEW.score = 1), (NEW.score = 2), (NEW.score = 3), (NEW.score = 4), (NEW.score = 5), (NEW.score = 6), (NEW.score = 7), (NEW.score = 8), (NEW.score = 9), (NEW.score = 10), 0, 0
  FROM (SELECT 900 AS grain UNION ALL SELECT 3600 UNION ALL SELECT 86400) AS g
  CROSS JOIN (SELECT '' AS dim, '' AS value
              UNION ALL SELECT 'locale', NEW.locale
              UNION ALL SELECT 'country', NEW.country
              UNION ALL SELECT 'device', NEW.device) AS d
  WHERE true
  ON CONFLICT (survey, grain, dim, start, touchpoint, value) DO UPDATE SET
    h0 = h0 + excluded.h0,
    h1 = h1 + excluded.h1,
    h2 = h2 + excluded.h2,
    h3 = h3 + excluded.h3,
    h4 = h4 + excluded.h4,
    h5 = h5 + excluded.h5,
    h6 = h6 + excluded.h6,
    h7 = h7 + excluded.h7,
    h8 = h8 + excluded.h8,
    h9 = h9 + excluded.h9,
    h10 = h10 + excluded.h10;
END;

CREATE TRIGGER responses_rollup_delete AFTER DELETE ON responses
BEGIN
  INSERT INTO rollups (survey, grain, dim, start, touchpoint, value, h0, h1, h2, h3, h4, h5, h6, h7, h8, h9, h10, shown, dismissed)
  SELECT OLD.survey, g.grain, d.dim, (OLD.created_at / 1000) - (OLD.created_at / 1000) % g.grain,
         OLD.touchpoint, d.value, -(OLD.score = 0), -(OLD.score = 1), -(OLD.score = 2), -(OLD.score = 3), -(OLD.score = 4), -(OLD.score = 5), -(OLD.score = 6), -(OLD.score = 7), -(OLD.score = 8), -(OLD.score = 9), -(OLD.score = 10), 0, 0
  FROM (SELECT 900 AS grain UNION ALL SELECT 3600 UNION ALL SELECT 86400) AS g
  CROSS JOIN (SELECT '' AS dim, '' AS value
              UNION ALL SELECT 'locale', OLD.locale
              UNION ALL SELECT 'country', OLD.country
              UNION ALL SELECT 'device', OLD.device) AS d
  WHERE true
  ON CONFLICT (survey, grain, dim, start, touchpoint, value) DO UPDATE SET
    h0 = h0 + excluded.h0,
    h1 = h1 + excluded.h1,
    h2 = h2 + excluded.h2,
    h3 = h3 + excluded.h3,
    h4 = h4 + excluded.h4,
    h5 = h5 + excluded.h5,
    h6 = h6 + excluded.h6,
    h7 = h7 + excluded.h7,
    h8 = h8 + excluded.h8,
    h9 = h9 + excluded.h9,
    h10 = h10 + excluded.h10;
END;
