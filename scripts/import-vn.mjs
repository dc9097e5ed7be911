// `npm run import:vn -- --url URL --token ADMIN_TOKEN [--date 2025-07-01|2025-03-01] [--province CODE]
//                       [--root CODE[=NAME]] [--dry-run]`
// Loads Vietnam's real administrative units (data/vn) into a Cascade through its API:
// - an empty Cascade gets the map in force on --date (default 2025-07-01: 34 provinces, 3,321 communes) by import;
// - a Cascade that holds the 2025-03-01 map gets the reform of 1 July 2025 applied to it (POST /v1/units/reorganise:
//   3-level → 2-level, all or nothing, the merge mapping as successions) so its reports keep rolling up as they were.
// - a Cascade already on the new map gets the units it lacks (an import adds and updates; it never closes a unit).
// --province CODE: only that province (for a Cascade that serves one province: the reform closes what it does not list).
// --root CODE[=NAME]: a national unit on top (default name Việt Nam), for plans issued nationally.
// Offices stored under a continuing province (a Sở, say) are kept; a national unit from an earlier --root is kept.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { importCsv, reformBody, unitsOf } from './vn.mjs';

const FILES = {
  '2025-03-01': 'vn-units-2025-03-01.csv',
  '2025-07-01': 'vn-units-2025-07-01.csv',
};
const dir = join(import.meta.dirname, '..', 'data', 'vn');
const read = (name) => readFileSync(join(dir, name), 'utf8');

const { values: args } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.CASCADE_URL ?? 'http://localhost:8787' },
    token: { type: 'string', default: process.env.ADMIN_TOKEN },
    date: { type: 'string', default: '2025-07-01' },
    province: { type: 'string' },
    root: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

function fail(message) {
  console.error(message);
  process.exit(1);
}

if (args.help) {
  console.log(readFileSync(import.meta.filename, 'utf8').split('\n').filter((l) => l.startsWith('//')).map((l) => l.slice(3)).join('\n'));
  process.exit(0);
}
if (!args.token) fail('Give the admin token: --token adm_… (or ADMIN_TOKEN=… in the environment; `npm start` keeps it in .dev.vars).');
if (!FILES[args.date]) fail(`--date must be one of ${Object.keys(FILES).join(', ')} (the files in data/vn).`);
const root = args.root ? { code: args.root.split('=')[0], name: args.root.split('=')[1] ?? 'Việt Nam' } : undefined;
const base = args.url.replace(/\/+$/, '');

async function call(method, path, body, contentType = 'application/json') {
  let res;
  try {
    res = await fetch(base + path, {
      method,
      headers: { authorization: `Bearer ${args.token}`, ...(body ? { 'content-type': contentType } : {}) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  } catch (e) {
    fail(`Cannot reach Cascade at ${base} (${e.cause?.code ?? e.message}). Is it running (npm start)? Set --url.`);
  }
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const fields = (json?.invalidFields ?? []).slice(0, 20).map((f) => `  ${f.path}: ${f.message}`).join('\n');
    fail(`${method} ${path} → ${res.status} ${json?.title ?? ''}: ${json?.detail ?? text.slice(0, 500)}${fields ? `\n${fields}` : ''}`);
  }
  return json;
}

/** What the target holds: nothing, the old three-level map (a district in force), or the new one. */
async function holds() {
  // Hà Nội, TP.HCM (the demo's city) or the province asked for: any of them stored means the Cascade is not empty.
  let found = false;
  for (const probe of args.province ? [args.province] : ['01', '79']) {
    const res = await fetch(`${base}/v1/units/${probe}`, { headers: { authorization: `Bearer ${args.token}` } }).catch(() => null);
    if (!res) fail(`Cannot reach Cascade at ${base}. Is it running (npm start)? Set --url.`);
    if (res.status === 401) fail('The token was refused (401): give the admin token of this Cascade.');
    if (res.status === 404) continue;
    found = true;
    const children = await call('GET', `/v1/units/${probe}/children?limit=1000`);
    if (children.items.some((u) => u.level === 'district')) return 'old';
  }
  return found ? 'new' : 'empty';
}

/** Every child of a unit in force (all pages). */
async function childrenOf(code) {
  const out = [];
  let cursor = '';
  do {
    const page = await call('GET', `/v1/units/${code}/children?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    out.push(...page.items);
    cursor = page.nextCursor ?? '';
  } while (cursor);
  return out;
}

/**
 * Units the national files do not list but this Cascade holds under a province that continues (its Sở, Ban, …):
 * they stay, under the same parent. (Offices of closed provinces and districts close with them.)
 */
async function keepOffices(body) {
  const listed = new Set(body.units.map((u) => u.code));
  const kept = [];
  for (const p of body.units.filter((u) => u.level === 'province')) {
    const res = await fetch(`${base}/v1/units/${p.code}`, { headers: { authorization: `Bearer ${args.token}` } });
    if (res.status === 404) continue;
    for (const c of await childrenOf(p.code)) {
      if (!listed.has(c.code) && c.level !== 'district' && c.level !== 'commune') kept.push({ code: c.code, name: c.name, level: c.level, parent: p.code });
    }
  }
  body.units.push(...kept);
  return kept.length;
}

/** The national unit the stored provinces hang under, when there is one (an earlier import with --root). */
async function storedRoot() {
  const res = await fetch(`${base}/v1/units/${args.province ?? '01'}`, { headers: { authorization: `Bearer ${args.token}` } });
  if (!res.ok) return undefined;
  const parent = (await res.json()).parent;
  if (!parent || args.province) return undefined;
  const top = await call('GET', `/v1/units/${parent}`);
  return { code: top.code, name: top.name };
}

const state = await holds();
const started = Date.now();
if (args.date === '2025-07-01' && state === 'old') {
  const top = root ?? (await storedRoot());
  const body = reformBody({ after: read(FILES['2025-07-01']), merged: read('vn-communes-merged-2025-07-01.csv'), before: read(FILES['2025-03-01']), root: top, province: args.province });
  const offices = await keepOffices(body);
  if (top && !root) console.log(`Keeping the national unit ${top.code} (${top.name}) on top.`);
  if (offices) console.log(`Keeping ${offices} offices of continuing provinces that the national files do not list.`);
  const r = await call('POST', `/v1/units/reorganise${args['dry-run'] ? '?dryRun=true' : ''}`, body);
  console.log(`${args['dry-run'] ? 'Dry run (nothing written): would apply' : 'Applied'} the reform of ${r.effective} in ${((Date.now() - started) / 1000).toFixed(1)} s:
  ${body.units.length} units in force: ${r.continued} continue (${r.changed} renamed or moved), ${r.created} new; ${r.closed} closed; ${r.successions} successions
  obligations: ${r.obligationsCancelled} cancelled (closed units), ${r.obligationsCreated} created (new units), ${r.obligationsMoved} moved; plans closed: ${r.plansClosed}`);
} else {
  if (state === 'new' && args.date === '2025-03-01') fail('This Cascade already holds the map of 2025-07-01; importing the old one over it would undo the reform. Use a new database.');
  if (args['dry-run']) fail('--dry-run applies to the reform only (an import writes nothing it cannot update again).');
  // filling in keeps the provinces under the national unit they hang from (or they would be re-parented to none)
  const top = root ?? (state === 'new' ? await storedRoot() : undefined);
  const units = unitsOf(read(FILES[args.date]), { root: top, province: args.province });
  const r = await call('POST', '/v1/units/import', importCsv(units), 'text/csv');
  // On a Cascade that already runs on the new map this fills in the units it lacks (an import adds and updates, never closes).
  console.log(`Imported the map of ${args.date} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${r.total} units (${r.created} new, ${r.updated} updated).`);
}
