-- Links minted, counted: the denominator of a link channel's response rate
-- (docs/contract.md §17). No row per link: one count per survey, channel,
-- touchpoint and bucket, at the rollups' grains (UTC days, hours and quarter
-- hours), so that a range in any zone reads as few rows as its scores do.
-- The mint route adds to it in one statement (worker/db/link-mints.ts).
CREATE TABLE link_mints (
  survey     TEXT NOT NULL,
  channel    TEXT NOT NULL,    -- email, sms, qr or link
  grain      INTEGER NOT NULL, -- bucket length in seconds: 900, 3600 or 86400
  start      INTEGER NOT NULL, -- bucket start, Unix seconds
  touchpoint TEXT NOT NULL,    -- as given at minting; '' for none
  links      INTEGER NOT NULL, -- links minted (a reusable link counts once)
  PRIMARY KEY (survey, channel, grain, start, touchpoint)
) WITHOUT ROWID;
