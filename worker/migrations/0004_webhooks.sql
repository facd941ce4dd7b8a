-- Webhooks and their deliveries (an outbox). Times are Unix milliseconds.

-- Where matching answers are posted. A NULL filter column matches everything;
-- `events`, `kinds` and `touchpoints` are JSON arrays of strings.
CREATE TABLE webhooks (
  id          TEXT PRIMARY KEY, -- wh_…
  site        TEXT NOT NULL REFERENCES sites (key) ON DELETE CASCADE,
  url         TEXT NOT NULL,
  secret      TEXT NOT NULL,    -- whsec_…: signs deliveries; shown once, never listed
  events      TEXT NOT NULL,
  kinds       TEXT,
  min_score   INTEGER,
  max_score   INTEGER,
  touchpoints TEXT,
  format      TEXT NOT NULL CHECK (format IN ('standard', 'slack')),
  active      INTEGER NOT NULL DEFAULT 1,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
) WITHOUT ROWID;
-- The triggers below look up a site's active webhooks on every answer.
CREATE INDEX webhooks_by_site ON webhooks (site, active);

-- One row per (answer event, matching webhook): written in the same statement
-- as the answer or its comment, so nothing is lost between the two; the queue
-- only carries the id. `next_attempt_at` is when the next attempt is due
-- (pushed ahead while an attempt is in flight), NULL once settled.
CREATE TABLE webhook_deliveries (
  id              TEXT PRIMARY KEY, -- msg_…: the webhook-id header, stable across retries
  webhook         TEXT NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
  site            TEXT NOT NULL,
  event           TEXT NOT NULL CHECK (event IN ('response.created', 'response.commented')),
  response        TEXT NOT NULL,
  status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  last_status     INTEGER,
  last_error      TEXT,
  next_attempt_at INTEGER,
  delivered_at    INTEGER,
  created_at      INTEGER NOT NULL
) WITHOUT ROWID;
-- At most one delivery per answer, event and webhook; also finds an answer's new deliveries.
CREATE UNIQUE INDEX webhook_deliveries_by_response ON webhook_deliveries (response, event, webhook);
-- A webhook's deliveries, newest first.
CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries (webhook, created_at);
-- The sweep: pending deliveries by due time.
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';

-- The outbox is written by triggers, inside the statement that stores the
-- answer (or its comment), hence in its transaction. A site without active
-- webhooks writes no row here; a replayed answer id inserts nothing, so its
-- trigger never fires; a comment fires once, when it goes from NULL to text.
CREATE TRIGGER responses_webhooks_created AFTER INSERT ON responses
BEGIN
  INSERT INTO webhook_deliveries (id, webhook, site, event, response, next_attempt_at, created_at)
  SELECT 'msg_' || lower(hex(randomblob(16))), w.id, NEW.site, 'response.created', NEW.id, NEW.created_at, NEW.created_at
    FROM webhooks AS w
   WHERE w.site = NEW.site AND w.active = 1
     AND EXISTS (SELECT 1 FROM json_each(w.events) WHERE value = 'response.created')
     AND (w.kinds IS NULL OR EXISTS (SELECT 1 FROM json_each(w.kinds) WHERE value = NEW.kind))
     AND (w.min_score IS NULL OR NEW.score >= w.min_score)
     AND (w.max_score IS NULL OR NEW.score <= w.max_score)
     AND (w.touchpoints IS NULL OR EXISTS (SELECT 1 FROM json_each(w.touchpoints) WHERE value = NEW.touchpoint))
  ON CONFLICT (response, event, webhook) DO NOTHING;
END;

CREATE TRIGGER responses_webhooks_commented AFTER UPDATE OF comment ON responses
WHEN OLD.comment IS NULL AND NEW.comment IS NOT NULL
BEGIN
  INSERT INTO webhook_deliveries (id, webhook, site, event, response, next_attempt_at, created_at)
  SELECT 'msg_' || lower(hex(randomblob(16))), w.id, NEW.site, 'response.commented', NEW.id,
         coalesce(NEW.commented_at, NEW.created_at), coalesce(NEW.commented_at, NEW.created_at)
    FROM webhooks AS w
   WHERE w.site = NEW.site AND w.active = 1
     AND EXISTS (SELECT 1 FROM json_each(w.events) WHERE value = 'response.commented')
     AND (w.kinds IS NULL OR EXISTS (SELECT 1 FROM json_each(w.kinds) WHERE value = NEW.kind))
     AND (w.min_score IS NULL OR NEW.score >= w.min_score)
     AND (w.max_score IS NULL OR NEW.score <= w.max_score)
     AND (w.touchpoints IS NULL OR EXISTS (SELECT 1 FROM json_each(w.touchpoints) WHERE value = NEW.touchpoint))
  ON CONFLICT (response, event, webhook) DO NOTHING;
END;
