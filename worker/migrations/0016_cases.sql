-- Close the loop (docs/contract.md §13): an unhappy answer becomes a case
-- that someone owns until it is closed. Times are Unix milliseconds.

-- Whether a low answer opens its case by itself, and the hours to first contact.
ALTER TABLE sites ADD COLUMN cases_auto INTEGER NOT NULL DEFAULT 1 CHECK (cases_auto IN (0, 1));
ALTER TABLE sites ADD COLUMN cases_sla_hours INTEGER NOT NULL DEFAULT 48 CHECK (cases_sla_hours BETWEEN 1 AND 8760);

-- One case per answer, keyed by the answer's id; erasing the answer deletes
-- it, and its notes and history, by the triggers below. Not by foreign keys:
-- a later migration that rebuilds `responses` (a new kind's CHECK) drops the
-- old table, and D1 enforces foreign keys, so ON DELETE CASCADE would empty
-- every case then; a dropped table's triggers go before its rows do. `kind` and `touchpoint` are
-- the answer's, copied so the inbox filters without reading answers. `updated_at`/`updated_by` name the last change (NULL by: the
-- answer opened it); the history trigger below copies them. `notes` counts
-- the notes, for the inbox's list.
CREATE TABLE cases (
  id               TEXT PRIMARY KEY,
  site             TEXT NOT NULL,
  kind             TEXT NOT NULL,
  touchpoint       TEXT NOT NULL,
  status           TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'contacted', 'resolved', 'no_action')),
  assignee         TEXT,
  tags             TEXT NOT NULL DEFAULT '[]',
  opened_at        INTEGER NOT NULL,
  first_contact_at INTEGER,
  closed_at        INTEGER,
  version          INTEGER NOT NULL DEFAULT 1,
  notes            INTEGER NOT NULL DEFAULT 0,
  updated_at       INTEGER NOT NULL,
  updated_by       TEXT
) WITHOUT ROWID;

-- The inbox, newest first, under each filter it offers; stats by opening time.
CREATE INDEX cases_by_site ON cases (site, opened_at, id);
CREATE INDEX cases_by_status ON cases (site, status, opened_at, id);
CREATE INDEX cases_by_assignee ON cases (site, assignee, opened_at, id);
CREATE INDEX cases_by_touchpoint ON cases (site, touchpoint, opened_at, id);
CREATE INDEX cases_by_kind ON cases (site, kind, opened_at, id);

CREATE TABLE case_notes (
  id      TEXT PRIMARY KEY,
  case_id TEXT NOT NULL,
  author  TEXT NOT NULL,
  at      INTEGER NOT NULL,
  text    TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX case_notes_by_case ON case_notes (case_id, at);

-- One row per version: the opening (version 1) and every accepted change.
-- `status`, `assignee` and `tags` are set when that change set them.
CREATE TABLE case_history (
  case_id  TEXT NOT NULL,
  version  INTEGER NOT NULL,
  at       INTEGER NOT NULL,
  actor    TEXT,
  status   TEXT,
  assignee TEXT,
  tags     TEXT,
  PRIMARY KEY (case_id, version)
) WITHOUT ROWID;

-- A low answer (NPS 0–6, CSAT 1–3, CES 1–4: shared/kinds.ts, held equal by a
-- test) opens its case in the statement that stores it, so no low answer is
-- ever without its case.
CREATE TRIGGER responses_open_case AFTER INSERT ON responses
WHEN ((NEW.kind = 'nps' AND NEW.score <= 6) OR (NEW.kind = 'csat' AND NEW.score <= 3) OR (NEW.kind = 'ces' AND NEW.score <= 4))
  AND (SELECT cases_auto FROM sites WHERE key = NEW.site) = 1
BEGIN
  INSERT INTO cases (id, site, kind, touchpoint, opened_at, updated_at)
  VALUES (NEW.id, NEW.site, NEW.kind, NEW.touchpoint, NEW.created_at, NEW.created_at)
  ON CONFLICT (id) DO NOTHING;
END;

CREATE TRIGGER responses_delete_case AFTER DELETE ON responses
BEGIN
  DELETE FROM cases WHERE id = OLD.id;
END;

CREATE TRIGGER cases_deleted AFTER DELETE ON cases
BEGIN
  DELETE FROM case_notes WHERE case_id = OLD.id;
  DELETE FROM case_history WHERE case_id = OLD.id;
END;

CREATE TRIGGER cases_opened AFTER INSERT ON cases
BEGIN
  INSERT INTO case_history (case_id, version, at, actor, status) VALUES (NEW.id, NEW.version, NEW.opened_at, NEW.updated_by, NEW.status);
END;

-- Every accepted change (the version grew) is in the history, and tells the
-- webhooks that subscribe to case.updated when its status or assignee
-- changed, if the answer matches their filters. A case.updated delivery has
-- no `response` (an answer has many such events, and the outbox keeps one
-- per answer, event and webhook): `data` holds the case's id and the change,
-- frozen when it was made.
CREATE TRIGGER cases_changed AFTER UPDATE ON cases
WHEN NEW.version > OLD.version
BEGIN
  INSERT INTO case_history (case_id, version, at, actor, status, assignee, tags)
  VALUES (NEW.id, NEW.version, NEW.updated_at, NEW.updated_by,
          CASE WHEN NEW.status IS NOT OLD.status THEN NEW.status END,
          CASE WHEN NEW.assignee IS NOT OLD.assignee THEN coalesce(NEW.assignee, '') END,
          CASE WHEN NEW.tags IS NOT OLD.tags THEN NEW.tags END);
  INSERT INTO webhook_deliveries (id, webhook, site, event, response, data, next_attempt_at, created_at)
  SELECT 'msg_' || lower(hex(randomblob(16))), w.id, NEW.site, 'case.updated', NULL,
         json_object('id', NEW.id, 'version', NEW.version, 'status', NEW.status, 'previous_status', OLD.status,
                     'assignee', NEW.assignee, 'by', NEW.updated_by),
         NEW.updated_at, NEW.updated_at
    FROM webhooks AS w, responses AS r
   WHERE r.id = NEW.id AND w.site = NEW.site AND w.active = 1
     AND (NEW.status IS NOT OLD.status OR NEW.assignee IS NOT OLD.assignee)
     AND EXISTS (SELECT 1 FROM json_each(w.events) WHERE value = 'case.updated')
     AND (w.kinds IS NULL OR EXISTS (SELECT 1 FROM json_each(w.kinds) WHERE value = r.kind))
     AND (w.min_score IS NULL OR r.score >= w.min_score)
     AND (w.max_score IS NULL OR r.score <= w.max_score)
     AND (w.touchpoints IS NULL OR EXISTS (SELECT 1 FROM json_each(w.touchpoints) WHERE value = r.touchpoint));
END;

-- A case's deliveries, found by its id: to queue them after a change, and to
-- delete them with the answer.
CREATE INDEX webhook_deliveries_by_case ON webhook_deliveries (json_extract(data, '$.id')) WHERE event = 'case.updated';

CREATE TRIGGER erased_responses_case_deliveries AFTER INSERT ON erased_responses
BEGIN
  DELETE FROM webhook_deliveries WHERE event = 'case.updated' AND json_extract(data, '$.id') = NEW.id;
END;
