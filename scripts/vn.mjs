// Vietnam's administrative units from the files in data/vn (see data/vn/README.md), turned into the bodies of
// POST /v1/units/import and POST /v1/units/reorganise. Pure: text in, bodies out (used by `npm run import:vn`,
// `npm start`'s demo and the tests, which run the real reform through the API).

/** RFC 4180 rows of a CSV text as objects keyed by its header (names with commas are quoted in these files). */
export function csvRows(text) {
  const src = text.replace(/^\uFEFF/, '');
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') cell += src[++i];
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') (row.push(cell), (cell = ''));
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(cell);
      if (row.some((c) => c !== '')) rows.push(row);
      (row = []), (cell = '');
    } else cell += ch;
  }
  if (cell || row.length) rows.push([...row, cell]);
  const [head = [], ...rest] = rows;
  return rest.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}

const quote = (v) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** The units of one file, optionally under a national root (`root: {code, name}`) or cut to one province. */
export function unitsOf(text, { root, province } = {}) {
  let units = csvRows(text).map((u) => ({ code: u.code, name: u.name, level: u.level, parent: u.parent || null }));
  if (province) {
    const keep = new Set([province]);
    // parents come before their children in these files, but do not rely on it: repeat until nothing is added
    for (let added = true; added; ) {
      added = false;
      for (const u of units) if (!keep.has(u.code) && u.parent && keep.has(u.parent)) (keep.add(u.code), (added = true));
    }
    if (!units.some((u) => u.code === province)) throw new Error(`province ${province} is not in this file`);
    units = units.filter((u) => keep.has(u.code));
  }
  if (root) units = [{ code: root.code, name: root.name, level: 'nation', parent: null }, ...units.map((u) => ({ ...u, parent: u.parent ?? root.code }))];
  return units;
}

/** The CSV that POST /v1/units/import takes. */
export function importCsv(units) {
  return ['code,name,level,parent', ...units.map((u) => [u.code, u.name, u.level, u.parent ?? ''].map(quote).join(','))].join('\n') + '\n';
}

/**
 * The body of POST /v1/units/reorganise for the reform: `units` the hierarchy in force from `effective`; the
 * communes' successions from the merge mapping; and for every province that closes, the provinces its communes went
 * to (`full` when all went to one, `partial` to each otherwise), so that its history names where it went. Districts
 * close without successors: their communes carry the history.
 * `before` (the hierarchy being replaced) is needed only for the provinces; without it they get no successions.
 */
export function reformBody({ after, merged, before, effective = '2025-07-01', root, province }) {
  const units = unitsOf(after, { root, province });
  const inForce = new Set(units.map((u) => u.code));
  const mapping = csvRows(merged).filter((m) => inForce.has(m.new_code));
  const successions = mapping.map((m) => ({ from: m.old_code, to: m.new_code, type: m.type }));
  if (before) {
    const old = new Map(unitsOf(before).map((u) => [u.code, u]));
    const newParent = new Map(units.map((u) => [u.code, u.parent]));
    const provinceOf = (code) => {
      let u = old.get(code);
      while (u && u.level !== 'province' && u.parent) u = old.get(u.parent);
      return u?.level === 'province' ? u.code : undefined;
    };
    const went = new Map();
    for (const m of mapping) {
      const from = provinceOf(m.old_code);
      const to = newParent.get(m.new_code);
      if (!from || !to || inForce.has(from)) continue;
      if (!went.has(from)) went.set(from, new Set());
      went.get(from).add(to);
    }
    for (const [from, tos] of went) for (const to of tos) successions.push({ from, to, type: tos.size === 1 ? 'full' : 'partial' });
  }
  return { effective, units, successions };
}
