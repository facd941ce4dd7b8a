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
