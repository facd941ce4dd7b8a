-- Alerts a team can act on: `response.completed` (one event per answer, when
-- its comment arrives or the site's complete_after_s passes), `response.erased`,
-- `webhook.test`, the `telegram` format, and delivery rows that can be pruned.
-- Times are Unix milliseconds.

-- Seconds after an answer when it counts as complete without its comment.
ALTER TABLE sites ADD COLUMN complete_after_s INTEGER NOT NULL DEFAULT 120 CHECK (complete_after_s BETWEEN 10 AND 3600);

-- The CHECKs on webhooks.format and webhook_deliveries.event change, and
-- SQLite can only change a CHECK by rebuilding the table. Both tables are
-- rebuilt once, allowing every event and format the contract names
-- (case.updated included, sent by a later version). The outbox triggers are
-- dropped first and created again after, so none points at a dropped table.
DROP TRIGGER responses_webhooks_created;
DROP TRIGGER responses_webhooks_commented;

-- As in 0004, plus the chat a telegram webhook posts to (exactly when it is
-- one) and the origin the Worker was reached through when the webhook was
-- created or last changed: messages link to the console there unless
-- CONSOLE_URL says otherwise.
CREATE TABLE webhooks_v2 (
  id               TEXT PRIMARY KEY,
  site             TEXT NOT NULL REFERENCES sites (key) ON DELETE CASCADE,
  url              TEXT NOT NULL,
  secret           TEXT NOT NULL,
  events           TEXT NOT NULL,
  kinds            TEXT,
  min_score        INTEGER,
  max_score        INTEGER,
  touchpoints      TEXT,
  format           TEXT NOT NULL CHECK (format IN ('standard', 'slack', 'telegram')),
  telegram_chat_id TEXT,
  worker_origin    TEXT,
  active           INTEGER NOT NULL DEFAULT 1,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  CHECK ((format = 'telegram') = (telegram_chat_id IS NOT NULL))
) WITHOUT ROWID;

INSERT INTO webhooks_v2 (id, site, url, secret, events, kinds, min_score, max_score, touchpoints, format, active, created_at, updated_at)
SELECT id, site, url, secret, events, kinds, min_score, max_score, touchpoints, format, active, created_at, updated_at FROM webhooks;

-- As in 0004, and: `response` is NULL for a webhook.test; `data` holds what an
-- event carries that cannot be read when it is sent (an erased answer's survey
-- and locale); `settled_at` is when it was delivered or failed for good, so
-- settled rows can be pruned. It references webhooks_v2, which the rename
-- below turns into `webhooks`; dropping the old tables cascades into neither.
CREATE TABLE webhook_deliveries_v2 (
  id              TEXT PRIMARY KEY,
  webhook         TEXT NOT NULL REFERENCES webhooks_v2 (id) ON DELETE CASCADE,
  site            TEXT NOT NULL,
  event           TEXT NOT NULL CHECK (event IN ('response.created', 'response.commented', 'response.completed', 'response.erased', 'webhook.test', 'case.updated')),
  response        TEXT,
  data            TEXT,
  status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  last_status     INTEGER,
  last_error      TEXT,
  next_attempt_at INTEGER,
  delivered_at    INTEGER,
  settled_at      INTEGER,
  created_at      INTEGER NOT NULL
) WITHOUT ROWID;

-- A failed delivery kept no time of its failure: its creation stands in.
INSERT INTO webhook_deliveries_v2 (id, webhook, site, event, response, status, attempts, last_status, last_error, next_attempt_at, delivered_at, settled_at, created_at)
SELECT id, webhook, site, event, response, status, attempts, last_status, last_error, next_attempt_at, delivered_at,
       CASE status WHEN 'pending' THEN NULL ELSE coalesce(delivered_at, created_at) END, created_at
  FROM webhook_deliveries;

DROP TABLE webhook_deliveries;
DROP TABLE webhooks;
ALTER TABLE webhooks_v2 RENAME TO webhooks;
ALTER TABLE webhook_deliveries_v2 RENAME TO webhook_deliveries;

CREATE INDEX webhooks_by_site ON webhooks (site, active);
-- At most one delivery per answer, event and webhook (a webhook.test has no
-- answer, and NULLs never collide); also finds an answer's deliveries.
CREATE UNIQUE INDEX webhook_deliveries_by_response ON webhook_deliveries (response, event, webhook);
CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries (webhook, created_at);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
-- Pruning: settled rows by when they settled (a pending row is not in it).
CREATE INDEX webhook_deliveries_settled ON webhook_deliveries (settled_at) WHERE settled_at IS NOT NULL;

-- The outbox, written inside the statement that stores the answer, its
-- comment or its erasure, hence in its transaction. A site without active
-- webhooks writes no row here; a replayed answer id inserts nothing, so its
-- trigger never fires; a comment fires once, when it goes from NULL to text.
--
-- An answer writes `response.created` due at once and `response.completed`
-- due when it is complete: at once when the answer brought its comment,
-- otherwise complete_after_s later. Until a completed delivery is first
-- claimed, `next_attempt_at = created_at` (both the time it completes); the
-- comment trigger brings both forward to the comment's time only while that
-- holds, so an attempt already under way is never made twice.
CREATE TRIGGER responses_webhooks_created AFTER INSERT ON responses
BEGIN
  INSERT INTO webhook_deliveries (id, webhook, site, event, response, next_attempt_at, created_at)
  SELECT 'msg_' || lower(hex(randomblob(16))), webhook, NEW.site, event, NEW.id, due, due
    FROM (SELECT w.id AS webhook, e.value AS event,
                 CASE WHEN e.value = 'response.completed' AND NEW.comment IS NULL
                      THEN NEW.created_at + 1000 * (SELECT complete_after_s FROM sites WHERE key = NEW.site)
                      ELSE NEW.created_at END AS due
            FROM webhooks AS w, json_each(w.events) AS e
           WHERE w.site = NEW.site AND w.active = 1
             AND e.value IN ('response.created', 'response.completed')
             AND (w.kinds IS NULL OR EXISTS (SELECT 1 FROM json_each(w.kinds) WHERE value = NEW.kind))
             AND (w.min_score IS NULL OR NEW.score >= w.min_score)
             AND (w.max_score IS NULL OR NEW.score <= w.max_score)
             AND (w.touchpoints IS NULL OR EXISTS (SELECT 1 FROM json_each(w.touchpoints) WHERE value = NEW.touchpoint)))
   WHERE true
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
  -- The comment completes the answer: its waiting completed deliveries are due now.
  UPDATE webhook_deliveries
     SET next_attempt_at = coalesce(NEW.commented_at, NEW.created_at), created_at = coalesce(NEW.commented_at, NEW.created_at)
   WHERE response = NEW.id AND event = 'response.completed' AND status = 'pending' AND attempts = 0
     AND next_attempt_at = created_at AND created_at > coalesce(NEW.commented_at, NEW.created_at);
END;

-- Erasing an answer writes its tombstone first (worker/db/responses.ts), then
-- deletes it: the tombstone's insert deletes the answer's deliveries and
-- writes `response.erased` for the webhooks that subscribe to it and whose
-- filter the answer matched (they may have been sent it).
CREATE TRIGGER erased_responses_webhooks AFTER INSERT ON erased_responses
BEGIN
  DELETE FROM webhook_deliveries WHERE response = NEW.id;
  INSERT INTO webhook_deliveries (id, webhook, site, event, response, data, next_attempt_at, created_at)
  SELECT 'msg_' || lower(hex(randomblob(16))), w.id, r.site, 'response.erased', r.id,
         json_object('survey', r.survey, 'locale', r.locale), NEW.erased_at, NEW.erased_at
    FROM responses AS r
    JOIN webhooks AS w ON w.site = r.site AND w.active = 1
   WHERE r.id = NEW.id
     AND EXISTS (SELECT 1 FROM json_each(w.events) WHERE value = 'response.erased')
     AND (w.kinds IS NULL OR EXISTS (SELECT 1 FROM json_each(w.kinds) WHERE value = r.kind))
     AND (w.min_score IS NULL OR r.score >= w.min_score)
     AND (w.max_score IS NULL OR r.score <= w.max_score)
     AND (w.touchpoints IS NULL OR EXISTS (SELECT 1 FROM json_each(w.touchpoints) WHERE value = r.touchpoint))
  ON CONFLICT (response, event, webhook) DO NOTHING;
END;
