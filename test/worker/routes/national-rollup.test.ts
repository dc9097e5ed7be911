import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import vn from '../../../data/vn/vn-units-2025-03-01.csv?raw';
import { api, resetDb } from '../helpers';

/**
 * DESIGN §8's national case: one quarter's reports from every commune of Vietnam, 20 indicators each.
 * The reports are written straight into D1 in a few set-based statements (the submission path has its own
 * tests; 10,000 HTTP submissions would only slow this file), then the roll-ups go through the Worker.
 */
const INDICATORS = Array.from({ length: 20 }, (_, i) =>
  i % 2 === 0
    ? { code: `TY_LE_${i}`, name: `Tỷ lệ ${i}`, kind: 'percent', target: { op: '>=', value: 90 } }
    : { code: `SO_${i}`, name: `Số lượng ${i}`, kind: 'count' },
);
let planId = '';

beforeAll(async () => {
  await resetDb();
  expect((await api('POST', '/v1/units/import', { csv: vn })).status).toBe(200);
  const provinces = vn.split('\n').filter((l) => l.endsWith(',province,')).map((l) => ({ code: l.split(',')[0]!, name: l.split(',')[1]!, level: 'province', parent: 'VN' }));
  await api('POST', '/v1/units/import', { body: { units: [{ code: 'VN', name: 'Việt Nam', level: 'nation' }, ...provinces] } });
  const plan = (await api('POST', '/v1/plans', { body: {
    number: '01/KH-QG', title: 'Kế hoạch CCHC toàn quốc', issuer: 'VN', issuedOn: '2025-01-02', years: [2025], indicators: INDICATORS,
    schedules: [{ code: 'QUY', periodType: 'quarter', due: { rule: 'afterPeriodEnd', days: 10 }, appliesTo: { level: 'commune' }, reportTo: 'VN' }],
  } })).json;
  planId = plan.id;
  expect((await api('POST', `/v1/plans/${planId}/activate`)).json.obligations).toBe(10_047 * 4);
  // Every commune but one in twenty reports Q1; deterministic values from the obligation id.
  await env.DB.batch([
    env.DB.prepare(
      `UPDATE obligations SET state = 'submitted', first_submitted_at = '2025-04-05T03:00:00.000Z', submitted_at = '2025-04-05T03:00:00.000Z'
       WHERE plan_id = ?1 AND period = '2025Q1' AND id % 20 <> 0`,
    ).bind(planId),
    env.DB.prepare(
      `INSERT INTO report_values (obligation_id, indicator, value, numerator, denominator, met)
       SELECT o.id, i.value ->> '$.code',
              CASE WHEN i.value ->> '$.kind' = 'percent' THEN 100.0 * (o.id % 50 + 50) / 100 ELSE o.id % 7 END,
              CASE WHEN i.value ->> '$.kind' = 'percent' THEN o.id % 50 + 50 END,
              CASE WHEN i.value ->> '$.kind' = 'percent' THEN 100 END,
              CASE WHEN i.value ->> '$.kind' = 'percent' THEN (o.id % 50 + 50) >= 90 END
       FROM obligations o, json_each(?2) i WHERE o.plan_id = ?1 AND o.period = '2025Q1' AND o.state = 'submitted'`,
    ).bind(planId, JSON.stringify(INDICATORS)),
  ]);
});

async function timed(unit: string) {
  const t0 = Date.now();
  const res = await api('GET', `/v1/rollups?plan=${planId}&period=2025Q1&unit=${unit}`);
  const ms = Date.now() - t0;
  expect(res.status, res.text.slice(0, 300)).toBe(200);
  return { r: res.json, ms };
}

/** The same answer by the most direct SQL: a check of the API's arithmetic at scale. */
async function direct(unitPath: string, code: string) {
  return env.DB.prepare(
    `SELECT count(*) AS n, sum(v.value) AS s, sum(v.numerator) AS num, sum(v.denominator) AS den
     FROM report_values v JOIN obligations o ON o.id = v.obligation_id JOIN units u ON u.code = o.unit_code
     WHERE o.plan_id = ?1 AND o.period = '2025Q1' AND v.indicator = ?2 AND u.path >= ?3 AND u.path < ?4`,
  ).bind(planId, code, unitPath, unitPath.slice(0, -1) + '0').first<{ n: number; s: number; num: number; den: number }>();
}

describe('national roll-up: 10,047 communes × 20 indicators', () => {
  it('national, province (TP.HCM), district (Quận 10) and ward roll-ups agree with direct SQL', async () => {
    const cases = [['VN', '/VN/'], ['79', '/VN/79/'], ['771', '/VN/79/771/'], ['27163', '/VN/79/771/27163/']] as const;
    for (const [unit, path] of cases) {
      const { r, ms } = await timed(unit);
      console.log(`roll-up ${unit}: ${ms} ms (${r.completeness.expected} expected, ${r.children.length} children)`);
      const rate = r.indicators.find((i: { code: string }) => i.code === 'TY_LE_0');
      const count = r.indicators.find((i: { code: string }) => i.code === 'SO_1');
      const want = await direct(path, 'TY_LE_0');
      const wantCount = await direct(path, 'SO_1');
      expect(rate).toMatchObject({ unitsReporting: want!.n, numerator: want!.num, denominator: want!.den });
      expect(count).toMatchObject({ unitsReporting: wantCount!.n, value: wantCount!.s });
      expect(r.completeness.submitted + r.completeness.missing.length).toBe(r.completeness.expected);
    }
    const t0 = Date.now();
    const matrix = await api('GET', `/v1/dashboard/matrix?plan=${planId}&unit=79`);
    console.log(`dashboard matrix for TP.HCM (273 wards × 4 quarters): ${Date.now() - t0} ms, ${Math.round(matrix.text.length / 1024)} KB`);
    expect(matrix.status).toBe(200);
    expect(matrix.text.match(/<tr data-unit=/g)).toHaveLength(273);
    const national = (await timed('VN')).r;
    expect(national.completeness.expected).toBe(10_047);
    expect(national.children).toHaveLength(63);
    expect(national.completeness.submitted).toBe(10_047 - national.completeness.missing.length);
  });
});
