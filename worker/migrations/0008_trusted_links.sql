-- Links you can trust: erased users stay off their links, and value slots
-- say where they came from and free themselves when unused.

-- Users a site erased, as keyed hashes (worker/links/suppression.ts), never
-- their ids: their links answer 410 and store nothing.
CREATE TABLE suppressed_users (
  site TEXT NOT NULL,
  hash TEXT NOT NULL,
  at   INTEGER NOT NULL,
  PRIMARY KEY (site, hash)
) WITHOUT ROWID;

-- Each value slot's strongest source ('journey' > 'link' > 'answers' >
-- 'events') and the UTC day (Unix days) it was last seen. Slots unseen for
-- 30 days are freed by the maintenance cron, the journey's excepted.
ALTER TABLE site_values ADD COLUMN source TEXT NOT NULL DEFAULT 'answers';
ALTER TABLE site_values ADD COLUMN last_seen INTEGER NOT NULL DEFAULT 0;
UPDATE site_values SET source = 'events' WHERE by_answer = 0;
UPDATE site_values SET source = 'journey'
 WHERE dim = 'touchpoint'
   AND EXISTS (SELECT 1 FROM sites, json_each(sites.journey) AS step WHERE sites.key = site_values.site AND step.value = site_values.value);
-- Every slot in use today is seen today: none is freed before 30 days have passed.
UPDATE site_values SET last_seen = CAST(strftime('%s', 'now') AS INTEGER) / 86400;

-- A stored answer registers its touchpoint and locale in the answers' tier
-- (a link answer's touchpoint is the link's), in the same statement. A known
-- value is written only when this is a newer day or a stronger source, so
-- an answer on a value already seen today writes nothing here.
DROP TRIGGER responses_register_values;
CREATE TRIGGER responses_register_values AFTER INSERT ON responses
BEGIN
  INSERT INTO site_values (site, dim, value, by_answer, source, last_seen)
  SELECT NEW.site, 'touchpoint', NEW.touchpoint, 1, CASE WHEN NEW.channel = 'web' THEN 'answers' ELSE 'link' END, NEW.created_at / 86400000
   WHERE NEW.touchpoint != ''
  UNION ALL
  SELECT NEW.site, 'locale', NEW.locale, 1, 'answers', NEW.created_at / 86400000
   WHERE NEW.locale != ''
  ON CONFLICT (site, dim, value) DO UPDATE SET
    by_answer = 1,
    source = CASE WHEN (CASE excluded.source WHEN 'link' THEN 2 ELSE 1 END) > (CASE source WHEN 'journey' THEN 3 WHEN 'link' THEN 2 WHEN 'answers' THEN 1 ELSE 0 END)
                  THEN excluded.source ELSE source END,
    last_seen = max(last_seen, excluded.last_seen)
  WHERE by_answer = 0
     OR last_seen < excluded.last_seen
     OR (CASE excluded.source WHEN 'link' THEN 2 ELSE 1 END) > (CASE source WHEN 'journey' THEN 3 WHEN 'link' THEN 2 WHEN 'answers' THEN 1 ELSE 0 END);
END;
