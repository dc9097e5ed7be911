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
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function getUnit(db: D1Database, code: string): Promise<UnitRow | null> {
  return db.prepare('SELECT * FROM units WHERE code = ?').bind(code).first<UnitRow>();
}

/** Uses units_parent (parent_code, code); keyset pagination on code. */
export async function listChildren(
  db: D1Database,
  code: string,
  opts: { level?: string; limit: number; after?: string },
): Promise<UnitRow[]> {
  const { results } = await db
    .prepare(
      `SELECT * FROM units WHERE parent_code = ?1 AND code > ?2 AND (?3 IS NULL OR level = ?3)
       ORDER BY code LIMIT ?4`,
    )
    .bind(code, opts.after ?? '', opts.level ?? null, opts.limit)
    .all<UnitRow>();
  return results;
}

/** The subtree of `root` down to `maxDepth` levels below it, via the path range on the primary path index. */
export async function getTree(db: D1Database, root: UnitRow, maxDepth: number): Promise<UnitTreeNode> {
  const { results } = await db
    .prepare(
      `SELECT code, name, level, parent_code FROM units
       WHERE path >= ?1 AND path < ?2 AND depth <= ?3 ORDER BY path`,
    )
    .bind(root.path, subtreeEnd(root.path), root.depth + maxDepth)
    .all<{ code: string; name: string; level: string; parent_code: string | null }>();
  const nodes = new Map<string, UnitTreeNode>();
  for (const r of results) {
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
