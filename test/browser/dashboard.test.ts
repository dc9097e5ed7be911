import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launch } from './chromium';
import { call, startLocalWorker, type LocalWorker } from './local-worker';
import { DESKTOP, expectNoPageScroll, importUnits, PHONE, shot } from './webapp';

/**
 * A Quận 10 manager who never saw Cascade signs in and answers "which wards are late, and who misses the 95 %
 * target?" — against a real local worker (wrangler dev, Miniflare D1) in Debian's Chromium. The clock is the real
 * one, so the plan's two one-off reports are due in the past (so reports sent now are late) and in the future
 * (sent now: on time).
 */
const run = chromiumAvailable();
const WARDS = ['27163', '27166', '27169'];

let worker: LocalWorker;
let browser: Browser;
let manager = '';
let plan: { id: string; schedules: { id: string; code: string }[] };

beforeAll(async () => {
  if (!run) return;
  worker = await startLocalWorker();
  const { base, admin } = worker;
  await importUnits(base, admin);
  plan = await call(base, admin, 'POST', '/v1/plans', {
    number: 'KH-PAPI/Q10', title: 'Nâng cao Chỉ số PAPI trên địa bàn Quận 10', issuer: '771', issuedOn: '2025-09-01', years: [2026],
    indicators: [
      { code: 'TTHC_DUNG_HAN', name: 'Tỷ lệ hồ sơ TTHC giải quyết đúng hạn', kind: 'percent', target: { op: '>', value: 95 } },
      { code: 'HOI_NGHI', name: 'Số hội nghị tuyên truyền', kind: 'count', unit: 'hội nghị' },
    ],
    schedules: [
      { code: 'KH', name: 'Kế hoạch thực hiện', periodType: 'once', due: { rule: 'date', date: '2026-02-01' }, appliesTo: { units: WARDS }, reportTo: '771', via: '771-NV' },
      { code: 'SK', name: 'Báo cáo sơ kết', periodType: 'once', due: { rule: 'date', date: '2099-06-15' }, appliesTo: { units: WARDS }, reportTo: '771', via: '771-NV' },
    ],
    criteria: [{ code: 'C1', name: 'Phối hợp tuyên truyền', maxPoints: 2 }],
  });
  await call(base, admin, 'POST', `/v1/plans/${plan.id}/activate`);
  const [kh, sk] = plan.schedules.map((s) => s.id);
  const put = (unit: string, schedule: string, values: unknown[]) =>
    call(base, admin, 'PUT', `/v1/reports/${unit}/${schedule}/ONCE`, { values, submit: true });
  await put('27163', kh!, [{ indicator: 'TTHC_DUNG_HAN', numerator: 97, denominator: 100 }, { indicator: 'HOI_NGHI', value: 3 }]);
  await put('27166', kh!, [{ indicator: 'TTHC_DUNG_HAN', numerator: 90, denominator: 100 }, { indicator: 'HOI_NGHI', value: 1 }]);
  await put('27163', sk!, [{ indicator: 'TTHC_DUNG_HAN', na: true, note: 'Kỳ sơ kết không tính tỷ lệ' }, { indicator: 'HOI_NGHI', value: 2 }]);
  await call(base, admin, 'PUT', `/v1/scores/27163/${plan.id}/ONCE`, { criteria: [{ code: 'C1', points: 2 }] });
  manager = (await call(base, admin, 'POST', '/v1/tokens', { unit: '771', role: 'manager', label: 'Phòng Nội vụ' })).token;
  browser = await launch();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

const newPage = (size = DESKTOP) => browser.newPage({ viewport: size, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });

async function signIn(page: Page) {
  await page.goto(`${worker.base}/app`);
  await page.fill('#token', manager);
  await page.click('#signin button[type=submit]');
  await page.waitForSelector('table.matrix');
  expect(await page.isVisible('#signin')).toBe(false);
}

const statuses = (page: Page, unit: string) =>
  page.$$eval(`table.matrix tr[data-unit="${unit}"] td[data-status]`, (tds) => tds.map((td) => (td as HTMLElement).dataset.status));

describe.skipIf(!run)('the district workbench in Chromium', () => {
  it('shows who reported, on time or late, and who is overdue, in one request per view', async () => {
    const page = await newPage();
    const apiCalls: string[] = [];
    page.on('request', (r) => r.url().includes('/v1/') && apiCalls.push(new URL(r.url()).pathname));
    await signIn(page);
    expect(apiCalls).toEqual(['/v1/dashboard/session', '/v1/dashboard/matrix']); // no N+1: the header with its plans, then the matrix
    expect(await statuses(page, '27163')).toEqual(['late', 'ontime']);
    expect(await statuses(page, '27166')).toEqual(['late', 'open']);
    expect(await statuses(page, '27169')).toEqual(['overdue', 'open']);
    expect(await page.$$eval('table.matrix tbody th.unit', (th) => th.map((t) => t.textContent))).toEqual(['Phường 13', 'Phường 14', 'Phường 15']);
    expect(await page.$$eval('table.matrix thead th.col', (th) => th.map((t) => (t as HTMLElement).innerText.replace(/\n+/g, ' | '))))
      .toEqual(['Kế hoạch thực hiện | Một lần | chậm nhất 23:59 ngày 31/01/2026', 'Báo cáo sơ kết | Một lần | chậm nhất 23:59 ngày 14/06/2099']);
    expect(await page.getAttribute('tr[data-unit="27163"] td[data-status="late"]', 'title')).toMatch(/^Nộp lúc: \d\d:\d\d ngày \d\d\/\d\d\/\d{4}$/);
    expect(await page.textContent('tfoot')).toContain('2/3 đã nộp · 0 đúng hạn');
    expect(await page.evaluate(() => location.href)).not.toContain(manager); // the token never goes into a URL
    expect(await page.evaluate(() => location.hash)).toBe(`#v=matrix&plan=${plan.id}`); // the view and plan do
    expect(await page.evaluate(() => sessionStorage.getItem('cascade-token'))).toBe(manager);
    apiCalls.length = 0;
    await page.click('header.top nav a[data-view="calendar"]');
    await page.waitForSelector('#calendar');
    expect(apiCalls).toEqual(['/v1/dashboard/calendar']);
    await page.reload(); // reload keeps the view
    await page.waitForSelector('#calendar');
    await page.close();
  });

  it('shows each indicator against its target and names the wards missing it', async () => {
    const page = await newPage();
    await signIn(page);
    await page.click('header.top nav a[data-view="indicators"]');
    await page.waitForSelector('#indicators');
    await page.selectOption('select[name="period"]', { label: 'Kế hoạch thực hiện — Một lần' });
    await page.waitForFunction(() => document.querySelector('#completeness')?.textContent?.startsWith('2/3'));
    const rate = await page.textContent('[data-indicator="TTHC_DUNG_HAN"]');
    expect(rate).toContain('Tổng hợp: 93,5 %'); // (97 + 90) / (100 + 100), not a mean of percentages
    expect(rate).toContain('chỉ tiêu trên 95 %');
    expect(rate).toContain('1/2 đơn vị đạt');
    expect(await page.textContent('[data-indicator="HOI_NGHI"]')).toContain('Tổng hợp: 4 hội nghị'); // only the KH report: 3 + 1
    expect(await page.getAttribute('[data-indicator="TTHC_DUNG_HAN"] [data-missing]', 'data-missing')).toBe('27166');
    expect(await page.textContent('[data-indicator="TTHC_DUNG_HAN"] [data-missing]')).toBe('Chưa đạt: Phường 13');
    expect(await page.$$eval('[data-indicator="TTHC_DUNG_HAN"] .fill[data-met="false"]', (r) => r.length)).toBe(1);
    await shot(page, 'dashboard-indicators-1366');
    // The roll-up as Excel and Word: fetched with the bearer header, saved as a file.
    for (const [label, ext] of [['Tải bảng tổng hợp (Excel)', '.xlsx'], ['Tải báo cáo tổng hợp (Word)', '.docx']] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(`button:has-text("${label}")`)]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`\\${ext}$`));
      const { statSync } = await import('node:fs');
      expect(statSync((await download.path())!).size).toBeGreaterThan(1000);
    }
    await page.close();
  });

  it('opens a report, refuses a return without a reason in the page, returns it, and the matrix changes', async () => {
    const page = await newPage();
    await signIn(page);
    await page.click('tr[data-unit="27166"] td[data-status="late"] a');
    await page.waitForSelector('section.report');
    expect(await page.textContent('#values')).toContain('90/100 (90 %)');
    const [word] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("Tải báo cáo (Word)")')]);
    expect(word.suggestedFilename()).toMatch(/\.docx$/);
    const calls: string[] = [];
    page.on('request', (r) => r.method() === 'POST' && calls.push(r.url()));
    await page.click('button[data-action="return"]');
    expect(await page.textContent('#reason-error')).toBe('Hãy ghi lý do trả lại để đơn vị biết cần sửa gì.');
    expect(calls).toEqual([]); // checked in the page, before any request
    await page.fill('#reason', 'Số liệu hồ sơ đúng hạn chưa khớp với phần mềm một cửa');
    await page.click('button[data-action="return"]');
    await page.waitForFunction(() => (document.querySelector('#report-status') as HTMLElement | null)?.dataset.status === 'returned');
    expect(await page.textContent('#report-status')).toBe('Bị trả lại');
    expect(await page.textContent('#notice')).toBe('Đã trả lại báo cáo.');
    expect(await page.getAttribute('#notice', 'class')).toContain('ok');
    expect(await page.textContent('#return-reason')).toContain('Số liệu hồ sơ đúng hạn chưa khớp với phần mềm một cửa');
    expect(await page.textContent('#history')).toContain('Trả lại — lý do:');
    await page.click('a:has-text("Về bảng tình hình nộp")');
    await page.waitForSelector('table.matrix');
    expect(await page.textContent('#notice')).toBe(''); // notices clear when the view changes
    expect(await statuses(page, '27166')).toEqual(['returned', 'open']);
    expect(await page.textContent('tfoot')).toContain('1/3 đã nộp');
    await page.close();
  });

  it('lists overdue, returned and later reports, and the score ranking', async () => {
    const page = await newPage();
    await signIn(page);
    await page.click('header.top nav a[data-view="calendar"]');
    await page.waitForSelector('#calendar');
    const units = (list: string) => page.$$eval(`.${list} a[data-unit]`, (a) => a.map((l) => (l as HTMLElement).dataset.unit));
    expect(await units('older-list')).toEqual(['27169']); // due 1 February 2026: folded behind its count
    expect(await units('returned-list')).toEqual(['27166']);
    expect(await units('later-list')).toEqual(['27166', '27169']); // due 2099, Phường 13 before Phường 14
    expect(await page.textContent('.returned-list')).toContain('Số liệu hồ sơ đúng hạn chưa khớp');
    await page.click('header.top nav a[data-view="scores"]');
    await page.waitForSelector('#scores');
    await page.selectOption('select[name="score-period"]', { label: 'Một lần' });
    await page.waitForSelector('#ranking');
    expect(await page.textContent('#ranking tr[data-unit="27163"]')).toContain('2/2');
    await page.close();
  });

  it('works on a phone-width screen, and a wrong token is told so', async () => {
    const page = await newPage(PHONE);
    await page.goto(`${worker.base}/app`);
    await page.fill('#token', 'csc_not-a-real-token');
    await page.click('#signin button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#signin-error')?.textContent !== '');
    expect(await page.textContent('#signin-error')).toContain('không hợp lệ');
    await page.fill('#token', manager);
    await page.click('#signin button[type=submit]');
    await page.waitForSelector('table.matrix');
    await page.click('#menu');
    expect(await page.isVisible('header.top nav a[data-view="indicators"]')).toBe(true);
    await page.click('#menu');
    await page.tap('tr[data-unit="27169"] td[data-status="overdue"] button').catch(() => page.click('tr[data-unit="27169"] td[data-status="overdue"] button'));
    expect(await page.textContent('#notice')).toBe('Phường 14 — Hạn: chậm nhất 23:59 ngày 31/01/2026'); // no hover on a phone: a tap tells
    await expectNoPageScroll(page, 'matrix on a phone'); // the table scrolls inside its box, the page does not
    await page.close();
  });
});
