-- The customer journey of a site: its touchpoints in the order customers meet
-- them (JSON array of slugs). Scores grouped by touchpoint follow it.
ALTER TABLE sites ADD COLUMN journey TEXT NOT NULL DEFAULT '[]';

-- The comments feed (newest first, only answers with a comment) reads this
-- index instead of every answer of the site.
CREATE INDEX responses_with_comment ON responses (site, created_at, id) WHERE comment IS NOT NULL;
