import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, HCM_TREE, importUnits, resetDb } from '../helpers';

/**
 * Whatever garbage reaches a write route — random JSON, or a valid body with one field anywhere turned into the wrong
 * type — the answer is a 4xx problem document and the database is exactly as before. Every write route the OpenAPI
 * document lists must be covered here.
 */
const q10Plan = () => ({
  number: 'KH-PAPI/Q10', title: 'Nâng cao Chỉ số PAPI', issuer: '771', issuedOn: '2020-09-01', years: [2021],
  tasks: [{ code: 'T1', title: 'Tham gia của người dân ở cấp cơ sở', assignees: { level: 'commune' } }],
  indicators: [
    { code: 'TTHC_DUNG_HAN', name: 'Tỷ lệ hồ sơ đúng hạn', kind: 'percent', target: { op: '>', value: 95 } },
    { code: 'HOI_NGHI', name: 'Số hội nghị tuyên truyền', kind: 'count', unit: 'hội nghị' },
  ],
  schedules: [{ code: 'NAM', periodType: 'year', due: { rule: 'fixedDate', month: 10, day: 15 }, appliesTo: { level: 'commune' }, reportTo: '771', reminders: { before: [7, 1] } }],
  criteria: [{ code: 'C1', name: 'Phối hợp tuyên truyền', maxPoints: 2 }],
});
let plan = '';
let draft = '';
let schedule = '';
let webhook = '';
const report = () => `/v1/reports/27163/${schedule}/2021`;

type WithBody = { body: () => unknown; path: () => string; method: string };
/** Routes that take a body: a valid one to mutate. */
const WITH_BODY: Record<string, WithBody> = {
  'POST /v1/units/import': { method: 'POST', path: () => '/v1/units/import', body: () => ({ units: [{ code: '27169', name: 'Phường 14', level: 'commune', parent: '771' }] }) },
  'POST /v1/tokens': { method: 'POST', path: () => '/v1/tokens', body: () => ({ unit: '27163', role: 'submitter', label: 'Cán bộ văn phòng' }) },
  'POST /v1/plans': { method: 'POST', path: () => '/v1/plans', body: q10Plan },
  'PATCH /v1/plans/{id}': { method: 'PATCH', path: () => `/v1/plans/${draft}`, body: () => { const { issuer: _, ...rest } = q10Plan(); return { ...rest, title: 'Dự thảo' }; } },
  'POST /v1/plans/{id}/derive': { method: 'POST', path: () => `/v1/plans/${plan}/derive`, body: () => ({ issuer: '27163' }) },
  'PUT /v1/holidays/{year}': { method: 'PUT', path: () => '/v1/holidays/2021', body: () => ({ holidays: [{ date: '2021-09-02', name: 'Quốc khánh' }] }) },
  'PUT /v1/reports/{unit}/{scheduleId}/{period}': {
    method: 'PUT', path: report,
    body: () => ({ values: [{ indicator: 'TTHC_DUNG_HAN', numerator: 97, denominator: 100, note: 'Quý IV' }, { indicator: 'HOI_NGHI', value: 3 }],
      tasks: [{ task: 'T1', status: 'done', result: 'Đã tổ chức' }], submit: true }),
  },
  'POST /v1/reports/{unit}/{scheduleId}/{period}/return': { method: 'POST', path: () => `${report()}/return`, body: () => ({ reason: 'Bổ sung số liệu' }) },
  'PUT /v1/scores/{unit}/{planId}/{period}': { method: 'PUT', path: () => `/v1/scores/27163/${plan}/2021`, body: () => ({ criteria: [{ code: 'C1', points: 2 }] }) },
  'POST /v1/webhooks': { method: 'POST', path: () => '/v1/webhooks', body: () => ({ unit: '771', url: 'https://hooks.example.vn/q10', events: ['report.submitted'] }) },
  'PATCH /v1/webhooks/{id}': { method: 'PATCH', path: () => `/v1/webhooks/${webhook}`, body: () => ({ format: 'text', events: ['report.submitted'] }) },
};
/** Routes without a body: the invalid part is the id in the path. */
const WITHOUT_BODY: Record<string, { method: string; path: (id: string) => string }> = {
  'DELETE /v1/tokens/{id}': { method: 'DELETE', path: (id) => `/v1/tokens/${id}` },
  'POST /v1/plans/{id}/activate': { method: 'POST', path: (id) => `/v1/plans/${id}/activate` },
  'POST /v1/plans/{id}/archive': { method: 'POST', path: (id) => `/v1/plans/${id}/archive` },
  'POST /v1/reports/{unit}/{scheduleId}/{period}/accept': { method: 'POST', path: (id) => `/v1/reports/27163/${id}/2021/accept` },
  'POST /v1/reports/{unit}/{scheduleId}/{period}/compile': { method: 'POST', path: (id) => `/v1/reports/771/${id}/2021/compile` },
  'DELETE /v1/webhooks/{id}': { method: 'DELETE', path: (id) => `/v1/webhooks/${id}` },
  'POST /v1/webhooks/{id}/rotate-secret': { method: 'POST', path: (id) => `/v1/webhooks/${id}/rotate-secret` },
  'POST /v1/webhooks/{id}/ping': { method: 'POST', path: (id) => `/v1/webhooks/${id}/ping` },
  'POST /v1/webhooks/{id}/deliveries/{deliveryId}/redeliver': { method: 'POST', path: (id) => `/v1/webhooks/${webhook}/deliveries/${id}/redeliver` },
};

/** Every row of every table, as one string: equal before and after means nothing changed. */
async function fingerprint(): Promise<string> {
  const { results: tables } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%' ORDER BY name",
  ).all<{ name: string }>();
  const rows = await env.DB.batch(tables.map((t) => env.DB.prepare(`SELECT * FROM "${t.name}"`)));
  return JSON.stringify(rows.map((r, i) => [tables[i]!.name, r.results]));
}

/** Paths to every node of a JSON value. */
function paths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(v)) return [at, ...v.flatMap((x, i) => paths(x, [...at, i]))];
  if (v && typeof v === 'object') return [at, ...Object.entries(v).flatMap(([k, x]) => paths(x, [...at, k]))];
  return [at];
}
/** A copy with the node at `path` replaced by something of the wrong type: scalars become objects, containers scalars. */
function mutate(body: unknown, path: (string | number)[], scalar: number | string): unknown {
  const copy = structuredClone(body) as any;
  if (path.length === 0) return scalar;
  let node = copy;
  for (const k of path.slice(0, -1)) node = node[k];
  const last = path[path.length - 1]!;
  node[last] = node[last] !== null && typeof node[last] === 'object' ? scalar : { wrong: scalar };
  return copy;
}

const garbage = fc.oneof(
  fc.jsonValue().filter((v) => v === null || typeof v !== 'object' || Array.isArray(v)),
  fc.constantFrom('{"values": [', '{"a":1}{', '\u0000', '', '[[[[[[[[[[]]]]]]]]]]'),
);

beforeAll(async () => {
  await resetDb();
  await importUnits(HCM_TREE);
  const created = (await api('POST', '/v1/plans', { body: q10Plan() })).json;
  plan = created.id;
  schedule = created.schedules[0].id;
  await api('POST', `/v1/plans/${plan}/activate`);
  draft = (await api('POST', '/v1/plans', { body: { ...q10Plan(), number: 'DU-THAO' } })).json.id;
  await api('PUT', report(), { body: WITH_BODY['PUT /v1/reports/{unit}/{scheduleId}/{period}']!.body() });
  webhook = (await api('POST', '/v1/webhooks', { body: { unit: '771', url: 'https://hooks.example.vn/q10', events: ['report.submitted'] } })).json.id;
});

async function expectRefusedUnchanged(method: string, path: string, body: unknown) {
  const before = await fingerprint();
  const res = await api(method, path, { body: typeof body === 'string' ? body : JSON.stringify(body) });
  const what = `${method} ${path} ${JSON.stringify(body)?.slice(0, 200)} → ${res.status} ${res.text.slice(0, 200)}`;
  expect(res.status, what).toBeGreaterThanOrEqual(400);
  expect(res.status, what).toBeLessThan(500);
  expect(res.headers.get('content-type'), what).toContain('application/problem+json');
  expect(res.json?.detail, what).toBeTypeOf('string');
  expect(await fingerprint(), what).toBe(before);
}

describe('random invalid input on every write route: a 4xx problem document, and nothing changes', () => {
  it('covers every write route of the OpenAPI document', async () => {
    const doc = (await api('GET', '/v1/openapi.json', { token: null })).json;
    const writes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).filter((m) => ['post', 'put', 'patch', 'delete'].includes(m)).map((m) => `${m.toUpperCase()} ${path}`));
    const covered = new Set([...Object.keys(WITH_BODY), ...Object.keys(WITHOUT_BODY)]);
    expect(writes.filter((w) => !covered.has(w)), 'write routes with no invalid-input generator').toEqual([]);
  });

  for (const [route, r] of Object.entries(WITH_BODY)) {
    it(`${route}: garbage bodies`, async () => {
      await fc.assert(fc.asyncProperty(garbage, (body) => expectRefusedUnchanged(r.method, r.path(), typeof body === 'string' ? body : JSON.stringify(body))), { numRuns: 12 });
    });
    it(`${route}: a valid body with one field anywhere of the wrong type`, async () => {
      const valid = r.body();
      const nodes = paths(valid).filter((p) => p.length > 0);
      await fc.assert(fc.asyncProperty(fc.constantFrom(...nodes), fc.oneof(fc.integer(), fc.string({ maxLength: 5 })), (path, scalar) =>
        expectRefusedUnchanged(r.method, r.path(), mutate(valid, path, scalar))), { numRuns: 20 });
    });
  }

  // Last, so the properties above ran against the same state: the unmutated bodies are accepted, so every refusal
  // above was caused by the mutation.
  it('the valid bodies themselves are accepted', async () => {
    for (const [route, r] of Object.entries(WITH_BODY)) {
      const res = await api(r.method, r.path(), { body: r.body() });
      expect(res.status, `${route} → ${res.text.slice(0, 300)}`).toBeLessThan(300);
    }
  });

  for (const [route, r] of Object.entries(WITHOUT_BODY)) {
    it(`${route}: ids that do not exist`, async () => {
      const id = fc.oneof(fc.stringMatching(/^[a-z_]{1,12}[0-9]{0,6}$/), fc.constantFrom('0', 'pl_', 'whk_nope', 'dlv_' + 'f'.repeat(20)));
      await fc.assert(fc.asyncProperty(id, (x) => expectRefusedUnchanged(r.method, r.path(x), undefined)), { numRuns: 8 });
    });
  }
});

describe('limits', () => {
  const ONE_MB = 1024 * 1024;
  it('a body over 1 MB gets 413 on every write route (16 MB for a unit import), and nothing changes', async () => {
    for (const [route, r] of Object.entries(WITH_BODY)) {
      const size = route === 'POST /v1/units/import' ? 16 * ONE_MB : ONE_MB;
      const before = await fingerprint();
      const res = await api(r.method, r.path(), { body: `{"pad":"${'x'.repeat(size)}"}` });
      expect(res.status, route).toBe(413);
      expect(res.json.detail, route).toMatch(/at most (1|16) MB/);
      expect(await fingerprint(), route).toBe(before);
    }
  });

  it('over-long strings and too many values get 400 naming the field', async () => {
    const cases: [string, string, unknown, string][] = [
      ['POST', '/v1/plans', { ...q10Plan(), title: 'K'.repeat(501) }, 'title'],
      ['PUT', report(), { values: Array.from({ length: 1001 }, () => ({ indicator: 'HOI_NGHI', value: 1 })) }, 'values'],
      ['PUT', report(), { values: [{ indicator: 'HOI_NGHI', value: 1, note: 'n'.repeat(1001) }] }, 'values[0].note'],
      ['POST', '/v1/units/import', { units: [{ code: '27169', name: 'P'.repeat(501), level: 'commune', parent: '771' }] }, 'units[0].name'],
      ['PUT', '/v1/holidays/2021', { holidays: Array.from({ length: 61 }, (_, i) => ({ date: `2021-01-${String((i % 28) + 1).padStart(2, '0')}`, name: 'Nghỉ' })) }, 'holidays'],
      ['POST', '/v1/webhooks', { unit: '771', url: `https://hooks.example.vn/${'a'.repeat(3000)}`, events: ['report.submitted'] }, 'url'],
    ];
    for (const [method, path, body, field] of cases) {
      const before = await fingerprint();
      const res = await api(method, path, { body });
      expect(res.status, `${path} ${field}: ${res.text.slice(0, 300)}`).toBe(400);
      expect(res.json.errors.map((e: { path: string }) => e.path), `${path} ${field}`).toContain(field);
      expect(await fingerprint()).toBe(before);
    }
  });
});
