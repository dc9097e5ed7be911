import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import demoUnits from '../../../worker/demo/units.csv?raw';
import { parseCsv } from '../../../worker/src/domain/csv';
import { fx, onTimeFiles, path, phuHuu, q10Plan, q10Quarterly, submit } from '../fixtures';
import { api, fingerprint, issueToken, resetDb } from '../helpers';

/** DESIGN §13, told as the wards and districts of the seeds live it. */
beforeEach(q10Quarterly);
afterEach(() => vi.useRealTimers());

const ONLINE = 'HS_TRUC_TUYEN'; // "Tỷ lệ hồ sơ giải quyết trực tuyến trên tổng số hồ sơ giải quyết TTHC"
const online = (n: number, d: number) => ({ indicator: ONLINE, numerator: n, denominator: d });
const NO_ONLINE_SERVICE = 'Phường chưa được cấp tài khoản dịch vụ công trực tuyến trong quý I';
const rollupOf = async (unit: string, period = '2021Q1', planId = fx.planId) => {
  const res = await api('GET', `/v1/rollups?plan=${planId}&period=${period}&unit=${unit}`);
  expect(res.status, res.text).toBe(200);
  return res.json;
};
const indicator = (node: any, code: string) => node.indicators.find((i: any) => i.code === code);
const child = (node: any, unit: string) => node.children.find((c: any) => c.unit === unit);

describe('a value, no data, or not applicable: three different answers everywhere', () => {
  it("Phường 15 marks online files not applicable with its reason: the roll-up leaves it out of the rate and counts it apart, not as missing", async () => {
    expect((await submit('27163', [onTimeFiles(10, 10), { indicator: ONLINE, na: true, note: NO_ONLINE_SERVICE }])).status).toBe(200);
    expect((await submit('27166', [onTimeFiles(90, 100), online(40, 100)])).status).toBe(200);
    expect((await submit('27169', [onTimeFiles(50, 50), online(0, 50)])).status).toBe(200); // zero is a value
    expect((await submit('27172', [onTimeFiles(20, 20)])).status).toBe(200); // online files: no data

    const report = (await api('GET', path('27163'))).json;
    expect(report.values).toContainEqual({ indicator: ONLINE, na: true, note: NO_ONLINE_SERVICE });

    const r = await rollupOf('771');
    expect(r.completeness).toMatchObject({ expected: 11, submitted: 4 });
    expect(r.completeness.missing).not.toContain('27163');
    const rate = indicator(r, ONLINE);
    expect(rate).toMatchObject({ numerator: 40, denominator: 150, unitsReporting: 2, unitsNotApplicable: 1, unitsMeetingTarget: 1 });
    expect(rate.value).toBeCloseTo(26.667, 3);
    expect(indicator(r, 'TTHC_DUNG_HAN')).toMatchObject({ numerator: 170, denominator: 180, unitsReporting: 4, unitsNotApplicable: 0 });

    expect(indicator(child(r, '27163'), ONLINE)).toMatchObject({ value: null, unitsReporting: 0, unitsNotApplicable: 1 });
    expect(indicator(child(r, '27169'), ONLINE)).toMatchObject({ value: 0, unitsReporting: 1, unitsNotApplicable: 0, met: false });
    expect(indicator(child(r, '27172'), ONLINE)).toMatchObject({ value: null, unitsReporting: 0, unitsNotApplicable: 0 });

    // The export shows the three states apart: "Không áp dụng", 0, and an empty cell.
    const rows = parseCsv((await api('GET', `/v1/rollups?plan=${fx.planId}&period=2021Q1&unit=771&format=csv`)).text).map((x) => x.cells);
    const col = rows[0]!.indexOf(phuHuu.indicators.find((i) => i.code === ONLINE)!.name);
    const cell = (unit: string) => rows.find((x) => x[0] === unit)![col];
    expect([cell('27163'), cell('27169'), cell('27172')]).toEqual(['Không áp dụng', '0', '']);
  });

  it('"not applicable" needs a note saying why, and nothing else in the row', async () => {
    const res = await submit('27163', [{ indicator: ONLINE, na: true }, { indicator: 'BAI_PHAT_THANH', na: true, note: 'Không có đài phát thanh', value: 3 }]);
    expect(res.status).toBe(400);
    expect(res.json.errors.map((e: any) => e.path).sort()).toEqual(['values[0].note', 'values[1].value']);
    expect((await submit('27163', [{ indicator: ONLINE, na: true, note: '   ' }])).status).toBe(400);
    expect((await api('GET', path('27163'))).status).toBe(404);
  });

  describe('when the plan does not mark an indicator optional, a submission must answer it', () => {
    /** Quận 10 adopts Phú Hữu's indicators as Phú Hữu has them: every one required (DESIGN §13). */
    let strict = '';
    beforeEach(async () => {
      const plan = (await api('POST', '/v1/plans', { body: { ...q10Plan, number: '27/KH-UBND', indicators: phuHuu.indicators, validationRules: [] } })).json;
      await api('POST', `/v1/plans/${plan.id}/activate`);
      strict = `/v1/reports/27163/${plan.schedules[0].id}/2021Q1`;
    });
    const put = (values: unknown[], submit: boolean) => api('PUT', strict, { body: { values, tasks: [], submit } });

    it('an empty submission is refused, naming every unanswered indicator; an empty draft is kept', async () => {
      const before = await fingerprint();
      const empty = await put([], true);
      expect(empty.status).toBe(400);
      const codes = phuHuu.indicators.map((i) => i.code);
      expect(empty.json.errors).toHaveLength(codes.length);
      for (const code of codes) expect(empty.json.errors.some((e: any) => e.path === 'values' && e.message.includes(code)), code).toBe(true);
      const vi = await api('PUT', strict, { body: { values: [], submit: true }, headers: { 'accept-language': 'vi' } });
      for (const ind of phuHuu.indicators) expect(vi.json.errors.some((e: any) => e.message.includes(ind.name)), ind.name).toBe(true);
      expect(await fingerprint()).toBe(before);

      expect((await put([], false)).json).toMatchObject({ status: 'draft', version: 1 });
    });

    it('one unanswered indicator is named alone; answering it as not applicable submits', async () => {
      const answers = phuHuu.indicators.map((i) => (i.kind === 'percent' ? { indicator: i.code, numerator: 9, denominator: 10 } : { indicator: i.code, value: 2 }));
      const missing = await put(answers.filter((a) => a.indicator !== ONLINE), true);
      expect(missing.status).toBe(400);
      expect(missing.json.errors).toHaveLength(1);
      expect(missing.json.errors[0].message).toContain(ONLINE);
      const nullOnly = await put(answers.map((a) => (a.indicator === ONLINE ? { indicator: ONLINE, numerator: null, denominator: null } : a)), true);
      expect(nullOnly.status, 'an empty cell is no data, not an answer').toBe(400);

      const sent = await put(answers.map((a) => (a.indicator === ONLINE ? { indicator: ONLINE, na: true, note: NO_ONLINE_SERVICE } : a)), true);
      expect(sent.status, sent.text).toBe(200);
      expect(sent.json.status).toBe('submitted');
    });
  });
});

describe('a value far from its history or its peers is accepted and flagged', () => {
  it("Thủ Đức sees a warning when Phú Hữu reports 100 % of files on time after four quarters near 60 %", async () => {
    await resetDb();
    await api('POST', '/v1/units/import', { csv: demoUnits });
    const plan = (await api('POST', '/v1/plans', { body: {
      number: '12/KH-UBND', title: 'Theo dõi giải quyết hồ sơ đúng hạn', issuer: '769', issuedOn: '2021-01-04', years: [2021, 2022],
      indicators: [phuHuu.indicators.find((i) => i.code === 'TTHC_DUNG_HAN')!],
      schedules: [{ code: 'QUY', name: 'Báo cáo quý', periodType: 'quarter', due: { rule: 'afterPeriodEnd', days: 10 }, appliesTo: { units: ['26866'] }, reportTo: '769' }],
    } })).json;
    await api('POST', `/v1/plans/${plan.id}/activate`);
    const phuHuuReport = (period: string) => `/v1/reports/26866/${plan.schedules[0].id}/${period}`;
    const ward = await issueToken('26866', 'submitter');
    const send = (period: string, n: number) => api('PUT', phuHuuReport(period), { token: ward, body: { values: [onTimeFiles(n, 100)], submit: true } });

    for (const [period, n] of [['2021Q1', 58], ['2021Q2', 61], ['2021Q3', 60], ['2021Q4', 62]] as const) {
      const res = await send(period, n);
      expect(res.status).toBe(200);
      expect(res.json.warnings, period).toEqual([]);
    }
    const wild = await send('2022Q1', 100);
    expect(wild.status).toBe(200);
    expect(wild.json.status).toBe('submitted');
    expect(wild.json.warnings).toEqual([{ indicator: 'TTHC_DUNG_HAN', message: expect.stringMatching(/100 %.*khác nhiều so với các kỳ trước của đơn vị \(thường khoảng 60,5 %\)/) }]);

    const district = await issueToken('769', 'manager');
    const seen = (await api('GET', phuHuuReport('2022Q1'), { token: district })).json;
    expect(seen.warnings).toEqual(wild.json.warnings);
    const r = await rollupOf('769', '2022Q1', plan.id);
    expect(indicator(r, 'TTHC_DUNG_HAN')).toMatchObject({ value: 100, outliers: 1 });
    expect(indicator(child(r, '26866'), 'TTHC_DUNG_HAN').outliers).toBe(1);
    expect(indicator(await rollupOf('769', '2021Q4', plan.id), 'TTHC_DUNG_HAN').outliers).toBe(0);

    // Corrected and sent again: the new version carries no warning, and the roll-up no outlier.
    const fixed = await send('2022Q1', 63);
    expect(fixed.json.warnings).toEqual([]);
    expect(indicator(await rollupOf('769', '2022Q1', plan.id), 'TTHC_DUNG_HAN').outliers).toBe(0);
    expect((await api('GET', `${phuHuuReport('2022Q1')}?version=1`, { token: district })).json.warnings).toEqual(wild.json.warnings);
  });

  it("Quận 10 sees the one ward whose figure is far from its six peers' this quarter", async () => {
    const peers: [string, number][] = [['27163', 58], ['27166', 60], ['27169', 61], ['27172', 59], ['27178', 62], ['27181', 60]];
    for (const [ward, n] of peers) expect((await submit(ward, [onTimeFiles(n, 100)])).json.warnings).toEqual([]);
    const wild = await submit('27202', [onTimeFiles(100, 100)]);
    expect(wild.status).toBe(200);
    expect(wild.json.warnings).toEqual([{ indicator: 'TTHC_DUNG_HAN', message: expect.stringContaining('các đơn vị cùng cấp kỳ này (trung vị 60 %)') }]);
    expect((await submit('27184', [onTimeFiles(61, 100)])).json.warnings).toEqual([]);
    const r = await rollupOf('771');
    expect(indicator(r, 'TTHC_DUNG_HAN')).toMatchObject({ unitsReporting: 8, outliers: 1 });
    expect(r.children.filter((c: any) => indicator(c, 'TTHC_DUNG_HAN').outliers > 0).map((c: any) => c.unit)).toEqual(['27202']);
  });
});

describe('a returned report carries its reason wherever the ward looks', () => {
  it('in its obligations and its report, until it is sent again; the history keeps every reason', async () => {
    const ward = await issueToken('27163', 'submitter');
    const q10 = await issueToken('771', 'manager');
    const REASON = 'Thiếu số liệu hồ sơ lĩnh vực nhà đất; đề nghị bổ sung';
    const obligation = async (token: string) =>
      (await api('GET', `/v1/obligations?plan=${fx.planId}&period=2021Q1&unit=27163`, { token })).json.items[0];

    await submit('27163', [onTimeFiles(9, 10)], { token: ward });
    expect((await obligation(ward)).returnReason).toBeNull();
    expect((await api('POST', `${path('27163')}/return`, { token: q10, body: { reason: REASON } })).status).toBe(200);

    expect(await obligation(ward)).toMatchObject({ status: 'returned', returnReason: REASON });
    const returned = (await api('GET', `/v1/obligations?plan=${fx.planId}&unit=771&status=returned`, { token: q10 })).json.items;
    expect(returned.map((o: any) => [o.unit, o.returnReason])).toEqual([['27163', REASON]]);
    expect((await api('GET', path('27163'), { token: ward })).json).toMatchObject({ status: 'returned', obligationStatus: 'returned', returnReason: REASON });
    expect((await api('GET', `${path('27163')}/history`, { token: ward })).json.returnReason).toBe(REASON);
    const others = (await api('GET', `/v1/obligations?plan=${fx.planId}&period=2021Q1&unit=771`)).json.items.filter((o: any) => o.unit !== '27163');
    expect(others.every((o: any) => o.returnReason === null)).toBe(true);

    // A draft of the fix does not answer the return: the reason stays until the report is sent again.
    await submit('27163', [onTimeFiles(9, 10), { indicator: 'TTHC_NHA_DAT', numerator: 49, denominator: 50 }], { token: ward, submit: false });
    expect(await obligation(ward)).toMatchObject({ status: 'returned', returnReason: REASON });
    await submit('27163', [onTimeFiles(9, 10), { indicator: 'TTHC_NHA_DAT', numerator: 49, denominator: 50 }], { token: ward });
    expect(await obligation(ward)).toMatchObject({ status: 'submitted', returnReason: null });
    expect((await api('GET', path('27163'), { token: ward })).json).toMatchObject({ status: 'submitted', returnReason: null });

    // Returned again: the newest reason is the one shown; accepted: none.
    const AGAIN = 'Tỷ lệ hồ sơ nhà đất chưa khớp sổ theo dõi';
    await api('POST', `${path('27163')}/return`, { token: q10, body: { reason: AGAIN } });
    expect((await obligation(ward)).returnReason).toBe(AGAIN);
    await submit('27163', [onTimeFiles(9, 10), { indicator: 'TTHC_NHA_DAT', numerator: 48, denominator: 50 }], { token: ward });
    await api('POST', `${path('27163')}/accept`, { token: q10 });
    expect(await obligation(ward)).toMatchObject({ status: 'accepted', returnReason: null });
    const history = (await api('GET', `${path('27163')}/history`, { token: ward })).json;
    expect(history.returnReason).toBeNull();
    expect(history.events.filter((e: any) => e.action === 'report.return').map((e: any) => e.reason)).toEqual([REASON, AGAIN]);
  });
});

describe('writers racing on one report', () => {
  it('50 saves at once with distinct Idempotency-Keys and no If-Match all land, each as its own version', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) =>
      submit('27163', [onTimeFiles(i, 50)], { headers: { 'idempotency-key': `p15-may-${i}` } })));
    expect(results.filter((r) => r.status !== 200).map((r) => `${r.status} ${r.text}`)).toEqual([]);
    expect(results.map((r) => r.json.version).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const history = (await api('GET', `${path('27163')}/history`)).json;
    expect(history.versions).toHaveLength(50);
    // Each writer's own figures are in the version it was told.
    for (const r of results.slice(0, 5)) {
      const v = (await api('GET', `${path('27163')}?version=${r.json.version}`)).json;
      expect(v.values).toEqual([onTimeFiles(results.indexOf(r), 50)]);
    }
    // A retry of any of them replays its own answer.
    const again = await submit('27163', [onTimeFiles(7, 50)], { headers: { 'idempotency-key': 'p15-may-7' } });
    expect(again.json.version).toBe(results[7]!.json.version);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  }, 60_000);

  it('with the same If-Match, exactly one of them wins and the others get 409', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => submit('27163', [onTimeFiles(i, 10)], { headers: { 'if-match': '0' } })));
    expect(results.map((r) => r.status).sort()).toEqual([200, ...Array(9).fill(409)]);
    expect((await api('GET', `${path('27163')}/history`)).json.versions).toHaveLength(1);
  });
});

describe('reportTo names a unit that can act on the report', () => {
  const withReportTo = (reportTo: string | string[]) => ({
    ...q10Plan, number: '30/KH-UBND', schedules: [{ ...q10Plan.schedules[0], code: 'Q2', reportTo }],
  });

  it('a unit outside the issuer\'s subtree and its ancestors is refused with 400 naming the field, and nothing is stored', async () => {
    const q10 = await issueToken('771', 'manager');
    await api('GET', '/v1/units/771', { token: q10 }); // its first use is recorded; from here on nothing may change
    const before = await fingerprint();
    for (const [reportTo, field] of [['774', 'schedules[0].reportTo'], ['27325', 'schedules[0].reportTo'], [['771-NV', '774-MTTQ'], 'schedules[0].reportTo[1]']] as const) {
      const res = await api('POST', '/v1/plans', { token: q10, body: withReportTo(reportTo as string | string[]) });
      expect(res.status, res.text).toBe(400);
      expect(res.json.errors.map((e: any) => e.path)).toEqual([field]);
    }
    expect(await fingerprint()).toBe(before);
  });

  it('a draft cannot be changed to send its reports outside either', async () => {
    const draft = (await api('POST', '/v1/plans', { body: withReportTo('771') })).json;
    const res = await api('PATCH', `/v1/plans/${draft.id}`, { body: { schedules: [{ ...q10Plan.schedules[0], reportTo: '774' }] } });
    expect(res.status).toBe(400);
    expect(res.json.errors.map((e: any) => e.path)).toEqual(['schedules[0].reportTo']);
  });

  it('inside the subtree (Phòng Nội vụ) or above it (the city) is accepted, and the city can review what is sent to it', async () => {
    for (const reportTo of ['771-NV', '79', ['771', '79']]) {
      const res = await api('POST', '/v1/plans', { body: { ...withReportTo(reportTo), number: `KH-${JSON.stringify(reportTo)}` } });
      expect(res.status, res.text).toBe(201);
    }
    const plan = (await api('POST', '/v1/plans', { body: { ...withReportTo('79'), number: '31/KH-UBND' } })).json;
    await api('POST', `/v1/plans/${plan.id}/activate`);
    const report = `/v1/reports/27163/${plan.schedules[0].id}/2021Q1`;
    await api('PUT', report, { body: { values: [onTimeFiles(9, 10)], submit: true } });
    const city = await issueToken('79', 'manager');
    expect((await api('POST', `${report}/return`, { token: city, body: { reason: 'Đề nghị phường rà soát lại số liệu' } })).status).toBe(200);
  });
});
