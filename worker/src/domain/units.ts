import { t, type FieldProblem } from '../../../schemas/text';

/** What the import needs to know of a unit already stored. */
export type StoredUnit = { code: string; name: string; level: string; parent: string | null; path: string };
export type IncomingUnit = { code: string; name: string; level: string; parent: string | null };
export type PlannedUnit = IncomingUnit & { path: string; depth: number };

export type ImportPlan = {
  /** rows to upsert, parents before children */
  write: PlannedUnit[];
  /** the subset of `write` that is new or changed name/level/parent (audited) */
  changed: Set<string>;
  /** existing units whose path changes: their stored descendants must follow */
  movedRoots: string[];
  created: number;
  updated: number;
  unchanged: number;
  moved: number;
};

/** "/79/771/" → "/79/7710": every path in the subtree sorts in [path, end). */
export function subtreeEnd(path: string): string {
  return path.slice(0, -1) + '0';
}

export function pathCodes(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/**
 * Plans an all-or-nothing upsert of `incoming` over `stored` (the stored rows for every incoming
 * code and every parent it names). Returns every problem with its row index, or the plan.
 * The final parent of a stored unit not in the payload is read off the stored paths, so cycles
 * through units already in the database are caught too.
 */
export function planImport(
  incoming: readonly IncomingUnit[],
  stored: ReadonlyMap<string, StoredUnit>,
  rowPath: (index: number, field?: string) => string,
): { problems: FieldProblem[] } | { plan: ImportPlan } {
  const problems: FieldProblem[] = [];
  const byCode = new Map<string, number>();
  incoming.forEach((u, i) => {
    const first = byCode.get(u.code);
    if (first !== undefined) {
      problems.push({ path: rowPath(i, 'code'), message: t(`duplicate code ${u.code} (also at ${rowPath(first)})`, `mã ${u.code} bị trùng (đã có ở ${rowPath(first)})`) });
    } else byCode.set(u.code, i);
  });

  // Final parent of every node the walk can reach: the payload's word for payload units,
  // the stored paths' for the rest.
  const storedParent = new Map<string, string | null>();
  for (const s of stored.values()) {
    const codes = pathCodes(s.path);
    codes.forEach((code, k) => storedParent.set(code, k === 0 ? null : codes[k - 1]!));
  }
  const parentOf = (code: string): string | null | undefined => {
    const i = byCode.get(code);
    if (i !== undefined) return incoming[i]!.parent;
    return storedParent.get(code);
  };

  const paths = new Map<string, string>();
  const failed = new Set<string>();
  for (const [code, i] of byCode) {
    const parent = incoming[i]!.parent;
    if (parent !== null && parentOf(parent) === undefined) {
      problems.push({ path: rowPath(i, 'parent'), message: t(`unknown parent ${parent}: it is neither in this import nor stored`, `không có đơn vị cấp trên mã ${parent}: không có trong tệp nhập cũng như trong hệ thống`) });
      failed.add(code);
    }
  }
  for (const code of byCode.keys()) {
    if (paths.has(code) || failed.has(code)) continue;
    // Walk up until a known path, a root or a repeat (a cycle).
    const chain: string[] = [];
    const onChain = new Set<string>();
    let cur: string | null | undefined = code;
    let base = '/';
    let broken = false;
    while (cur !== null && cur !== undefined) {
      const known = paths.get(cur);
      if (known) {
        base = known;
        break;
      }
      if (failed.has(cur)) {
        broken = true;
        break;
      }
      if (onChain.has(cur)) {
        const cycle = [...chain.slice(chain.indexOf(cur)), cur];
        for (const c of cycle.slice(0, -1)) {
          const i = byCode.get(c);
          if (i !== undefined && !failed.has(c)) {
            problems.push({ path: rowPath(i, 'parent'), message: t(`cycle: ${cycle.join(' → ')}`, `quan hệ cấp trên lặp vòng: ${cycle.join(' → ')}`) });
          }
          failed.add(c);
        }
        broken = true;
        break;
      }
      chain.push(cur);
      onChain.add(cur);
      cur = parentOf(cur);
    }
    for (let k = chain.length - 1; k >= 0; k--) {
      const c = chain[k]!;
      if (broken) {
        failed.add(c);
        continue;
      }
      base = `${base}${c}/`;
      paths.set(c, base);
    }
  }
  if (problems.length > 0) return { problems };

  const plan: ImportPlan = { write: [], changed: new Set(), movedRoots: [], created: 0, updated: 0, unchanged: 0, moved: 0 };
  for (const [code, i] of byCode) {
    const u = incoming[i]!;
    const path = paths.get(code)!;
    const old = stored.get(code);
    const planned = { ...u, path, depth: pathCodes(path).length - 1 };
    if (!old) {
      plan.created++;
      plan.changed.add(code);
      plan.write.push(planned);
      continue;
    }
    const changed = old.name !== u.name || old.level !== u.level || old.parent !== u.parent;
    if (changed) {
      plan.updated++;
      plan.changed.add(code);
    } else plan.unchanged++;
    if (old.parent !== u.parent) plan.moved++;
    if (old.path !== path) plan.movedRoots.push(code);
    if (changed || old.path !== path) plan.write.push(planned);
  }
  plan.write.sort((a, b) => a.depth - b.depth);
  return { plan };
}

export type SuccessionInput = { from: string; to: string; type: 'full' | 'partial' };
export type Reorganisation = {
  /** new units and continuing units whose name, level, parent or path changes: rows to upsert, parents first */
  write: PlannedUnit[];
  created: string[];
  /** continuing codes whose version changes (the old version is kept) */
  changed: string[];
  continued: number;
  /** stored units in force that the new hierarchy leaves out */
  closed: string[];
  /** successions worth storing (a code that continues into itself is not one) */
  successions: SuccessionInput[];
};

/**
 * Plans a reorganisation (DESIGN §10): `incoming` is the whole hierarchy in force from the effective day, so its
 * parents must all be in it; a stored unit in force that it leaves out closes; a code in it that exists continues.
 * Every problem with its row: bad parents and cycles as for an import, and successions from a unit that is not in
 * force, to a unit not in the new hierarchy, or given twice.
 */
export function planReorganisation(
  incoming: readonly IncomingUnit[],
  successions: readonly SuccessionInput[],
  inForce: ReadonlyMap<string, StoredUnit>,
  rowPath: (index: number, field?: string) => string,
): { problems: FieldProblem[] } | { plan: Reorganisation } {
  const structure = planImport(incoming, new Map(), rowPath);
  const problems = 'problems' in structure ? [...structure.problems] : [];
  const codes = new Set(incoming.map((u) => u.code));
  const seen = new Map<string, number>();
  successions.forEach((s, i) => {
    const at = `successions[${i}]`;
    if (!inForce.has(s.from)) problems.push({ path: `${at}.from`, message: t(`${s.from} is not a unit in force, so nothing of it can pass on`, `${s.from} không phải đơn vị đang hoạt động nên không thể chuyển sang đơn vị khác`) });
    if (!codes.has(s.to)) problems.push({ path: `${at}.to`, message: t(`${s.to} is not in the new hierarchy`, `${s.to} không có trong danh sách đơn vị mới`) });
    const key = `${s.from}→${s.to}`;
    const first = seen.get(key);
    if (first !== undefined) problems.push({ path: at, message: t(`duplicate succession ${key} (also at successions[${first}])`, `quan hệ kế thừa ${key} bị trùng (đã có ở successions[${first}])`) });
    else seen.set(key, i);
  });
  if (problems.length || 'problems' in structure) return { problems };
  const write: PlannedUnit[] = [];
  const created: string[] = [];
  const changed: string[] = [];
  let continued = 0;
  const planned = new Map(structure.plan.write.map((u) => [u.code, u]));
  for (const u of incoming) {
    const next = planned.get(u.code)!;
    const old = inForce.get(u.code);
    if (!old) {
      created.push(u.code);
      write.push(next);
      continue;
    }
    continued++;
    if (old.name !== u.name || old.level !== u.level || old.parent !== u.parent || old.path !== next.path) {
      changed.push(u.code);
      write.push(next);
    }
  }
  write.sort((a, b) => a.depth - b.depth);
  const closed = [...inForce.keys()].filter((code) => !codes.has(code));
  return { plan: { write, created, changed, continued, closed, successions: successions.filter((s) => s.from !== s.to) } };
}

export type SuccessionLink = { from_code: string; to_code: string; type: 'full' | 'partial' };

/**
 * The units that became each group (DESIGN §10, "so với cùng kỳ"): its members' own codes and, through the
 * successions, every predecessor's, whole, however many reorganisations back. A group is approximate when one of
 * those predecessors was split (`partial`) and part of it went outside the group; a split inside the group is not.
 */
export function formerUnits(groups: ReadonlyMap<string, readonly string[]>, links: readonly SuccessionLink[]) {
  const into = new Map<string, SuccessionLink[]>();
  const outOf = new Map<string, SuccessionLink[]>();
  for (const l of links) {
    into.set(l.to_code, [...(into.get(l.to_code) ?? []), l]);
    outOf.set(l.from_code, [...(outOf.get(l.from_code) ?? []), l]);
  }
  const out = new Map<string, { codes: string[]; approximate: boolean }>();
  for (const [group, members] of groups) {
    const codes = new Set(members);
    const queue = [...members];
    while (queue.length) {
      for (const l of into.get(queue.pop()!) ?? []) {
        if (!codes.has(l.from_code)) {
          codes.add(l.from_code);
          queue.push(l.from_code);
        }
      }
    }
    const approximate = [...codes].some((c) => (outOf.get(c) ?? []).some((l) => l.type === 'partial' && !codes.has(l.to_code)));
    out.set(group, { codes: [...codes], approximate });
  }
  return out;
}

/** The same period a year earlier: 2026Q2 → 2025Q2, 202605 → 202505, 2026 → 2025; a one-off report has none. */
export function previousYearPeriod(period: string): string | null {
  const m = /^(\d{4})(.*)$/.exec(period);
  return m ? `${Number(m[1]) - 1}${m[2]}` : null;
}
