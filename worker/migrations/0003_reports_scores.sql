-- A report is one per obligation; its content lives in immutable versions.
CREATE TABLE reports (
  obligation_id   INTEGER PRIMARY KEY REFERENCES obligations(id),
  current_version INTEGER NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'accepted')),
  updated_at      TEXT NOT NULL
);

-- Never updated, never deleted: every save and every submission is a new row.
CREATE TABLE report_versions (
  obligation_id INTEGER NOT NULL REFERENCES obligations(id),
  version       INTEGER NOT NULL,
  submitted     INTEGER NOT NULL,          -- 1 for a submission, 0 for a saved draft
  created_at    TEXT NOT NULL,
  actor         TEXT NOT NULL,
  body_json     TEXT NOT NULL,             -- {"values":[…],"tasks":[…]} as sent, normalised
  PRIMARY KEY (obligation_id, version)
) WITHOUT ROWID;

-- The values of the latest submission of each report, one row per indicator with data: what roll-ups read.
-- value is the unit's effective number (percent = 100·n/d, ratio = n/d, boolean = 1/0); no row = no data.
-- met is whether that value meets the indicator's target (NULL: no target or no data), fixed at submission:
-- an active plan's targets never change, and roll-ups then sum it instead of re-evaluating every row.
CREATE TABLE report_values (
  obligation_id INTEGER NOT NULL REFERENCES obligations(id),
  indicator     TEXT NOT NULL,
  value         REAL,
  numerator     REAL,
  denominator   REAL,
  text          TEXT,
  met           INTEGER,
  PRIMARY KEY (obligation_id, indicator)
) WITHOUT ROWID;

-- Idempotency-Key replays, per unit; kept at least 24 hours.
CREATE TABLE idempotency_keys (
  unit_code     TEXT NOT NULL,
  key           TEXT NOT NULL,
  request_hash  TEXT NOT NULL,
  status        INTEGER NOT NULL,
  response_json TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  PRIMARY KEY (unit_code, key)
) WITHOUT ROWID;
CREATE INDEX idempotency_created ON idempotency_keys(created_at);

-- Criteria-based points a higher unit gives (seed 000: 5 criteria × 2 points).
CREATE TABLE scores (
  unit_code  TEXT NOT NULL REFERENCES units(code),
  plan_id    TEXT NOT NULL REFERENCES plans(id),
  period     TEXT NOT NULL,
  criterion  TEXT NOT NULL,
  points     REAL NOT NULL,
  updated_at TEXT NOT NULL,
  actor      TEXT NOT NULL,
  PRIMARY KEY (plan_id, period, unit_code, criterion)
) WITHOUT ROWID;
