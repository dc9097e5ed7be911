import { SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatPath } from '../../../worker/src/errors';
import { readContract, setAt, type Contract, type Key } from '../contract';
import { ADMIN, BASE, fingerprint } from '../helpers';
import { pathOf, setUpScene, WRITE_ROUTES } from './write-routes';

/** How much a request may carry: 413 past the body limit; 400 naming the field for a string or list past its bound. */
const MB = 1024 * 1024;
const IMPORT = 'POST /v1/units/import';
const REORGANISE = 'POST /v1/units/reorganise';
const REPORT = 'PUT /v1/reports/{unit}/{scheduleId}/{period}';
/** A whole nation of units is ~1 MB of JSON, so an import or a reorganisation may be 16 MB; any other body 1 MB. */
const limitOf = (route: string) => (route === IMPORT || route === REORGANISE ? 16 * MB : MB);
/** A JSON body of exactly `bytes` bytes. */
const padded = (bytes: number) => `{"pad":"${'x'.repeat(bytes - 10)}"}`;
/** The same bytes with no Content-Length, as a chunked upload sends them. */
const streamed = (text: string) => new ReadableStream({
  start(controller) {
    controller.enqueue(new TextEncoder().encode(text));
    controller.close();
  },
});

let contract: Contract;
beforeAll(async () => {
  await setUpScene();
  contract = await readContract();
});

/** Sends `body` as JSON to `route` in the scene; expects `status`, a problem document and an unchanged database. */
async function expectRefused(route: string, body: string | ReadableStream, status: number) {
  const [method, template] = route.split(' ');
  const path = pathOf(route, WRITE_ROUTES[route]!.params());
  const before = await fingerprint();
  const res = await SELF.fetch(BASE + path, { method, headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body });
  const text = await res.text();
  expect(res.status, `${method} ${template} → ${text.slice(0, 300)}`).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(await fingerprint(), `${method} ${template} changed the database`).toBe(before);
  return JSON.parse(text);
}

describe('body size', () => {
  it('one byte over the limit gets 413 on every write route, declared or streamed, and nothing changes', async () => {
    for (const route of contract.writes.keys()) {
      expect(WRITE_ROUTES, 'a write route missing from write-routes.ts').toHaveProperty([route]);
      const over = padded(limitOf(route) + 1);
      for (const body of [over, streamed(over)]) {
        const problem = await expectRefused(route, body, 413);
        expect(problem.detail, route).toBe(`A request body may be at most ${limitOf(route) / MB} MB.`);
      }
    }
  }, 60_000);

  it('a body of exactly the limit is read, and refused for what it says', async () => {
    for (const [route, r] of Object.entries(WRITE_ROUTES)) if (r.body) await expectRefused(route, padded(limitOf(route)), 400);
  });
});

describe('field bounds', () => {
  it('every string and list a request may carry has an upper bound in the contract', () => {
    const unbounded = [...contract.writes].flatMap(([route, op]) => [
      ...(op.parameters ?? []).flatMap((p) => contract.unbounded(p.schema, `path.${p.name}`)),
      // The CSV import is one string, bounded by the body limit; its rows are the JSON import's.
      ...Object.values(op.requestBody?.content ?? {}).flatMap((c) => (c.schema.type === 'string' ? [] : contract.unbounded(c.schema))),
    ].map((field) => `${route} ${field}`));
    expect(unbounded).toEqual([]);
  });

  it('over-long strings and too many values get 400 naming the field', async () => {
    const cases: [route: string, field: Key[], value: unknown][] = [
      ['POST /v1/plans', ['title'], 'K'.repeat(501)],
      [REPORT, ['values'], Array(1001).fill({ indicator: 'HOI_NGHI', value: 1 })],
      [REPORT, ['values', 0, 'note'], 'n'.repeat(1001)],
      [IMPORT, ['units', 0, 'name'], 'P'.repeat(201)],
      ['PUT /v1/holidays/{year}', ['holidays'], Array(61).fill({ date: '2021-09-02', name: 'Quốc khánh' })],
      ['POST /v1/webhooks', ['url'], `https://hooks.example.vn/${'a'.repeat(2000)}`],
    ];
    for (const [route, field, value] of cases) {
      const problem = await expectRefused(route, JSON.stringify(setAt(WRITE_ROUTES[route]!.body!(), field, value)), 400);
      expect(problem.errors.map((e: { path: string }) => e.path), route).toContain(formatPath(field));
    }
  });

  it('so does one past any bound of any field of any body (or the union holding it, when no branch fits)', async () => {
    for (const [route, r] of Object.entries(WRITE_ROUTES)) {
      if (!r.body) continue;
      const valid = r.body();
      const schema = contract.writes.get(route)!.requestBody!.content['application/json']!.schema;
      for (const { path, value, schema: s, union } of contract.nodes(valid, schema)) {
        const beyond = typeof value === 'string' && s.maxLength !== undefined ? 'x'.repeat(s.maxLength + 1)
          : Array.isArray(value) && value.length && s.maxItems !== undefined ? Array(s.maxItems + 1).fill(value[0])
          : undefined;
        if (beyond === undefined) continue;
        const problem = await expectRefused(route, JSON.stringify(setAt(valid, path, beyond)), 400);
        const named: string[] = problem.errors.map((e: { path: string }) => e.path);
        expect([path, union].some((p) => p && named.includes(formatPath(p))), `${route} ${formatPath(path)}: ${named.join(', ')}`).toBe(true);
      }
    }
  }, 60_000);
});
