-- Rollups must equal the raw rows they summarise. For every key
-- (survey, grain, dim, start, touchpoint, channel, value) this recounts the score
-- histogram from `responses` and compares it with the histogram columns of
-- `rollups`, in both directions. The rows an answer counts in (shared/rollups.ts):
-- the total (dim '') at the day, the hour and the quarter hour; its `visitor` row
-- (the JSON array of its locale, country and device) at the day and the hour; with
-- reasons, a `reason` row per chosen id and the repeats ('': k − 1 for k > 1
-- reasons) at every grain.
-- Rollup rows also carry shown/dismissed event counts, which raw rows cannot know,
-- so only h0..h10 are compared, and rows whose histogram is all zero (events only,
-- or emptied by erasure) are skipped: a quarter-hour visitor row holding answers
-- is a difference. Returns the differing keys (at most 20); no rows means they agree.
WITH sets (grain, dim) AS (VALUES (86400, ''), (3600, ''), (900, ''), (86400, 'visitor'), (3600, 'visitor')),
grains (grain) AS (VALUES (900), (3600), (86400)),
raw AS (
  SELECT survey, grain, dim, start, touchpoint, channel, value,
         SUM(score = 0) AS h0,
         SUM(score = 1) AS h1,
         SUM(score = 2) AS h2,
         SUM(score = 3) AS h3,
         SUM(score = 4) AS h4,
         SUM(score = 5) AS h5,
         SUM(score = 6) AS h6,
         SUM(score = 7) AS h7,
         SUM(score = 8) AS h8,
         SUM(score = 9) AS h9,
         SUM(score = 10) AS h10
    FROM (
      SELECT r.survey, s.grain, s.dim,
             (r.created_at / 1000) - (r.created_at / 1000) % s.grain AS start,
             r.touchpoint,
             r.channel,
             CASE s.dim WHEN '' THEN '' ELSE json_array(r.locale, r.country, r.device) END AS value,
             r.score
        FROM responses AS r CROSS JOIN sets AS s
    )
   GROUP BY survey, grain, dim, start, touchpoint, channel, value
  UNION ALL
  SELECT survey, grain, 'reason', start, touchpoint, channel, value,
         SUM((score = 0) * n), SUM((score = 1) * n), SUM((score = 2) * n), SUM((score = 3) * n), SUM((score = 4) * n), SUM((score = 5) * n),
         SUM((score = 6) * n), SUM((score = 7) * n), SUM((score = 8) * n), SUM((score = 9) * n), SUM((score = 10) * n)
    FROM (
      SELECT r.survey, g.grain, (r.created_at / 1000) - (r.created_at / 1000) % g.grain AS start, r.touchpoint, r.channel, j.value AS value, 1 AS n, r.score
        FROM responses AS r CROSS JOIN grains AS g CROSS JOIN json_each(r.reasons) AS j
       WHERE r.reasons IS NOT NULL
      UNION ALL
      SELECT r.survey, g.grain, (r.created_at / 1000) - (r.created_at / 1000) % g.grain, r.touchpoint, r.channel, '', json_array_length(r.reasons) - 1, r.score
        FROM responses AS r CROSS JOIN grains AS g
       WHERE json_array_length(r.reasons) > 1
    )
   GROUP BY survey, grain, start, touchpoint, channel, value
),
rolled AS (
  SELECT survey, grain, dim, start, touchpoint, channel, value, h0, h1, h2, h3, h4, h5, h6, h7, h8, h9, h10
    FROM rollups
   WHERE h0 != 0 OR h1 != 0 OR h2 != 0 OR h3 != 0 OR h4 != 0 OR h5 != 0 OR h6 != 0 OR h7 != 0 OR h8 != 0 OR h9 != 0 OR h10 != 0
)
SELECT * FROM (
  SELECT 'raw' AS side, * FROM (SELECT * FROM raw EXCEPT SELECT * FROM rolled)
  UNION ALL
  SELECT 'rollups' AS side, * FROM (SELECT * FROM rolled EXCEPT SELECT * FROM raw)
)
LIMIT 20;
