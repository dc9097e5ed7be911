import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launch } from './chromium';
import { call, startLocalWorker, type LocalWorker } from './local-worker';
import {
  activePlan, ARTIFACTS, DESKTOP, expectAccessible, expectNoPageScroll, expectVietnamese, goView, importUnits, P15, PHONE, quarterlyPlan, seed002, shot, signIn, timeline, token, waitIdle,
} from './webapp';

/**
 * Every view of the web app at both sizes (1366 × 900 and 390 × 844): no page-level horizontal scroll, axe-core with
 * no serious or critical violation, no raw period code, English or unit code where a person reads, and a screenshot
 * in test-artifacts/. The scene: a current quarterly Quận 10 plan with reports on time, late, returned and not
 * applicable, seed 002's plan from 2020–2021 (all overdue, so it must not bury this month's work), scores, tokens,
 * a webhook whose address does not answer, and a draft.
 */
const run = chromiumAvailable();
let worker: LocalWorker;
let browser: Browser;
let manager = '';
let ward = '';
let plan: Awaited<ReturnType<typeof activePlan>>;
const when = timeline();
const year = Number(when.back1.slice(0, 4)); // the year the submitted quarters and the scores belong to

beforeAll(async () => {
  if (!run) return;
  worker = await startLocalWorker();
  const { base, admin } = worker;
  await importUnits(base, admin);
  await activePlan(base, admin, seed002());
  plan = await activePlan(base, admin, quarterlyPlan(when));
  const q = plan.schedules[0]!.id;
  const put = (unit: string, period: string, values: unknown[], tasks: unknown[] = []) =>
    call(base, admin, 'PUT', `/v1/reports/${unit}/${q}/${period}`, { values, tasks, submit: true });
  const full = (n: number, d: number, talks: unknown = { value: 2 }) => [
    { indicator: 'TTHC_DUNG_HAN', numerator: n, denominator: d }, { indicator: 'DOI_THOAI', ...(talks as object) }, { indicator: 'CONG_KHAI', value: true },
  ];
  await put(P15, `${when.back2}`, full(120, 125), [{ task: 'T1', status: 'done', result: 'Đã niêm yết 45 thủ tục', difficulties: null, proposals: null }]);
  await put(P15, `${when.back1}`, full(289, 300, { na: true, note: 'Quý này không có kiến nghị cần đối thoại' }),
    [{ task: 'T1', status: 'done', result: 'Niêm yết đủ', difficulties: 'Thiếu bảng niêm yết', proposals: 'Cấp thêm bảng' }]);
  await put(P15, `${when.back1}`, full(290, 300, { na: true, note: 'Quý này không có kiến nghị cần đối thoại' }));
  await put('27166', `${when.back1}`, full(80, 100));
  await call(base, admin, 'POST', `/v1/reports/27166/${q}/${when.back1}/return`, { reason: 'Số hồ sơ đúng hạn chưa khớp với phần mềm một cửa; đề nghị rà soát lại.' });
  await put('27169', `${when.back2}`, full(99, 100));
  await call(base, admin, 'PUT', `/v1/scores/${P15}/${plan.id}/${year}`, { criteria: [{ code: 'C1', points: 2 }, { code: 'C2', points: 2.5 }] });
  await call(base, admin, 'PUT', `/v1/scores/27166/${plan.id}/${year}`, { criteria: [{ code: 'C1', points: 1 }, { code: 'C2', points: 3 }] });
  await call(base, admin, 'POST', '/v1/plans', { ...quarterlyPlan({ years: [when.years.at(-1)! + 1], dueDays: 90 }), number: `KH-DU-THAO/${when.years.at(-1)! + 1}`, title: `Dự thảo kế hoạch năm ${when.years.at(-1)! + 1}` });
  manager = await token(base, admin, '771', 'manager', 'Chị Hà, Phòng Nội vụ');
  ward = await token(base, admin, P15, 'submitter', 'Anh Minh, văn phòng UBND Phường 15');
  const hook = await call(base, admin, 'POST', '/v1/webhooks', { unit: '771', url: 'https://hooks.q10.example.vn/nhac-viec', events: ['report.submitted', 'obligation.overdue'], format: 'text' });
  await call(base, admin, 'POST', `/v1/webhooks/${hook.id}/ping`);
  browser = await launch();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

type View = { name: string; hash: () => string; ready: string; who: 'manager' | 'ward'; read?: string; after?: (page: Page) => Promise<void> };

const VIEWS: View[] = [
  { name: 'plans', who: 'manager', hash: () => '#v=plans', ready: '#plans' },
  { name: 'plan-preview', who: 'manager', hash: () => '#v=plans', ready: '#plans', read: '#preview',
    after: async (page) => { await page.click('#own-plans li[data-status=draft] [data-action=preview]'); await page.waitForSelector('#preview'); } },
  { name: 'plan-editor', who: 'manager', hash: () => '#v=plans', ready: '#plans', read: '#plan-editor',
    after: async (page) => { await page.click('#own-plans li[data-status=draft] [data-action=edit-plan]'); await page.waitForSelector('#plan-editor'); } },
  { name: 'matrix', who: 'manager', hash: () => `#v=matrix&plan=${plan.id}`, ready: 'table.matrix', read: '#matrix' },
  { name: 'indicators', who: 'manager', hash: () => `#v=indicators&plan=${plan.id}&schedule=${plan.schedules[0]!.id}&period=${when.back1}`, ready: '#indicators', read: '#indicators' },
  { name: 'calendar', who: 'manager', hash: () => `#v=calendar&plan=${plan.id}`, ready: '#calendar', read: '#calendar' },
  { name: 'calendar-all', who: 'manager', hash: () => `#v=calendar&all=1`, ready: '#calendar', read: '#calendar' },
  { name: 'scores', who: 'manager', hash: () => `#v=scores&plan=${plan.id}`, ready: '#scores', read: '#scores' },
  { name: 'units', who: 'manager', hash: () => '#v=units', ready: '#units', read: '#units' },
  { name: 'reminders', who: 'manager', hash: () => '#v=reminders', ready: '#reminders', read: '#reminders' },
  { name: 'report', who: 'manager', hash: () => `#v=report&plan=${plan.id}&unit=${P15}&schedule=${plan.schedules[0]!.id}&period=${when.back1}`, ready: 'section.report', read: 'section.report' },
  { name: 'report-returned', who: 'manager', hash: () => `#v=report&plan=${plan.id}&unit=27166&schedule=${plan.schedules[0]!.id}&period=${when.back1}`, ready: 'section.report', read: 'section.report' },
  { name: 'ward-list', who: 'ward', hash: () => '#v=owed', ready: '#owed', read: '#owed' },
  { name: 'ward-form', who: 'ward', hash: () => `#v=form&unit=${P15}&schedule=${plan.schedules[0]!.id}&period=${when.open}`, ready: '#report-form', read: '#form-view' },
  { name: 'ward-receipt', who: 'ward', hash: () => `#v=form&unit=${P15}&schedule=${plan.schedules[0]!.id}&period=${when.back1}`, ready: '#report-form', read: '#form-view' },
];

describe.skipIf(!run)('every view, at both sizes', () => {
  for (const size of [DESKTOP, PHONE]) {
    for (const view of VIEWS) {
      it(`${view.name} at ${size.width} px: no page scroll, accessible, Vietnamese only`, async () => {
        const page = await browser.newPage({ viewport: size, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
        await signIn(page, worker.base, view.who === 'manager' ? manager : ward, view.hash());
        await page.waitForSelector(view.ready);
        await view.after?.(page);
        await waitIdle(page);
        await expectNoPageScroll(page, view.name);
        await expectAccessible(page, view.name);
        await expectVietnamese(page, view.read ?? '#view', view.name);
        await expectVietnamese(page, 'header.top', `${view.name} header`);
        await shot(page, `${view.name}-${size.width}`);
        await page.close();
      });
    }
  }

  it('opens on the plan whose deadline is nearest, not on the plan from 2020', async () => {
    const page = await browser.newPage({ viewport: DESKTOP, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    await signIn(page, worker.base, manager);
    await page.waitForSelector('table.matrix');
    expect(await page.evaluate(() => location.hash)).toBe(`#v=matrix&plan=${plan.id}`);
    expect(await page.inputValue('#plan')).toBe(plan.id);
    await page.close();
  });

  it('collapses the header on a phone behind a menu button, and opens it', async () => {
    const page = await browser.newPage({ viewport: PHONE, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    await signIn(page, worker.base, manager, `#v=matrix&plan=${plan.id}`);
    expect(await page.isVisible('header.top nav')).toBe(false);
    await page.click('#menu');
    expect(await page.getAttribute('#menu', 'aria-expanded')).toBe('true');
    expect(await page.isVisible('header.top nav a[data-view=calendar]')).toBe(true);
    await expectAccessible(page, 'menu open');
    await shot(page, 'menu-open-390');
    await page.click('header.top nav a[data-view=calendar]');
    await page.waitForSelector('#calendar');
    expect(await page.isVisible('header.top nav')).toBe(false);
    await page.close();
  });

  it('keeps the matrix unit column in place while the periods scroll inside their box, and chart labels at 12 px or more', async () => {
    const page = await browser.newPage({ viewport: PHONE, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    await signIn(page, worker.base, manager, `#v=matrix&plan=${plan.id}`);
    const box = await page.$('#matrix .scroll');
    await box!.evaluate((e) => { e.scrollLeft = 0; });
    const before = await page.$eval(`tr[data-unit="${P15}"] th.unit`, (e) => e.getBoundingClientRect().left);
    await box!.evaluate((e) => { e.scrollLeft = 400; });
    const after = await page.$eval(`tr[data-unit="${P15}"] th.unit`, (e) => e.getBoundingClientRect().left);
    expect(after).toBe(before);
    expect(await box!.evaluate((e) => e.scrollLeft)).toBeGreaterThan(0);
    await goView(page, `#v=indicators&plan=${plan.id}&schedule=${plan.schedules[0]!.id}&period=${when.back1}`);
    const sizes = await page.$$eval('.bars span', (spans) => spans.filter((s) => s.textContent).map((s) => parseFloat(getComputedStyle(s).fontSize)));
    expect(sizes.length).toBeGreaterThan(0);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
    await page.close();
  });

  it('puts this month’s work first: a plan from 2020 is folded behind a count in the calendar', async () => {
    const page = await browser.newPage({ viewport: DESKTOP, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    await signIn(page, worker.base, manager, '#v=calendar&all=1');
    const overdue = await page.$$eval('.overdue-list > li', (li) => li.map((l) => (l as HTMLElement).dataset.period));
    expect(overdue.every((p) => when.years.some((y) => p?.startsWith(String(y))))).toBe(true);
    expect(await page.textContent('#older-overdue summary')).toMatch(/Quá hạn từ trước ngày \d\d\/\d\d\/\d{4}: \d+ kỳ báo cáo/);
    expect(await page.isVisible('.older-list')).toBe(false);
    const soon = await page.$$eval('.open-list > li', (li) => li.map((l) => (l as HTMLElement).dataset.period));
    expect(new Set(soon)).toEqual(new Set([`${when.open}`]));
    await page.close();
  });

  it('measures the page and every fragment: small enough for a slow connection', async () => {
    const sched = plan.schedules[0]!.id;
    const get = async (path: string, secret?: string) => {
      const res = await fetch(`${worker.base}${path}`, { headers: secret ? { authorization: `Bearer ${secret}` } : {} });
      expect(res.status, path).toBe(200);
      const body = Buffer.from(await res.arrayBuffer());
      return { path: path.replace(/pl_[\w-]+|sc_[\w-]+/g, '…'), bytes: body.length, gzip: gzipSync(body).length };
    };
    const sizes = [
      await get('/app'),
      ...await Promise.all([
        '/v1/dashboard/session', '/v1/dashboard/plans', `/v1/dashboard/matrix?plan=${plan.id}`, `/v1/dashboard/indicators?plan=${plan.id}`,
        `/v1/dashboard/calendar?plan=${plan.id}`, '/v1/dashboard/calendar', `/v1/dashboard/scores?plan=${plan.id}`, '/v1/dashboard/units', '/v1/dashboard/reminders',
        `/v1/dashboard/report?unit=${P15}&schedule=${sched}&period=${when.back1}`,
      ].map((p) => get(p, manager))),
      ...await Promise.all(['/v1/dashboard/session', '/v1/dashboard/owed', `/v1/dashboard/form?unit=${P15}&schedule=${sched}&period=${when.open}`].map((p) => get(p, ward))),
    ];
    console.table(sizes);
    writeFileSync(join(ARTIFACTS, 'sizes.json'), JSON.stringify(sizes, null, 2));
    expect(sizes[0]!.gzip).toBeLessThan(30_000); // the page with its stylesheet and script
    for (const s of sizes.slice(1)) expect(s.gzip, s.path).toBeLessThan(12_000);
  });
});
