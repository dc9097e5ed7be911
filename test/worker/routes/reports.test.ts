import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fx, onTimeFiles, path, phuHuu, q10Quarterly, submit, WARDS, WARDS_BY_NAME } from '../fixtures';
import { ADMIN, api, BASE, issueToken, resetDb } from '../helpers';

beforeEach(q10Quarterly);
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
    const obl = (await api('GET', `/v1/obligations?plan=${fx.planId}&period=2021Q1&unit=27166`)).json.items[0];
    expect(obl).toMatchObject({ status: 'submitted', onTime: false, submittedAt: '2021-03-15T02:00:00.000Z' });
  });

  it('a draft is saved but not submitted, and an empty cell stays "no data", never 0', async () => {
    const draft = await submit('27163', [onTimeFiles(5, 10), { indicator: 'BAI_PHAT_THANH', value: null }], { submit: false });
    expect(draft.json).toMatchObject({ version: 1, status: 'draft', submittedAt: null, onTime: null });
    const r = (await api('GET', path('27163'))).json;
    expect(r.values).toEqual([onTimeFiles(5, 10), { indicator: 'BAI_PHAT_THANH', value: null }]);
    expect(r.obligationStatus).toBe('open');
    await submit('27166', [onTimeFiles(1, 1), { indicator: 'BAI_PHAT_THANH', value: 0 }]);
    const rollup = (await api('GET', `/v1/rollups?plan=${fx.planId}&period=2021Q1&unit=771`)).json;
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
    const rollup = (await api('GET', `/v1/rollups?plan=${fx.planId}&period=2021Q1&unit=771`)).json;
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
      { indicator: 'TTHC_DUNG_HAN', numerator: 100, denominator: 110, note: 'Tổng hợp từ 2/11 báo cáo của các đơn vị trực thuộc' },
      { indicator: 'BAI_PHAT_THANH', value: 8, note: 'Tổng hợp từ 2/11 báo cáo của các đơn vị trực thuộc' },
    ]);
    const sent = await api('PUT', own, { token: q10, body: { values: draft.values, submit: true } });
    expect(sent.json.status).toBe('submitted');
    const p5 = await issueToken('774', 'manager');
    const none = await api('POST', `/v1/reports/774/${city.schedules[0].id}/2021Q1/compile`, { token: p5 });
    expect(none.status).toBe(409);
  });
});

