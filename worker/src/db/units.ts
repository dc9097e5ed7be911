import type { Unit, UnitTreeNode } from '../../../schemas';
import { pathCodes, subtreeEnd, type PlannedUnit, type StoredUnit } from '../domain/units';

export type UnitRow = {
  code: string;
  name: string;
  level: string;
  parent_code: string | null;
  path: string;
  depth: number;
  created_at: string;
  updated_at: string;
  valid_from: string | null;
  valid_to: string | null;
};

export function toUnit(r: UnitRow): Unit {
  return {
    code: r.code,
    name: r.name,
    level: r.level,
    parent: r.parent_code,
    ancestors: pathCodes(r.path).slice(0, -1),
    depth: r.depth,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function getUnit(db: D1Database, code: string): Promise<UnitRow | null> {
  return db.prepare('SELECT * FROM units WHERE code = ?').bind(code).first<UnitRow>();
}

/** In force on day ?D: began on or before it, and ended after it (or not at all). */
const HOLDS = (d: string) => `(valid_from IS NULL OR valid_from <= ${d}) AND (valid_to IS NULL OR valid_to > ${d})`;
/** A past version with the row's columns: its own name, level, parent, path and dates; the unit's row for the rest. */
const VERSION_COLUMNS = `v.code, v.name, v.level, v.parent_code, v.path, length(v.path) - length(replace(v.path, '/', '')) - 2 AS depth,
  u.created_at, u.updated_at, v.valid_from, v.valid_to`;

/** The unit as it was on `date`: its row if that version held then, else the past version that did. */
export async function unitAt(db: D1Database, code: string, date: string): Promise<UnitRow | null> {
  return db.prepare(
    `SELECT * FROM units WHERE code = ?1 AND ${HOLDS('?2')}
     UNION ALL
     SELECT ${VERSION_COLUMNS} FROM unit_versions v JOIN units u ON u.code = v.code WHERE v.code = ?1 AND ${HOLDS('?2').replace(/valid/g, 'v.valid')}
     LIMIT 1`,
  ).bind(code, date).first<UnitRow>();
}

/** Every version of a unit, oldest first; the last is its row. */
export async function unitVersions(db: D1Database, code: string): Promise<UnitRow[]> {
  const { results } = await db.prepare(
    `SELECT * FROM (SELECT ${VERSION_COLUMNS} FROM unit_versions v JOIN units u ON u.code = v.code WHERE v.code = ?1
       UNION ALL SELECT * FROM units WHERE code = ?1)
     ORDER BY valid_to IS NULL, valid_to`,
  ).bind(code).all<UnitRow>();
  return results;
}

export type SuccessionRow = { code: string; name: string; type: 'full' | 'partial'; effective: string };

/** The units that went into `code`, and those it went into, with their names. */
export async function successionsOf(db: D1Database, code: string) {
  const [pre, post] = await db.batch([
    db.prepare('SELECT s.from_code AS code, u.name, s.type, s.effective FROM successions s JOIN units u ON u.code = s.from_code WHERE s.to_code = ? ORDER BY s.effective, u.name').bind(code),
    db.prepare('SELECT s.to_code AS code, u.name, s.type, s.effective FROM successions s JOIN units u ON u.code = s.to_code WHERE s.from_code = ? ORDER BY s.effective, u.name').bind(code),
  ]);
  return { predecessors: pre!.results as SuccessionRow[], successors: post!.results as SuccessionRow[] };
}

/** Every succession, to walk a unit's past across reorganisations. */
export async function allSuccessions(db: D1Database) {
  const { results } = await db.prepare('SELECT from_code, to_code, type FROM successions').all<{ from_code: string; to_code: string; type: 'full' | 'partial' }>();
  return results;
}

/**
 * A unit's children in force (units_parent_in_force), or on day `at` (its rows and past versions that held then);
 * keyset pagination on code.
 */
export async function listChildren(db: D1Database, code: string, opts: { level?: string; limit: number; after?: string; at?: string }): Promise<UnitRow[]> {
  if (!opts.at) {
    const { results } = await db.prepare(
      `SELECT * FROM units WHERE parent_code = ?1 AND valid_to IS NULL AND code > ?2 AND (?3 IS NULL OR level = ?3) ORDER BY code LIMIT ?4`,
    ).bind(code, opts.after ?? '', opts.level ?? null, opts.limit).all<UnitRow>();
    return results;
  }
  const { results } = await db.prepare(
    `SELECT * FROM (
       SELECT * FROM units WHERE parent_code = ?1 AND ${HOLDS('?5')}
       UNION ALL
       SELECT ${VERSION_COLUMNS} FROM unit_versions v JOIN units u ON u.code = v.code WHERE v.parent_code = ?1 AND ${HOLDS('?5').replace(/valid/g, 'v.valid')})
     WHERE code > ?2 AND (?3 IS NULL OR level = ?3) ORDER BY code LIMIT ?4`,
  ).bind(code, opts.after ?? '', opts.level ?? null, opts.limit, opts.at).all<UnitRow>();
  return results;
}

type TreeRow = { code: string; name: string; level: string; parent_code: string | null; path: string };

/**
 * The subtree of `root` down to `maxDepth` levels below it: the units in force by the path range on the path index,
 * or, on day `at`, the rows and past versions that held then under the root's path of that day.
 */
export async function getTree(db: D1Database, root: UnitRow, maxDepth: number, at?: string): Promise<UnitTreeNode> {
  const maxPathDepth = root.depth + maxDepth;
  const { results } = at
    ? await db.prepare(
      `SELECT code, name, level, parent_code, path FROM units WHERE path >= ?1 AND path < ?2 AND depth <= ?3 AND ${HOLDS('?4')}
       UNION ALL
       SELECT code, name, level, parent_code, path FROM unit_versions WHERE path >= ?1 AND path < ?2 AND ${HOLDS('?4')}
       ORDER BY path`,
    ).bind(root.path, subtreeEnd(root.path), maxPathDepth, at).all<TreeRow>()
    : await db.prepare(
      `SELECT code, name, level, parent_code, path FROM units WHERE path >= ?1 AND path < ?2 AND depth <= ?3 AND (valid_to IS NULL OR code = ?4) ORDER BY path`,
    ).bind(root.path, subtreeEnd(root.path), maxPathDepth, root.code).all<TreeRow>();
  const nodes = new Map<string, UnitTreeNode>();
  for (const r of results) {
    if (pathCodes(r.path).length - 1 > maxPathDepth) continue;
    const node: UnitTreeNode = { code: r.code, name: r.name, level: r.level, children: [] };
    nodes.set(r.code, node);
    // ORDER BY path puts every parent before its children.
    if (r.code !== root.code && r.parent_code) nodes.get(r.parent_code)?.children.push(node);
  }
  return nodes.get(root.code)!;
}

/** One statement whatever the size: codes travel as one JSON parameter (D1 allows 100 bound parameters). */
export async function loadStoredUnits(db: D1Database, codes: string[]): Promise<Map<string, StoredUnit>> {
  const { results } = await db
    .prepare(
      `SELECT code, name, level, parent_code AS parent, path FROM units
       WHERE code IN (SELECT value FROM json_each(?1))`,
    )
    .bind(JSON.stringify(codes))
    .all<StoredUnit>();
  return new Map(results.map((r) => [r.code, r]));
}

/** Rows per statement: keeps each JSON parameter far below D1's 2 MB value limit. */
const IMPORT_CHUNK = 1000;

/**
 * The write half of an import, as statements for one D1 batch (a batch is one transaction, so an
 * import lands whole or not at all). Set-based: each chunk of rows is one INSERT … SELECT over
 * json_each, preceded by its audit rows, so the whole nation is a dozen statements.
 */
export function importStatements(
  db: D1Database,
  rows: PlannedUnit[],
  changed: Set<string>,
  movedRoots: string[],
  audit: { at: string; actor: string; actorUnit: string | null },
): D1PreparedStatement[] {
  const stmts: D1PreparedStatement[] = [];
  for (let i = 0; i < rows.length; i += IMPORT_CHUNK) {
    const chunk = rows.slice(i, i + IMPORT_CHUNK);
    const json = JSON.stringify(chunk);
    const changedJson = JSON.stringify(chunk.filter((r) => changed.has(r.code)));
    stmts.push(
      db
        .prepare(
          `INSERT INTO audit_log (at, actor, actor_unit, action, entity_type, entity_id, unit_code, before_json, after_json)
           SELECT ?2, ?3, ?4, CASE WHEN u.code IS NULL THEN 'unit.create' ELSE 'unit.update' END, 'unit',
                  j.value ->> '$.code', j.value ->> '$.code',
                  CASE WHEN u.code IS NULL THEN NULL
                       ELSE json_object('code', u.code, 'name', u.name, 'level', u.level, 'parent', u.parent_code) END,
                  json_object('code', j.value ->> '$.code', 'name', j.value ->> '$.name',
                              'level', j.value ->> '$.level', 'parent', j.value ->> '$.parent')
           FROM json_each(?1) j LEFT JOIN units u ON u.code = j.value ->> '$.code'`,
        )
        .bind(changedJson, audit.at, audit.actor, audit.actorUnit),
      db
        .prepare(
          `INSERT INTO units (code, name, level, parent_code, path, depth, created_at, updated_at)
           SELECT j.value ->> '$.code', j.value ->> '$.name', j.value ->> '$.level', j.value ->> '$.parent',
                  j.value ->> '$.path', j.value ->> '$.depth', ?2, ?2
           FROM json_each(?1) j WHERE true
           ON CONFLICT (code) DO UPDATE SET
             name = excluded.name, level = excluded.level, parent_code = excluded.parent_code,
             path = excluded.path, depth = excluded.depth,
             updated_at = CASE WHEN units.name IS excluded.name AND units.level IS excluded.level
                               AND units.parent_code IS excluded.parent_code THEN units.updated_at
                               ELSE excluded.updated_at END`,
        )
        .bind(json, audit.at),
    );
  }
  if (movedRoots.length > 0) {
    // Stored descendants of a moved unit follow it: recompute their paths from the parent links.
    stmts.push(
      db
        .prepare(
          `WITH RECURSIVE t(code, path, depth) AS (
             SELECT code, path, depth FROM units WHERE code IN (SELECT value FROM json_each(?1))
             UNION ALL
             SELECT u.code, t.path || u.code || '/', t.depth + 1 FROM units u JOIN t ON u.parent_code = t.code
           )
           UPDATE units SET path = t.path, depth = t.depth FROM t
           WHERE units.code = t.code AND units.path <> t.path`,
        )
        .bind(JSON.stringify(movedRoots)),
    );
  }
  return stmts;
}

/**
 * The units a plan issued at `path` may name: its subtree in force, its ancestors, and their direct children (the
 * offices above it that reports go through). Read for plan extraction, which resolves names against them.
 */
export async function unitsAround(db: D1Database, path: string) {
  const ancestors = pathCodes(path).slice(0, -1);
  const { results } = await db.prepare(
    `SELECT code, name, level, parent_code AS parent FROM units
     WHERE valid_to IS NULL AND ((path >= ?1 AND path < ?2) OR code IN (SELECT value FROM json_each(?3)) OR parent_code IN (SELECT value FROM json_each(?3)))`,
  ).bind(path, subtreeEnd(path), JSON.stringify(ancestors)).all<{ code: string; name: string; level: string; parent: string | null }>();
  return results;
}

/** Every unit in force, as a reorganisation compares the new hierarchy with it. */
export async function unitsInForce(db: D1Database): Promise<Map<string, StoredUnit>> {
  const { results } = await db.prepare('SELECT code, name, level, parent_code AS parent, path FROM units WHERE valid_to IS NULL').all<StoredUnit>();
  return new Map(results.map((r) => [r.code, r]));
}

/**
 * The unit half of a reorganisation, for one D1 batch: the old versions of continuing units that change are kept
 * (valid until `effective`), new and changed units written with their new paths (valid from `effective`), units the
 * new hierarchy leaves out closed (their rows keep their last name, parent and path), the successions stored, and
 * every change audited.
 */
export function reorganiseStatements(
  db: D1Database,
  r: { write: PlannedUnit[]; changed: string[]; closed: string[]; successions: { from: string; to: string; type: string }[] },
  effective: string,
  audit: { at: string; actor: string; actorUnit: string | null },
): D1PreparedStatement[] {
  const stmts = [
    db.prepare(
      `INSERT INTO unit_versions (code, valid_from, valid_to, name, level, parent_code, path)
       SELECT code, valid_from, ?2, name, level, parent_code, path FROM units WHERE code IN (SELECT value FROM json_each(?1))
       ON CONFLICT (code, valid_to) DO NOTHING`,
    ).bind(JSON.stringify(r.changed), effective),
  ];
  for (let i = 0; i < r.write.length; i += IMPORT_CHUNK) {
    stmts.push(db.prepare(
      `INSERT INTO units (code, name, level, parent_code, path, depth, created_at, updated_at, valid_from)
       SELECT j.value ->> '$.code', j.value ->> '$.name', j.value ->> '$.level', j.value ->> '$.parent', j.value ->> '$.path', j.value ->> '$.depth', ?2, ?2, ?3
       FROM json_each(?1) j WHERE true
       ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level, parent_code = excluded.parent_code,
         path = excluded.path, depth = excluded.depth, updated_at = excluded.updated_at, valid_from = excluded.valid_from`,
    ).bind(JSON.stringify(r.write.slice(i, i + IMPORT_CHUNK)), audit.at, effective));
  }
  stmts.push(
    db.prepare('UPDATE units SET valid_to = ?2, updated_at = ?3 WHERE code IN (SELECT value FROM json_each(?1)) AND valid_to IS NULL')
      .bind(JSON.stringify(r.closed), effective, audit.at),
    db.prepare(
      `INSERT INTO successions (from_code, to_code, type, effective)
       SELECT value ->> '$.from', value ->> '$.to', value ->> '$.type', ?2 FROM json_each(?1) WHERE true
       ON CONFLICT (from_code, to_code) DO UPDATE SET type = excluded.type, effective = excluded.effective`,
    ).bind(JSON.stringify(r.successions), effective),
    db.prepare(
      `INSERT INTO audit_log (at, actor, actor_unit, action, entity_type, entity_id, unit_code, before_json, after_json)
       SELECT ?2, ?3, ?4, value ->> '$.action', 'unit', value ->> '$.code', value ->> '$.code', NULL, json_object('effective', ?5)
       FROM json_each(?1)`,
    ).bind(JSON.stringify([
      ...r.write.map((u) => ({ code: u.code, action: r.changed.includes(u.code) ? 'unit.change' : 'unit.create' })),
      ...r.closed.map((code) => ({ code, action: 'unit.close' })),
    ]), audit.at, audit.actor, audit.actorUnit, effective),
  );
  return stmts;
}
