import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launch } from './chromium';
import { call, startLocalWorker, type LocalWorker } from './local-worker';

/**
 * A Quận 10 manager who never saw Cascade signs in and answers "which wards are late, and who misses the 95 %
 * target?" — against a real local worker (wrangler dev, Miniflare D1) in Debian's Chromium. The clock is the real
 * one, so the plan's two one-off reports are due in the past (so reports sent now are late) and in the future
 * (sent now: on time). Screenshots of every view land in test-artifacts/.
 */
const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts');
const run = chromiumAvailable();
const WARDS = ['27163', '27166', '27169'];

let worker: LocalWorker;
let browser: Browser;
let manager = '';
let plan: { id: string; schedules: { id: string; code: string }[] };

beforeAll(async () => {
  if (!run) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  worker = await startLocalWorker();
  const { base, admin } = worker;
  await call(base, admin, 'POST', '/v1/units/import', readFileSync(join(import.meta.dirname, '..', '..', 'worker', 'demo', 'units.csv'), 'utf8'), 'text/csv');
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
  await put('27163', sk!, [{ indicator: 'HOI_NGHI', value: 2 }]);
  await call(base, admin, 'PUT', `/v1/scores/27163/${plan.id}/ONCE`, { criteria: [{ code: 'C1', points: 2 }] });
  manager = (await call(base, admin, 'POST', '/v1/tokens', { unit: '771', role: 'manager', label: 'Phòng Nội vụ' })).token;
  browser = await launch();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

async function signIn(page: Page) {
  await page.goto(`${worker.base}/app`);
  await page.fill('#token', manager);
  await page.click('#signin button[type=submit]');
  await page.waitForSelector('table.matrix');
  expect(await page.isVisible('#signin')).toBe(false);
}

const statuses = (page: Page, unit: string) =>
  page.$$eval(`table.matrix tr[data-unit="${unit}"] td[data-status]`, (tds) => tds.map((td) => (td as HTMLElement).dataset.status));

describe.skipIf(!run)('the district dashboard in Chromium', () => {
  it('shows who reported, on time or late, and who is overdue, in one request per view', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const apiCalls: string[] = [];
    page.on('request', (r) => r.url().includes('/v1/') && apiCalls.push(new URL(r.url()).pathname));
    await signIn(page);
    expect(apiCalls).toEqual(['/v1/plans', '/v1/dashboard/matrix']); // no N+1: one call for the plan list, one for the matrix
    expect(await statuses(page, '27163')).toEqual(['late', 'ontime']);
    expect(await statuses(page, '27166')).toEqual(['late', 'open']);
    expect(await statuses(page, '27169')).toEqual(['overdue', 'open']);
    const title = await page.getAttribute('tr[data-unit="27163"] td[data-status="late"]', 'title');
    expect(title).toContain('Hạn: chậm nhất 23:59 ngày 31/01/2026');
    expect(title).toContain('Nộp lúc:');
    expect(await page.textContent('tfoot')).toContain('2/3 đã nộp · 0 đúng hạn');
    expect(await page.evaluate(() => location.href)).not.toContain(manager); // the token never goes into a URL
    expect(await page.evaluate(() => sessionStorage.getItem('cascade-token'))).toBe(manager);
    await page.screenshot({ path: join(ARTIFACTS, 'matrix.png'), fullPage: true });
    await page.close();
  });

  it('shows each indicator against its target and names the wards missing it', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page);
    await page.click('#views button[data-view="indicators"]');
    await page.waitForSelector('#indicators');
    await page.selectOption('select[name="period"]', { label: 'KH ONCE' });
    await page.waitForFunction(() => document.querySelector('#indicators p')?.textContent?.startsWith('2/3'));
    const rate = await page.textContent('[data-indicator="TTHC_DUNG_HAN"]');
    expect(rate).toContain('Tổng hợp: 93.5 %'); // (97 + 90) / (100 + 100), not a mean of percentages
    expect(rate).toContain('1/2 đơn vị đạt');
    expect(await page.textContent('[data-indicator="HOI_NGHI"]')).toContain('Tổng hợp: 4'); // only the KH report: 3 + 1
    expect(await page.getAttribute('[data-indicator="TTHC_DUNG_HAN"] [data-missing]', 'data-missing')).toBe('27166');
    expect(await page.$$eval('[data-indicator="TTHC_DUNG_HAN"] rect[data-met="false"]', (r) => r.length)).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'indicators.png'), fullPage: true });
    await page.close();
  });

  it('opens a report, returns it as a manager, and the matrix changes', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page);
    await page.click('tr[data-unit="27166"] td[data-status="late"]');
    await page.waitForSelector('section.report');
    expect(await page.textContent('section.report table')).toContain('90/100');
    await page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: true });
    await page.fill('#reason', 'Số liệu hồ sơ đúng hạn chưa khớp với phần mềm một cửa');
    await page.click('button[data-action="return"]');
    await page.waitForFunction(() => (document.querySelector('#report-status') as HTMLElement | null)?.dataset.status === 'returned');
    expect(await page.textContent('#report-status')).toBe('Bị trả lại');
    expect(await page.textContent('#notice')).toBe('Đã trả lại báo cáo.');
    await page.click('#views button[data-view="matrix"]');
    await page.waitForSelector('table.matrix');
    expect(await statuses(page, '27166')).toEqual(['returned', 'open']);
    expect(await page.textContent('tfoot')).toContain('1/3 đã nộp');
    await page.screenshot({ path: join(ARTIFACTS, 'matrix-after-return.png'), fullPage: true });
    await page.close();
  });

  it('lists overdue and upcoming reports, and the score ranking', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page);
    await page.click('#views button[data-view="calendar"]');
    await page.waitForSelector('#calendar');
    expect(await page.$$eval('.overdue-list li', (li) => li.map((l) => (l as HTMLElement).dataset.unit))).toEqual(['27169']);
    expect(await page.$$eval('.returned-list li', (li) => li.map((l) => (l as HTMLElement).dataset.unit))).toEqual(['27166']); // returned above
    expect(await page.$$eval('.open-list li', (li) => li.length)).toBe(2);
    await page.screenshot({ path: join(ARTIFACTS, 'calendar.png'), fullPage: true });
    await page.click('#views button[data-view="scores"]');
    await page.waitForSelector('#scores');
    expect(await page.textContent('#scores tr[data-unit="27163"]')).toContain('2/2');
    await page.screenshot({ path: join(ARTIFACTS, 'scores.png'), fullPage: true });
    await page.close();
  });

  it('works on a phone-width screen, and a wrong token is told so', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${worker.base}/app`);
    await page.fill('#token', 'csc_not-a-real-token');
    await page.click('#signin button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#signin-error')?.textContent !== '');
    expect(await page.textContent('#signin-error')).toContain('không hợp lệ');
    await page.fill('#token', manager);
    await page.click('#signin button[type=submit]');
    await page.waitForSelector('table.matrix');
    expect(await page.isVisible('#views button[data-view="indicators"]')).toBe(true);
    await page.tap('tr[data-unit="27169"] td[data-status="overdue"]').catch(() => page.click('tr[data-unit="27169"] td[data-status="overdue"]'));
    expect(await page.textContent('#notice')).toBe('Phường 14 — Hạn: chậm nhất 23:59 ngày 31/01/2026'); // no hover on a phone: a tap tells
    const overflow = await page.evaluate(() => document.body.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0); // the table scrolls inside its box, the page does not
    await page.screenshot({ path: join(ARTIFACTS, 'matrix-phone.png'), fullPage: true });
    await page.close();
  });
});
