-- Plans: the document as posted (tasks, indicators, schedules with their ids, criteria, rules)
-- lives in doc_json; the columns are what lists filter on.
CREATE TABLE plans (
  id           TEXT PRIMARY KEY,
  number       TEXT NOT NULL,
  title        TEXT NOT NULL,
  issuer_code  TEXT NOT NULL REFERENCES units(code),
  issued_on    TEXT NOT NULL,
  first_year   INTEGER NOT NULL,
  last_year    INTEGER NOT NULL,
  basis_id     TEXT REFERENCES plans(id),
  status       TEXT NOT NULL CHECK (status IN ('draft', 'active', 'archived')),
  version      INTEGER NOT NULL DEFAULT 1,
  doc_json     TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  activated_at TEXT
);
CREATE INDEX plans_issuer ON plans(issuer_code, created_at);
CREATE INDEX plans_basis ON plans(basis_id);

-- Schedules get their own rows: obligations and report routes point at them by id.
CREATE TABLE schedules (
  id          TEXT PRIMARY KEY,
  plan_id     TEXT NOT NULL REFERENCES plans(id),
  code        TEXT NOT NULL,
  period_type TEXT NOT NULL,
  doc_json    TEXT NOT NULL,
  UNIQUE (plan_id, code)
);

-- One unit × one schedule × one period. The UNIQUE key makes activation idempotent.
-- state is what happened (pending/submitted/returned/accepted); open vs overdue is computed from due_at at read time.
CREATE TABLE obligations (
  id                 INTEGER PRIMARY KEY,
  schedule_id        TEXT NOT NULL REFERENCES schedules(id),
  plan_id            TEXT NOT NULL REFERENCES plans(id),
  unit_code          TEXT NOT NULL REFERENCES units(code),
  period             TEXT NOT NULL,
  due_at             TEXT NOT NULL,
  state              TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'submitted', 'returned', 'accepted')),
  first_submitted_at TEXT,
  submitted_at       TEXT,
  UNIQUE (unit_code, schedule_id, period)
);
-- Listing a subtree's obligations is driven from units (path range) into this index.
CREATE INDEX obligations_schedule ON obligations(schedule_id, period, unit_code);
CREATE INDEX obligations_plan ON obligations(plan_id, unit_code);
-- The reminder sweep reads only what is not yet submitted, by due time.
CREATE INDEX obligations_due_pending ON obligations(due_at) WHERE state IN ('pending', 'returned');

-- Public holidays for shiftToWorkingDay (Tết moves every year): data an administrator loads.
CREATE TABLE holidays (
  date TEXT PRIMARY KEY,
  year INTEGER NOT NULL,
  name TEXT NOT NULL
);
CREATE INDEX holidays_year ON holidays(year);
