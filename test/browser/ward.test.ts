import type { Browser, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launch } from './chromium';
import { call, startLocalWorker, type LocalWorker } from './local-worker';
import { periodLabel } from '../../schemas/labels';
import { activePlan, expectNoPageScroll, expectVietnamese, importUnits, P15, PHONE, quarterlyPlan, shot, signIn, timeline, token } from './webapp';

/**
 * Phường 15's clerk on a phone (390 × 844): fills the report of the quarter that ended last (one indicator not applicable with a note, one
 * percent as 289 of 300), loses the connection as it submits — the request reaches the server, its answer never
 * comes back — gets the connection back, sends it once more with the same key, and sees the receipt; the district
 * then has exactly one submitted version.
 */
const run = chromiumAvailable();
let worker: LocalWorker;
let browser: Browser;
let ward = '';
let plan: Awaited<ReturnType<typeof activePlan>>;
const when = timeline();
const period = when.open; // the quarter that ended last, due in four weeks

beforeAll(async () => {
  if (!run) return;
  worker = await startLocalWorker();
  await importUnits(worker.base, worker.admin);
  plan = await activePlan(worker.base, worker.admin, quarterlyPlan(when));
  ward = await token(worker.base, worker.admin, P15, 'submitter', 'Anh Minh, văn phòng UBND Phường 15');
  browser = await launch();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

describe.skipIf(!run)('the ward reports from its phone', () => {
  it('fills the report of the quarter that ended last, survives a dropped connection, submits once and sees the receipt', async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', hasTouch: true, isMobile: true });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => r.url().includes('/v1/') && requests.push(`${r.method()} ${new URL(r.url()).pathname}`));
    await signIn(page, worker.base, ward);
    expect(requests).toEqual(['GET /v1/dashboard/session', 'GET /v1/dashboard/owed']); // one request per screen
    await page.waitForSelector('#owed');
    const item = page.locator(`#owed li[data-period="${period}"]`);
    expect(await item.textContent()).toMatch(new RegExp(`Báo cáo quý — ${periodLabel(period)}.*Chưa đến hạn.*chậm nhất 23:59 ngày \\d\\d/\\d\\d/\\d{4} · còn \\d+ ngày`, 's'));
    requests.length = 0;
    await item.locator('a').tap();
    await page.waitForSelector('#report-form');
    expect(requests).toEqual(['GET /v1/dashboard/form']);
    await expectVietnamese(page, '#form-view', 'ward form');

    const rate = page.locator('fieldset[data-indicator="TTHC_DUNG_HAN"]');
    expect(await rate.locator('.hint').textContent()).toBe('Chỉ tiêu: trên 95 % · đơn vị tính: hồ sơ');
    await rate.locator('input[name=numerator]').fill('289');
    await rate.locator('input[name=denominator]').fill('300');
    expect(await rate.locator('output.rate').textContent()).toBe('96,3 %'); // live, as the roll-up will say it
    const talks = page.locator('fieldset[data-indicator="DOI_THOAI"]');
    await talks.locator('input[name=na]').check();
    expect(await talks.locator('.answer').isHidden()).toBe(true);
    await page.locator('fieldset[data-indicator="CONG_KHAI"] input[value=true]').check();
    const task = page.locator('fieldset[data-task="T1"]');
    await task.locator('select[name=status]').selectOption('done');
    await task.locator('textarea[name=result]').fill('Đã niêm yết 45 thủ tục tại bộ phận một cửa');

    // "Không áp dụng" without its note: the API's own check says so in the page, before any request.
    requests.length = 0;
    await page.click('button[data-action="submit-report"]');
    expect(await talks.locator('.field-error').textContent()).toContain('hãy ghi lý do chỉ tiêu "Số cuộc đối thoại với tổ chức, cá nhân" không áp dụng với đơn vị');
    expect(requests).toEqual([]);
    await talks.locator('textarea[name=note]').fill('Quý này không có kiến nghị nào cần đối thoại');
    await shot(page, 'ward-form-filled-390');

    // The submission reaches the server, but its answer is lost with the connection.
    const puts: Request[] = [];
    page.on('request', (r) => r.method() === 'PUT' && puts.push(r));
    let dropped = false;
    await page.route('**/v1/reports/**', async (route) => {
      if (route.request().method() !== 'PUT' || dropped) return route.continue();
      dropped = true;
      await route.fetch(); // the server has it…
      await context.setOffline(true);
      await route.abort('internetdisconnected'); // …the phone never hears back
    });
    await page.click('button[data-action="submit-report"]');
    await page.waitForFunction(() => document.querySelector('#notice')?.textContent?.startsWith('Mất kết nối'));
    expect(await page.getAttribute('#notice', 'class')).toContain('err');
    expect(await page.isVisible('#pending')).toBe(true);
    expect(await page.textContent('#pending')).toContain('Đang mất kết nối');
    const kept = await page.evaluate(() => JSON.parse(localStorage.getItem('cascade-pending') ?? '{}'));
    expect(Object.keys(kept)).toEqual([`/v1/reports/${P15}/${plan.schedules[0]!.id}/${period}`]);
    await shot(page, 'ward-offline-390');

    // The connection comes back: the page offers to send it, with the same key.
    await context.setOffline(false);
    await page.waitForFunction(() => document.querySelector('#pending')?.textContent?.includes('Đã có mạng lại'));
    await page.unroute('**/v1/reports/**');
    await page.tap('#pending button[data-action="send-pending"]');
    await page.waitForSelector('#receipt .receipt[data-version]');
    const receipt = await page.textContent('#receipt');
    expect(receipt).toMatch(/Đã nộp phiên bản 1 lúc \d\d:\d\d ngày \d\d\/\d\d\/\d{4} · Đúng hạn/);
    expect(receipt).toContain(periodLabel(period));
    expect(await page.isHidden('#pending')).toBe(true);
    expect(await page.evaluate(() => localStorage.getItem('cascade-pending'))).toBe('{}');
    expect(puts.length).toBe(2);
    expect(puts[1]!.headers()['idempotency-key']).toBe(puts[0]!.headers()['idempotency-key']);
    expect(await page.textContent('#form-status')).toBe('Đã nộp');
    await expectNoPageScroll(page, 'receipt');
    await expectVietnamese(page, '#receipt', 'receipt');
    await shot(page, 'ward-receipt-after-offline-390');
    await context.close();

    // The district sees one submitted version, whatever the retries.
    const path = `/v1/reports/${P15}/${plan.schedules[0]!.id}/${period}`;
    const history = await call(worker.base, worker.admin, 'GET', `${path}/history`);
    expect(history.versions.map((v: { version: number; submitted: boolean }) => [v.version, v.submitted])).toEqual([[1, true]]);
    const report = await call(worker.base, worker.admin, 'GET', path);
    expect(report.values).toEqual([
      { indicator: 'TTHC_DUNG_HAN', numerator: 289, denominator: 300 },
      { indicator: 'DOI_THOAI', na: true, note: 'Quý này không có kiến nghị nào cần đối thoại' },
      { indicator: 'CONG_KHAI', value: true },
    ]);
    const rollup = await call(worker.base, worker.admin, 'GET', `/v1/rollups?plan=${plan.id}&period=${period}&schedule=${plan.schedules[0]!.id}&unit=771`);
    expect(rollup.completeness.submitted).toBe(1);
    expect(rollup.indicators.find((i: { code: string }) => i.code === 'TTHC_DUNG_HAN')).toMatchObject({ numerator: 289, denominator: 300, met: true });
  });

  it('keeps a report it could not send on the phone, and puts it back into the form after a reload', async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    await signIn(page, worker.base, ward, `#v=form&unit=${P15}&schedule=${plan.schedules[0]!.id}&period=${when.current}`);
    await page.waitForSelector('#report-form');
    await page.fill('fieldset[data-indicator="TTHC_DUNG_HAN"] input[name=numerator]', '50');
    await page.fill('fieldset[data-indicator="TTHC_DUNG_HAN"] input[name=denominator]', '52');
    await context.setOffline(true);
    await page.click('button[data-action="save-draft"]');
    await page.waitForFunction(() => document.querySelector('#notice')?.textContent?.startsWith('Mất kết nối'));
    await context.setOffline(false);
    await page.reload();
    await page.waitForSelector('#report-form');
    expect(await page.inputValue('fieldset[data-indicator="TTHC_DUNG_HAN"] input[name=numerator]')).toBe('50');
    expect(await page.textContent('fieldset[data-indicator="TTHC_DUNG_HAN"] output.rate')).toBe('96,2 %');
    expect(await page.textContent('#pending')).toContain('bản nháp');
    await page.click('#pending button[data-action="send-pending"]');
    await page.waitForFunction(() => document.querySelector('#receipt')?.textContent?.includes('Đã lưu bản nháp phiên bản 1'));
    await context.close();
  });
});
