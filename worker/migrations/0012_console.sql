-- Touchpoints' names per built-in locale (JSON object: slug → { en, fa, ar }),
-- shown by the console instead of the slug where a locale has one.
ALTER TABLE sites ADD COLUMN touchpoint_labels TEXT NOT NULL DEFAULT '{}';
