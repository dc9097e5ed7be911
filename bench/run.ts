// `npm run bench [-- --scale 0.1] [--load-seconds 30] [--connections 200] [--no-load]`
// Cascade on workerd and the same data in plain SQLite, side by side, on a synthetic nation: prints a table of
// absolute figures and ratios and writes bench/results.json. Never part of `npm test`: it measures, it does not judge.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Indicator, Plan, RollupNode } from '../schemas';
import { dueInstant } from '../worker/src/domain/periods';
import { loadTest } from './load';
import { fate, HUNDRED, INDICATORS, nationalPlan, reportOf, syntheticNation } from './nation';
import { RawCascade } from './raw';
import { startWorker } from './worker';

const { values: opts } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    'load-seconds': { type: 'string', default: '30' },
    connections: { type: 'string', default: '200' },
    'no-load': { type: 'boolean', default: false },
  },
});
const scale = Number(opts.scale);
if (!(scale > 0 && scale <= 2)) throw new Error('--scale must be in (0, 2]');

type Figure = { work: string; cascadeMs: number; rawMs: number | null; note?: string; target?: { ratio: number; vs: 'raw' | 'trivial' } ; trivialMs?: number };
const figures: Figure[] = [];
const extra: Record<string, unknown> = {};

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
async function time<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
}
async function samples(n: number, fn: (i: number) => Promise<unknown> | unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await time(() => fn(i)))[1]);
  return out;
}
/**
 * Raw SQLite runs synchronously and blocks Node's event loop; a kept-alive socket workerd closed meanwhile is only
 * noticed once the loop turns. Turn it before talking to the Worker again.
 */
const settle = () => new Promise((r) => setTimeout(r, 50));
function log(s: string) {
  process.stdout.write(`${s}\n`);
}

const dir = mkdtempSync(join(tmpdir(), 'cascade-bench-'));
const raw = new RawCascade(join(dir, 'raw.sqlite'));
log(`Cascade benchmark · scale ${scale} · ${cpus().length} × ${cpus()[0]?.model} · Node ${process.version}`);
log('starting the Worker on workerd (wrangler bundle + Miniflare) …');
const worker = await startWorker(dir);
const { base, admin } = worker;

async function call<T = any>(method: string, path: string, body?: unknown, token = admin, headers: Record<string, string> = {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    let res: Response;
    try {
      res = await fetch(base + path, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      // workerd closes a kept-alive connection now and then; a request that is safe to repeat is sent again.
      if (attempt < 3 && (method === 'GET' || headers['idempotency-key'])) continue;
      throw new Error(`${method} ${path} failed after ${attempt} attempt(s)`, { cause: e });
    }
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : null) as T;
  }
}
/** `n` calls at most `width` at a time. */
async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<unknown>) {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

try {
  // ── the nation ────────────────────────────────────────────────────────────────────────────────────────────
  const units = syntheticNation(scale);
  const communes = units.filter((u) => u.level === 'commune').map((u) => u.code);
  const provinces = units.filter((u) => u.level === 'province').map((u) => u.code);
  log(`nation: ${provinces.length} provinces, ${units.filter((u) => u.level === 'district').length} districts, ${communes.length} communes`);
  extra.nation = { units: units.length, provinces: provinces.length, communes: communes.length };

  const [imported, importMs] = await time(() => call('POST', '/v1/units/import', { units }));
  const [, rawImportMs] = await time(() => raw.importUnits(units));
  await settle();
  figures.push({ work: `hierarchy import (${units.length.toLocaleString('en')} units)`, cascadeMs: importMs, rawMs: rawImportMs });
  if (imported.created !== units.length) throw new Error(`import created ${imported.created}`);

  // ── activation: quarterly, 6-month, 9-month, annual for every commune ────────────────────────────────────
  const now = new Date();
  const year = now.getUTCFullYear();
  const planA = nationalPlan('01/KH-BENCH', [year]);
  const created = await call<Plan>('POST', '/v1/plans', planA);
  const [activated, activateMs] = await time(() => call<{ obligations: number }>('POST', `/v1/plans/${created.id}/activate`));
  const [rawSchedules, rawActivateMs] = await time(() => raw.activate(created.id, planA));
  await settle();
  figures.push({ work: `plan activation (${activated.obligations.toLocaleString('en')} obligations)`, cascadeMs: activateMs, rawMs: rawActivateMs });
  const sched = (plan: Plan, code: string) => plan.schedules.find((s) => s.code === code)!.id!;
  const rawSched = (code: string) => rawSchedules.get(code)!;

  // ── reports: this quarter from most communes (some returned), last quarter late from a few ──────────────────
  const quarter = `${year}Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
  const lastQuarter = quarter.endsWith('Q1') ? `${year}Q1` : `${year}Q${Number(quarter.slice(-1)) - 1}`;
  const fates = new Map(communes.map((c) => [c, fate(c)]));
  const reporting = communes.filter((c) => fates.get(c) !== 'missing');
  const late = communes.filter((c) => Number(c) % 10 === 3);
  log(`loading ${reporting.length.toLocaleString('en')} reports for ${quarter} and ${late.length} late ones for ${lastQuarter} through the API …`);
  const [, loadMs] = await time(() => pool([...reporting.map((c) => [c, quarter] as const), ...late.map((c) => [c, lastQuarter] as const)], 8, async ([c, period]) => {
    await call('PUT', `/v1/reports/${c}/${sched(created, 'QUY')}/${period}`, reportOf(c, INDICATORS), admin, { 'idempotency-key': `load-${c}-${period}` });
    if (period === quarter && fates.get(c) === 'returned') {
      await call('POST', `/v1/reports/${c}/${sched(created, 'QUY')}/${period}/return`, { reason: 'Số liệu chưa khớp' });
    }
  }));
  extra.reportLoad = { reports: reporting.length + late.length, seconds: loadMs / 1000, perSecond: (reporting.length + late.length) / (loadMs / 1000) };
  const at = new Date().toISOString();
  for (const c of reporting) {
    raw.submit(c, rawSched('QUY'), quarter, reportOf(c, INDICATORS), INDICATORS as Indicator[], at);
    if (fates.get(c) === 'returned') raw.returnReport(c, rawSched('QUY'), quarter);
  }
  for (const c of late) raw.submit(c, rawSched('QUY'), lastQuarter, reportOf(c, INDICATORS), INDICATORS as Indicator[], at);
  extra.databaseMiBAfterOneQuarter = Math.round((raw.db.pragma('page_count', { simple: true }) as number) * (raw.db.pragma('page_size', { simple: true }) as number) / 2 ** 20);
  await settle();

  // ── roll-ups at every level: the same answer from both, then timed ─────────────────────────────────────────
  const parent = new Map(units.map((u) => [u.code, u.parent]));
  const perProvince = new Map<string, number>();
  for (const c of communes) {
    const p = parent.get(parent.get(c)!)!;
    perProvince.set(p, (perProvince.get(p) ?? 0) + 1);
  }
  const biggest = [...perProvince].sort((a, b) => b[1] - a[1])[0]![0];
  const district = units.find((u) => u.level === 'district' && u.parent === biggest)!.code;
  const ward = units.find((u) => u.parent === district)!.code;
  for (const [level, code, n] of [['ward', ward, 200], ['district', district, 200], ['province', biggest, 50], ['national', 'VN', 15]] as const) {
    const path = `/v1/rollups?plan=${created.id}&period=${quarter}&unit=${code}`;
    const fromCascade = await call<RollupNode>('GET', path);
    const fromRaw = raw.rollup(created.id, quarter, code);
    await settle();
    sameRollup(fromCascade, fromRaw, `${level} ${code}`);
    for (let i = 0; i < 3; i++) await call('GET', path); // warm
    const c = await samples(n, () => call('GET', path));
    // Both sides deliver the same JSON text: the Worker's response body, raw SQLite's JSON.stringify of its answer.
    const r = await samples(n, () => JSON.stringify(raw.rollup(created.id, quarter, code)));
    await settle();
    figures.push({
      work: `roll-up ${level} (${fromCascade.completeness.expected.toLocaleString('en')} unit${fromCascade.completeness.expected === 1 ? '' : 's'} × ${INDICATORS.length} indicators)`,
      cascadeMs: pct(c, 50), rawMs: pct(r, 50), target: { ratio: 2, vs: 'raw' },
    });
  }

  // ── one 100-indicator submission, against the trivial endpoint on the same workerd ────────────────────────────
  const hundredPlan = { ...nationalPlan('02/KH-BENCH', [year], HUNDRED), schedules: [planA.schedules[0]!] };
  const hundred = await call<Plan>('POST', '/v1/plans', hundredPlan);
  await call('POST', `/v1/plans/${hundred.id}/activate`);
  const rawHundred = raw.activate(hundred.id, hundredPlan);
  const subs = communes.slice(0, Math.min(communes.length, 400));
  for (let i = 0; i < 50; i++) await call('GET', '/v1/health');
  const trivial = await samples(1000, () => call('GET', '/v1/health'));
  const submit = await samples(subs.length, (i) => call('PUT', `/v1/reports/${subs[i]}/${sched(hundred, 'QUY')}/${quarter}`, reportOf(subs[i]!, HUNDRED)));
  const rawSubmit = await samples(subs.length, (i) => raw.submit(subs[i]!, rawHundred.get('QUY')!, quarter, reportOf(subs[i]!, HUNDRED), HUNDRED as Indicator[], new Date().toISOString()));
  await settle();
  figures.push({ work: 'trivial endpoint GET /v1/health p50', cascadeMs: pct(trivial, 50), rawMs: null });
  figures.push({ work: 'trivial endpoint GET /v1/health p99', cascadeMs: pct(trivial, 99), rawMs: null });
  figures.push({ work: '100-indicator submission p50', cascadeMs: pct(submit, 50), rawMs: pct(rawSubmit, 50), trivialMs: pct(trivial, 50), target: { ratio: 3, vs: 'trivial' } });
  figures.push({ work: '100-indicator submission p99', cascadeMs: pct(submit, 99), rawMs: pct(rawSubmit, 99), trivialMs: pct(trivial, 99), target: { ratio: 3, vs: 'trivial' } });

  // ── the reminder sweep over every obligation of three national plans ──────────────────────────────────────
  const later = nationalPlan('03/KH-BENCH', [year + 1, year + 2]);
  const third = await call<Plan>('POST', '/v1/plans', later);
  await call('POST', `/v1/plans/${third.id}/activate`);
  raw.activate(third.id, later);
  await settle();
  const total = (raw.db.prepare('SELECT count(*) AS n FROM obligations').get() as { n: number }).n;
  // 12 hours before next year's first quarterly deadline: every commune is owed its 1-day reminder.
  const sweepAt = new Date(dueInstant(`${year + 1}Q1`, later.schedules[0]!.due).getTime() - 12 * 3600_000);
  const [, sweepMs] = await time(() => worker.sweep(sweepAt));
  const [rawSent, rawSweepMs] = await time(() => raw.sweep(sweepAt));
  const [, resweepMs] = await time(() => worker.sweep(new Date(sweepAt.getTime() + 15 * 60_000)));
  const [, rawResweepMs] = await time(() => raw.sweep(new Date(sweepAt.getTime() + 15 * 60_000)));
  await settle();
  const d1 = await worker.mf.getD1Database('DB');
  const cascadeSent = (await d1.prepare('SELECT count(*) AS n FROM reminders_sent').first<{ n: number }>())!.n;
  if (cascadeSent !== rawSent) throw new Error(`the sweep sent ${cascadeSent} reminders, raw SQLite ${rawSent}`);
  figures.push({ work: `reminder sweep over ${total.toLocaleString('en')} obligations (${rawSent.toLocaleString('en')} reminders)`, cascadeMs: sweepMs, rawMs: rawSweepMs });
  figures.push({ work: 'reminder sweep again 15 min later (nothing new to send)', cascadeMs: resweepMs, rawMs: rawResweepMs });

  if (!opts['no-load']) {
    log(`load: ${opts.connections} wards submitting at once for ${opts['load-seconds']} s …`);
    extra.load = await loadTest({
      base, call, d1: await worker.mf.getD1Database('DB'), wards: communes.slice(-Number(opts.connections)), schedule: sched(created, '6T'), period: `${year}S2`,
      seconds: Number(opts['load-seconds']), connections: Number(opts.connections),
    });
  }
} finally {
  await worker.stop();
  raw.db.close();
  rmSync(dir, { recursive: true, force: true });
}

// ── the table ───────────────────────────────────────────────────────────────────────────────────────────────
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const rows = figures.map((f) => {
  const ratio = f.rawMs ? f.cascadeMs / f.rawMs : null;
  const vsTrivial = f.trivialMs ? f.cascadeMs / f.trivialMs : null;
  const against = f.target?.vs === 'trivial' ? vsTrivial : ratio;
  const verdict = f.target && against !== null ? (against <= f.target.ratio ? `ok (≤ ${f.target.ratio}× ${f.target.vs})` : `MISS (> ${f.target.ratio}× ${f.target.vs})`) : '';
  return { ...f, ratio, vsTrivial, verdict };
});
const w = Math.max(...rows.map((r) => r.work.length));
log('');
log(`${'work'.padEnd(w)}  ${'Cascade ms'.padStart(11)}  ${'SQLite ms'.padStart(10)}  ${'ratio'.padStart(7)}  ${'÷ trivial'.padStart(9)}  target`);
for (const r of rows) {
  log(`${r.work.padEnd(w)}  ${ms(r.cascadeMs).padStart(11)}  ${(r.rawMs === null ? '–' : ms(r.rawMs)).padStart(10)}  ${(r.ratio === null ? '–' : r.ratio.toFixed(1) + '×').padStart(7)}  ${(r.vsTrivial === null ? '' : r.vsTrivial.toFixed(1) + '×').padStart(9)}  ${r.verdict}`);
}
if (extra.load) log(`\nload: ${JSON.stringify(extra.load)}`);
const out = join(import.meta.dirname ?? '.', 'results.json');
writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), scale, machine: { cpus: cpus().length, model: cpus()[0]?.model, memGiB: Math.round(totalmem() / 2 ** 30), node: process.version }, figures: rows, ...extra }, null, 2));
log(`\nwritten: ${out}`);

/** Both sides must give the same answer before their times mean anything. */
function sameRollup(a: RollupNode, b: RollupNode, label: string) {
  const norm = (n: RollupNode): unknown => JSON.parse(JSON.stringify(n, (_k, v) => (typeof v === 'number' ? Number(v.toPrecision(12)) : v)));
  const x = JSON.stringify(norm(a));
  const y = JSON.stringify(norm(b));
  if (x !== y) {
    let i = 0;
    while (x[i] === y[i]) i++;
    throw new Error(`roll-up ${label} differs between Cascade and raw SQLite near …${x.slice(Math.max(0, i - 80), i + 80)}… vs …${y.slice(Math.max(0, i - 80), i + 80)}…`);
  }
}
