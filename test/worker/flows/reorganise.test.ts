import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import merged from '../../../data/vn/vn-communes-merged-2025-07-01.csv?raw';
import march from '../../../data/vn/vn-units-2025-03-01.csv?raw';
import july from '../../../data/vn/vn-units-2025-07-01.csv?raw';
import { reformBody, unitsOf } from '../../../scripts/vn.mjs';
import { api, issueToken, resetDb } from '../helpers';

/**
 * Vietnam's reform of 1 July 2025 (DESIGN §10), the real files, end to end in workerd: the 2025-03-01 hierarchy under
 * a national root, a national quarterly plan for 2025–2026, 2025Q2 reports from thousands of communes; then the
 * reorganisation with the 2025-07-01 hierarchy and the merge mapping, in one request.
 */
// The bodies `npm run import:vn` sends (scripts/vn.mjs), under a national root.
const root = { code: 'VN', name: 'Việt Nam' };
const reform = reformBody({ after: july, merged, before: march, root });
const { successions } = reform;

const INDICATORS = [
  { code: 'TY_LE_DUNG_HAN', name: 'Tỷ lệ hồ sơ đúng hạn', kind: 'percent', target: { op: '>=', value: 90 } },
  { code: 'SO_HOI_NGHI', name: 'Số hội nghị', kind: 'count' },
];
let planId = '';
let scheduleId = '';
const rollup = async (unit: string, period: string, extra = '') => {
  const res = await api('GET', `/v1/rollups?plan=${planId}&period=${period}&unit=${unit}${extra}`);
  expect(res.status, res.text.slice(0, 300)).toBe(200);
  return res.json;
};
let before: Record<string, unknown> = {};
let result: any;
const tokens = { district: '', commune: '' };

beforeAll(async () => {
  await resetDb();
  expect((await api('POST', '/v1/units/import', { body: { units: unitsOf(march, { root }) } })).status).toBe(200);
  const plan = (await api('POST', '/v1/plans', { body: {
    number: '01/KH-QG', title: 'Cải cách hành chính toàn quốc 2025–2026', issuer: 'VN', issuedOn: '2025-01-02', years: [2025, 2026], indicators: INDICATORS,
    // "trước ngày 15 của tháng cuối quý": 2025Q2 is due 15 June, before the reform, so it stays owed by the old communes.
    schedules: [{ code: 'QUY', name: 'Báo cáo quý', periodType: 'quarter', due: { rule: 'dayOfLastMonth', day: 15 }, appliesTo: { level: 'commune' }, reportTo: 'VN' }],
  } })).json;
  planId = plan.id;
  scheduleId = plan.schedules[0].id;
  expect((await api('POST', `/v1/plans/${planId}/activate`)).json.obligations).toBe(10_047 * 8);
  // Two communes in three report 2025Q2 (set-based, as the national roll-up test does); values from the obligation id.
  await env.DB.batch([
    env.DB.prepare(
      `UPDATE obligations SET state = 'submitted', first_submitted_at = '2025-06-05T03:00:00.000Z', submitted_at = '2025-06-05T03:00:00.000Z'
       WHERE plan_id = ?1 AND period = '2025Q2' AND id % 3 <> 0`,
    ).bind(planId),
    env.DB.prepare(
      `INSERT INTO report_values (obligation_id, indicator, value, numerator, denominator, met)
       SELECT o.id, 'TY_LE_DUNG_HAN', 100.0 * (o.id % 40 + 60) / 100, o.id % 40 + 60, 100, (o.id % 40 + 60) >= 90
       FROM obligations o WHERE o.plan_id = ?1 AND o.period = '2025Q2' AND o.state = 'submitted'
       UNION ALL
       SELECT o.id, 'SO_HOI_NGHI', o.id % 5, NULL, NULL, NULL FROM obligations o WHERE o.plan_id = ?1 AND o.period = '2025Q2' AND o.state = 'submitted'`,
    ).bind(planId),
  ]);
  for (const unit of ['VN', '01', '79', '001']) before[unit] = await rollup(unit, '2025Q2');
  tokens.district = await issueToken('001', 'manager'); // Quận Ba Đình
  tokens.commune = await issueToken('00013', 'submitter'); // Phường Quán Thánh
  const t0 = Date.now();
  const res = await api('POST', '/v1/units/reorganise', { body: reform });
  console.log(`reorganise with the real 2025 files (${reform.units.length} units, ${successions.length} succession rows): ${Date.now() - t0} ms`);
  expect(res.status, res.text.slice(0, 500)).toBe(200);
  result = res.json;
}, 120_000);

describe('the real 2025 reform, in one request', () => {
  it('closes the districts and absorbed communes, continues the rest, and says what it did', () => {
    console.log(JSON.stringify(result));
    expect(result).toMatchObject({ dryRun: false, continued: 3_356 - 5, created: 5, closed: 10_807 - 3_351, successions: successions.filter((s) => s.from !== s.to).length });
    expect(result.obligationsCancelled).toBeGreaterThan(0);
  });

  it('names where each of the 29 merged provinces went: Hà Giang into Tuyên Quang, Bình Dương and Bà Rịa - Vũng Tàu into TP.HCM', async () => {
    const provinces = successions.filter((s) => s.from.length === 2);
    expect(new Set(provinces.map((s) => s.from)).size).toBe(63 - 34);
    expect((await api('GET', '/v1/units/02')).json).toMatchObject({ name: 'Tỉnh Hà Giang', validTo: '2025-07-01', successors: [{ code: '08', name: 'Tỉnh Tuyên Quang', type: 'full' }] });
    const hcm = (await api('GET', '/v1/units/79/history')).json;
    expect(hcm.predecessors.map((p: any) => [p.code, p.type]).filter(([c]: string[]) => c!.length === 2).sort()).toEqual([['74', 'full'], ['77', 'full']]);
  });

  it('leaves every past figure where it was: the 2025Q2 national, provincial and district roll-ups read the same', async () => {
    for (const unit of Object.keys(before)) expect(await rollup(unit, '2025Q2'), unit).toEqual(before[unit]);
  });

  it('counts 3,321 communes as expected from 2025Q3 on, and no closed unit owes anything after 1 July', async () => {
    const q3 = await rollup('VN', '2025Q3');
    expect(q3.completeness.expected).toBe(3_321);
    expect(q3.children).toHaveLength(34);
    const open = await env.DB.prepare(
      `SELECT count(*) AS n FROM obligations o JOIN units u ON u.code = o.unit_code
       WHERE u.valid_to IS NOT NULL AND o.due_at > '2025-06-30T17:00:00.000Z' AND o.state IN ('pending', 'returned') AND o.cancelled_at IS NULL`,
    ).first<{ n: number }>();
    expect(open!.n).toBe(0);
    const cancelled = await api('GET', `/v1/obligations?unit=00013&status=cancelled&limit=10`);
    expect(cancelled.json.items.map((o: any) => o.period)).toContain('2025Q3');
    expect((await api('GET', '/v1/obligations?unit=00013&limit=20')).json.items.map((o: any) => o.status)).not.toContain('cancelled');
  });

  it("Phường Ba Đình (00004) carries Phường Trúc Bạch's past as its own, with Phường Quán Thánh among its predecessors", async () => {
    const history = (await api('GET', '/v1/units/00004/history')).json;
    expect(history.versions.map((v: any) => [v.name, v.validTo])).toEqual([['Phường Trúc Bạch', '2025-07-01'], ['Phường Ba Đình', null]]);
    expect(history.predecessors).toContainEqual({ code: '00013', name: 'Phường Quán Thánh', type: 'full', effective: '2025-07-01' });
    const then = (await api('GET', '/v1/units/00004?at=2025-06-30')).json;
    expect(then).toMatchObject({ name: 'Phường Trúc Bạch', parent: '001', validTo: '2025-07-01' });
    expect((await api('GET', '/v1/units/00004')).json).toMatchObject({ name: 'Phường Ba Đình', parent: '01', validFrom: '2025-07-01', validTo: null });
    const quanThanh = (await api('GET', '/v1/units/00013')).json;
    expect(quanThanh).toMatchObject({ validTo: '2025-07-01', successors: [{ code: '00004', name: 'Phường Ba Đình', type: 'full', effective: '2025-07-01' }] });
    expect((await api('GET', '/v1/units/01/children?level=district')).json.items).toEqual([]);
    expect((await api('GET', '/v1/units/01/children?level=district&at=2025-06-30&limit=1000')).json.items).toHaveLength(30);
  });

  it('compares 2026Q2 in Hà Nội with the 2025Q2 figures of the old Hà Nội, and marks a split commune approximate', async () => {
    const now = await rollup('01', '2026Q2', '&compare=previousYear');
    const old = before['01'] as any;
    for (const ind of now.indicators) {
      const was = old.indicators.find((i: any) => i.code === ind.code);
      expect(ind.previous, ind.code).toMatchObject({ period: '2025Q2', value: was.value, numerator: was.numerator, denominator: was.denominator });
    }
    // 00016 Phường Ngọc Hà was split between Ba Đình and others: Ba Đình's comparison counts it whole, and says so.
    const baDinh = now.children.find((c: any) => c.unit === '00004');
    expect(baDinh.indicators[0].previous.approximate).toBe(true);
    const national = await rollup('VN', '2026Q2', '&compare=previousYear');
    const was = (before.VN as any).indicators[0];
    expect(national.indicators[0].previous).toEqual({ period: '2025Q2', value: was.value, numerator: was.numerator, denominator: was.denominator, approximate: false }); // every split stays inside the nation
  });

  it("a closed unit's token still reads its own history, but writes nothing, and no new token is issued for it", async () => {
    const history = await api('GET', `/v1/rollups?plan=${planId}&period=2025Q2&unit=001`, { token: tokens.district });
    expect(history.status).toBe(200);
    expect(history.json).toEqual(before['001']);
    const past = await api('GET', `/v1/obligations?unit=00013&period=2025Q2`, { token: tokens.commune });
    expect(past.json.items).toHaveLength(1);
    const late = await api('PUT', `/v1/reports/00013/${scheduleId}/2025Q2`, { token: tokens.commune, body: { values: [], submit: false } });
    expect(late.status).toBe(409);
    expect((await api('POST', '/v1/tokens', { body: { unit: '00013', role: 'submitter', label: 'x' } })).status).toBe(409);
  });
});
