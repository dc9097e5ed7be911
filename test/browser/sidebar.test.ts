import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launch } from './chromium';

/** The add-on's sidebar (HtmlService serves this file as is) in Chromium, with google.script.run stubbed. */
const SIDEBAR = readFileSync(join(import.meta.dirname, '..', '..', 'addon', 'src', 'pages', 'sidebar.html'), 'utf8');
const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts');
const run = chromiumAvailable();
let browser: Browser;

const OBLIGATIONS = [
  { unit: '27163', unitName: 'Phường 15', schedule: 'sc_6T', scheduleCode: '6T', period: '2021S1', status: 'returned', deadline: 'chậm nhất 23:59 ngày 14/05/2021', submittedAt: '2021-05-10T02:00:00Z', onTime: true },
  { unit: '27163', unitName: 'Phường 15', schedule: 'sc_KH', scheduleCode: 'KH', period: 'ONCE', status: 'overdue', deadline: 'chậm nhất 23:59 ngày 31/01/2021', submittedAt: null, onTime: null },
  { unit: '27163', unitName: 'Phường 15', schedule: 'sc_NAM', scheduleCode: 'NAM', period: '2021', status: 'open', deadline: 'chậm nhất 23:59 ngày 14/10/2021', submittedAt: null, onTime: null },
  { unit: '27163', unitName: 'Phường 15', schedule: 'sc_6T', scheduleCode: '6T', period: '2020S1', status: 'submitted', deadline: 'chậm nhất 23:59 ngày 14/05/2020', submittedAt: '2020-05-20T02:00:00Z', onTime: false },
];

/** google.script.run as the sidebar sees it: chained handlers, calls recorded on window.calls. */
const STUB = `
window.calls = [];
const answers = { listObligations: ${JSON.stringify(OBLIGATIONS)}, insertReportSheet: { sheet: '27163 NAM 2021' } };
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
  it('lists obligations with due dates and coloured status, and a click asks for that report sheet', async () => {
    const page = await browser.newPage({ viewport: { width: 300, height: 600 } }); // a Sheets sidebar is 300 px wide
    await page.setContent(SIDEBAR.replace('<head>', `<head><script>${STUB}</script>`));
    await page.waitForSelector('#list li');
    const items = await page.$$eval('#list li', (lis) => lis.map((li) => [(li as HTMLElement).dataset.status, li.textContent, getComputedStyle(li).borderLeftColor]));
    expect(items.map((i) => i[0])).toEqual(['returned', 'overdue', 'open', 'submitted']);
    expect(items[1]![1]).toContain('Quá hạn · Phường 15 — KH ONCE');
    expect(items[1]![1]).toContain('chậm nhất 23:59 ngày 31/01/2021');
    expect(items[3]![1]).toContain('trễ hạn');
    expect(items[1]![2]).toBe('rgb(198, 40, 40)'); // overdue in red
    expect(items[2]![2]).toBe('rgb(21, 101, 192)'); // open in blue
    await page.screenshot({ path: join(ARTIFACTS, 'addon-sidebar.png'), fullPage: true });
    await page.click('#list li[data-status="open"]');
    await page.waitForFunction(() => (document.getElementById('message')?.textContent ?? '').startsWith('Đã tạo sheet'));
    const calls = await page.evaluate(() => (window as unknown as { calls: unknown[][] }).calls);
    expect(calls).toEqual([['listObligations'], ['insertReportSheet', '27163', 'sc_NAM', '2021']]);
    await page.click('#list li[data-status="submitted"]'); // a submitted report is not re-opened as a new sheet
    expect(await page.evaluate(() => (window as unknown as { calls: unknown[] }).calls.length)).toBe(2);
    await page.close();
  });
});
