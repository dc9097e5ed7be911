import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAddon } from '../../scripts/build-addon.mjs';
import { call, startLocalWorker, type LocalWorker } from '../browser/local-worker';
import { createFakes, type FakeSheet } from './fakes';

/**
 * The built Code.js, loaded as Apps Script would load it, into a Node vm with the Apps Script fakes; its
 * UrlFetchApp makes real HTTP calls to a real local worker (wrangler dev). Phường 15 goes from an empty
 * spreadsheet to a submitted, on-time report; Quận 10 pulls the wards' roll-up into a coloured sheet with a chart.
 */
let worker: LocalWorker;
let code = '';
let plan: { id: string; schedules: { id: string }[] };
let ward = '';
let district = '';

const PLAN = (indicators: unknown[], units = ['27163', '27166', '27169']) => ({
  number: 'KH-PAPI/Q10', title: 'Nâng cao Chỉ số PAPI trên địa bàn Quận 10', issuer: '771', issuedOn: '2025-09-01', years: [2026],
  tasks: [{ code: 'T1', title: 'Tham gia của người dân ở cấp cơ sở', assignees: { units } }],
  indicators,
  schedules: [{ code: 'SK', name: 'Báo cáo sơ kết', periodType: 'once', due: { rule: 'date', date: '2099-06-15' }, appliesTo: { units }, reportTo: '771', via: '771-NV' }],
});
const INDICATORS = [
  { code: 'TTHC_DUNG_HAN', name: 'Tỷ lệ hồ sơ TTHC giải quyết đúng hạn', kind: 'percent', target: { op: '>', value: 95 } },
  { code: 'HOI_NGHI', name: 'Số hội nghị tuyên truyền', kind: 'count', unit: 'hội nghị' },
  { code: 'HOM_THU', name: 'Có hòm thư góp ý', kind: 'boolean' },
];

function load(fakes: ReturnType<typeof createFakes>) {
  const context: Record<string, unknown> = { ...fakes.globals };
  runInNewContext(code, context);
  return context as Record<string, (...args: unknown[]) => any>;
}

beforeAll(async () => {
  code = readFileSync((await buildAddon()).file, 'utf8');
  worker = await startLocalWorker();
  const { base, admin } = worker;
  await call(base, admin, 'POST', '/v1/units/import', readFileSync('worker/demo/units.csv', 'utf8'), 'text/csv');
  plan = await call(base, admin, 'POST', '/v1/plans', PLAN(INDICATORS));
  await call(base, admin, 'POST', `/v1/plans/${plan.id}/activate`);
  ward = (await call(base, admin, 'POST', '/v1/tokens', { unit: '27163', role: 'submitter', label: 'cán bộ Phường 15' })).token;
  district = (await call(base, admin, 'POST', '/v1/tokens', { unit: '771', role: 'manager', label: 'Phòng Nội vụ' })).token;
  // Phường 13 has already reported through the API, below the 95 % target.
  await call(base, admin, 'PUT', `/v1/reports/27166/${plan.schedules[0]!.id}/ONCE`, {
    values: [{ indicator: 'TTHC_DUNG_HAN', numerator: 90, denominator: 100 }, { indicator: 'HOI_NGHI', value: 2 }], submit: true,
  });
}, 180_000);

afterAll(async () => worker?.stop());

describe('Code.js as Apps Script loads it', () => {
  it('has no module syntax and a top-level function for every entry point', () => {
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    for (const fn of ['onOpen', 'onInstall', 'saveConnection', 'listObligations', 'insertReportSheet', 'validateActiveSheet', 'submitActiveSheet', 'pullRollup', 'compileActiveSheet', 'showHelp']) {
      expect(code).toMatch(new RegExp(`^function ${fn}\\(\\)`, 'm'));
    }
    const fakes = createFakes();
    load(fakes).onOpen!();
    const manifest = JSON.parse(readFileSync('addon/build/appsscript.json', 'utf8'));
    expect(manifest.oauthScopes).toEqual([
      'https://www.googleapis.com/auth/spreadsheets.currentonly', 'https://www.googleapis.com/auth/script.container.ui',
      'https://www.googleapis.com/auth/script.external_request', 'https://www.googleapis.com/auth/script.storage',
    ]);
    expect(fakes.screen.menu).toEqual([
      'Kết nối → showConnect', 'Báo cáo của tôi → showSidebar', 'Tạo sheet báo cáo → showSidebar', 'Kiểm tra → validateActiveSheet', 'Nộp báo cáo → submitActiveSheet',
      'Lấy tổng hợp → showRollupDialog', 'Tổng hợp lên cấp trên → compileActiveSheet', 'Hướng dẫn → showHelp',
    ]);
  });
});

describe('a ward goes from an empty sheet to a submitted, on-time report', () => {
  const fakes = createFakes();
  let addon: ReturnType<typeof load>;
  let sheet: FakeSheet;

  it('connects: URL and token go to the user properties, never into a cell; a wrong token is told in Vietnamese', () => {
    addon = load(fakes);
    expect(() => addon.saveConnection!(worker.base, 'csc_wrong')).toThrow(/Mã truy cập không hợp lệ/);
    expect(() => addon.saveConnection!('not a url', ward)).toThrow(/https:\/\//);
    const res = addon.saveConnection!(`${worker.base}/`, ward);
    expect(res.message).toContain('Đơn vị: Phường 15');
    expect(fakes.props).toEqual({ CASCADE_API_URL: worker.base, CASCADE_TOKEN: ward });
    expect(JSON.stringify(fakes.book.sheets.map((s) => s.grid))).not.toContain(ward);
  });

  it('lists what it owes, with due dates and status', () => {
    const items = addon.listObligations!();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ unit: '27163', period: 'ONCE', status: 'open', deadline: 'chậm nhất 23:59 ngày 14/06/2099' });
    expect(fakes.log.counts['UrlFetchApp.fetchAll']).toBe(1); // the four status lists in one round trip
  });

  it('inserts a report sheet: a protected header block, one row per indicator with its target, validation by kind', () => {
    addon.insertReportSheet!('27163', plan.schedules[0]!.id, 'ONCE');
    sheet = fakes.book.active;
    expect(sheet.getName()).toBe('27163 SK ONCE');
    expect(sheet.grid.slice(1, 6).map((r) => r.slice(0, 2))).toEqual([
      ['Đơn vị', '27163'], ['Kế hoạch', plan.id], ['Chế độ báo cáo', plan.schedules[0]!.id], ['Kỳ báo cáo', 'ONCE'], ['Hạn nộp', 'chậm nhất 23:59 ngày 14/06/2099'],
    ]);
    expect(sheet.protectedRows).toBe(8);
    const rate = sheet.rowOf('TTHC_DUNG_HAN');
    expect(sheet.grid[rate - 1]!.slice(0, 5)).toEqual(['TTHC_DUNG_HAN', 'Tỷ lệ hồ sơ TTHC giải quyết đúng hạn', 'Tỷ lệ %', '', '> 95 %']);
    expect(sheet.validations.get(`${sheet.rowOf('HOM_THU')},6`)).toMatchObject({ list: ['Có', 'Không'] });
    expect(sheet.validations.get(`${rate},7`)).toMatchObject({ min: 0 });
    expect(sheet.rowOf('T1')).toBeGreaterThan(rate);
    expect(fakes.log.counts['Range.setValues']).toBe(1);
  });

  it('checks the sheet and marks bad cells with notes', () => {
    const rate = sheet.rowOf('TTHC_DUNG_HAN');
    sheet.type(rate, 7, 120);
    sheet.type(rate, 8, 100);
    sheet.type(sheet.rowOf('HOI_NGHI'), 6, 2.5);
    const problems = addon.validateActiveSheet!();
    expect(problems).toHaveLength(2);
    expect(sheet.notes.get(`${rate},7`)).toMatch(/between 0 and the denominator/);
    expect(sheet.notes.get(`${sheet.rowOf('HOI_NGHI')},6`)).toMatch(/whole number/);
    expect(sheet.backgrounds.get(`${rate},7`)).toBe('#ffcdd2');
    expect(fakes.screen.alerts.at(-1)!.message).toMatch(/^Có 2 lỗi/);
  });

  it('submits in one request, survives a lost connection with the same key, and writes the receipt into the header', async () => {
    const rate = sheet.rowOf('TTHC_DUNG_HAN');
    sheet.type(rate, 7, 97);
    sheet.type(sheet.rowOf('HOI_NGHI'), 6, 3);
    sheet.type(sheet.rowOf('HOM_THU'), 6, 'Có');
    sheet.type(sheet.rowOf('T1'), 3, 'Hoàn thành');
    sheet.type(sheet.rowOf('T1'), 4, 'Tổ chức 3 hội nghị lấy ý kiến người dân');
    fakes.fault('put', 'fail', 3); // no signal at the ward office: every attempt fails
    addon.submitActiveSheet!();
    expect(fakes.screen.alerts.at(-1)!.message).toMatch(/Không kết nối được/);
    const key = sheet.cell(7, 2);
    expect(key).toMatch(/^[0-9a-f-]{36}$/); // kept on the sheet until it succeeds
    expect(sheet.cell(8, 2)).toBe('');

    fakes.fault('put', 'lose', 1); // next time the server records it but the answer is lost: the retry must not record it twice
    const receipt = addon.submitActiveSheet!();
    expect(receipt).toMatchObject({ version: 1, status: 'submitted', onTime: true });
    expect(sheet.cell(7, 2)).toBe('');
    expect(sheet.cell(8, 2)).toMatch(/^Đã nộp phiên bản 1 lúc \d\d:\d\d ngày \d\d\/\d\d\/\d{4} · ĐÚNG HẠN$/);
    const put = fakes.requests.filter((r) => r.method === 'put');
    expect(new Set(put.map((r) => r.headers['idempotency-key']))).toEqual(new Set([key]));
    const stored = await call(worker.base, worker.admin, 'GET', `/v1/reports/27163/${plan.schedules[0]!.id}/ONCE`);
    expect(stored.values).toEqual([
      { indicator: 'TTHC_DUNG_HAN', numerator: 97, denominator: 100 },
      { indicator: 'HOI_NGHI', value: 3 },
      { indicator: 'HOM_THU', value: true },
    ]);
    expect(stored.tasks).toEqual([{ task: 'T1', status: 'done', result: 'Tổ chức 3 hội nghị lấy ý kiến người dân' }]);
    const history = await call(worker.base, worker.admin, 'GET', `/v1/reports/27163/${plan.schedules[0]!.id}/ONCE/history`);
    expect(history.versions).toHaveLength(1);
  });
});

describe('a district pulls the roll-up back into a sheet', () => {
  it('gets a per-ward table, a totals row, cells coloured by target met, and a chart', () => {
    const fakes = createFakes();
    const addon = load(fakes);
    addon.saveConnection!(worker.base, district);
    addon.pullRollup!(plan.id, 'ONCE');
    const sheet = fakes.book.active;
    expect(sheet.getName()).toBe('Tổng hợp 771 ONCE');
    const rows = sheet.grid;
    expect(rows[2]!.slice(0, 5)).toEqual(['Mã đơn vị', 'Đơn vị', 'Đã nộp / phải nộp', 'Đúng hạn', 'Tỷ lệ hồ sơ TTHC giải quyết đúng hạn (> 95)']);
    const byCode = Object.fromEntries(rows.slice(3).map((r) => [r[0], r]));
    expect(byCode['27163']!.slice(2, 6)).toEqual(['1/1', 1, 97, 3]);
    expect(byCode['27166']!.slice(2, 6)).toEqual(['1/1', 1, 90, 2]);
    expect(byCode['27169']!.slice(2, 6)).toEqual(['0/1', 0, '', '']); // no report: empty, never 0
    expect(byCode['771']!.slice(1, 6)).toEqual(['Tổng cộng', '2/3', 2, 93.5, 5]); // 187/200, not the mean of 97 and 90
    const r63 = rows.findIndex((r) => r[0] === '27163') + 1;
    const r66 = rows.findIndex((r) => r[0] === '27166') + 1;
    const total = rows.findIndex((r) => r[0] === '771') + 1;
    expect(sheet.backgrounds.get(`${r63},5`)).toBe('#c8e6c9');
    expect(sheet.backgrounds.get(`${r66},5`)).toBe('#ffcdd2');
    expect(sheet.backgrounds.get(`${total},5`)).toBe('#ffcdd2');
    expect(sheet.charts).toHaveLength(1);
    expect(fakes.log.counts['Range.setValues']).toBe(1);
    expect(fakes.log.counts['Range.setBackgrounds']).toBe(1);
  });
});

describe('efficiency: a 100-indicator report', () => {
  it('is read once, written in a couple of calls, and sent in one request', async () => {
    const indicators = Array.from({ length: 100 }, (_, i) => ({ code: `CT_${i}`, name: `Chỉ tiêu ${i}`, kind: 'count' }));
    const big = await call(worker.base, worker.admin, 'POST', '/v1/plans', { ...PLAN(indicators, ['27169']), number: 'KH-100' });
    await call(worker.base, worker.admin, 'POST', `/v1/plans/${big.id}/activate`);
    const token = (await call(worker.base, worker.admin, 'POST', '/v1/tokens', { unit: '27169', role: 'submitter', label: 'P14' })).token;
    const fakes = createFakes();
    const addon = load(fakes);
    addon.saveConnection!(worker.base, token);
    addon.insertReportSheet!('27169', big.schedules[0].id, 'ONCE');
    const sheet = fakes.book.active;
    indicators.forEach((ind, i) => sheet.type(sheet.rowOf(ind.code), 6, i));
    fakes.log.reset();
    const receipt = addon.submitActiveSheet!();
    expect(receipt).toMatchObject({ version: 1, status: 'submitted' });
    const c = fakes.log.counts;
    console.log('service calls for a 100-indicator submit:', JSON.stringify(c));
    expect(c['Range.getValues']).toBe(1); // the whole sheet in one read
    expect((c['Range.setValues'] ?? 0) + (c['Range.setValue'] ?? 0)).toBe(2); // the key before sending, the receipt after
    expect(c['Range.setNotes']).toBe(1); // clearing the problem notes: one call
    expect(c['UrlFetchApp.fetch']).toBe(2); // the plan (to validate against), then the submission
    expect(fakes.log.total('Range.')).toBeLessThanOrEqual(6);
  });
});

describe('compile upward from the sheet', () => {
  it("Quận 10 fills its own report to the city from its wards' reports, then submits it", async () => {
    const { base, admin } = worker;
    const city = await call(base, admin, 'POST', '/v1/plans', {
      ...PLAN(INDICATORS.slice(0, 2)), number: '135/KH-UBND', issuer: '79', tasks: [],
      schedules: [{ code: 'SK', name: 'Báo cáo sơ kết', periodType: 'once', due: { rule: 'date', date: '2099-07-01' }, appliesTo: { level: 'district' }, reportTo: '79' }],
    });
    await call(base, admin, 'POST', `/v1/plans/${city.id}/activate`);
    const derived = await call(base, district, 'POST', `/v1/plans/${city.id}/derive`, { issuer: '771' });
    await call(base, district, 'POST', `/v1/plans/${derived.id}/activate`);
    for (const [unit, n, meetings] of [['27163', 48, 2], ['27166', 45, 1]] as const) {
      await call(base, admin, 'PUT', `/v1/reports/${unit}/${derived.schedules[0].id}/ONCE`, {
        values: [{ indicator: 'TTHC_DUNG_HAN', numerator: n, denominator: 50 }, { indicator: 'HOI_NGHI', value: meetings }], submit: true,
      });
    }
    const fakes = createFakes();
    const addon = load(fakes);
    addon.saveConnection!(base, district);
    addon.insertReportSheet!('771', city.schedules[0].id, 'ONCE');
    const draft = addon.compileActiveSheet!();
    expect(draft).toMatchObject({ status: 'draft', version: 1 });
    const sheet = fakes.book.active;
    const rate = sheet.rowOf('TTHC_DUNG_HAN');
    expect([sheet.cell(rate, 7), sheet.cell(rate, 8)]).toEqual([93, 100]);
    expect(sheet.cell(sheet.rowOf('HOI_NGHI'), 6)).toBe(3);
    expect(String(sheet.cell(rate, 9))).toMatch(/^Tổng hợp từ 2\/11 báo cáo/);
    const receipt = addon.submitActiveSheet!();
    expect(receipt).toMatchObject({ status: 'submitted', version: 2 });
  });
});
