import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Obligation } from '../../schemas';
import { sheetPanel, sidebarItems } from '../../addon/src/core/sidebar';
import { headerFor } from '../../addon/src/core/report-sheet';
import { chromiumAvailable, launch } from './chromium';

/**
 * The add-on's sidebar (HtmlService serves this file as is) in Chromium, with google.script.run stubbed to answer
 * what the add-on's core makes of real-shaped obligations: no period code, schedule code or id may show.
 */
const SIDEBAR = readFileSync(join(import.meta.dirname, '..', '..', 'addon', 'src', 'pages', 'sidebar.html'), 'utf8');
const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts');
const run = chromiumAvailable();
let browser: Browser;

const base = { unit: '27163', unitName: 'Phường 15', plan: 'pl_PAPI2021', onTime: null, submittedAt: null, returnReason: null } as const;
const OBLIGATIONS: Obligation[] = [
  { ...base, id: '1', schedule: 'sc_6T', scheduleCode: '6T', scheduleName: 'Báo cáo 6 tháng', period: '2021S1', periodLabel: '6 tháng đầu năm 2021', status: 'returned',
    dueAt: '2021-05-14T17:00:00Z', deadline: 'chậm nhất 23:59 ngày 14/05/2021', submittedAt: '2021-05-10T02:00:00Z', onTime: true,
    returnReason: 'Tỷ lệ hồ sơ đúng hạn chưa khớp với phần mềm một cửa; đề nghị rà soát lại.' },
  { ...base, id: '2', schedule: 'sc_KH', scheduleCode: 'KH', scheduleName: 'Báo cáo sơ kết', period: 'ONCE', periodLabel: 'Một lần', status: 'overdue',
    dueAt: '2021-01-31T17:00:00Z', deadline: 'chậm nhất 23:59 ngày 31/01/2021' },
  { ...base, id: '3', schedule: 'sc_QUY', scheduleCode: 'QUY', scheduleName: 'Báo cáo quý', period: '2021Q3', periodLabel: 'Quý III/2021', status: 'open',
    dueAt: '2021-10-14T17:00:00Z', deadline: 'chậm nhất 23:59 ngày 14/10/2021' },
  { ...base, id: '4', schedule: 'sc_6T', scheduleCode: '6T', scheduleName: 'Báo cáo 6 tháng', period: '2020S1', periodLabel: '6 tháng đầu năm 2020', status: 'submitted',
    dueAt: '2020-05-14T17:00:00Z', deadline: 'chậm nhất 23:59 ngày 14/05/2020', submittedAt: '2020-05-20T02:00:00Z', onTime: false },
];
const NOW = new Date('2021-10-14T08:00:00Z'); // 15:00 on the open report's last day
const ITEMS = sidebarItems(OBLIGATIONS, NOW);
const WARNING = 'Cảnh báo: "Số hội nghị tuyên truyền" = 50 khác nhiều so với các đơn vị cùng cấp kỳ này (trung vị 2,5); hãy kiểm tra lại số liệu.';
const PANEL = sheetPanel(headerFor(OBLIGATIONS[2]!, { number: 'KH-PAPI/Q10', title: 'Nâng cao Chỉ số PAPI' }, {
  receipt: 'Đã nộp phiên bản 1 lúc 10:30 ngày 14/10/2021 · ĐÚNG HẠN', notice: WARNING,
}));

/** google.script.run as the sidebar sees it: chained handlers, calls recorded on window.calls. */
const STUB = `
window.calls = [];
const answers = {
  listObligations: ${JSON.stringify(ITEMS)},
  activeReportPanel: ${JSON.stringify(PANEL)},
  insertReportSheet: { sheet: 'Phường 15 · Báo cáo quý · Quý III/2021', message: 'Đã tạo sheet "Phường 15 · Báo cáo quý · Quý III/2021". Điền số liệu rồi chọn Cascade › Nộp báo cáo.' },
};
function runner(ok, fail) {
  return new Proxy({}, { get(_, name) {
    if (name === 'withSuccessHandler') return (f) => runner(f, fail);
    if (name === 'withFailureHandler') return (f) => runner(ok, f);
    return (...args) => { window.calls.push([name, ...args]); setTimeout(() => ok && ok(answers[name]), 10); };
  } });
}
window.google = { script: { run: runner(null, null), host: { close() {} } } };
`;

beforeAll(async () => {
  if (run) browser = await launch();
});
afterAll(async () => browser?.close());

describe.skipIf(!run)('the add-on sidebar', () => {
  it('lists reports in words, returned first with its reason, coloured by status; shows the active sheet; a click asks for that sheet', async () => {
    const page = await browser.newPage({ viewport: { width: 300, height: 700 } }); // a Sheets sidebar is 300 px wide
    await page.setContent(SIDEBAR.replace('<head>', `<head><script>${STUB}</script>`));
    await page.waitForSelector('#list li');
    await page.waitForFunction(() => !(document.getElementById('panel') as HTMLElement).hidden);
    const items = await page.$$eval('#list li', (lis) => lis.map((li) => [(li as HTMLElement).dataset.status, (li as HTMLElement).innerText, getComputedStyle(li).borderLeftColor]));
    expect(items.map((i) => i[0])).toEqual(['returned', 'overdue', 'open', 'submitted']);
    expect(items[0]![1]).toBe([
      'Bị trả lại · Phường 15', 'Báo cáo 6 tháng — 6 tháng đầu năm 2021', 'Hạn nộp: chậm nhất 23:59 ngày 14/05/2021 · đã quá hạn hơn 5 tháng',
      'Bị trả lại — lý do: Tỷ lệ hồ sơ đúng hạn chưa khớp với phần mềm một cửa; đề nghị rà soát lại.',
    ].join('\n'));
    expect(items[1]![1]).toContain('Quá hạn · Phường 15\nBáo cáo sơ kết — Một lần');
    expect(items[2]![1]).toContain('Hạn nộp: chậm nhất 23:59 ngày 14/10/2021 · còn 9 giờ');
    expect(items[3]![1]).toContain('Đã nộp lúc 09:00 ngày 20/05/2020 · Trễ hạn');
    expect(items[1]![2]).toBe('rgb(198, 40, 40)'); // overdue in red
    expect(items[2]![2]).toBe('rgb(21, 101, 192)'); // open in blue
    const panel = await page.$eval('#panel', (p) => (p as HTMLElement).innerText.split('\n').filter(Boolean));
    expect(panel).toEqual(['Phường 15 · Báo cáo quý · Quý III/2021', 'Hạn nộp: chậm nhất 23:59 ngày 14/10/2021',
      'Biên nhận: Đã nộp phiên bản 1 lúc 10:30 ngày 14/10/2021 · ĐÚNG HẠN', WARNING]);
    // Nothing a person reads shows a period code, a schedule code or an id.
    const text = await page.evaluate(() => document.body.innerText);
    for (const raw of [/\b20\d\d(Q[1-4]|S[12]|N9)\b/, /\bONCE\b/, /\bQUY\b/, /\b6T\b/, /\bKH\b/, /\b(pl|sc)_\w+/]) expect(text).not.toMatch(raw);
    await page.screenshot({ path: join(ARTIFACTS, 'addon-sidebar.png'), fullPage: true });

    await page.click('#list li[data-status="open"]');
    await page.waitForFunction(() => (document.getElementById('message')?.textContent ?? '').startsWith('Đã tạo sheet'));
    const calls = await page.evaluate(() => (window as unknown as { calls: unknown[][] }).calls);
    expect(calls.slice(0, 2).map((c) => c[0]).sort()).toEqual(['activeReportPanel', 'listObligations']);
    expect(calls[2]).toEqual(['insertReportSheet', { unit: '27163', plan: 'pl_PAPI2021', schedule: 'sc_QUY', period: '2021Q3' }]);
    await page.waitForFunction(() => (window as unknown as { calls: unknown[] }).calls.length === 4);
    expect((await page.evaluate(() => (window as unknown as { calls: unknown[][] }).calls))[3]).toEqual(['activeReportPanel']); // the panel follows the new sheet
    await page.click('#list li[data-status="submitted"]'); // a submitted report is not re-opened as a new sheet
    expect(await page.evaluate(() => (window as unknown as { calls: unknown[] }).calls.length)).toBe(4);
    await page.close();
  });
});
