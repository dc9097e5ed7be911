import { env, SELF } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import demoUnits from '../../../worker/demo/units.csv?raw';
import demoPlans from '../../../worker/demo/plans.json';
import { VALUES_SQL } from '../../../worker/src/db/rollups';
import { parseCsv } from '../../../worker/src/domain/csv';
import { ADMIN, api, BASE, issueToken, resetDb } from '../helpers';

/** Quận 10 adopts Phú Hữu's targets (seed 001) for its 11 wards, reporting every quarter before the 15th of the quarter's last month. */
const phuHuu = demoPlans.find((p) => p.key === 'seed001')!;
const q10Plan = {
  number: '25/KH-UBND', title: 'Tuyên truyền cải cách hành chính các phường Quận 10 năm 2021', issuer: '771', issuedOn: '2021-01-10', years: [2021],
  tasks: [{ code: 'T1', title: 'Tuyên truyền CCHC', assignees: { level: 'commune' } }],
  // Phú Hữu marks its targets required; here a ward may send part of its figures.
  indicators: [...phuHuu.indicators.map((i) => ({ ...i, required: undefined })), { code: 'GHI_CHU', name: 'Ý kiến khác', kind: 'text' }],
  validationRules: [{ left: 'LOP_TAP_HUAN', op: '<=', right: 'BAI_PHAT_THANH', message: 'Số lớp tập huấn không vượt quá số bài phát thanh' }],
  schedules: [{ code: 'QUY', name: 'Báo cáo quý', periodType: 'quarter', due: { rule: 'dayOfLastMonth', day: 15 }, appliesTo: { level: 'commune' }, reportTo: '771', via: '771-NV' }],
};
const WARDS = ['27163', '27166', '27169', '27172', '27178', '27181', '27184', '27187', '27190', '27193', '27202'];

let planId = '';
let scheduleId = '';
const path = (unit: string, period = '2021Q1') => `/v1/reports/${unit}/${scheduleId}/${period}`;
const onTimeFiles = (n: number, d: number) => ({ indicator: 'TTHC_DUNG_HAN', numerator: n, denominator: d });

async function submit(unit: string, values: unknown[], opts: { token?: string; headers?: Record<string, string>; submit?: boolean; period?: string } = {}) {
  return api('PUT', path(unit, opts.period), { token: opts.token, headers: opts.headers, body: { values, tasks: [], submit: opts.submit ?? true } });
}

beforeEach(async () => {
  await resetDb();
  await api('POST', '/v1/units/import', { csv: demoUnits });
  const plan = (await api('POST', '/v1/plans', { body: q10Plan })).json;
  planId = plan.id;
  scheduleId = plan.schedules[0].id;
  await api('POST', `/v1/plans/${planId}/activate`);
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2021-03-10T03:00:00Z'));
});
afterEach(() => vi.useRealTimers());

describe("Quận 10's wards send their Q1 report", () => {
  it('on time and late: both accepted, the late one flagged', async () => {
    const p15 = await issueToken('27163', 'submitter');
    const early = await submit('27163', [onTimeFiles(10, 10), { indicator: 'BAI_PHAT_THANH', value: 4 }], { token: p15 });
    expect(early.status, early.text).toBe(200);
    expect(early.json).toMatchObject({ reportId: expect.stringMatching(/^rp_/), version: 1, status: 'submitted', onTime: true, dueAt: '2021-03-14T17:00:00.000Z' });
    expect(early.json.deadline).toBe('chậm nhất 23:59 ngày 14/03/2021');

    vi.setSystemTime(new Date('2021-03-15T02:00:00Z')); // 09:00 on 15/03, a day late
    const late = await submit('27166', [onTimeFiles(90, 100)]);
    expect(late.json).toMatchObject({ status: 'submitted', onTime: false });
    const obl = (await api('GET', `/v1/obligations?plan=${planId}&period=2021Q1&unit=27166`)).json.items[0];
    expect(obl).toMatchObject({ status: 'submitted', onTime: false, submittedAt: '2021-03-15T02:00:00.000Z' });
  });

  it('a draft is saved but not submitted, and an empty cell stays "no data", never 0', async () => {
    const draft = await submit('27163', [onTimeFiles(5, 10), { indicator: 'BAI_PHAT_THANH', value: null }], { submit: false });
    expect(draft.json).toMatchObject({ version: 1, status: 'draft', submittedAt: null, onTime: null });
    const r = (await api('GET', path('27163'))).json;
    expect(r.values).toEqual([onTimeFiles(5, 10), { indicator: 'BAI_PHAT_THANH', value: null }]);
    expect(r.obligationStatus).toBe('open');
    await submit('27166', [onTimeFiles(1, 1), { indicator: 'BAI_PHAT_THANH', value: 0 }]);
    const rollup = (await api('GET', `/v1/rollups?plan=${planId}&period=2021Q1&unit=771`)).json;
    const bai = rollup.indicators.find((i: any) => i.code === 'BAI_PHAT_THANH');
    expect(bai).toMatchObject({ value: 0, unitsReporting: 1 });
    const lop = rollup.indicators.find((i: any) => i.code === 'LOP_TAP_HUAN');
    expect(lop).toMatchObject({ value: null, unitsReporting: 0 });
  });

  it('names every bad value against the plan', async () => {
    const res = await submit('27163', [
      { indicator: 'TTHC_DUNG_HAN', numerator: 11, denominator: 10 },
      { indicator: 'BAI_PHAT_THANH', value: 2.5 },
      { indicator: 'KHONG_CO', value: 1 },
    ]);
    expect(res.status).toBe(400);
    expect(res.json.errors.map((e: any) => e.path).sort()).toEqual(['values[0].numerator', 'values[1].value', 'values[2].indicator']);
    expect((await api('GET', path('27163'))).status).toBe(404);
  });

  it('checks the plan\'s validation rules on submit', async () => {
    const res = await submit('27163', [{ indicator: 'LOP_TAP_HUAN', value: 5 }, { indicator: 'BAI_PHAT_THANH', value: 2 }]);
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([{ path: 'validationRules[0]', message: 'Số lớp tập huấn không vượt quá số bài phát thanh' }]);
    const draft = await submit('27163', [{ indicator: 'LOP_TAP_HUAN', value: 5 }, { indicator: 'BAI_PHAT_THANH', value: 2 }], { submit: false });
    expect(draft.status).toBe(200);
  });
});

describe('versions, conflicts and idempotency', () => {
  it('every save is a new version; old versions stay readable', async () => {
    await submit('27163', [onTimeFiles(8, 10)]);
    await submit('27163', [onTimeFiles(9, 10)]);
    const v1 = await api('GET', `${path('27163')}?version=1`);
    expect(v1.json).toMatchObject({ version: 1, latestVersion: 2, values: [onTimeFiles(8, 10)] });
    const latest = await api('GET', path('27163'));
    expect(latest.json).toMatchObject({ version: 2, values: [onTimeFiles(9, 10)] });
    const history = (await api('GET', `${path('27163')}/history`)).json;
    expect(history.versions.map((v: any) => [v.version, v.submitted])).toEqual([[1, true], [2, true]]);
    expect((await api('GET', `${path('27163')}?version=3`)).status).toBe(404);
  });

  it('If-Match makes a write conditional', async () => {
    expect((await submit('27163', [onTimeFiles(8, 10)], { headers: { 'if-match': '0' } })).status).toBe(200);
    const stale = await submit('27163', [onTimeFiles(9, 10)], { headers: { 'if-match': '0' } });
    expect(stale.status).toBe(409);
    expect(stale.json.detail).toMatch(/version 1, not 0/);
    expect((await submit('27163', [onTimeFiles(9, 10)], { headers: { 'if-match': '"1"' } })).json.version).toBe(2);
  });

  it('the same Idempotency-Key and body replays the first answer without a new version; another body is 422', async () => {
    const headers = { 'idempotency-key': 'p15-q1-2021' };
    const first = await submit('27163', [onTimeFiles(10, 10)], { headers });
    vi.setSystemTime(new Date('2021-03-20T00:00:00Z'));
    const again = await submit('27163', [onTimeFiles(10, 10)], { headers });
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await api('GET', `${path('27163')}/history`)).json.versions).toHaveLength(1);
    const other = await submit('27163', [onTimeFiles(9, 10)], { headers });
    expect(other.status).toBe(422);
  });

  it('racing writers all succeed, each as its own version, and nobody sees a 500', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => submit('27163', [onTimeFiles(i, 10)])));
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(results.map((r) => r.json.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const history = (await api('GET', `${path('27163')}/history`)).json;
    expect(history.versions).toHaveLength(8);
  });

  it('racing retries of one Idempotency-Key make exactly one version', async () => {
    const headers = { 'idempotency-key': 'double-click' };
    const results = await Promise.all(Array.from({ length: 5 }, () => submit('27163', [onTimeFiles(7, 10)], { headers })));
    expect(results.map((r) => r.status)).toEqual(Array(5).fill(200));
    expect(new Set(results.map((r) => r.json.version))).toEqual(new Set([1]));
    expect((await api('GET', `${path('27163')}/history`)).json.versions).toHaveLength(1);
  });
});

describe('return and accept', () => {
  it('return → resubmit → accept, each audited; an accepted report is locked until returned', async () => {
    const q10 = await issueToken('771', 'manager');
    const ward = await issueToken('27163', 'manager');
    await submit('27163', [onTimeFiles(9, 10)]);
    expect((await api('POST', `${path('27163')}/return`, { token: ward, body: { reason: 'x' } })).status).toBe(403);
    expect((await api('POST', `${path('27163')}/return`, { token: q10, body: { reason: '' } })).status).toBe(400);
    const returned = await api('POST', `${path('27163')}/return`, { token: q10, body: { reason: 'Thiếu số liệu hồ sơ đất đai' } });
    expect(returned.json.status).toBe('returned');
    const rollup = (await api('GET', `/v1/rollups?plan=${planId}&period=2021Q1&unit=771`)).json;
    expect(rollup.completeness).toMatchObject({ submitted: 0, returned: 1 });
    expect(rollup.completeness.missing).toContain('27163');

    await submit('27163', [onTimeFiles(9, 10), { indicator: 'TTHC_NHA_DAT', numerator: 49, denominator: 50 }]);
    const accepted = await api('POST', `${path('27163')}/accept`, { token: q10 });
    expect(accepted.json).toMatchObject({ status: 'accepted', onTime: true });
    const locked = await submit('27163', [onTimeFiles(10, 10)]);
    expect(locked.status).toBe(409);
    expect((await api('POST', `${path('27163')}/accept`, { token: q10 })).status).toBe(409);
    expect((await api('POST', `${path('27163')}/return`, { token: q10, body: { reason: 'Mở lại để bổ sung' } })).json.status).toBe('returned');

    const history = (await api('GET', `${path('27163')}/history`)).json;
    expect(history.events.map((e: any) => [e.action, e.reason])).toEqual([
      ['report.submit', null], ['report.return', 'Thiếu số liệu hồ sơ đất đai'], ['report.submit', null], ['report.accept', null], ['report.return', 'Mở lại để bổ sung'],
    ]);
  });

  it("only the unit's own tokens write its report", async () => {
    const other = await issueToken('27166', 'submitter');
    expect((await submit('27163', [onTimeFiles(1, 1)], { token: other })).status).toBe(403);
    const q10 = await issueToken('771', 'manager');
    expect((await submit('27163', [onTimeFiles(1, 1)], { token: q10 })).status).toBe(403);
  });
});

describe('roll-ups', () => {
  it("adds numerators and denominators: wards at 10/10 and 90/100 are 100/110 = 90.9 %, not 95 %", async () => {
    await submit('27163', [onTimeFiles(10, 10), { indicator: 'BAI_PHAT_THANH', value: 3 }, { indicator: 'GHI_CHU', value: 'Đã tổ chức 3 buổi' }]);
    vi.setSystemTime(new Date('2021-03-16T00:00:00Z'));
    await submit('27166', [onTimeFiles(90, 100), { indicator: 'BAI_PHAT_THANH', value: 5 }]);
    const res = await api('GET', `/v1/rollups?plan=${planId}&period=2021Q1&unit=771`);
    expect(res.status, res.text).toBe(200);
    const r = res.json;
    expect(r).toMatchObject({ unit: '771', name: 'Quận 10', period: '2021Q1' });
    expect(r.completeness).toEqual({ expected: 11, submitted: 2, onTime: 1, late: 1, returned: 0, missing: WARDS.filter((w) => !['27163', '27166'].includes(w)) });
    const rate = r.indicators.find((i: any) => i.code === 'TTHC_DUNG_HAN');
    expect(rate).toMatchObject({ kind: 'percent', numerator: 100, denominator: 110, target: { op: '>', value: 95 }, met: false, unitsReporting: 2, unitsMeetingTarget: 1 });
    expect(rate.value).toBeCloseTo(90.909, 3);
    expect(r.indicators.find((i: any) => i.code === 'BAI_PHAT_THANH')).toMatchObject({ value: 8, unitsReporting: 2 });
    expect(r.indicators.find((i: any) => i.code === 'GHI_CHU').texts).toEqual([{ unit: '27163', text: 'Đã tổ chức 3 buổi' }]);
    expect(r.children.map((c: any) => c.unit)).toEqual(WARDS);
    const p15 = r.children.find((c: any) => c.unit === '27163');
    expect(p15.indicators.find((i: any) => i.code === 'TTHC_DUNG_HAN')).toMatchObject({ value: 100, met: true });

    const city = (await api('GET', `/v1/rollups?plan=${planId}&period=2021Q1&unit=79`)).json;
    expect(city.children.map((c: any) => c.unit)).toEqual(['771']);
    expect(city.children[0].completeness.expected).toBe(11);
    expect(city.indicators.find((i: any) => i.code === 'TTHC_DUNG_HAN')).toMatchObject({ numerator: 100, denominator: 110 });
  });

  it('exports CSV with a BOM and Vietnamese headers, leaving no-data cells empty', async () => {
    await submit('27163', [onTimeFiles(10, 10), { indicator: 'BAI_PHAT_THANH', value: 0 }]);
    const res = await api('GET', `/v1/rollups?plan=${planId}&period=2021Q1&unit=771&format=csv`);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const raw = new Uint8Array(await (await SELF.fetch(`${BASE}/v1/rollups?plan=${planId}&period=2021Q1&unit=771&format=csv`, {
      headers: { authorization: `Bearer ${ADMIN}` },
    })).arrayBuffer());
    expect([...raw.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the UTF-8 BOM (text() strips it)
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toMatch(/^Mã đơn vị,Đơn vị,Phải nộp,Đã nộp,Đúng hạn,Trễ hạn,Bị trả lại,Chưa nộp,/);
    expect(lines).toHaveLength(1 + 11 + 1);
    const rows = parseCsv(res.text).map((r) => r.cells);
    const header = rows[0]!;
    const p15 = rows.find((r) => r[0] === '27163')!;
    const p13 = rows.find((r) => r[0] === '27166')!;
    const bai = header.indexOf('Số bài phát thanh (BAI_PHAT_THANH)'.replace('Số bài phát thanh', phuHuu.indicators.find((i) => i.code === 'BAI_PHAT_THANH')!.name));
    expect(p15[bai]).toBe('0');
    expect(p13[bai]).toBe('');
    expect(lines[lines.length - 1]).toMatch(/^771,Tổng cộng: Quận 10,11,1,1,0,0,10,/);
  });

  it('a ward cannot read the district roll-up; a plan must be known', async () => {
    const ward = await issueToken('27163', 'submitter');
    expect((await api('GET', `/v1/rollups?plan=${planId}&period=2021Q1&unit=771`, { token: ward })).status).toBe(403);
    expect((await api('GET', `/v1/rollups?plan=${planId}&period=2021Q1`, { token: ward })).json.unit).toBe('27163');
    expect((await api('GET', '/v1/rollups?plan=pl_nope&period=2021Q1')).status).toBe(404);
    expect((await api('GET', `/v1/rollups?plan=${planId}`)).status).toBe(400);
  });

  it('reads through the path index and the obligations unique index, not a scan', async () => {
    const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${VALUES_SQL}`)
      .bind('771', planId, '2021Q1', null)
      .all<{ detail: string }>();
    const details = plan.results.map((r) => r.detail).join(' | ');
    expect(details).toMatch(/SEARCH u USING .*INDEX .*\(path>\? AND path<\?\)/);
    expect(details).toMatch(/SEARCH o USING INDEX \w+ \((plan_id=\? AND )?unit_code=\?/);
    expect(details).not.toMatch(/SCAN o/);
  });
});

describe('compile upward', () => {
  it("Quận 10 turns its wards' reports under its derived plan into its own report to the city", async () => {
    const city = (await api('POST', '/v1/plans', { body: {
      number: '135/KH-UBND', title: 'CCHC TP.HCM 2021', issuer: '79', issuedOn: '2021-01-05', years: [2021],
      indicators: [{ code: 'TTHC_DUNG_HAN', name: 'Tỷ lệ hồ sơ đúng hạn', kind: 'percent', target: { op: '>', value: 95 } }, { code: 'BAI_PHAT_THANH', name: 'Số bài phát thanh', kind: 'count' }],
      schedules: [{ code: 'QUY', periodType: 'quarter', due: { rule: 'afterPeriodEnd', days: 10 }, appliesTo: { level: 'district' }, reportTo: '79' }],
    } })).json;
    await api('POST', `/v1/plans/${city.id}/activate`);
    const derived = (await api('POST', `/v1/plans/${city.id}/derive`, { body: { issuer: '771' } })).json;
    await api('POST', `/v1/plans/${derived.id}/activate`);
    const wardPath = (u: string) => `/v1/reports/${u}/${derived.schedules[0].id}/2021Q1`;
    await api('PUT', wardPath('27163'), { body: { values: [onTimeFiles(10, 10), { indicator: 'BAI_PHAT_THANH', value: 3 }], submit: true } });
    await api('PUT', wardPath('27166'), { body: { values: [onTimeFiles(90, 100), { indicator: 'BAI_PHAT_THANH', value: 5 }], submit: true } });

    const q10 = await issueToken('771', 'manager');
    const own = `/v1/reports/771/${city.schedules[0].id}/2021Q1`;
    const compiled = await api('POST', `${own}/compile`, { token: q10 });
    expect(compiled.status, compiled.text).toBe(200);
    expect(compiled.json).toMatchObject({ status: 'draft', version: 1 });
    const draft = (await api('GET', own, { token: q10 })).json;
    expect(draft.values).toEqual([
      { indicator: 'TTHC_DUNG_HAN', numerator: 100, denominator: 110, note: 'Tổng hợp từ 2/11 báo cáo theo kế hoạch 135/KH-UBND/771' },
      { indicator: 'BAI_PHAT_THANH', value: 8, note: 'Tổng hợp từ 2/11 báo cáo theo kế hoạch 135/KH-UBND/771' },
    ]);
    const sent = await api('PUT', own, { token: q10, body: { values: draft.values, submit: true } });
    expect(sent.json.status).toBe('submitted');
    const p5 = await issueToken('774', 'manager');
    const none = await api('POST', `/v1/reports/774/${city.schedules[0].id}/2021Q1/compile`, { token: p5 });
    expect(none.status).toBe(409);
  });
});

describe('scores (seed 000: five criteria × 2 points = 10)', () => {
  it('a manager above scores units on the criteria and ranks them', async () => {
    const s000 = demoPlans.find((p) => p.key === 'seed000')!;
    const { key: _k, basis: _b, ...body } = s000;
    const plan = (await api('POST', '/v1/plans', { body })).json;
    const q5 = await issueToken('774', 'manager');
    expect((await api('PUT', `/v1/scores/27325/${plan.id}/2020`, { token: q5, body: { criteria: [{ code: plan.criteria[0].code, points: 1 }] } })).status).toBe(409); // still a draft
    await api('POST', `/v1/plans/${plan.id}/activate`);
    const codes = plan.criteria.map((c: any) => c.code);
    const full = codes.map((code: string) => ({ code, points: 2 }));
    expect((await api('PUT', `/v1/scores/27325/${plan.id}/2020`, { token: q5, body: { criteria: full } })).json.items[0]).toMatchObject({ total: 10, max: 10 });
    await api('PUT', `/v1/scores/27301/${plan.id}/2020`, { token: q5, body: { criteria: full.map((c: any, i: number) => ({ ...c, points: i === 0 ? 1 : 2 })) } });
    await api('PUT', `/v1/scores/27304/${plan.id}/2020`, { token: q5, body: { criteria: full.map((c: any, i: number) => ({ ...c, points: i === 0 ? 1 : 2 })) } });
    const over = await api('PUT', `/v1/scores/27307/${plan.id}/2020`, { token: q5, body: { criteria: [{ code: codes[0], points: 3 }] } });
    expect(over.status).toBe(400);
    expect(over.json.errors[0]).toEqual({ path: 'criteria[0].points', message: `at most 2 points for ${codes[0]}` });
    expect((await api('PUT', `/v1/scores/774/${plan.id}/2020`, { token: q5, body: { criteria: full } })).status).toBe(403);
    const ranking = (await api('GET', `/v1/scores?plan=${plan.id}&period=2020&unit=774`, { token: q5 })).json.items;
    expect(ranking.map((r: any) => [r.unit, r.total, r.rank])).toEqual([['27325', 10, 1], ['27301', 9, 2], ['27304', 9, 2]]);
    // A score given once over the whole plan.
    expect((await api('PUT', `/v1/scores/27325/${plan.id}/ONCE`, { token: q5, body: { criteria: full } })).status).toBe(200);
  });

  it('only scores units the plan reaches, in its own periods, by managers who can see it', async () => {
    const { key: _k, basis: _b, ...body } = demoPlans.find((p) => p.key === 'seed000')!;
    const plan = (await api('POST', '/v1/plans', { body: { ...body, number: `${body.number}-b` } })).json;
    await api('POST', `/v1/plans/${plan.id}/activate`);
    const criteria = [{ code: plan.criteria[0].code, points: 1 }];
    const put = (unit: string, period: string, token?: string) => api('PUT', `/v1/scores/${unit}/${plan.id}/${period}`, { token, body: { criteria } });
    const before = await env.DB.prepare('SELECT count(*) AS n FROM scores').first<{ n: number }>();
    expect((await put('27163', '2020')).status).toBe(403); // a Quận 10 ward: outside the Quận 5 plan
    expect((await put('79', '2020')).status).toBe(403); // above the issuer
    const period = await put('27325', 'abc');
    expect(period.status).toBe(400);
    expect(period.json.errors[0].path).toBe('period');
    expect((await put('27325', '2099')).status).toBe(400);
    const q10 = await issueToken('771', 'manager');
    const foreign = await api('PUT', `/v1/scores/27163/${plan.id}/2020`, { token: q10, body: { criteria: [{ code: 'ZZ', points: 1 }] } });
    expect(foreign.status).toBe(403);
    expect(foreign.text).not.toContain(plan.criteria[0].code); // the plan's criteria stay private
    await api('POST', `/v1/plans/${plan.id}/archive`);
    expect((await put('27325', '2020')).status).toBe(409);
    expect((await env.DB.prepare('SELECT count(*) AS n FROM scores').first<{ n: number }>())!.n).toBe(before!.n);
  });
});
