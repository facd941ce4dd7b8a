-- Channels: where an answer came from. `web` is the widget (and every answer
-- stored before this migration); `email`, `sms`, `qr` and `link` are answers
-- given on a signed link's page. The list lives in shared/schemas/channel.ts;
-- the column has no CHECK so that a new channel needs no table rebuild.
ALTER TABLE responses ADD COLUMN channel TEXT NOT NULL DEFAULT 'web';

-- Rollups gain channel as a key column, like touchpoint (not a dimension of
-- its own): an answer still touches one row per grain and dimension, and a
-- channel filter combines with every group_by. SQLite cannot change a primary
-- key in place, so the table is rebuilt. The triggers that write it are
-- dropped first and created again after, so none ever points at a dropped table.
DROP TRIGGER responses_rollup_insert;
DROP TRIGGER responses_rollup_delete;

CREATE TABLE rollups_by_channel (
  survey     TEXT NOT NULL,
  grain      INTEGER NOT NULL, -- bucket length in seconds: 900, 3600 or 86400
  dim        TEXT NOT NULL,    -- '', 'locale', 'country' or 'device'
  start      INTEGER NOT NULL, -- bucket start, Unix seconds
  touchpoint TEXT NOT NULL,
  channel    TEXT NOT NULL,    -- responses.channel; exposure events count under 'web'
  value      TEXT NOT NULL,
  h0 INTEGER NOT NULL DEFAULT 0, h1 INTEGER NOT NULL DEFAULT 0, h2 INTEGER NOT NULL DEFAULT 0, h3 INTEGER NOT NULL DEFAULT 0, h4 INTEGER NOT NULL DEFAULT 0, h5 INTEGER NOT NULL DEFAULT 0, h6 INTEGER NOT NULL DEFAULT 0, h7 INTEGER NOT NULL DEFAULT 0, h8 INTEGER NOT NULL DEFAULT 0, h9 INTEGER NOT NULL DEFAULT 0, h10 INTEGER NOT NULL DEFAULT 0,
  shown      INTEGER NOT NULL DEFAULT 0,
  dismissed  INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (survey, grain, dim, start, touchpoint, channel, value)
) WITHOUT ROWID;

-- Every existing row was written by the widget or its events: channel 'web'.
INSERT INTO rollups_by_channel (survey, grain, dim, start, touchpoint, channel, value, h0, h1, h2, h3, h4, h5, h6, h7, h8, h9, h10, shown, dismissed)
SELECT survey, grain, dim, start, touchpoint, 'web', value, h0, h1, h2, h3, h4, h5, h6, h7, h8, h9, h10, shown, dismissed
  FROM rollups;

DROP TABLE rollups;
ALTER TABLE rollups_by_channel RENAME TO rollups;

-- As in 0001, with the answer's channel in the key: the rollups follow the raw
-- rows inside the same statement, hence the same transaction.
CREATE TRIGGER responses_rollup_insert AFTER INSERT ON responses
BEGIN
  INSERT INTO rollups (survey, grain, dim, start, touchpoint, channel, value, h0, h1, h2, h3, h4, h5, h6, h7, h8, h9, h10, shown, dismissed)
  SELECT NEW.survey, g.grain, d.dim, (NEW.created_at / 1000) - (NEW.created_at / 1000) % g.grain,
         NEW.touchpoint, NEW.channel, d.value, (NEW.score = 0), (NEW.score = 1), (NEW.score = 2), (NEW.score = 3), (NEW.score = 4), (NEW.score = 5), (NEW.score = 6), (NEW.score = 7), (NEW.score = 8), (NEW.score = 9), (NEW.score = 10), 0, 0
  FROM (SELECT 900 AS grain UNION ALL SELECT 3600 UNION ALL SELECT 86400) AS g
  CROSS JOIN (SELECT '' AS dim, '' AS value
              UNION ALL SELECT 'locale', NEW.locale
              UNION ALL SELECT 'country', NEW.country
              UNION ALL SELECT 'device', NEW.device) AS d
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
  SELECT OLD.survey, g.grain, d.dim, (OLD.created_at / 1000) - (OLD.created_at / 1000) % g.grain,
         OLD.touchpoint, OLD.channel, d.value, -(OLD.score = 0), -(OLD.score = 1), -(OLD.score = 2), -(OLD.score = 3), -(OLD.score = 4), -(OLD.score = 5), -(OLD.score = 6), -(OLD.score = 7), -(OLD.score = 8), -(OLD.score = 9), -(OLD.score = 10), 0, 0
  FROM (SELECT 900 AS grain UNION ALL SELECT 3600 UNION ALL SELECT 86400) AS g
  CROSS JOIN (SELECT '' AS dim, '' AS value
              UNION ALL SELECT 'locale', OLD.locale
              UNION ALL SELECT 'country', OLD.country
              UNION ALL SELECT 'device', OLD.device) AS d
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
