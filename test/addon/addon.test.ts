import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAddon } from '../../scripts/build-addon.mjs';
import { call as callOnce, startLocalWorker, type LocalWorker } from '../browser/local-worker';
import { createFakes, type FakeSheet } from './fakes';

/**
 * The built Code.js, loaded as Apps Script would load it, into a Node vm with the Apps Script fakes; its
 * UrlFetchApp makes real HTTP calls to a real local worker (wrangler dev), and it is built for that worker's
 * address as an installation is built for its API's. Phường 15 goes from an empty spreadsheet to a submitted,
 * on-time report (through a refusal, a failed connection and a lost answer), gets it returned and resubmits it;
 * Quận 10 pulls the wards' roll-up and compiles its own report upward.
 */
let worker: LocalWorker;
let outDir = '';
let code = '';
let manifest: { oauthScopes: string[]; urlFetchWhitelist: string[] };
type PlanMade = { id: string; schedules: { id: string }[] };
let plan: PlanMade;
let quarterly: PlanMade;
let ward = '';
let district = '';

const TECH = 11; // the hidden technical column of the report sheet
const COL = { value: 6, numerator: 7, denominator: 8, na: 9, note: 10 } as const;
const ROW = { key: 7, receipt: 8, notice: 9 } as const;
/** What must never reach a person: period codes, the old "schedule code + period" names, plan and schedule ids. */
const RAW_CODES = [/\b20\d\d(Q[1-4]|S[12]|N9)\b/, /\bONCE\b/, /\bQUY\b/, /\b6T\b/, /\b(pl|sc)_[A-Za-z0-9]{6,}/];
const expectNoRawCodes = (texts: string[]) => {
  for (const t of texts) for (const code of RAW_CODES) expect(t, `"${t}" shows a raw code`).not.toMatch(code);
};

const UNITS = ['27163', '27166', '27169'];
const PLAN = (indicators: unknown[], units = UNITS) => ({
  number: 'KH-PAPI/Q10', title: 'Nâng cao Chỉ số PAPI trên địa bàn Quận 10', issuer: '771', issuedOn: '2025-09-01', years: [2026],
  tasks: [{ code: 'T1', title: 'Tham gia của người dân ở cấp cơ sở', assignees: { units } }],
  indicators,
  schedules: [{ code: 'SK', name: 'Báo cáo sơ kết', periodType: 'once', due: { rule: 'date', date: '2099-06-15' }, appliesTo: { units }, reportTo: '771', via: '771-NV' }],
});
const INDICATORS = [
  { code: 'TTHC_DUNG_HAN', name: 'Tỷ lệ hồ sơ TTHC giải quyết đúng hạn', kind: 'percent', target: { op: '>', value: 95 } },
  { code: 'HOI_NGHI', name: 'Số hội nghị tuyên truyền', kind: 'count', unit: 'hội nghị' },
  { code: 'HOM_THU', name: 'Có hòm thư góp ý', kind: 'boolean' },
  { code: 'DIEM_BUU_DIEN', name: 'Số điểm bưu điện văn hóa', kind: 'count', unit: 'điểm' },
  { code: 'Y_KIEN', name: 'Ý kiến của người dân', kind: 'text', required: false }, // left empty: optional
];
const NA_NOTE = 'Phường không có điểm bưu điện văn hóa trên địa bàn';
const REASON = 'Số hội nghị chưa khớp với biên bản; đề nghị kiểm tra lại và nộp lại trước ngày 20/06.';

/**
 * The tests' own API calls (setup, and reading back what the add-on stored). wrangler dev reloads the Worker when its
 * sources change, as they may while these tests run; a call cut off by a reload ("fetch failed") is made again.
 */
async function call(...args: Parameters<typeof callOnce>) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await callOnce(...args);
    } catch (e) {
      if (attempt === 3 || !String((e as Error).message).includes('fetch failed')) throw e;
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}

type Fakes = ReturnType<typeof createFakes>;
type Addon = Record<string, (...args: unknown[]) => any>;
/** Every spreadsheet of the run, to check at the end what people saw. */
const books: Fakes[] = [];
/** Every message handed to a page's failure handler. */
const pageErrors: string[] = [];

function load(fakes: Fakes): Addon {
  books.push(fakes);
  const context: Record<string, unknown> = { ...fakes.globals };
  runInNewContext(code, context);
  return context as Addon;
}

/** A page's call that must fail: its message, in the vm's own Error. */
function failure(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    pageErrors.push((e as Error).message);
    return (e as Error).message;
  }
  throw new Error('expected the call to fail');
}

const keyOf = (p: PlanMade, unit: string, period = 'ONCE', schedule = 0) => ({ unit, plan: p.id, schedule: p.schedules[schedule]!.id, period });
const visibleHeader = (sheet: FakeSheet) => Array.from({ length: 9 }, (_, i) => sheet.visibleRow(i + 1).map(String)).flat();

beforeAll(async () => {
  worker = await startLocalWorker();
  outDir = mkdtempSync(join(tmpdir(), 'cascade-addon-'));
  const built = await buildAddon({ apiUrl: worker.base, outDir });
  code = readFileSync(built.file, 'utf8');
  manifest = JSON.parse(readFileSync(built.manifestFile, 'utf8'));
  const { base, admin } = worker;
  await call(base, admin, 'POST', '/v1/units/import', readFileSync('worker/demo/units.csv', 'utf8'), 'text/csv');
  plan = await call(base, admin, 'POST', '/v1/plans', PLAN(INDICATORS));
  await call(base, admin, 'POST', `/v1/plans/${plan.id}/activate`);
  // A quarterly plan of 2021: every period a code such as 2021Q3 that must never be shown as is.
  quarterly = await call(base, admin, 'POST', '/v1/plans', {
    ...PLAN([{ code: 'HOI_NGHI', name: 'Số hội nghị tuyên truyền', kind: 'count' }], ['27163']), number: 'KH-CCHC/Q10', years: [2021], tasks: [],
    schedules: [{ code: 'QUY', name: 'Báo cáo quý', periodType: 'quarter', due: { rule: 'afterPeriodEnd', days: 10 }, appliesTo: { units: ['27163'] }, reportTo: '771' }],
  });
  await call(base, admin, 'POST', `/v1/plans/${quarterly.id}/activate`);
  ward = (await call(base, admin, 'POST', '/v1/tokens', { unit: '27163', role: 'submitter', label: 'cán bộ Phường 15' })).token;
  district = (await call(base, admin, 'POST', '/v1/tokens', { unit: '771', role: 'manager', label: 'Phòng Nội vụ' })).token;
  // Phường 13 has already reported through the API, below the 95 % target.
  await call(base, admin, 'PUT', `/v1/reports/27166/${plan.schedules[0]!.id}/ONCE`, {
    values: [{ indicator: 'TTHC_DUNG_HAN', numerator: 90, denominator: 100 }, { indicator: 'HOI_NGHI', value: 2 }, { indicator: 'HOM_THU', value: false }, { indicator: 'DIEM_BUU_DIEN', value: 1 }],
    submit: true,
  });
}, 180_000);

afterAll(async () => {
  await worker?.stop();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe('Code.js as Apps Script loads it', () => {
  it('has no module syntax, a top-level function for every entry point, least-privilege scopes and one fetchable address', () => {
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    for (const fn of ['onOpen', 'onInstall', 'saveConnection', 'listObligations', 'activeReportPanel', 'insertReportSheet', 'validateActiveSheet',
      'submitActiveSheet', 'downloadReportDocument', 'listPlans', 'listRollupPeriods', 'pullRollup', 'compileActiveSheet', 'showHelp']) {
      expect(code).toMatch(new RegExp(`^function ${fn}\\(\\)`, 'm'));
    }
    const fakes = createFakes();
    load(fakes).onOpen!();
    expect(manifest.oauthScopes).toEqual([
      'https://www.googleapis.com/auth/spreadsheets.currentonly', 'https://www.googleapis.com/auth/script.container.ui',
      'https://www.googleapis.com/auth/script.external_request', 'https://www.googleapis.com/auth/script.storage',
    ]);
    expect(manifest.urlFetchWhitelist).toEqual([`${worker.base}/`]);
    expect(fakes.screen.menu).toEqual([
      'Kết nối → showConnect', 'Báo cáo của tôi → showSidebar', 'Tạo sheet báo cáo → showSidebar', 'Kiểm tra → validateActiveSheet', 'Nộp báo cáo → submitActiveSheet',
      'Tải báo cáo Word → downloadReportDocument', 'Lấy tổng hợp → showRollupDialog', 'Tổng hợp lên cấp trên → compileActiveSheet', 'Hướng dẫn → showHelp',
    ]);
  });
});

// One ward spreadsheet, used from connecting to resubmitting a returned report.
const fakes = createFakes();
let addon: Addon;
let sheet: FakeSheet;

describe('a ward goes from an empty sheet to a submitted, on-time report', () => {
  it('connects: the address is pre-filled, URL and token go to the user properties, never into a cell; a wrong token is told in Vietnamese', () => {
    addon = load(fakes);
    addon.showConnect!();
    expect(fakes.screen.dialogs.at(-1)!.html).toContain(`value="${worker.base}"`); // the build's address
    expect(failure(() => addon.saveConnection!(worker.base, 'csc_wrong'))).toBe(
      'Mã truy cập không hợp lệ, đã hết hạn hoặc đã bị thu hồi. Vào Cascade › Kết nối để nhập mã mới.');
    expect(fakes.props).toEqual({}); // a failed try saves nothing
    expect(failure(() => addon.saveConnection!('not a url', ward))).toMatch(/https:\/\//);
    const res = addon.saveConnection!(`${worker.base}/`, ward);
    expect(res.message).toContain('Đơn vị: Phường 15');
    expect(fakes.props).toEqual({ CASCADE_API_URL: worker.base, CASCADE_TOKEN: ward });
    expect(JSON.stringify(fakes.book.sheets.map((s) => s.grid))).not.toContain(ward);
    expect(fakes.requests.every((r) => r.headers['accept-language'] === 'vi')).toBe(true);
  });

  it('lists what it owes in words: overdue first, soonest first, with the deadline and the time left', () => {
    const items = addon.listObligations!();
    expect(fakes.log.counts['UrlFetchApp.fetchAll']).toBe(1); // every status list in one round trip
    expect(items.map((i: { statusLabel: string; title: string }) => `${i.statusLabel}: ${i.title}`)).toEqual([
      'Quá hạn: Báo cáo quý — Quý I/2021', 'Quá hạn: Báo cáo quý — Quý II/2021', 'Quá hạn: Báo cáo quý — Quý III/2021', 'Quá hạn: Báo cáo quý — Quý IV/2021',
      'Chưa đến hạn: Báo cáo sơ kết — Một lần',
    ]);
    expect(items[4]).toMatchObject({ unitName: 'Phường 15', key: keyOf(plan, '27163'), opens: true, reason: null });
    expect(items[4].when).toMatch(/^Hạn nộp: chậm nhất 23:59 ngày 14\/06\/2099 · còn hơn \d+ năm$/);
    expect(items[0].when).toMatch(/^Hạn nộp: chậm nhất 23:59 ngày 09\/04\/2021 · đã quá hạn hơn \d+ năm$/);
    expectNoRawCodes(items.flatMap((i: Record<string, unknown>) => [i.statusLabel, i.unitName, i.title, i.when].map(String)));
  });

  it('inserts a report sheet named in words: the header shows names, the keys sit in a hidden column; validation by kind', () => {
    fakes.log.reset();
    const res = addon.insertReportSheet!(keyOf(plan, '27163'));
    sheet = fakes.book.active;
    expect(res.sheet).toBe('Phường 15 · Báo cáo sơ kết · Một lần');
    expect(sheet.getName()).toBe('Phường 15 · Báo cáo sơ kết · Một lần');
    expect(fakes.log.counts['UrlFetchApp.fetchAll']).toBe(1); // obligation, plan and saved version in one round trip
    expect(sheet.grid.slice(1, 9).map((r) => r.slice(0, 2))).toEqual([
      ['Đơn vị', 'Phường 15'], ['Kế hoạch', 'KH-PAPI/Q10 — Nâng cao Chỉ số PAPI trên địa bàn Quận 10'], ['Chế độ báo cáo', 'Báo cáo sơ kết'],
      ['Kỳ báo cáo', 'Một lần'], ['Hạn nộp', 'chậm nhất 23:59 ngày 14/06/2099'], ['Khóa gửi', ''], ['Biên nhận', ''], ['Lý do trả lại / Cảnh báo', ''],
    ]);
    expect(sheet.grid.slice(0, 5).map((r) => r[TECH - 1])).toEqual(['cascade-report/2', '27163', plan.id, plan.schedules[0]!.id, 'ONCE']);
    expect(sheet.hiddenColumns).toEqual(new Set([TECH]));
    expectNoRawCodes(visibleHeader(sheet));
    expect(visibleHeader(sheet).join(' ')).not.toContain('27163');
    expect(sheet.protectedRows).toBe(9);
    const rate = sheet.rowOf('TTHC_DUNG_HAN');
    expect(sheet.grid[rate - 2]!.slice(0, 10)).toEqual(['Mã', 'Chỉ tiêu', 'Loại', 'Đơn vị tính', 'Mục tiêu', 'Giá trị', 'Tử số', 'Mẫu số', 'Không áp dụng', 'Ghi chú / lý do']);
    expect(sheet.grid[rate - 1]!.slice(0, 5)).toEqual(['TTHC_DUNG_HAN', 'Tỷ lệ hồ sơ TTHC giải quyết đúng hạn', 'Tỷ lệ %', '', 'trên 95 %']);
    expect(sheet.grid[sheet.rowOf('HOI_NGHI') - 1]!.slice(2, 4)).toEqual(['Số lượng', 'hội nghị']);
    expect(sheet.validations.get(`${sheet.rowOf('HOM_THU')},${COL.value}`)).toMatchObject({ list: ['Có', 'Không'] });
    expect(sheet.validations.get(`${rate},${COL.numerator}`)).toMatchObject({ min: 0 });
    expect(sheet.validations.get(`${sheet.rowOf('HOI_NGHI')},${COL.na}`)).toMatchObject({ list: ['Có', 'Không'] });
    expect(sheet.rowOf('T1')).toBeGreaterThan(rate);
    expect(sheet.validations.get(`${sheet.rowOf('T1')},3`)).toMatchObject({ list: ['Chưa thực hiện', 'Đang thực hiện', 'Hoàn thành'] });
    expect(fakes.log.counts['Range.setValues']).toBe(1);
  });

  it('checks the sheet and marks bad cells with Vietnamese notes', () => {
    const rate = sheet.rowOf('TTHC_DUNG_HAN');
    sheet.type(rate, COL.numerator, 120);
    sheet.type(rate, COL.denominator, 100);
    sheet.type(sheet.rowOf('HOI_NGHI'), COL.value, 2.5);
    const problems = addon.validateActiveSheet!();
    expect(problems).toHaveLength(4); // two wrong values, two indicators not answered (Y_KIEN may stay empty)
    expect(sheet.notes.get(`${rate},${COL.numerator}`)).toMatch(/tử số phải từ 0 đến mẫu số \(100\); đang là 120/);
    expect(sheet.notes.get(`${sheet.rowOf('HOI_NGHI')},${COL.value}`)).toMatch(/phải là số nguyên không âm/);
    expect(sheet.notes.get(`${sheet.rowOf('HOM_THU')},${COL.value}`)).toMatch(/chưa có số liệu cho chỉ tiêu "Có hòm thư góp ý"/);
    expect(sheet.notes.get(`${sheet.rowOf('Y_KIEN')},${COL.value}`)).toBe('');
    expect(sheet.backgrounds.get(`${rate},${COL.numerator}`)).toBe('#ffcdd2');
    expect(fakes.screen.alerts.at(-1)!.message).toMatch(/^Có 4 lỗi/);
    expect(fakes.screen.alerts.at(-1)!.message).toContain('• Số hội nghị tuyên truyền: phải là số nguyên không âm');
  });

  it('refuses to submit while an indicator is unanswered, naming it on its cell; "không áp dụng" needs its reason', () => {
    const rate = sheet.rowOf('TTHC_DUNG_HAN');
    sheet.type(rate, COL.numerator, 97);
    sheet.type(sheet.rowOf('HOI_NGHI'), COL.value, 3);
    sheet.type(sheet.rowOf('DIEM_BUU_DIEN'), COL.na, 'Có'); // not applicable, but no reason yet
    addon.submitActiveSheet!();
    expect(fakes.screen.alerts.at(-1)!.message).toMatch(/^Chưa nộp: báo cáo còn 2 lỗi/);
    expect(sheet.notes.get(`${sheet.rowOf('HOM_THU')},${COL.value}`)).toBe('chưa có số liệu cho chỉ tiêu "Có hòm thư góp ý": nhập số liệu, hoặc chọn "không áp dụng" và ghi lý do');
    expect(sheet.notes.get(`${sheet.rowOf('DIEM_BUU_DIEN')},${COL.note}`)).toMatch(/hãy ghi lý do chỉ tiêu "Số điểm bưu điện văn hóa" không áp dụng/);
    expect(sheet.notes.get(`${rate},${COL.numerator}`)).toBe(''); // fixed: its note is gone
    expect(fakes.requests.filter((r) => r.method === 'put')).toHaveLength(0);
    expect(sheet.cell(ROW.key, 2)).toBe('');
  });

  it('submits in one request, survives a lost connection with the same key, and writes the receipt into the header', async () => {
    sheet.type(sheet.rowOf('HOM_THU'), COL.value, 'Có');
    sheet.type(sheet.rowOf('DIEM_BUU_DIEN'), COL.note, NA_NOTE);
    sheet.type(sheet.rowOf('T1'), 3, 'Hoàn thành');
    sheet.type(sheet.rowOf('T1'), 4, 'Tổ chức 3 hội nghị lấy ý kiến người dân');
    fakes.fault('put', 'fail', 3); // no signal at the ward office: every attempt fails
    addon.submitActiveSheet!();
    expect(fakes.screen.alerts.at(-1)!.message).toMatch(/^Không kết nối được tới máy chủ Cascade/);
    const key = sheet.cell(ROW.key, 2);
    expect(key).toMatch(/^[0-9a-f-]{36}$/); // kept on the sheet until it succeeds
    expect(sheet.cell(ROW.receipt, 2)).toBe('');

    fakes.fault('put', 'lose', 1); // next time the server records it but the answer is lost: the retry must not record it twice
    const receipt = addon.submitActiveSheet!();
    expect(receipt).toMatchObject({ version: 1, status: 'submitted', onTime: true, periodLabel: 'Một lần', warnings: [] });
    expect(sheet.cell(ROW.key, 2)).toBe('');
    expect(sheet.cell(ROW.receipt, 2)).toMatch(/^Đã nộp phiên bản 1 lúc \d\d:\d\d ngày \d\d\/\d\d\/\d{4} · ĐÚNG HẠN$/);
    expect(fakes.screen.alerts.at(-1)).toMatchObject({ title: 'Đã nộp báo cáo', message: sheet.cell(ROW.receipt, 2) });
    const put = fakes.requests.filter((r) => r.method === 'put');
    expect(new Set(put.map((r) => r.headers['idempotency-key']))).toEqual(new Set([key]));
    const stored = await call(worker.base, worker.admin, 'GET', `/v1/reports/27163/${plan.schedules[0]!.id}/ONCE`);
    expect(stored.values).toEqual([
      { indicator: 'TTHC_DUNG_HAN', numerator: 97, denominator: 100 },
      { indicator: 'HOI_NGHI', value: 3 },
      { indicator: 'HOM_THU', value: true },
      { indicator: 'DIEM_BUU_DIEN', na: true, note: NA_NOTE }, // not applicable, with its reason; never 0
    ]);
    expect(stored.tasks).toEqual([{ task: 'T1', status: 'done', result: 'Tổ chức 3 hội nghị lấy ý kiến người dân' }]);
    const history = await call(worker.base, worker.admin, 'GET', `/v1/reports/27163/${plan.schedules[0]!.id}/ONCE/history`);
    expect(history.versions).toHaveLength(1);
  });

  it('the sidebar panel of the active sheet shows its receipt', () => {
    expect(addon.activeReportPanel!()).toEqual({
      title: 'Phường 15 · Báo cáo sơ kết · Một lần', deadline: 'Hạn nộp: chậm nhất 23:59 ngày 14/06/2099',
      receipt: `Biên nhận: ${sheet.cell(ROW.receipt, 2)}`, notice: '',
    });
  });

  it('offers the report as a Word document through a short-lived link', async () => {
    const probe = await fetch(`${worker.base}/v1/reports/27163/${plan.schedules[0]!.id}/ONCE/document-link`, {
      method: 'POST', headers: { authorization: `Bearer ${ward}`, 'content-type': 'application/json', 'accept-language': 'vi' }, body: '{}',
    });
    const routed = probe.status !== 404 || !(await probe.text()).includes('Không có đường dẫn');
    const dialogs = fakes.screen.dialogs.length;
    addon.downloadReportDocument!();
    if (routed) {
      const dialog = fakes.screen.dialogs.at(-1)!;
      expect(fakes.screen.dialogs).toHaveLength(dialogs + 1);
      expect(dialog.title).toBe('Báo cáo Word — Phường 15 · Báo cáo sơ kết · Một lần');
      expect(dialog.html).toMatch(/<a href="https?:\/\/[^"]+" target="_blank" rel="noopener">Mở báo cáo Word<\/a>/);
      expect(dialog.html).toMatch(/Liên kết dùng được đến \d\d:\d\d ngày \d\d\/\d\d\/\d{4} \(còn \d+ (phút|giờ)\)/);
    } else {
      // The Worker does not serve the route yet: the clerk is told so, in Vietnamese.
      expect(fakes.screen.alerts.at(-1)!.message).toBe('Máy chủ Cascade chưa có chức năng này; cần cập nhật máy chủ lên phiên bản mới.');
    }
  });
});

describe('a district pulls the roll-up back into a sheet', () => {
  const district10 = createFakes();
  let addon10: Addon;

  it('offers the plan and its periods by label, in one request each', () => {
    addon10 = load(district10);
    addon10.saveConnection!(worker.base, district);
    expect(addon10.listPlans!()).toEqual(expect.arrayContaining([{ id: plan.id, number: 'KH-PAPI/Q10', title: 'Nâng cao Chỉ số PAPI trên địa bàn Quận 10' }]));
    district10.log.reset();
    expect(addon10.listRollupPeriods!(plan.id)).toEqual([{ schedule: plan.schedules[0]!.id, period: 'ONCE', label: 'Báo cáo sơ kết — Một lần' }]);
    expect(addon10.listRollupPeriods!(quarterly.id).map((p: { label: string }) => p.label)).toEqual(
      ['Báo cáo quý — Quý I/2021', 'Báo cáo quý — Quý II/2021', 'Báo cáo quý — Quý III/2021', 'Báo cáo quý — Quý IV/2021']);
    expect(district10.log.counts['UrlFetchApp.fetch']).toBe(2);
  });

  it('gets a per-ward table in the API order, a totals row, "Không áp dụng", empty for no data, target colours, a chart', () => {
    district10.log.reset();
    addon10.pullRollup!(plan.id, plan.schedules[0]!.id, 'ONCE');
    const sheet10 = district10.book.active;
    expect(sheet10.getName()).toBe('Tổng hợp · Quận 10 · KH-PAPI/Q10 · Báo cáo sơ kết · Một lần');
    const rows = sheet10.grid;
    expect(rows[0]![0]).toBe('TỔNG HỢP — Quận 10 — Một lần');
    expect(rows[2]!.slice(0, 7)).toEqual(['Đơn vị', 'Đã nộp / phải nộp', 'Đúng hạn', 'Tỷ lệ hồ sơ TTHC giải quyết đúng hạn (trên 95 %)',
      'Số hội nghị tuyên truyền', 'Có hòm thư góp ý', 'Số điểm bưu điện văn hóa']);
    expect(rows.slice(3).map((r) => r.slice(0, 7))).toEqual([
      ['Phường 13', '1/1', 1, 90, 2, 0, 1],
      ['Phường 14', '0/1', 0, '', '', '', ''], // no report: empty, never 0
      ['Phường 15', '1/1', 1, 97, 3, 1, 'Không áp dụng'],
      ['Tổng cộng', '2/3', 2, 93.5, 5, 1, 1], // 187/200, not the mean of 97 and 90
    ]);
    const rowOf = (name: string) => rows.findIndex((r) => r[0] === name) + 1;
    expect(sheet10.backgrounds.get(`${rowOf('Phường 15')},4`)).toBe('#c8e6c9');
    expect(sheet10.backgrounds.get(`${rowOf('Phường 13')},4`)).toBe('#ffcdd2');
    expect(sheet10.backgrounds.get(`${rowOf('Tổng cộng')},4`)).toBe('#ffcdd2');
    expect(sheet10.notes.get(`${rowOf('Tổng cộng')},7`)).toBe('Cách tính: tổng của các đơn vị. 1 đơn vị có số liệu. 1 đơn vị không áp dụng.');
    expect(sheet10.charts).toHaveLength(1);
    expect(district10.log.counts['UrlFetchApp.fetchAll']).toBe(1); // roll-up and plan together
    expect(district10.log.counts['Range.setValues']).toBe(1);
    expect(district10.log.counts['Range.setBackgrounds']).toBe(1);
    expect(district10.log.counts['Range.setNotes']).toBe(1);
  });

  it('names a quarter by its label, never by its code', async () => {
    await call(worker.base, worker.admin, 'PUT', `/v1/reports/27163/${quarterly.schedules[0]!.id}/2021Q3`, { values: [{ indicator: 'HOI_NGHI', value: 4 }], submit: true });
    const res = addon10.pullRollup!(quarterly.id, quarterly.schedules[0]!.id, '2021Q3');
    expect(res.sheet).toBe('Tổng hợp · Quận 10 · KH-CCHC/Q10 · Báo cáo quý · Quý III/2021');
    expect(district10.book.active.grid[0]![0]).toBe('TỔNG HỢP — Quận 10 — Quý III/2021');
    expect(district10.book.active.grid.slice(3).map((r) => r.slice(0, 4))).toEqual([['Phường 15', '1/1', 0, 4], ['Tổng cộng', '1/1', 0, 4]]);
  });
});

describe('a returned report', () => {
  it('shows the reason in full at the top of the sidebar and in the header of the re-opened sheet, which keeps what was typed', async () => {
    await call(worker.base, district, 'POST', `/v1/reports/27163/${plan.schedules[0]!.id}/ONCE/return`, { reason: REASON });
    const items = addon.listObligations!();
    expect(items[0]).toMatchObject({ status: 'returned', statusLabel: 'Bị trả lại', title: 'Báo cáo sơ kết — Một lần', reason: `Bị trả lại — lý do: ${REASON}`, opens: true });
    fakes.log.reset();
    const res = addon.insertReportSheet!(keyOf(plan, '27163'));
    expect(res.sheet).toBe('Phường 15 · Báo cáo sơ kết · Một lần'); // the same tab, not a copy
    expect(fakes.book.sheets.filter((s) => s.getName().startsWith('Phường 15 · Báo cáo sơ kết'))).toHaveLength(1);
    expect(fakes.log.counts['Range.setValues']).toBe(1); // the header rows only
    expect(sheet.cell(ROW.notice, 2)).toBe(`Bị trả lại — lý do: ${REASON}`);
    expect(sheet.cell(ROW.receipt, 2)).toMatch(/^Đã nộp phiên bản 1 lúc .* · ĐÚNG HẠN · BỊ TRẢ LẠI$/);
    expect(sheet.cell(sheet.rowOf('TTHC_DUNG_HAN'), COL.numerator)).toBe(97);
    expect(addon.activeReportPanel!().notice).toBe(`Bị trả lại — lý do: ${REASON}`);
  });

  it('a new spreadsheet opens it pre-filled from the returned version, not applicable and all', () => {
    const other = createFakes();
    const again = load(other);
    again.saveConnection!(worker.base, ward);
    again.insertReportSheet!(keyOf(plan, '27163'));
    const s = other.book.active;
    expect(s.cell(ROW.notice, 2)).toBe(`Bị trả lại — lý do: ${REASON}`);
    expect([s.cell(s.rowOf('TTHC_DUNG_HAN'), COL.numerator), s.cell(s.rowOf('TTHC_DUNG_HAN'), COL.denominator)]).toEqual([97, 100]);
    expect(s.cell(s.rowOf('HOM_THU'), COL.value)).toBe('Có');
    expect([s.cell(s.rowOf('DIEM_BUU_DIEN'), COL.na), s.cell(s.rowOf('DIEM_BUU_DIEN'), COL.note)]).toEqual(['Có', NA_NOTE]);
    expect(s.cell(s.rowOf('T1'), 3)).toBe('Hoàn thành');
  });

  it('is corrected and submitted again: version 2, the reason gone from the header', () => {
    sheet.type(sheet.rowOf('HOI_NGHI'), COL.value, 4);
    const receipt = addon.submitActiveSheet!();
    expect(receipt).toMatchObject({ version: 2, status: 'submitted' });
    expect(sheet.cell(ROW.notice, 2)).toBe('');
    expect(addon.listObligations!().find((i: { title: string }) => i.title === 'Báo cáo sơ kết — Một lần')).toMatchObject({ status: 'submitted', opens: false });
  });
});

describe('an outlier warning', () => {
  it('is accepted, and shown in the alert, in the header row and in the sidebar panel', async () => {
    const units = ['27163', '27166', '27169', '27172', '27178', '27181', '27184'];
    const check = await call(worker.base, worker.admin, 'POST', '/v1/plans', {
      ...PLAN([{ code: 'HOI_NGHI', name: 'Số hội nghị tuyên truyền', kind: 'count' }], units), number: 'KH-KT/Q10', tasks: [],
    });
    await call(worker.base, worker.admin, 'POST', `/v1/plans/${check.id}/activate`);
    for (const [i, unit] of units.slice(1).entries()) {
      await call(worker.base, worker.admin, 'PUT', `/v1/reports/${unit}/${check.schedules[0].id}/ONCE`, { values: [{ indicator: 'HOI_NGHI', value: 2 + (i % 2) }], submit: true });
    }
    addon.insertReportSheet!(keyOf(check, '27163'));
    const s = fakes.book.active;
    expect(s.getName()).toBe('Phường 15 · Báo cáo sơ kết · Một lần (2)'); // another report with the same name gets its own tab
    s.type(s.rowOf('HOI_NGHI'), COL.value, 50);
    const receipt = addon.submitActiveSheet!();
    expect(receipt.status).toBe('submitted');
    expect(receipt.warnings).toHaveLength(1);
    const warning = `Cảnh báo: ${receipt.warnings[0].message}`;
    expect(warning).toMatch(/^Cảnh báo: "Số hội nghị tuyên truyền" = 50 khác nhiều so với các đơn vị cùng cấp kỳ này/);
    expect(s.cell(ROW.notice, 2)).toBe(warning);
    expect(fakes.screen.alerts.at(-1)!.message).toContain('có 1 số liệu khác nhiều so với thường lệ');
    expect(addon.activeReportPanel!().notice).toBe(warning);
  });
});

describe('efficiency: a 100-indicator report', () => {
  it('is read once, written in a couple of calls, and sent in one request', async () => {
    const indicators = Array.from({ length: 100 }, (_, i) => ({ code: `CT_${i}`, name: `Chỉ tiêu ${i}`, kind: 'count' }));
    const big = await call(worker.base, worker.admin, 'POST', '/v1/plans', { ...PLAN(indicators, ['27169']), number: 'KH-100' });
    await call(worker.base, worker.admin, 'POST', `/v1/plans/${big.id}/activate`);
    const token = (await call(worker.base, worker.admin, 'POST', '/v1/tokens', { unit: '27169', role: 'submitter', label: 'P14' })).token;
    const f = createFakes();
    const a = load(f);
    a.saveConnection!(worker.base, token);
    a.insertReportSheet!(keyOf(big, '27169'));
    const s = f.book.active;
    indicators.forEach((ind, i) => s.type(s.rowOf(ind.code), COL.value, i));
    f.log.reset();
    const receipt = a.submitActiveSheet!();
    expect(receipt).toMatchObject({ version: 1, status: 'submitted' });
    const c = f.log.counts;
    console.log('service calls for a 100-indicator submit:', JSON.stringify(c));
    expect(c['Range.getValues']).toBe(1); // the whole sheet in one read
    expect((c['Range.setValues'] ?? 0) + (c['Range.setValue'] ?? 0)).toBe(2); // the key before sending, the receipt after
    expect(c['Range.setNotes']).toBe(1); // clearing the problem notes: one call
    expect(c['UrlFetchApp.fetch']).toBe(2); // the plan (to validate against), then the submission
    expect(f.log.total('Range.')).toBeLessThanOrEqual(6);
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
    const f = createFakes();
    const a = load(f);
    a.saveConnection!(base, district);
    a.insertReportSheet!(keyOf(city, '771'));
    const draft = a.compileActiveSheet!();
    expect(draft).toMatchObject({ status: 'draft', version: 1 });
    const s = f.book.active;
    expect(s.getName()).toBe('Quận 10 · Báo cáo sơ kết · Một lần');
    const rate = s.rowOf('TTHC_DUNG_HAN');
    expect([s.cell(rate, COL.numerator), s.cell(rate, COL.denominator)]).toEqual([93, 100]);
    expect(s.cell(s.rowOf('HOI_NGHI'), COL.value)).toBe(3);
    expect(String(s.cell(rate, COL.note))).toMatch(/^Tổng hợp từ 2\/11 báo cáo/);
    expect(s.cell(ROW.receipt, 2)).toBe('Bản nháp, phiên bản 1');
    expect(f.screen.alerts.at(-1)!.message).toMatch(/^Đã điền số liệu tổng hợp/);
    const receipt = a.submitActiveSheet!();
    expect(receipt).toMatchObject({ status: 'submitted', version: 2 });
  });
});

describe('what people read', () => {
  it('never shows a raw period code, plan or schedule id: alerts, dialogs, messages, tab names, visible cells', () => {
    const dialogText = (html: string) => html.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, '').replace(/<[^>]*>/g, ' ');
    const texts = [
      ...pageErrors,
      ...books.flatMap((b) => [
        ...b.screen.alerts.flatMap((a) => [a.title, a.message]),
        ...b.screen.dialogs.flatMap((d) => [d.title, dialogText(d.html)]),
        ...b.book.sheets.flatMap((s) => [s.getName(), ...s.grid.flatMap((_, r) => s.visibleRow(r + 1).map(String))]),
      ]),
    ];
    expect(texts.length).toBeGreaterThan(100);
    expectNoRawCodes(texts);
  });
});
