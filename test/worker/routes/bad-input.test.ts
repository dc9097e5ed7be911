import { beforeAll, describe, expect, it } from 'vitest';
import { api, HCM_TREE, importUnits, resetDb } from '../helpers';

/** Whatever a client sends, the answer is a 4xx problem document that says what to fix — never a 500. */
let plan = '';
let schedule = '';

beforeAll(async () => {
  await resetDb();
  await importUnits(HCM_TREE);
  const res = await api('POST', '/v1/plans', { body: {
    number: '1/KH', title: 'Kế hoạch', issuer: '771', issuedOn: '2021-01-01', years: [2021],
    indicators: [{ code: 'SO', name: 'Số', kind: 'count' }],
    schedules: [{ code: 'NAM', periodType: 'year', due: { rule: 'fixedDate', month: 12, day: 15 }, appliesTo: { level: 'commune' }, reportTo: '771' }],
  } });
  plan = res.json.id;
  schedule = res.json.schedules[0].id;
  await api('POST', `/v1/plans/${plan}/activate`);
});

const NASTY_BODIES: unknown[] = ['null', '[]', '"x"', '42', '{"a":', { values: 'x' }, { units: [null] }, { criteria: [{}] }, '\u0000', '{"__proto__":{"x":1}}'];

describe('bad input never causes a 500', () => {
  const routes = () => [
    ['POST', '/v1/units/import'],
    ['POST', '/v1/tokens'],
    ['POST', '/v1/plans'],
    ['PATCH', `/v1/plans/${plan}`],
    ['POST', `/v1/plans/${plan}/derive`],
    ['PUT', `/v1/reports/27163/${schedule}/2021`],
    ['POST', `/v1/reports/27163/${schedule}/2021/return`],
    ['PUT', `/v1/scores/27163/${plan}/2021`],
    ['PUT', '/v1/holidays/2021'],
  ] as const;

  it('for malformed and mistyped bodies on every write route', async () => {
    for (const [method, path] of routes()) {
      for (const body of NASTY_BODIES) {
        const res = await api(method, path, { body });
        expect(res.status, `${method} ${path} ${JSON.stringify(body)} → ${res.text}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${method} ${path} ${JSON.stringify(body)} → ${res.text}`).toBeLessThan(500);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
        expect(res.json.detail).toBeTypeOf('string');
      }
    }
  });

  it('for odd paths, queries and headers', async () => {
    const calls: [string, string, Record<string, string>?][] = [
      ['GET', '/v1/units/%E0%A4%A'],
      ['GET', '/v1/units/' + 'x'.repeat(5000)],
      ['GET', '/v1/units/79/children?limit=-1'],
      ['GET', '/v1/units/79/children?limit=abc&cursor=%00'],
      ['GET', '/v1/units/79/tree?depth=1e9'],
      ['GET', '/v1/obligations?dueBefore=yesterday'],
      ['GET', '/v1/obligations?status=late'],
      ['GET', `/v1/rollups?plan=${plan}&period=2021&schedule=nope`],
      ['GET', `/v1/rollups?plan=${plan}&period=2021&format=pdf`],
      ['GET', `/v1/reports/27163/${schedule}/2021?version=0`],
      ['GET', `/v1/reports/27163/${schedule}/2099Q9`],
      ['GET', '/v1/plans?year=99999'],
      ['GET', '/v1/holidays/abcd'],
      ['PUT', `/v1/reports/27163/${schedule}/2021`, { 'if-match': 'garbage' }],
      ['PUT', `/v1/reports/27163/${schedule}/2021`, { 'idempotency-key': 'k'.repeat(500) }],
      ['DELETE', '/v1/tokens/' + '%'.repeat(3)],
    ];
    for (const [method, path, headers] of calls) {
      const res = await api(method, path, { headers, body: method === 'PUT' ? { values: [], submit: false } : undefined });
      expect(res.status, `${method} ${path} → ${res.text}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${method} ${path} → ${res.text}`).toBeLessThan(500);
    }
  });

  it('for numbers at the edge', async () => {
    for (const value of [1e308, -0, Number.MAX_SAFE_INTEGER + 2]) {
      const res = await api('PUT', `/v1/reports/27163/${schedule}/2021`, { body: { values: [{ indicator: 'SO', value }], submit: false } });
      expect(res.status, res.text).toBeLessThan(500);
    }
    const huge = await api('PUT', `/v1/reports/27163/${schedule}/2021`, { body: '{"values":[{"indicator":"SO","value":1e999}]}' });
    expect(huge.status).toBe(400);
  });
});
