-- Subscriptions: a unit's URL receives the events of its whole subtree (and escalations addressed to it).
CREATE TABLE webhooks (
  id          TEXT PRIMARY KEY,
  unit_code   TEXT NOT NULL REFERENCES units(code),
  url         TEXT NOT NULL,
  events_json TEXT NOT NULL,
  format      TEXT NOT NULL CHECK (format IN ('cascade', 'text')),
  delivery    TEXT NOT NULL CHECK (delivery IN ('each', 'digest')),
  secret      TEXT NOT NULL,            -- the signing key (whsec_…); it must be readable to sign
  active      INTEGER NOT NULL DEFAULT 1,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL
);
CREATE INDEX webhooks_unit ON webhooks(unit_code);

-- Every event once, with a stable id (webhook-id); anchors are the unit paths it concerns
-- (the unit, plus the units an overdue report escalates to).
CREATE TABLE events (
  id           TEXT PRIMARY KEY,
  type         TEXT NOT NULL,
  occurred_at  TEXT NOT NULL,
  unit_code    TEXT NOT NULL,
  anchors_json TEXT NOT NULL,
  data_json    TEXT NOT NULL
);

-- One row per (obligation, reminder offset) ever sent: the unique key makes reminders exactly-once
-- however often, late or concurrently the cron runs.
CREATE TABLE reminders_sent (
  obligation_id INTEGER NOT NULL REFERENCES obligations(id),
  kind          TEXT NOT NULL CHECK (kind IN ('before', 'after')),
  days          INTEGER NOT NULL,
  sent_at       TEXT NOT NULL,
  PRIMARY KEY (obligation_id, kind, days)
) WITHOUT ROWID;

-- One delivery per (subscription, event): the unique key dedupes at-least-once queues and overlapping crons.
CREATE TABLE deliveries (
  id               TEXT PRIMARY KEY,
  webhook_id       TEXT NOT NULL REFERENCES webhooks(id),
  event_id         TEXT NOT NULL REFERENCES events(id),
  status           TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  retry_base       INTEGER NOT NULL DEFAULT 0,  -- attempts already spent when last redelivered by hand
  last_status_code INTEGER,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  UNIQUE (webhook_id, event_id)
);
CREATE INDEX deliveries_webhook ON deliveries(webhook_id, created_at);
CREATE INDEX deliveries_pending ON deliveries(updated_at) WHERE status = 'pending';

CREATE TABLE delivery_attempts (
  delivery_id TEXT NOT NULL REFERENCES deliveries(id),
  attempt     INTEGER NOT NULL,
  at          TEXT NOT NULL,
  status_code INTEGER,
  duration_ms INTEGER NOT NULL,
  error       TEXT,
  PRIMARY KEY (delivery_id, attempt)
) WITHOUT ROWID;
