import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatPath } from '../../../worker/src/errors';
import { readContract, setAt, wire, type Contract, type Key, type Parameter, type Schema } from '../contract';
import { api, fingerprint } from '../helpers';
import { pathOf, setUpScene, WRITE_ROUTES, type WriteRoute } from './write-routes';

/**
 * Whatever a write route is sent that the contract forbids — garbage, a valid body with one field anywhere broken, a
 * name that exists nowhere, a path that names nothing, a well-formed request the stored state refuses — the answer is
 * a 4xx problem document, and the database is exactly as it was.
 */
type Attempt = { path: string; text?: string; headers?: Record<string, string>; names?: string };

let contract: Contract;
beforeAll(async () => {
  await setUpScene();
  contract = await readContract();
});

/** A value of each JSON type, and past every bound the contract sets (strings ≤ 5000, numbers ≤ 2100): candidates for one broken field. */
const ODD_VALUES: unknown[] = [{}, [], 'chuỗi', '', 'x'.repeat(5001), 42, -1, 0, 0.5, 1e6, Infinity, true, null];
const MALFORMED = ['', '{"values": [', '{"a":1}{', '\u0000', 'nul', '[[[[[[[[[[]]]]]]]]]]', '{"__proto__":{"admin":true}}', '1e999'];
const WRONG_MEDIA_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=ranh-gioi', 'application/xml'];
/** Path parameters that are times, not stored things: they have bounds, but no name that "exists nowhere". */
const TIME_PARAMS = new Set(['period', 'year']);
/** Shaped like the API's ids and unit codes, naming nothing stored. */
const UNKNOWN_ID = fc.stringMatching(/^[a-z]{2}_[A-Za-z0-9]{8,12}$/);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Every change of one node of `valid` that must be refused — one the contract forbids, or a name (of a unit, an
 * indicator…) that exists nowhere — with the node's path, which a 400 must name.
 */
function breakages(valid: unknown, schema: Schema, refs: string[] = []): { at: Key[]; body: unknown }[] {
  const out: { at: Key[]; body: unknown }[] = [];
  for (const { path, value } of contract.nodes(valid, schema)) {
    const bodies = ODD_VALUES.map((odd) => setAt(valid, path, odd));
    if (Array.isArray(value) && value.length) bodies.push(setAt(valid, path, Array(1001).fill(value[0])));
    if (isObject(value)) {
      bodies.push(setAt(valid, path, { ...value, ghiChu: 'thừa' }), ...Object.keys(value).map((k) => setAt(valid, [...path, k], undefined)));
    }
    out.push(...bodies.filter((body) => !contract.accepts(schema, body)).map((body) => ({ at: path, body })));
    const key = path.filter((k) => typeof k === 'string').pop();
    if (typeof value === 'string' && refs.includes(String(key))) {
      out.push({ at: path, body: setAt(valid, path, 'KHONG_CO') });
    }
  }
  return out;
}

/** Any text that is not JSON of a body the contract allows. */
function garbage(schema: Schema): fc.Arbitrary<string> {
  const allowed = (text: string) => {
    try {
      return contract.accepts(schema, JSON.parse(text));
    } catch {
      return false;
    }
  };
  return fc.oneof(fc.anything().map(wire), fc.json(), fc.string(), fc.constantFrom(...MALFORMED)).filter((text) => !allowed(text));
}

/** A value of a path parameter that is out of bounds or names nothing. */
function badParam(p: Parameter): fc.Arbitrary<string> {
  const s = p.schema;
  const bad: fc.Arbitrary<string>[] = [];
  if (s.maxLength !== undefined) bad.push(fc.string({ minLength: s.maxLength + 1, maxLength: s.maxLength + 30 }));
  // A string the route coerces (a year): whatever it coerces to lies outside the bounds.
  if (s.type === 'integer') bad.push(fc.oneof(fc.string(), fc.integer().map(String)).filter((x) => !contract.accepts(s, Number(x))));
  if (s.pattern !== undefined) bad.push(fc.string({ maxLength: 40 }).filter((x) => !new RegExp(s.pattern!).test(x)));
  if (!TIME_PARAMS.has(p.name)) bad.push(UNKNOWN_ID);
  // "." and ".." would be resolved away as path segments, leaving another URL.
  return fc.oneof(...bad).filter((x) => x !== '.' && x !== '..');
}

const CSV_COLUMNS = ['code', 'name', 'level', 'parent'];
const csv = (rows: Record<string, string>[], columns = CSV_COLUMNS) =>
  [columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c] ?? '')).join(','))].join('\r\n');

/** A CSV cell, quoted when it holds a comma, a quote or a line break. */
function csvCell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The import's rows as CSV, broken: a header lacking a column, a quote never closed, or one cell the contract forbids. */
function csvBreakages(units: Record<string, string>[], schema: Schema, refs: string[] = []): string[] {
  // What the Worker reads from a CSV row: trimmed codes, and no parent for an empty cell.
  const asRead = (r: Record<string, string>) => ({ code: r.code!.trim(), name: r.name, level: r.level!.trim(), parent: r.parent!.trim() || null });
  const out = CSV_COLUMNS.map((c) => csv(units, CSV_COLUMNS.filter((x) => x !== c)));
  out.push(`${csv(units)}\r\n"27170,Phường 12,commune,771`);
  units.forEach((row, i) => {
    for (const column of CSV_COLUMNS) {
      for (const cell of ['', ' ', 'chuỗi', 'x'.repeat(5001), 'KHONG_CO']) {
        const broken = units.map((r, k) => (k === i ? { ...r, [column]: cell } : r));
        const dangling = cell === 'KHONG_CO' && refs.includes(column);
        if (dangling || !contract.accepts(schema, { units: broken.map(asRead) })) out.push(csv(broken));
      }
    }
  });
  return out;
}

/** The ways to send `route` something it must refuse, in one arbitrary. */
function attempts(route: string, r: WriteRoute): fc.Arbitrary<Attempt> {
  const op = contract.writes.get(route)!;
  const path = pathOf(route, r.params());
  const valid = r.body?.();
  const kinds: fc.Arbitrary<Attempt>[] = [];
  const params = (op.parameters ?? []).filter((p) => p.in === 'path');
  if (params.length) {
    kinds.push(fc.constantFrom(...params).chain((p) => badParam(p).map((x) => ({
      path: pathOf(route, { ...r.params(), [p.name]: x }),
      text: valid === undefined ? undefined : wire(valid),
    }))));
  }
  const content = op.requestBody?.content;
  if (valid !== undefined && content) {
    const schema = content['application/json']!.schema;
    kinds.push(garbage(schema).map((text) => ({ path, text })));
    kinds.push(fc.constantFrom(...breakages(valid, schema, r.refs)).map(({ at, body }) => ({
      path, text: wire(body), names: at.length ? formatPath(at) : undefined,
    })));
    // A type the route does not declare (the plan extractor also reads text/plain).
    kinds.push(fc.constantFrom(...WRONG_MEDIA_TYPES.filter((type) => !content[type])).map((type) => ({ path, text: wire(valid), headers: { 'content-type': type } })));
    if (content['text/csv']) {
      const units = (valid as { units: Record<string, string>[] }).units;
      kinds.push(fc.oneof(fc.constantFrom(...csvBreakages(units, schema, r.refs)), fc.string())
        .map((text) => ({ path, text, headers: { 'content-type': 'text/csv' } })));
    }
  }
  return fc.oneof(...kinds);
}

/** Does a problem at `a` speak of the field at `b`: the field, a part of it, or the object or union holding it? */
const within = (inner: string, outer: string) => inner === outer || inner.startsWith(`${outer}.`) || inner.startsWith(`${outer}[`);
const related = (a: string, b: string) => within(a, b) || within(b, a);

async function expectRefused(route: string, a: Attempt) {
  const method = route.split(' ')[0]!;
  const before = await fingerprint();
  const res = await api(method, a.path, { body: a.text, headers: a.headers });
  const what = `${method} ${a.path} ${a.headers ? JSON.stringify(a.headers) : ''} ${a.text?.slice(0, 300) ?? ''} → ${res.status} ${res.text.slice(0, 300)}`;
  expect(res.status, what).toBeGreaterThanOrEqual(400);
  expect(res.status, what).toBeLessThan(500);
  expect(res.headers.get('content-type'), what).toContain('application/problem+json');
  expect(res.json?.detail, what).toBeTypeOf('string');
  // Whatever the fuzzing sees is an answer the route declares in the OpenAPI document — unless an empty path
  // parameter made the URL another one ("/v1/holidays/"), which no route serves: that is the app's own 404.
  if (/\/\/|\/$/.test(a.path.split('?')[0]!)) expect(res.status, what).toBe(404);
  else expect(Object.keys(contract.writes.get(route)?.responses ?? {}), `${what}\nnot declared by ${route}`).toContain(String(res.status));
  if (res.status === 400 && a.names) {
    const paths: string[] = (res.json.errors ?? []).map((e: { path: string }) => e.path);
    expect(paths.some((p) => related(p, a.names!)), `${what}\nshould name ${a.names}`).toBe(true);
  }
  expect(await fingerprint(), what).toBe(before);
}

describe('invalid input on every write route: a 4xx problem document, and nothing changes', () => {
  it('has a generator for every write route the OpenAPI document lists', () => {
    expect(Object.keys(WRITE_ROUTES).sort()).toEqual([...contract.writes.keys()].sort());
  });

  for (const [route, r] of Object.entries(WRITE_ROUTES)) {
    it(route, async () => {
      await fc.assert(fc.asyncProperty(attempts(route, r), (a) => expectRefused(route, a)), { numRuns: 30 });
      for (const refusal of r.refusals?.() ?? []) {
        await expectRefused(route, { path: refusal.path, text: refusal.body === undefined ? undefined : wire(refusal.body), headers: refusal.headers });
      }
    });
  }

  // Last, as it changes the scene: the unbroken requests are accepted, so each refusal above came from what was broken.
  it('accepts the unbroken bodies', async () => {
    for (const [route, r] of Object.entries(WRITE_ROUTES)) {
      if (!r.body) continue;
      const [method] = route.split(' ');
      const path = pathOf(route, r.params());
      const res = await api(method!, path, { body: r.body() });
      expect(res.status, `${route} → ${res.text.slice(0, 300)}`).toBeLessThan(300);
      if (contract.writes.get(route)?.requestBody?.content['text/csv']) {
        const asCsv = await api(method!, path, { csv: csv((r.body() as { units: Record<string, string>[] }).units) });
        expect(asCsv.status, `${route} as CSV → ${asCsv.text.slice(0, 300)}`).toBeLessThan(300);
      }
    }
  });
});
