// What the web app's browser tests share: the Quận 10 scene through the API, signing in, and the checks every view
// must pass (no page-level horizontal scroll, axe-core, no raw period code or English, a screenshot).
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { call } from './local-worker';

export const ROOT = join(import.meta.dirname, '..', '..');
export const ARTIFACTS = join(ROOT, 'test-artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

export const DESKTOP = { width: 1366, height: 900 };
export const PHONE = { width: 390, height: 844 };

export const WARDS = ['27163', '27166', '27169', '27172', '27178', '27181', '27184', '27187', '27190', '27193', '27202'];
export const P15 = '27163';

export async function importUnits(base: string, admin: string) {
  await call(base, admin, 'POST', '/v1/units/import', readFileSync(join(ROOT, 'worker', 'demo', 'units.csv'), 'utf8'), 'text/csv');
}

/** Seed 002's plan as worker/demo/plans.json holds it (for the story when the text cannot be read yet). */
export function seed002() {
  const plans = JSON.parse(readFileSync(join(ROOT, 'worker', 'demo', 'plans.json'), 'utf8')) as ({ key: string } & Record<string, unknown>)[];
  const { key: _key, ...plan } = plans.find((p) => p.key === 'seed002')!;
  return plan;
}

/**
 * Where the quarterly plan sits in time. The browser tests drive a real `wrangler dev`, whose clock cannot be pinned,
 * so the plan is placed around today instead: `open` is the quarter that ended last, due four weeks from today; the
 * two before it (`back2`, `back1`) are overdue; `current` is the quarter under way. On 1 December 2026 that is
 * 2026 Q1–Q4 with the report due 90 days after the quarter; on any other day the same picture, shifted.
 */
export interface Timeline { years: number[]; dueDays: number; back2: string; back1: string; open: string; current: string }
export function timeline(now = new Date()): Timeline {
  const DAY = 86_400_000;
  const local = new Date(now.getTime() + 7 * 3_600_000); // Asia/Ho_Chi_Minh has no daylight saving
  const y = local.getUTCFullYear(), m = local.getUTCMonth();
  const quarterStart = Date.UTC(y, m - (m % 3), 1);
  const sinceOpenEnded = Math.round((Date.UTC(y, m, local.getUTCDate()) - (quarterStart - DAY)) / DAY);
  const n = y * 4 + Math.floor(m / 3) - 1; // the open quarter, counted from year 0
  const code = (k: number) => `${Math.floor(k / 4)}Q${(k % 4) + 1}`;
  const [back2, back1, open, current] = [n - 2, n - 1, n, n + 1].map(code) as [string, string, string, string];
  const years = [...new Set([back2, back1, open, current].map((c) => Number(c.slice(0, 4))))];
  return { years, dueDays: sinceOpenEnded + 28, back2, back1, open, current };
}

/**
 * A current Quận 10 plan with a quarterly report for every ward (see `timeline`: the quarter that ended last is due
 * in four weeks), a percent with a target, a count one may mark not applicable, a yes/no, a text, two tasks and
 * scoring criteria.
 */
export function quarterlyPlan(t: Pick<Timeline, 'years' | 'dueDays'> = timeline()) {
  const year = t.years.at(-1)!;
  return {
    number: `KH-CCHC/Q10-${year}`, title: `Cải cách hành chính trên địa bàn Quận 10 năm ${year}`, issuer: '771', issuedOn: `${t.years[0]}-01-05`, years: t.years,
    tasks: [
      { code: 'T1', title: 'Niêm yết công khai thủ tục hành chính tại trụ sở', assignees: { level: 'commune' } },
      { code: 'T2', title: 'Tổ chức đối thoại với người dân', assignees: { level: 'commune' } },
    ],
    indicators: [
      { code: 'TTHC_DUNG_HAN', name: 'Tỷ lệ hồ sơ TTHC giải quyết đúng hạn', kind: 'percent', unit: 'hồ sơ', target: { op: '>', value: 95 } },
      { code: 'DOI_THOAI', name: 'Số cuộc đối thoại với tổ chức, cá nhân', kind: 'count', unit: 'cuộc', target: { op: '>=', value: 1 } },
      { code: 'CONG_KHAI', name: 'Đã công khai danh sách hộ nghèo tại trụ sở', kind: 'boolean' },
      { code: 'GHI_CHU', name: 'Ghi nhận khác', kind: 'text', required: false },
    ],
    schedules: [
      { code: 'QUY', name: 'Báo cáo quý', periodType: 'quarter', due: { rule: 'afterPeriodEnd', days: t.dueDays }, appliesTo: { level: 'commune' }, reportTo: '771', via: '771-NV' },
    ],
    criteria: [{ code: 'C1', name: 'Phối hợp tuyên truyền', maxPoints: 2 }, { code: 'C2', name: 'Báo cáo đúng hạn', maxPoints: 3 }],
  };
}

export async function activePlan(base: string, admin: string, body: unknown) {
  const plan = await call(base, admin, 'POST', '/v1/plans', body);
  await call(base, admin, 'POST', `/v1/plans/${plan.id}/activate`);
  return plan as { id: string; number: string; schedules: { id: string; code: string }[] };
}

export const token = async (base: string, admin: string, unit: string, role: 'manager' | 'submitter', label = 'Kiểm thử') =>
  (await call(base, admin, 'POST', '/v1/tokens', { unit, role, label })).token as string;

/** Opens /app and signs in with a token; waits for the first view. */
export async function signIn(page: Page, base: string, secret: string, hash = '') {
  await page.goto(`${base}/app${hash}`);
  await page.fill('#token', secret);
  await page.click('#signin button[type=submit]');
  await page.waitForSelector('header.top');
  await waitIdle(page);
}

/** The view's fragment has arrived. */
export async function waitIdle(page: Page) {
  await page.waitForFunction(() => document.querySelector('#view')?.getAttribute('aria-busy') === 'false' && (document.querySelector('#view')?.children.length ?? 0) > 0);
}

export async function goView(page: Page, hash: string) {
  await page.evaluate((h) => { location.hash = h; }, hash);
  // The view of this address, not the one before it: the hashchange comes after location.hash is set.
  await page.waitForFunction((h) => {
    const view = document.querySelector<HTMLElement>('#view');
    return location.hash === h && view?.dataset.shown === h && view.getAttribute('aria-busy') === 'false';
  }, hash);
}

/** No page-level horizontal scroll: wide tables scroll inside their own box. */
export async function expectNoPageScroll(page: Page, what: string) {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect(scroll, `${what}: page is ${scroll} px wide in a ${inner} px window`).toBeLessThanOrEqual(inner);
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core on the page as it is: no serious or critical violation. */
export async function expectAccessible(page: Page, what: string) {
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run: (ctx: unknown, o: unknown) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } })
      .axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
  expect(violations, what).toEqual([]);
}

/** Raw period codes and English a person must never read. */
export const RAW_PERIOD = /\b20\d\d(Q[1-4]|S[12]|N9)\b|\bONCE\b|\b20\d\d(0[1-9]|1[0-2])\b/;
const ENGLISH = /\b(the|and|of|is|are|not|with|report|plan|submitted|overdue|accepted|returned|pending|open|delivered|dead|draft|active|error|failed|unknown|undefined|null|NaN|true|false|Invalid)\b/i;
const UNIT_CODE = /\b(27[0-9]{3}|771(-[A-Z]+)?|774)\b/;

/** The text a person reads in `selector` (visible text, select options, titles): no raw period code, no English, no unit code. */
export async function expectVietnamese(page: Page, selector: string, what: string) {
  const text = await page.evaluate((sel) => {
    const root = document.querySelector(sel);
    if (!root) return '';
    const titles = [...root.querySelectorAll('[title]')].map((e) => e.getAttribute('title')).join('\n');
    const options = [...root.querySelectorAll('option')].map((o) => o.textContent).join('\n');
    const labels = [...root.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label')).join('\n');
    return `${(root as HTMLElement).innerText}\n${titles}\n${options}\n${labels}`;
  }, selector);
  expect(text.length, `${what}: nothing to read`).toBeGreaterThan(0);
  expect(text, `${what}: a raw period code`).not.toMatch(RAW_PERIOD);
  expect(text, `${what}: English`).not.toMatch(ENGLISH);
  expect(text, `${what}: a unit code`).not.toMatch(UNIT_CODE);
}

export async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}
