-- Trust and abuse rules: erased answers stay erased, a site's touchpoints and
-- locales are capped, exposure flushes are written once, answers per client
-- and survey per hour are counted, and a pause has a time.

-- The ids of erased answers. A later replay of one (an outbox resending for
-- days, a link opened again) is a harmless duplicate, never a resurrection.
-- Only the random id is kept: nothing of the answer or its user.
CREATE TABLE erased_responses (
  id        TEXT PRIMARY KEY,
  site      TEXT NOT NULL,
  erased_at INTEGER NOT NULL
) WITHOUT ROWID;

-- The touchpoints and locales a site has used, in two tiers with a cap each
-- (worker/db/values.ts): values answers (or the admin's journey) brought,
-- and values only exposure events brought. A new value is stored while its
-- tier has room; a further one is stored empty and the answer or count kept.
-- Events, which carry no quota, can fill only their own tier: never block a
-- touchpoint or locale of real answers.
CREATE TABLE site_values (
  site      TEXT NOT NULL,
  dim       TEXT NOT NULL, -- 'touchpoint' or 'locale'
  value     TEXT NOT NULL,
  by_answer INTEGER NOT NULL, -- 1: an answer or the admin brought it; 0: exposure events only
  PRIMARY KEY (site, dim, value)
) WITHOUT ROWID;

INSERT OR IGNORE INTO site_values (site, dim, value, by_answer)
SELECT DISTINCT site, 'touchpoint', touchpoint, 1 FROM responses WHERE touchpoint != '';
INSERT OR IGNORE INTO site_values (site, dim, value, by_answer)
SELECT DISTINCT site, 'locale', locale, 1 FROM responses WHERE locale != '';
-- Values only exposure events brought (no answer yet).
INSERT OR IGNORE INTO site_values (site, dim, value, by_answer)
SELECT DISTINCT s.site, 'touchpoint', r.touchpoint, 0 FROM rollups AS r JOIN surveys AS s ON s.id = r.survey
 WHERE r.touchpoint != '' AND r.grain = 86400 AND r.dim = '';
INSERT OR IGNORE INTO site_values (site, dim, value, by_answer)
SELECT DISTINCT s.site, 'locale', r.value, 0 FROM rollups AS r JOIN surveys AS s ON s.id = r.survey
 WHERE r.value != '' AND r.grain = 86400 AND r.dim = 'locale';

-- A stored answer registers its (capped) touchpoint and locale in the answers'
-- tier, in the same statement (a value events brought first moves up).
CREATE TRIGGER responses_register_values AFTER INSERT ON responses
BEGIN
  INSERT INTO site_values (site, dim, value, by_answer)
  SELECT NEW.site, 'touchpoint', NEW.touchpoint, 1 WHERE NEW.touchpoint != ''
  UNION ALL
  SELECT NEW.site, 'locale', NEW.locale, 1 WHERE NEW.locale != ''
  ON CONFLICT (site, dim, value) DO UPDATE SET by_answer = 1;
END;

-- Coalesced exposure counts written so far, by flush id: a retry of a batch
-- whose first attempt did commit fails on this key and counts nothing twice.
CREATE TABLE event_flushes (
  id TEXT PRIMARY KEY,
  at INTEGER NOT NULL
) WITHOUT ROWID;

-- Answers stored per (hour, client, survey). `client` is a keyed hash of the
-- connecting address, never the address. Rows of past hours are pruned.
CREATE TABLE answer_quota (
  hour   INTEGER NOT NULL, -- Unix hours
  client TEXT NOT NULL,
  survey TEXT NOT NULL,
  n      INTEGER NOT NULL,
  PRIMARY KEY (hour, client, survey)
) WITHOUT ROWID;

-- When a survey was paused (NULL while active): answers still in visitors'
-- outboxes are accepted for a day after.
ALTER TABLE surveys ADD COLUMN paused_at INTEGER;
UPDATE surveys SET paused_at = updated_at WHERE active = 0;
