-- Reasons and the site's cooldown (docs/contract.md §15).

-- The reason option ids a visitor chose after the score, as a JSON array
-- (`["price","delivery"]`), set once by POST /v1/responses/{id}/reasons;
-- NULL for an answer without (most). The survey defines the options.
ALTER TABLE responses ADD COLUMN reasons TEXT;

-- Days after an answer or a survey shown during which none of the site's
-- surveys is shown to that visitor; 0 (the default) is no cooldown.
ALTER TABLE sites ADD COLUMN cooldown_days INTEGER NOT NULL DEFAULT 0;

-- When an identified visitor (the embed's `data-user`) was last asked or
-- answered, per site: what POST /v1/due reads, one row by its key. Only a
-- keyed hash of the user id is kept (worker/cooldown.ts). Written only for
-- sites with a cooldown, so other sites' answers write no more rows.
CREATE TABLE cooldowns (
  site    TEXT NOT NULL,
  visitor TEXT NOT NULL, -- HMAC of the site's user id
  last_at INTEGER NOT NULL, -- Unix ms
  PRIMARY KEY (site, visitor)
) WITHOUT ROWID;

-- Reasons count in the rollups as a dimension of their own, `reason`, but
-- not from the answer's insert: most answers have none, and the reasons come
-- after the score. When an answer's reasons are set, a row per chosen option
-- id at each grain takes its score; an answer with k > 1 reasons also adds
-- k − 1 to the row of value '' (the repeats), so that the reason rows less
-- the repeats count each answer with reasons once (shared/rollups.ts). An
-- erased answer takes them out again. Answers without reasons write nothing
-- more than before.
CREATE TRIGGER responses_reasons_rollup AFTER UPDATE OF reasons ON responses
WHEN OLD.reasons IS NULL AND NEW.reasons IS NOT NULL
BEGIN
  INSERT INTO rollups (survey, grain, dim, start, touchpoint, channel, value, h0, h1, h2, h3, h4, h5, h6, h7, h8, h9, h10, shown, dismissed)
  SELECT NEW.survey, g.grain, 'reason', (NEW.created_at / 1000) - (NEW.created_at / 1000) % g.grain, NEW.touchpoint, NEW.channel, r.value,
         (NEW.score = 0) * r.n, (NEW.score = 1) * r.n, (NEW.score = 2) * r.n, (NEW.score = 3) * r.n, (NEW.score = 4) * r.n, (NEW.score = 5) * r.n, (NEW.score = 6) * r.n, (NEW.score = 7) * r.n, (NEW.score = 8) * r.n, (NEW.score = 9) * r.n, (NEW.score = 10) * r.n, 0, 0
    FROM (SELECT 900 AS grain UNION ALL SELECT 3600 UNION ALL SELECT 86400) AS g
   CROSS JOIN (SELECT value, 1 AS n FROM json_each(NEW.reasons)
               UNION ALL
               SELECT '', json_array_length(NEW.reasons) - 1 WHERE json_array_length(NEW.reasons) > 1) AS r
   WHERE true
  ON CONFLICT (survey, grain, dim, start, touchpoint, channel, value) DO UPDATE SET
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

CREATE TRIGGER responses_reasons_rollup_delete AFTER DELETE ON responses
WHEN OLD.reasons IS NOT NULL
BEGIN
  INSERT INTO rollups (survey, grain, dim, start, touchpoint, channel, value, h0, h1, h2, h3, h4, h5, h6, h7, h8, h9, h10, shown, dismissed)
  SELECT OLD.survey, g.grain, 'reason', (OLD.created_at / 1000) - (OLD.created_at / 1000) % g.grain, OLD.touchpoint, OLD.channel, r.value,
         -(OLD.score = 0) * r.n, -(OLD.score = 1) * r.n, -(OLD.score = 2) * r.n, -(OLD.score = 3) * r.n, -(OLD.score = 4) * r.n, -(OLD.score = 5) * r.n, -(OLD.score = 6) * r.n, -(OLD.score = 7) * r.n, -(OLD.score = 8) * r.n, -(OLD.score = 9) * r.n, -(OLD.score = 10) * r.n, 0, 0
    FROM (SELECT 900 AS grain UNION ALL SELECT 3600 UNION ALL SELECT 86400) AS g
   CROSS JOIN (SELECT value, 1 AS n FROM json_each(OLD.reasons)
               UNION ALL
               SELECT '', json_array_length(OLD.reasons) - 1 WHERE json_array_length(OLD.reasons) > 1) AS r
   WHERE true
  ON CONFLICT (survey, grain, dim, start, touchpoint, channel, value) DO UPDATE SET
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
