-- Cheaper answers: an answer now adds to 5 rollup rows instead of 12. D1
-- bills rows written; with the answer row, its two index entries and the
-- hourly quota, an answer writes 9 rows (18 before) once its touchpoint and
-- locale are known (their registration writes at most once a day, 0008).
--
-- Rollup rows were one per grain (day, hour, quarter hour) and dimension
-- (total, locale, country, device). Now (shared/rollups.ts):
--   - the total (dim '') at every grain, as before;
--   - one `visitor` row per locale, country and device together (value: the
--     JSON array of the three), at the day and the hour. Exposure events
--     also add to the quarter-hour visitor rows (they cannot be recounted
--     from answers), which therefore hold no answers.
-- Grouping by locale, country or device sums the visitor rows of each value;
-- a range edge that is not on the hour (a half-hour zone's midnight) reads
-- the answers of its stretch from the hour straight from `responses`.
--
-- It runs after 0007 to 0014 on a database that has them. None of those
-- writes the rollups: the links minted (0007) and the team (0014) have
-- tables of their own, and the other triggers on `responses` (value slots,
-- 0008; the webhooks' outbox, 0009) neither read nor write them, so they
-- stay as they are. Only the two triggers that write the rollups are
-- dropped first and created again at the end, as
-- worker/db/rollup-triggers.ts generates them.
DROP TRIGGER responses_rollup_insert;
DROP TRIGGER responses_rollup_delete;

-- Exposure counts of the per-dimension rows, at every grain, move to visitor
-- rows that name only their own field (null for the other two): each is
-- still counted once under its own dimension and never under the others.
-- Their answers are recounted below.
INSERT INTO rollups (survey, grain, dim, start, touchpoint, channel, value, shown, dismissed)
SELECT survey, grain, 'visitor', start, touchpoint, channel,
       CASE dim WHEN 'locale' THEN json_array(value, NULL, NULL)
                WHEN 'country' THEN json_array(NULL, value, NULL)
                ELSE json_array(NULL, NULL, value) END,
       shown, dismissed
  FROM rollups
 WHERE dim IN ('locale', 'country', 'device') AND (shown != 0 OR dismissed != 0);

DELETE FROM rollups WHERE dim IN ('locale', 'country', 'device');

-- Every stored answer in its visitor rows of the day and the hour.
INSERT INTO rollups (survey, grain, dim, start, touchpoint, channel, value, h0, h1, h2, h3, h4, h5, h6, h7, h8, h9, h10)
SELECT r.survey, g.grain, 'visitor', (r.created_at / 1000) - (r.created_at / 1000) % g.grain, r.touchpoint, r.channel,
       json_array(r.locale, r.country, r.device),
       SUM(r.score = 0), SUM(r.score = 1), SUM(r.score = 2), SUM(r.score = 3), SUM(r.score = 4), SUM(r.score = 5),
       SUM(r.score = 6), SUM(r.score = 7), SUM(r.score = 8), SUM(r.score = 9), SUM(r.score = 10)
  FROM responses AS r CROSS JOIN (SELECT 86400 AS grain UNION ALL SELECT 3600) AS g
 GROUP BY 1, 2, 3, 4, 5, 6, 7;

-- The rollup triggers for the new shape (worker/db/rollup-triggers.ts).
CREATE TRIGGER responses_rollup_insert AFTER INSERT ON responses
BEGIN
  INSERT INTO rollups (survey, grain, dim, start, touchpoint, channel, value, h0, h1, h2, h3, h4, h5, h6, h7, h8, h9, h10, shown, dismissed)
  SELECT NEW.survey, r.grain, r.dim, (NEW.created_at / 1000) - (NEW.created_at / 1000) % r.grain, NEW.touchpoint, NEW.channel, r.value,
         (NEW.score = 0), (NEW.score = 1), (NEW.score = 2), (NEW.score = 3), (NEW.score = 4), (NEW.score = 5), (NEW.score = 6), (NEW.score = 7), (NEW.score = 8), (NEW.score = 9), (NEW.score = 10), 0, 0
    FROM (SELECT column1 AS grain, column2 AS dim, column3 AS value FROM (VALUES
                 (86400, '', ''),
                 (3600, '', ''),
                 (900, '', ''),
                 (86400, 'visitor', json_array(NEW.locale, NEW.country, NEW.device)),
                 (3600, 'visitor', json_array(NEW.locale, NEW.country, NEW.device)))) AS r
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

CREATE TRIGGER responses_rollup_delete AFTER DELETE ON responses
BEGIN
  INSERT INTO rollups (survey, grain, dim, start, touchpoint, channel, value, h0, h1, h2, h3, h4, h5, h6, h7, h8, h9, h10, shown, dismissed)
  SELECT OLD.survey, r.grain, r.dim, (OLD.created_at / 1000) - (OLD.created_at / 1000) % r.grain, OLD.touchpoint, OLD.channel, r.value,
         -(OLD.score = 0), -(OLD.score = 1), -(OLD.score = 2), -(OLD.score = 3), -(OLD.score = 4), -(OLD.score = 5), -(OLD.score = 6), -(OLD.score = 7), -(OLD.score = 8), -(OLD.score = 9), -(OLD.score = 10), 0, 0
    FROM (SELECT column1 AS grain, column2 AS dim, column3 AS value FROM (VALUES
                 (86400, '', ''),
                 (3600, '', ''),
                 (900, '', ''),
                 (86400, 'visitor', json_array(OLD.locale, OLD.country, OLD.device)),
                 (3600, 'visitor', json_array(OLD.locale, OLD.country, OLD.device)))) AS r
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
