-- Reports a person can trust (DESIGN §13, §14) and units over time (§10).
-- D1 enforces foreign keys, so a table that others reference cannot be rebuilt (its DROP would orphan them): new
-- states are new columns (cancelled_at, closed_at, chat_id) beside the old CHECKed ones.

-- Units over time: the row in `units` is the unit as it is now (or as it was when it closed); earlier versions of a
-- continuing code (renamed, re-parented) are kept in unit_versions. valid_to is the first day it no longer holds.
ALTER TABLE units ADD COLUMN valid_from TEXT;
ALTER TABLE units ADD COLUMN valid_to TEXT;
CREATE INDEX units_parent_in_force ON units(parent_code, code) WHERE valid_to IS NULL;

CREATE TABLE unit_versions (
  code        TEXT NOT NULL REFERENCES units(code),
  valid_from  TEXT,
  valid_to    TEXT NOT NULL,
  name        TEXT NOT NULL,
  level       TEXT NOT NULL,
  parent_code TEXT,
  path        TEXT NOT NULL,
  PRIMARY KEY (code, valid_to)
) WITHOUT ROWID;
CREATE INDEX unit_versions_path ON unit_versions(path);
CREATE INDEX unit_versions_parent ON unit_versions(parent_code, code);

-- Which closed unit went into which: full (wholly) or partial (split between several).
CREATE TABLE successions (
  from_code TEXT NOT NULL REFERENCES units(code),
  to_code   TEXT NOT NULL REFERENCES units(code),
  type      TEXT NOT NULL CHECK (type IN ('full', 'partial')),
  effective TEXT NOT NULL,
  PRIMARY KEY (from_code, to_code)
) WITHOUT ROWID;
CREATE INDEX successions_to ON successions(to_code, from_code);

-- A plan whose issuer closed is closed: readable, no new obligations (status reads "closed").
ALTER TABLE plans ADD COLUMN closed_at TEXT;

-- Obligations keep the unit's path from when they were made, so a past period rolls up over the hierarchy in force
-- then. cancelled_at: a closed unit's report that is no longer owed (status "cancelled"). next_reminder_at: when the
-- sweep should look at it next (NULL: nothing left to send); reminder_round counts returns, so reminders resume.
ALTER TABLE obligations ADD COLUMN unit_path TEXT NOT NULL DEFAULT '';
ALTER TABLE obligations ADD COLUMN cancelled_at TEXT;
ALTER TABLE obligations ADD COLUMN return_reason TEXT;
ALTER TABLE obligations ADD COLUMN next_reminder_at TEXT;
ALTER TABLE obligations ADD COLUMN reminder_round INTEGER NOT NULL DEFAULT 0;
UPDATE obligations SET unit_path = (SELECT path FROM units WHERE units.code = obligations.unit_code);
-- Reminders still to come for what is open: from the earliest offset (the sweep sends only the nearest that has come).
UPDATE obligations SET next_reminder_at = (
  SELECT CASE
    WHEN json_array_length(s.doc_json, '$.reminders.before') > 0
      THEN strftime('%Y-%m-%dT%H:%M:%fZ', obligations.due_at, '-' || (SELECT max(value) FROM json_each(s.doc_json, '$.reminders.before')) || ' days')
    WHEN json_array_length(s.doc_json, '$.reminders.after') > 0
      THEN strftime('%Y-%m-%dT%H:%M:%fZ', obligations.due_at, '+' || (SELECT min(value) FROM json_each(s.doc_json, '$.reminders.after')) || ' days')
  END
  FROM schedules s JOIN plans p ON p.id = s.plan_id WHERE s.id = obligations.schedule_id AND p.status = 'active')
WHERE state IN ('pending', 'returned');
CREATE INDEX obligations_path ON obligations(plan_id, period, unit_path);
CREATE INDEX obligations_next_reminder ON obligations(next_reminder_at) WHERE next_reminder_at IS NOT NULL;
DROP INDEX obligations_due_pending;

-- Three states of an answer: a value, no data (no row, or a row with only a note), not applicable (na = 1, with its
-- note). outlier: the value was flagged as far from its history or peers when it was submitted.
ALTER TABLE report_values ADD COLUMN na INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_values ADD COLUMN outlier INTEGER NOT NULL DEFAULT 0;
-- The warnings the receipt of a version gave, for the review view.
ALTER TABLE report_versions ADD COLUMN warnings_json TEXT;

-- Reminders are claimed per (obligation, offset, round): a returned report is reminded again. Nothing references
-- reminders_sent, so it can be rebuilt.
CREATE TABLE reminders_claimed (
  obligation_id INTEGER NOT NULL REFERENCES obligations(id),
  kind          TEXT NOT NULL CHECK (kind IN ('before', 'after')),
  days          INTEGER NOT NULL,
  round         INTEGER NOT NULL,
  sent_at       TEXT NOT NULL,
  PRIMARY KEY (obligation_id, kind, days, round)
) WITHOUT ROWID;
INSERT INTO reminders_claimed (obligation_id, kind, days, round, sent_at) SELECT obligation_id, kind, days, 0, sent_at FROM reminders_sent;
DROP TABLE reminders_sent;
ALTER TABLE reminders_claimed RENAME TO reminders_sent;

-- Telegram: a bot's sendMessage takes {"chat_id","text"}; a subscription with a chat id is a Telegram one.
ALTER TABLE webhooks ADD COLUMN chat_id TEXT;
