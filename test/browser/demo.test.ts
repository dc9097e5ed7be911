import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../scripts/seed.mjs';
import { chromiumAvailable, launch } from './chromium';
import { startLocalWorker, type LocalWorker } from './local-worker';
import { DESKTOP, expectAccessible, expectNoPageScroll, expectVietnamese, goView, PHONE, shot, signIn } from './webapp';

/**
 * The web app on `npm start`'s demo: the 2020–2025 map with the seed plans as history, the 2025 reform applied to it
 * (Quận 10 closed, its wards merged into Phường Hòa Hưng …) and a live TP.HCM plan. Sở Nội vụ's officer and Phường
 * Hòa Hưng's clerk go through every view they have: each answers, reads Vietnamese and fits a phone.
 */
const run = chromiumAvailable();
let worker: LocalWorker;
let browser: Browser;
let tokens: Awaited<ReturnType<typeof seedDemo>>['tokens'];

beforeAll(async () => {
  if (!run) return;
  worker = await startLocalWorker();
  tokens = (await seedDemo(worker.base, worker.admin, { tokensFile: join(mkdtempSync(join(tmpdir(), 'cascade-demo-')), 'tokens.json') })).tokens;
  browser = await launch();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

describe.skipIf(!run)('the demo data', () => {
  it('Sở Nội vụ’s officer: every workbench view answers, in Vietnamese, without a page-wide scroll on a phone', async () => {
    for (const size of [DESKTOP, PHONE]) {
      const page = await browser.newPage({ viewport: size, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
      const errors: string[] = [];
      page.on('response', (r) => r.url().includes('/v1/dashboard/') && r.status() !== 200 && errors.push(`${r.status()} ${r.url()}`));
      await signIn(page, worker.base, tokens.hcmManager);
      const plan = await page.inputValue('#plan');
      expect(plan).not.toBe('');
      for (const view of ['plans', 'matrix', 'indicators', 'calendar', 'scores', 'units', 'reminders', 'owed']) {
        await goView(page, `#v=${view}&plan=${plan}`);
        expect(await page.textContent('#notice'), view).toBe('');
        await expectNoPageScroll(page, `demo ${view}`);
        await expectVietnamese(page, '#view', `demo ${view}`);
        if (size === PHONE) await expectAccessible(page, `demo ${view}`);
        await shot(page, `demo-${view}-${size.width}`);
      }
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('Phường Hòa Hưng’s clerk: what it owes and a form', async () => {
    const page = await browser.newPage({ viewport: PHONE, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    await signIn(page, worker.base, tokens.hoaHungSubmitter);
    await page.waitForSelector('#owed');
    await expectVietnamese(page, '#owed', 'demo ward list');
    await shot(page, 'demo-ward-list-390');
    const first = page.locator('#owed li a.item').first();
    await first.click();
    await page.waitForSelector('#report-form');
    await expectVietnamese(page, '#form-view', 'demo ward form');
    await expectNoPageScroll(page, 'demo ward form');
    await shot(page, 'demo-ward-form-390');
    await page.close();
  });
});
