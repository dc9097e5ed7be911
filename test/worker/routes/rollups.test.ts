import { env, SELF } from 'cloudflare:test';
import { VALUES_SQL } from '../../../worker/src/db/rollups';
import { parseCsv } from '../../../worker/src/domain/csv';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fx, onTimeFiles, path, phuHuu, q10Plan, q10Quarterly, submit, WARDS, WARDS_BY_NAME } from '../fixtures';
import { ADMIN, api, BASE, issueToken, resetDb } from '../helpers';

beforeEach(q10Quarterly);
afterEach(() => vi.useRealTimers());

describe('roll-ups', () => {
  it("adds numerators and denominators: wards at 10/10 and 90/100 are 100/110 = 90.9 %, not 95 %", async () => {
    await submit('27163', [onTimeFiles(10, 10), { indicator: 'BAI_PHAT_THANH', value: 3 }, { indicator: 'GHI_CHU', value: 'Đã tổ chức 3 buổi' }]);
    vi.setSystemTime(new Date('2021-03-16T00:00:00Z'));
    await submit('27166', [onTimeFiles(90, 100), { indicator: 'BAI_PHAT_THANH', value: 5 }]);
    const res = await api('GET', `/v1/rollups?plan=${fx.planId}&period=2021Q1&unit=771`);
    expect(res.status, res.text).toBe(200);
    const r = res.json;
    expect(r).toMatchObject({ unit: '771', name: 'Quận 10', period: '2021Q1' });
    expect(r.completeness).toEqual({ expected: 11, submitted: 2, onTime: 1, late: 1, returned: 0, missing: WARDS.filter((w) => !['27163', '27166'].includes(w)) });
    const rate = r.indicators.find((i: any) => i.code === 'TTHC_DUNG_HAN');
    expect(rate).toMatchObject({ kind: 'percent', numerator: 100, denominator: 110, target: { op: '>', value: 95 }, met: false, unitsReporting: 2, unitsMeetingTarget: 1 });
    expect(rate.value).toBeCloseTo(90.909, 3);
    expect(r.indicators.find((i: any) => i.code === 'BAI_PHAT_THANH')).toMatchObject({ value: 8, unitsReporting: 2 });
    expect(r.indicators.find((i: any) => i.code === 'GHI_CHU').texts).toEqual([{ unit: '27163', text: 'Đã tổ chức 3 buổi' }]);
    expect(r.children.map((c: any) => c.unit)).toEqual(WARDS_BY_NAME); // Phường 1, 2, 4, … 15: as people count them, not by code
    const p15 = r.children.find((c: any) => c.unit === '27163');
    expect(p15.indicators.find((i: any) => i.code === 'TTHC_DUNG_HAN')).toMatchObject({ value: 100, met: true });

    const city = (await api('GET', `/v1/rollups?plan=${fx.planId}&period=2021Q1&unit=79`)).json;
    expect(city.children.map((c: any) => c.unit)).toEqual(['771']);
    expect(city.children[0].completeness.expected).toBe(11);
    expect(city.indicators.find((i: any) => i.code === 'TTHC_DUNG_HAN')).toMatchObject({ numerator: 100, denominator: 110 });
  });

  it('exports CSV with a BOM and Vietnamese headers, leaving no-data cells empty', async () => {
    await submit('27163', [onTimeFiles(10, 10), { indicator: 'BAI_PHAT_THANH', value: 0 }]);
    const res = await api('GET', `/v1/rollups?plan=${fx.planId}&period=2021Q1&unit=771&format=csv`);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const raw = new Uint8Array(await (await SELF.fetch(`${BASE}/v1/rollups?plan=${fx.planId}&period=2021Q1&unit=771&format=csv`, {
      headers: { authorization: `Bearer ${ADMIN}` },
    })).arrayBuffer());
    expect([...raw.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the UTF-8 BOM (text() strips it)
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toMatch(/^Mã đơn vị,Đơn vị,Kỳ báo cáo,Phải nộp,Đã nộp,Đúng hạn,Trễ hạn,Bị trả lại,Chưa nộp,/);
    expect(lines).toHaveLength(1 + 11 + 1);
    const rows = parseCsv(res.text).map((r) => r.cells);
    const header = rows[0]!;
    const p15 = rows.find((r) => r[0] === '27163')!;
    const p13 = rows.find((r) => r[0] === '27166')!;
    const bai = header.indexOf(phuHuu.indicators.find((i) => i.code === 'BAI_PHAT_THANH')!.name);
    expect(p15[bai]).toBe('0');
    expect(p13[bai]).toBe('');
    expect(lines[lines.length - 1]).toMatch(/^771,Tổng cộng: Quận 10,Quý I\/2021,11,1,1,0,0,10,/);
    expect(res.text).not.toMatch(/2021Q1/); // the period as people read it, never its code
  });

  it('a ward cannot read the district roll-up; a plan must be known', async () => {
    const ward = await issueToken('27163', 'submitter');
    expect((await api('GET', `/v1/rollups?plan=${fx.planId}&period=2021Q1&unit=771`, { token: ward })).status).toBe(403);
    expect((await api('GET', `/v1/rollups?plan=${fx.planId}&period=2021Q1`, { token: ward })).json.unit).toBe('27163');
    expect((await api('GET', '/v1/rollups?plan=pl_nope&period=2021Q1')).status).toBe(404);
    expect((await api('GET', `/v1/rollups?plan=${fx.planId}`)).status).toBe(400);
  });

  it('reads through the obligations path index and the values primary key, not a scan', async () => {
    const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${VALUES_SQL}`)
      .bind('771', fx.planId, '2021Q1', null, '2021-03-31')
      .all<{ detail: string }>();
    const details = plan.results.map((r) => r.detail).join(' | ');
    // The plan's period over the subtree, by the path each obligation was made with: one index range.
    expect(details).toMatch(/SEARCH o USING INDEX obligations_path \(plan_id=\? AND period=\? AND unit_path>\? AND unit_path<\?\)/);
    expect(details).toMatch(/SEARCH v USING PRIMARY KEY \(obligation_id=\?\)/);
    expect(details).not.toMatch(/SCAN (o|v|obligations|report_values)\b/);
  });
});


describe('the aggregation a schedule chooses (DESIGN §3, §13)', () => {
  /** Quận 10 wants the average number of radio pieces per ward, the most training classes any ward held, and the fewest. */
  const choosing = (aggregation: Record<string, string>) => ({
    ...q10Plan, number: '28/KH-UBND', indicators: [...q10Plan.indicators, { code: 'LOP_IT_NHAT', name: 'Số lớp tập huấn (ít nhất)', kind: 'count', required: false }],
    validationRules: [], schedules: [{ ...q10Plan.schedules[0], aggregation }],
  });

  it('avg, max and min over the wards that answered, not-applicable and no-data left out; the roll-up echoes the choice at every level', async () => {
    const plan = (await api('POST', '/v1/plans', { body: choosing({ BAI_PHAT_THANH: 'avg', LOP_TAP_HUAN: 'max', LOP_IT_NHAT: 'min' }) })).json;
    await api('POST', `/v1/plans/${plan.id}/activate`);
    const put = (unit: string, values: unknown[]) => api('PUT', `/v1/reports/${unit}/${plan.schedules[0].id}/2021Q1`, { body: { values, submit: true } });
    const three = (bai: unknown, lop: number) => [bai, { indicator: 'LOP_TAP_HUAN', value: lop }, { indicator: 'LOP_IT_NHAT', value: lop }];
    expect((await put('27163', three({ indicator: 'BAI_PHAT_THANH', value: 3 }, 1))).status).toBe(200);
    expect((await put('27166', three({ indicator: 'BAI_PHAT_THANH', value: 6 }, 4))).status).toBe(200);
    expect((await put('27169', three({ indicator: 'BAI_PHAT_THANH', na: true, note: 'Phường chưa có loa truyền thanh' }, 2))).status).toBe(200);
    expect((await put('27172', [{ indicator: 'BAI_PHAT_THANH', value: 0 }])).status).toBe(200); // 0 is a value; the classes are no data

    for (const unit of ['771', '79']) {
      const r = (await api('GET', `/v1/rollups?plan=${plan.id}&period=2021Q1&unit=${unit}`)).json;
      const ind = (code: string) => r.indicators.find((i: any) => i.code === code);
      expect(ind('BAI_PHAT_THANH'), unit).toMatchObject({ aggregation: 'avg', value: 3, unitsReporting: 3, unitsNotApplicable: 1 });
      expect(ind('LOP_TAP_HUAN'), unit).toMatchObject({ aggregation: 'max', value: 4, unitsReporting: 3 });
      expect(ind('LOP_IT_NHAT'), unit).toMatchObject({ aggregation: 'min', value: 1, unitsReporting: 3 });
      expect(ind('TTHC_DUNG_HAN'), unit).toMatchObject({ aggregation: 'ratio', value: null, unitsReporting: 0 });
      expect(ind('GHI_CHU'), unit).toMatchObject({ aggregation: 'list' });
    }
    const q10 = (await api('GET', `/v1/rollups?plan=${plan.id}&period=2021Q1&unit=771`)).json;
    const p13 = q10.children.find((c: any) => c.unit === '27166');
    expect(p13.indicators.find((i: any) => i.code === 'BAI_PHAT_THANH')).toMatchObject({ aggregation: 'avg', value: 6 });
    const csv = (await api('GET', `/v1/rollups?plan=${plan.id}&period=2021Q1&unit=771&format=csv`)).text;
    const rows = parseCsv(csv).map((x) => x.cells);
    const col = rows[0]!.indexOf(phuHuu.indicators.find((i) => i.code === 'BAI_PHAT_THANH')!.name);
    expect(rows[rows.length - 1]![col]).toBe('3');
    expect(rows.find((x) => x[0] === '27169')![col]).toBe('Không áp dụng');
  });

  it('an average is exact, not rounded: 3 and 4 pieces average 3.5', async () => {
    const plan = (await api('POST', '/v1/plans', { body: choosing({ BAI_PHAT_THANH: 'avg' }) })).json;
    await api('POST', `/v1/plans/${plan.id}/activate`);
    for (const [unit, value] of [['27163', 3], ['27166', 4]] as const) {
      await api('PUT', `/v1/reports/${unit}/${plan.schedules[0].id}/2021Q1`, { body: { values: [{ indicator: 'BAI_PHAT_THANH', value }], submit: true } });
    }
    const r = (await api('GET', `/v1/rollups?plan=${plan.id}&period=2021Q1&unit=771`)).json;
    expect(r.indicators.find((i: any) => i.code === 'BAI_PHAT_THANH').value).toBe(3.5);
  });

  it('is for counts and numbers, keyed by indicator code: anything else is a 400 naming it', async () => {
    const res = await api('POST', '/v1/plans', { body: choosing({ TTHC_DUNG_HAN: 'avg', GHI_CHU: 'max', KHONG_CO: 'min' }) });
    expect(res.status).toBe(400);
    expect(res.json.errors.map((e: any) => e.path).sort()).toEqual(['schedules[0].aggregation.GHI_CHU', 'schedules[0].aggregation.KHONG_CO', 'schedules[0].aggregation.TTHC_DUNG_HAN']);
    const median = await api('POST', '/v1/plans', { body: choosing({ BAI_PHAT_THANH: 'median' }) });
    expect(median.status).toBe(400);
    expect(median.json.errors.map((e: any) => e.path)).toEqual(['schedules[0].aggregation.BAI_PHAT_THANH']);
  });

  it("compile upward takes the city's choice: Quận 10 reports the most classes any of its wards held", async () => {
    const city = (await api('POST', '/v1/plans', { body: {
      number: '136/KH-UBND', title: 'Tập huấn CCHC TP.HCM 2021', issuer: '79', issuedOn: '2021-01-05', years: [2021],
      indicators: [{ code: 'LOP_TAP_HUAN', name: 'Số lớp tập huấn', kind: 'count' }, { code: 'LOP_IT_NHAT', name: 'Số lớp ít nhất', kind: 'count' }],
      schedules: [{ code: 'QUY', periodType: 'quarter', due: { rule: 'afterPeriodEnd', days: 10 }, appliesTo: { level: 'district' }, reportTo: '79',
        aggregation: { LOP_TAP_HUAN: 'max', LOP_IT_NHAT: 'min' } }],
    } })).json;
    await api('POST', `/v1/plans/${city.id}/activate`);
    const derived = (await api('POST', `/v1/plans/${city.id}/derive`, { body: { issuer: '771' } })).json;
    expect(derived.schedules[0].aggregation).toEqual({ LOP_TAP_HUAN: 'max', LOP_IT_NHAT: 'min' });
    await api('POST', `/v1/plans/${derived.id}/activate`);
    for (const [unit, n] of [['27163', 2], ['27166', 5], ['27169', 3]] as const) {
      await api('PUT', `/v1/reports/${unit}/${derived.schedules[0].id}/2021Q1`, { body: { values: [{ indicator: 'LOP_TAP_HUAN', value: n }, { indicator: 'LOP_IT_NHAT', value: n }], submit: true } });
    }
    const q10 = await issueToken('771', 'manager');
    const own = `/v1/reports/771/${city.schedules[0].id}/2021Q1`;
    expect((await api('POST', `${own}/compile`, { token: q10 })).status).toBe(200);
    const draft = (await api('GET', own, { token: q10 })).json;
    expect(draft.values.map((v: any) => [v.indicator, v.value])).toEqual([['LOP_TAP_HUAN', 5], ['LOP_IT_NHAT', 2]]);
    expect((await api('PUT', own, { token: q10, body: { values: draft.values, submit: true } })).json.status).toBe('submitted');
  });

  it("compile upward of an averaged count gives the district a whole number it can submit, the exact average in the note", async () => {
    const city = (await api('POST', '/v1/plans', { body: {
      number: '137/KH-UBND', title: 'Tuyên truyền CCHC TP.HCM 2021', issuer: '79', issuedOn: '2021-01-05', years: [2021],
      indicators: [{ code: 'BAI_PHAT_THANH', name: 'Số bài phát thanh', kind: 'count' }],
      schedules: [{ code: 'QUY', periodType: 'quarter', due: { rule: 'afterPeriodEnd', days: 10 }, appliesTo: { level: 'district' }, reportTo: '79',
        aggregation: { BAI_PHAT_THANH: 'avg' } }],
    } })).json;
    await api('POST', `/v1/plans/${city.id}/activate`);
    const derived = (await api('POST', `/v1/plans/${city.id}/derive`, { body: { issuer: '771' } })).json;
    await api('POST', `/v1/plans/${derived.id}/activate`);
    for (const [unit, n] of [['27163', 3], ['27166', 6]] as const) {
      await api('PUT', `/v1/reports/${unit}/${derived.schedules[0].id}/2021Q1`, { body: { values: [{ indicator: 'BAI_PHAT_THANH', value: n }], submit: true } });
    }
    expect((await api('GET', `/v1/rollups?plan=${derived.id}&period=2021Q1&unit=771`)).json.indicators[0].value).toBe(4.5);
    const q10 = await issueToken('771', 'manager');
    const own = `/v1/reports/771/${city.schedules[0].id}/2021Q1`;
    expect((await api('POST', `${own}/compile`, { token: q10 })).status).toBe(200);
    const [value] = (await api('GET', own, { token: q10 })).json.values;
    expect(value).toMatchObject({ indicator: 'BAI_PHAT_THANH', value: 5 });
    expect(value.note).toContain('trung bình 4,5, làm tròn thành 5');
    expect((await api('PUT', own, { token: q10, body: { values: [value], submit: true } })).json.status).toBe('submitted');
  });
});
