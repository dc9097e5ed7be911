-- Units: the hierarchy. `path` is the materialised path of codes ("/79/771/27190/"), so a
-- subtree is the index range path >= '/79/771/' AND path < '/79/7710' (the byte after '/').
-- LIKE 'prefix%' would not use the index under SQLite's case-insensitive LIKE.
CREATE TABLE units (
  code        TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  level       TEXT NOT NULL,
  parent_code TEXT REFERENCES units(code),
  path        TEXT NOT NULL UNIQUE,
  depth       INTEGER NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) WITHOUT ROWID;
-- children listings and re-parenting walks
CREATE INDEX units_parent ON units(parent_code, code);
-- "all wards under Quận 10": level within a subtree
CREATE INDEX units_level_path ON units(level, path);

-- Unit tokens: only the SHA-256 of the secret is stored.
CREATE TABLE tokens (
  id           TEXT PRIMARY KEY,
  unit_code    TEXT NOT NULL REFERENCES units(code),
  role         TEXT NOT NULL CHECK (role IN ('submitter', 'manager')),
  label        TEXT NOT NULL,
  hash         TEXT NOT NULL UNIQUE,
  prefix       TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  created_by   TEXT NOT NULL,
  expires_at   TEXT,
  revoked_at   TEXT,
  last_used_at TEXT
);
CREATE INDEX tokens_unit ON tokens(unit_code, created_at);

-- Every write: who, when, what, before/after.
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,          -- 'admin' or a token id
  actor_unit  TEXT,                   -- the unit of the acting token (null for admin)
  action      TEXT NOT NULL,          -- e.g. 'unit.create', 'token.revoke'
  entity_type TEXT NOT NULL,
  entity_id   TEXT NOT NULL,
  unit_code   TEXT,                   -- the unit the entity belongs to
  before_json TEXT,
  after_json  TEXT
);
CREATE INDEX audit_entity ON audit_log(entity_type, entity_id, id);
