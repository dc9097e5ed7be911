// `npm run bench [-- --scale 0.1] [--load-seconds 30] [--connections 200] [--no-load]`
// Cascade on workerd and the same data in plain SQLite, side by side, on a synthetic nation: prints tables of
// absolute figures and ratios and writes bench/results.json, each number with a note of what it means. Also: the
// documents (.docx, .xlsx) against a JSON roll-up, plan extraction on the seed texts, and the Worker bundle's size.
// Never part of `npm test`: it measures, it never asserts a time.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Indicator, Plan, RollupNode } from '../schemas';
import { listObligations } from '../worker/src/db/obligations';
import { dueForReminder } from '../worker/src/db/reminders';
import { rollupQueries } from '../worker/src/db/rollups';
import { dueInstant, parsePeriod } from '../worker/src/domain/periods';
import { meteredD1 } from './d1meter';
import { compiledModel, cpuSamples, reportDocx, reportModel, rollupXlsx, workbookModel } from './documents';
import { extractBench } from './extract';
import { loadTest } from './load';
import { fate, HUNDRED, INDICATORS, nationalPlan, reportOf, syntheticNation } from './nation';
import { PER_RUN, RawCascade } from './raw';
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
/** Workers' limit on a script's compressed size on the Free plan (10 MB on Paid). */
const FREE_GZIP_LIMIT = 3 * 2 ** 20;

/** cascadeCpuMs: CPU ms of the workerd process (the Worker and its local D1) per operation, where measured. */
type Figure = { work: string; cascadeMs: number; rawMs: number | null; note: string; cascadeCpuMs?: number; target?: { ratio: number; vs: 'raw' | 'trivial' }; trivialMs?: number };
const figures: Figure[] = [];
const extra: Record<string, unknown> = {};
const median = (xs: number[]) => pct(xs, 50);
const round = (x: number, d = 2) => Number(x.toFixed(d));

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
async function time<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
}
/** The workerd process's CPU ms over `fn`, with fn's result (a count of operations divides it). */
async function workerdCpu<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const c0 = worker.cpuMs();
  const r = await fn();
  return [r, worker.cpuMs() - c0];
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
const started = performance.now();
function log(s: string) {
  process.stdout.write(`${s}\n`);
}
/** A progress line, with the seconds since the start. */
function step(s: string) {
  log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${s}`);
}

const dir = mkdtempSync(join(tmpdir(), 'cascade-bench-'));
log(`Cascade benchmark · scale ${scale} · ${cpus().length} × ${cpus()[0]?.model} · Node ${process.version}`);

// ── plan extraction, pure, before anything else runs on the machine ──────────────────────────────────────────
step('plan extraction on the five seed texts (data/seeds) …');
{
  const runs = extractBench(process.argv[1]!, 30);
  extra.extraction = {
    note: 'extractPlan (worker/src/domain/extract, the work of POST /v1/plans/extract) in Node, on each seed text with the demo hierarchy; '
      + 'firstCallCpuMs / firstCallWallMs: the first call in a fresh process (CPU counts all the process\'s threads, V8 compiling in the background among them, so it can exceed wall); '
      + 'warmCpuMs / warmWallMs: medians of 30 calls after 5 warm-ups; msPer10KB: warm CPU ms per 10,000 bytes of UTF-8 text; firstOverWarm: first-call CPU ÷ warm CPU',
    seeds: runs.map((r) => ({
      seed: r.seed.file, issuer: r.seed.issuer, bytes: r.seed.bytes,
      firstCallCpuMs: round(r.cold.cpu), firstCallWallMs: round(r.cold.wall),
      warmCpuMs: round(median(r.cpu)), warmWallMs: round(median(r.wall)),
      msPer10KB: round((median(r.cpu) * 10_000) / r.seed.bytes),
      firstOverWarm: round(r.cold.cpu / median(r.cpu), 1),
      found: r.found,
    })),
  };
}

const raw = new RawCascade(join(dir, 'raw.sqlite'));
step('starting the Worker on workerd (wrangler bundle + Miniflare) …');
const worker = await startWorker(dir);
const { base, admin } = worker;
{
  const b = worker.bundle;
  extra.bundle = {
    note: 'the Worker as `wrangler deploy --dry-run --outdir …` builds it (no network needed): rawBytes / gzipBytes of the uploaded modules (gzip -9 here), '
      + 'wrangler: its own "Total Upload / gzip" line in KiB; underFreeLimit: gzip under the 3 MiB Workers Free limit; buildMs: wall time of the dry run',
    files: b.files, rawBytes: b.rawBytes, gzipBytes: b.gzipBytes, wrangler: b.wrangler, buildMs: Math.round(b.buildMs),
    freeLimitBytes: FREE_GZIP_LIMIT, underFreeLimit: (b.wrangler ? b.wrangler.gzipKiB * 1024 : b.gzipBytes) < FREE_GZIP_LIMIT,
    shareOfFreeLimit: round((b.wrangler ? b.wrangler.gzipKiB * 1024 : b.gzipBytes) / FREE_GZIP_LIMIT, 3),
  };
}

async function call<T = any>(method: string, path: string, body?: unknown, token = admin, headers: Record<string, string> = {}): Promise<T> {
  const text = new TextDecoder().decode(await send(method, path, body, token, headers));
  return (text ? JSON.parse(text) : null) as T;
}
/** The response body's bytes; throws on a status other than 2xx. */
async function send(method: string, path: string, body?: unknown, token = admin, headers: Record<string, string> = {}): Promise<Uint8Array> {
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
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${new TextDecoder().decode(bytes).slice(0, 500)}`);
    return bytes;
  }
}
/** `n` calls at most `width` at a time. */
async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<unknown>) {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}
/**
 * `n` GETs of one path one after another: each one's wall time, and the workerd process's CPU over all of them
 * divided by n (the Worker and its local D1 together; the kernel counts CPU in 10 ms ticks, so n must be large).
 */
async function getSamples(path: string, n: number) {
  const first = await time(() => send('GET', path));
  for (let i = 0; i < 3; i++) await send('GET', path);
  const c0 = worker.cpuMs();
  const wall = await samples(n, () => send('GET', path));
  return { firstMs: first[1], bytes: first[0].length, wall, cpuMsPerRequest: (worker.cpuMs() - c0) / n };
}

try {
  /** The Worker's local D1, read from Node through Miniflare's binding (the same database the Worker writes). */
  const d1 = (await worker.mf.getD1Database('DB')) as unknown as D1Database;
  // ── the nation ────────────────────────────────────────────────────────────────────────────────────────────
  const units = syntheticNation(scale);
  const communes = units.filter((u) => u.level === 'commune').map((u) => u.code);
  const provinces = units.filter((u) => u.level === 'province').map((u) => u.code);
  step(`nation: ${provinces.length} provinces, ${units.filter((u) => u.level === 'district').length} districts, ${communes.length} communes`);
  extra.nation = { units: units.length, provinces: provinces.length, communes: communes.length };

  const [[imported, importMs], importCpu] = await workerdCpu(() => time(() => call('POST', '/v1/units/import', { units })));
  const [, rawImportMs] = await time(() => raw.importUnits(units));
  await settle();
  figures.push({ work: `hierarchy import (${units.length.toLocaleString('en')} units)`, cascadeMs: importMs, rawMs: rawImportMs, cascadeCpuMs: importCpu, note: 'one POST /v1/units/import of the whole nation vs one transaction of prepared inserts; wall ms' });
  if (imported.created !== units.length) throw new Error(`import created ${imported.created}`);

  // ── activation: quarterly, 6-month, 9-month, annual for every commune ────────────────────────────────────
  const now = new Date();
  const year = now.getUTCFullYear();
  const planA = nationalPlan('01/KH-BENCH', [year]);
  const created = await call<Plan>('POST', '/v1/plans', planA);
  const [[activated, activateMs], activateCpu] = await workerdCpu(() => time(() => call<{ obligations: number }>('POST', `/v1/plans/${created.id}/activate`)));
  const [rawSchedules, rawActivateMs] = await time(() => raw.activate(created.id, planA));
  await settle();
  figures.push({ work: `plan activation (${activated.obligations.toLocaleString('en')} obligations)`, cascadeMs: activateMs, rawMs: rawActivateMs, cascadeCpuMs: activateCpu, note: 'POST /v1/plans/{id}/activate of the national plan vs one INSERT … SELECT per schedule; wall ms' });
  const sched = (plan: Plan, code: string) => plan.schedules.find((s) => s.code === code)!.id!;
  const rawSched = (code: string) => rawSchedules.get(code)!;

  // ── reports: this quarter from most communes (some returned), last quarter late from a few ──────────────────
  const quarter = `${year}Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
  const lastQuarter = quarter.endsWith('Q1') ? `${year}Q1` : `${year}Q${Number(quarter.slice(-1)) - 1}`;
  const fates = new Map(communes.map((c) => [c, fate(c)]));
  const reporting = communes.filter((c) => fates.get(c) !== 'missing');
  const late = communes.filter((c) => Number(c) % 10 === 3);
  step(`loading ${reporting.length.toLocaleString('en')} reports for ${quarter} and ${late.length} late ones for ${lastQuarter} through the API …`);
  const [[, loadMs], loadCpu] = await workerdCpu(() => time(() => pool([...reporting.map((c) => [c, quarter] as const), ...late.map((c) => [c, lastQuarter] as const)], 8, async ([c, period]) => {
    await call('PUT', `/v1/reports/${c}/${sched(created, 'QUY')}/${period}`, reportOf(c, INDICATORS), admin, { 'idempotency-key': `load-${c}-${period}` });
    if (period === quarter && fates.get(c) === 'returned') {
      await call('POST', `/v1/reports/${c}/${sched(created, 'QUY')}/${period}/return`, { reason: 'Số liệu chưa khớp' });
    }
  })));
  extra.reportLoad = {
    note: 'the quarter\'s reports PUT through the API, 8 at a time (with the returns); perSecond = reports / seconds; cpuMsPerReport: workerd CPU (Worker + local D1) per report',
    reports: reporting.length + late.length, seconds: round(loadMs / 1000, 1), perSecond: round((reporting.length + late.length) / (loadMs / 1000), 1),
    cpuMsPerReport: round(loadCpu / (reporting.length + late.length)),
  };
  const at = new Date().toISOString();
  for (const c of reporting) {
    raw.submit(c, rawSched('QUY'), quarter, reportOf(c, INDICATORS), INDICATORS as Indicator[], at);
    if (fates.get(c) === 'returned') raw.returnReport(c, rawSched('QUY'), quarter, new Date());
  }
  for (const c of late) raw.submit(c, rawSched('QUY'), lastQuarter, reportOf(c, INDICATORS), INDICATORS as Indicator[], at);
  extra.databaseMiBAfterOneQuarter = Math.round((raw.db.pragma('page_count', { simple: true }) as number) * (raw.db.pragma('page_size', { simple: true }) as number) / 2 ** 20);
  await settle();

  // ── roll-ups at every level: the same answer from both, then timed ─────────────────────────────────────────
  const unitByCode = new Map(units.map((u) => [u.code, u]));
  const parent = new Map(units.map((u) => [u.code, u.parent]));
  const perProvince = new Map<string, number>();
  const perDistrict = new Map<string, number>();
  for (const c of communes) {
    const d = parent.get(c)!;
    perDistrict.set(d, (perDistrict.get(d) ?? 0) + 1);
    perProvince.set(parent.get(d)!, (perProvince.get(parent.get(d)!) ?? 0) + 1);
  }
  const biggest = [...perProvince].sort((a, b) => b[1] - a[1])[0]![0];
  // The district: one with 24 communes (the most a district has here) if there is one, in the biggest province first.
  const mostWards = Math.max(...perDistrict.values());
  const district = [...perDistrict].filter(([, n]) => n === mostWards).sort(([a], [b]) => Number(parent.get(a) !== biggest) - Number(parent.get(b) !== biggest))[0]![0];
  const ward = units.find((u) => u.parent === district)!.code;
  const rollupPath = (code: string) => `/v1/rollups?plan=${created.id}&period=${quarter}&unit=${code}`;
  step('roll-ups at every level …');
  for (const [level, code, n] of [['ward', ward, 100], ['district', district, 100], ['province', biggest, 30], ['national', 'VN', 9]] as const) {
    const path = rollupPath(code);
    const fromCascade = await call<RollupNode>('GET', path);
    const fromRaw = raw.rollup(created.id, quarter, code);
    await settle();
    sameRollup(fromCascade, fromRaw, `${level} ${code}`);
    if (level === 'national') {
      const flagged = (n: RollupNode) => n.indicators.reduce((k, i) => k + i.outliers, 0);
      extra.outliersFlagged = { note: 'values flagged as outliers at submission over the national roll-up (they depend on arrival order, so the two loads differ)', cascade: flagged(fromCascade), raw: flagged(fromRaw) };
    }
    for (let i = 0; i < 3; i++) await call('GET', path); // warm
    const [c, cpu] = await workerdCpu(() => samples(n, () => call('GET', path)));
    // Both sides deliver the same JSON text: the Worker's response body, raw SQLite's JSON.stringify of its answer.
    const r = await samples(n, () => JSON.stringify(raw.rollup(created.id, quarter, code)));
    await settle();
    figures.push({
      work: `roll-up ${level} (${fromCascade.completeness.expected.toLocaleString('en')} unit${fromCascade.completeness.expected === 1 ? '' : 's'} × ${INDICATORS.length} indicators)`,
      cascadeMs: pct(c, 50), rawMs: pct(r, 50), cascadeCpuMs: cpu / n, target: { ratio: 2, vs: 'raw' },
      note: `median wall ms of ${n} GET /v1/rollups (JSON) vs the same answer from three grouped SQLite queries and JSON.stringify`,
    });
  }

  // ── documents: the compiled .docx and the .xlsx of the district, one commune's .docx, against JSON ─────────────
  step(`documents: district ${district} (${mostWards} communes) …`);
  {
    const reporter = reporting.find((c) => parent.get(c) === district && fates.get(c) === 'submitted')!;
    const reportPath = `/v1/reports/${reporter}/${sched(created, 'QUY')}/${quarter}`;
    // The first .docx since the Worker started loads the docx library (a dynamic import in domain/documents).
    const docxFirst = await getSamples(`${rollupPath(district)}&format=docx`, 20);
    const json = await getSamples(rollupPath(district), 100);
    const xlsx = await getSamples(`${rollupPath(district)}&format=xlsx`, 20);
    // What the .xlsx reads besides the roll-up: the district's obligations for its "Tình hình nộp" sheet.
    const owedList = await getSamples(`/v1/obligations?unit=${district}&plan=${created.id}&period=${quarter}&limit=1000`, 20);
    const reportDoc = await getSamples(`${reportPath}/document`, 20);
    const reportJson = await getSamples(reportPath, 100);
    const leafJson = await getSamples(rollupPath(reporter), 100);
    // D1 rows read by the Worker's own queries (db/), run through a counting binding: the roll-up's batch, and the
    // obligation list the .xlsx adds, for the district and for its province.
    const meter = meteredD1(d1);
    const rowsRead = async (fn: () => Promise<unknown>) => {
      meter.reset();
      await fn();
      return meter.rowsRead();
    };
    const pathOf = async (code: string) => (await d1.prepare('SELECT path FROM units WHERE code = ?').bind(code).first<{ path: string }>())!.path;
    const province = parent.get(district)!;
    const rows = {
      rollupDistrict: await rowsRead(() => rollupQueries(meter.db, { unit: district, planId: created.id, period: quarter, scheduleId: null, asOf: parsePeriod(quarter)?.end ?? null })),
      obligationListDistrict: await rowsRead(async () => listObligations(meter.db, { rootPath: await pathOf(district), plan: created.id, period: quarter, limit: 20_000 }, new Date())),
      rollupProvince: await rowsRead(() => rollupQueries(meter.db, { unit: province, planId: created.id, period: quarter, scheduleId: null, asOf: parsePeriod(quarter)?.end ?? null })),
      obligationListProvince: await rowsRead(async () => listObligations(meter.db, { rootPath: await pathOf(province), plan: created.id, period: quarter, limit: 20_000 }, new Date())),
    };
    const http = (s: Awaited<ReturnType<typeof getSamples>>, vs: Awaited<ReturnType<typeof getSamples>>) => ({
      firstMs: round(s.firstMs), medianMs: round(median(s.wall)), cpuMsPerRequest: round(s.cpuMsPerRequest), bytes: s.bytes,
      wallRatio: round(median(s.wall) / median(vs.wall)), cpuRatio: round(s.cpuMsPerRequest / vs.cpuMsPerRequest),
    });

    // The builders alone, in this process, on the same roll-up (raw SQLite's, checked equal to the Worker's above).
    const node = raw.rollup(created.id, quarter, district);
    const names = new Map(units.filter((u) => u.parent === district).map((u) => [u.code, u.name]));
    const form = (code: string) => ({ code, name: unitByCode.get(code)!.name, level: unitByCode.get(code)!.level });
    const owed = units.filter((u) => u.parent === district).map((u) => ({
      name: u.name, state: fates.get(u.code) === 'missing' ? 'open' : fates.get(u.code)!, dueAt: dueInstant(quarter, planA.schedules[0]!.due).toISOString(),
    }));
    const compiled = await cpuSamples(20, () => reportDocx(compiledModel(form(district), form(parent.get(district)!), planA, node, names)));
    const single = await cpuSamples(20, () => reportDocx(reportModel(form(reporter), form(district), planA, reportOf(reporter, INDICATORS), quarter)));
    const book = await cpuSamples(20, () => rollupXlsx(workbookModel(unitByCode.get(district)!.name, planA, node, owed)));
    await settle();
    const builder = (s: Awaited<ReturnType<typeof cpuSamples>>) => ({
      firstCallCpuMs: round(s.first.cpu), medianCpuMs: round(median(s.cpu)), medianWallMs: round(median(s.wall)), bytes: s.bytes,
      cpuRatioToJsonRollupRequest: round(median(s.cpu) / json.cpuMsPerRequest),
    });
    extra.documents = {
      note: `HTTP: GETs on workerd, one at a time — firstMs: the first request (the first .docx loads the docx library), medianMs: median wall ms, `
        + `cpuMsPerRequest: CPU ms of the workerd process (Worker + local D1) per request, bytes: body size, wallRatio / cpuRatio: against the JSON named in "vs". `
        + `builders: domain/documents alone in Node on the same roll-up or report — firstCallCpuMs, medianCpuMs (20 calls), cpuRatioToJsonRollupRequest: builder CPU ÷ the whole JSON roll-up request's workerd CPU`,
      district: { code: district, communes: mostWards, indicators: INDICATORS.length },
      report: { unit: reporter, indicators: INDICATORS.length },
      http: {
        rollupJson: { firstMs: round(json.firstMs), medianMs: round(median(json.wall)), cpuMsPerRequest: round(json.cpuMsPerRequest), bytes: json.bytes },
        rollupDocx: { vs: 'rollupJson', ...http(docxFirst, json) },
        rollupXlsx: { vs: 'rollupJson', ...http(xlsx, json) },
        obligationList: { note: 'GET /v1/obligations?unit=<district>&plan=&period= (the list the .xlsx\'s submissions sheet reads)', vs: 'rollupJson', ...http(owedList, json) },
        reportJson: { firstMs: round(reportJson.firstMs), medianMs: round(median(reportJson.wall)), cpuMsPerRequest: round(reportJson.cpuMsPerRequest), bytes: reportJson.bytes },
        reportDocx: { vs: 'reportJson', ...http(reportDoc, reportJson), vsLeafRollupJson: { wallRatio: round(median(reportDoc.wall) / median(leafJson.wall)), cpuRatio: round(reportDoc.cpuMsPerRequest / leafJson.cpuMsPerRequest) } },
        leafRollupJson: { unit: reporter, medianMs: round(median(leafJson.wall)), cpuMsPerRequest: round(leafJson.cpuMsPerRequest) },
      },
      builders: { rollupDocx: builder(compiled), reportDocx: builder(single), rollupXlsx: builder(book) },
      rowsRead: {
        note: `D1 meta.rows_read of the Worker's own queries: the roll-up batch (db/rollups.ts rollupQueries) and the obligation list the .xlsx adds (db/obligations.ts listObligations), for the district and its province ${province}; obligationsPerPeriod: the plan's obligations in the period`,
        ...rows, obligationsPerPeriod: communes.length,
        listOverRollupDistrict: round(rows.obligationListDistrict / rows.rollupDistrict), listOverRollupProvince: round(rows.obligationListProvince / rows.rollupProvince),
      },
    };
  }

  // ── one 100-indicator submission, against the trivial endpoint on the same workerd ────────────────────────────
  const hundredPlan = { ...nationalPlan('02/KH-BENCH', [year], HUNDRED), schedules: [planA.schedules[0]!] };
  const hundred = await call<Plan>('POST', '/v1/plans', hundredPlan);
  await call('POST', `/v1/plans/${hundred.id}/activate`);
  const rawHundred = raw.activate(hundred.id, hundredPlan);
  step('submissions of 100 indicators …');
  const subs = communes.slice(0, Math.min(communes.length, 400));
  for (let i = 0; i < 50; i++) await call('GET', '/v1/health');
  const [trivial, trivialCpu] = await workerdCpu(() => samples(1000, () => call('GET', '/v1/health')));
  const [submit, submitCpu] = await workerdCpu(() => samples(subs.length, (i) => call('PUT', `/v1/reports/${subs[i]}/${sched(hundred, 'QUY')}/${quarter}`, reportOf(subs[i]!, HUNDRED))));
  const rawSubmit = await samples(subs.length, (i) => raw.submit(subs[i]!, rawHundred.get('QUY')!, quarter, reportOf(subs[i]!, HUNDRED), HUNDRED as Indicator[], new Date().toISOString()));
  await settle();
  figures.push({ work: 'trivial endpoint GET /v1/health p50', cascadeMs: pct(trivial, 50), rawMs: null, cascadeCpuMs: trivialCpu / trivial.length, note: 'wall ms of 1,000 GET /v1/health: the floor of any request on this workerd' });
  figures.push({ work: 'trivial endpoint GET /v1/health p99', cascadeMs: pct(trivial, 99), rawMs: null, note: 'as above, 99th percentile' });
  figures.push({ work: '100-indicator submission p50', cascadeMs: pct(submit, 50), rawMs: pct(rawSubmit, 50), cascadeCpuMs: submitCpu / submit.length, trivialMs: pct(trivial, 50), target: { ratio: 3, vs: 'trivial' }, note: `wall ms of ${subs.length} PUT /v1/reports (100 values) vs one SQLite transaction; ÷ trivial against GET /v1/health` });
  figures.push({ work: '100-indicator submission p99', cascadeMs: pct(submit, 99), rawMs: pct(rawSubmit, 99), trivialMs: pct(trivial, 99), target: { ratio: 3, vs: 'trivial' }, note: 'as above, 99th percentile' });

  // ── the reminder sweep over every obligation of three national plans ──────────────────────────────────────
  const later = nationalPlan('03/KH-BENCH', [year + 1, year + 2]);
  const third = await call<Plan>('POST', '/v1/plans', later);
  await call('POST', `/v1/plans/${third.id}/activate`);
  raw.activate(third.id, later);
  await settle();
  const total = (raw.db.prepare('SELECT count(*) AS n FROM obligations').get() as { n: number }).n;
  const open = (raw.db.prepare("SELECT count(*) AS n FROM obligations WHERE state IN ('pending', 'returned')").get() as { n: number }).n;
  const cascadeSent = async () => (await d1.prepare('SELECT count(*) AS n FROM reminders_sent').first<{ n: number }>())!.n;
  /** What the sweep's own candidate query reads at `at` (db/reminders.ts, through the same D1): rows read, rows returned. */
  const probe = async (at: Date) => {
    const { rows, rowsRead } = await dueForReminder(d1, at, PER_RUN);
    return { rowsRead, looked: rows.length };
  };
  // 12 hours before next year's first quarterly deadline: every commune is owed its 1-day reminder.
  const sweepAt = new Date(dueInstant(`${year + 1}Q1`, later.schedules[0]!.due).getTime() - 12 * 3600_000);
  // The bench never ran the cron while this year's reports fell due, so first the backlog, as a cron coming back
  // after a long outage would meet it: every open obligation of this year is owed its last overdue reminder, and
  // next year's Q1 its 7-day one. PER_RUN (20,000) a run, until nothing is due; then the measured runs.
  step(`reminder sweep: ${total.toLocaleString('en')} obligations; catching up the backlog …`);
  const catchUpAt = new Date(sweepAt.getTime() - 2 * 86_400_000);
  const backlog: { ms: number; cpuMs: number; rowsRead: number; looked: number }[] = [];
  let rawBacklogMs = 0;
  for (let i = 0; i < 50; i++) {
    const before = await probe(catchUpAt);
    if (before.looked === 0) break;
    const [[, ms], cpuMs] = await workerdCpu(() => time(() => worker.sweep(catchUpAt)));
    // Raw SQLite keeps pace run for run on the first (the one compared), then catches up in one go.
    rawBacklogMs = i === 0 ? (await time(() => raw.sweep(catchUpAt)))[1] : rawBacklogMs;
    await settle();
    backlog.push({ ms, cpuMs, ...before });
  }
  while (raw.due(catchUpAt) > 0) raw.sweep(catchUpAt, -1);
  const afterBacklog = await cascadeSent();
  const rawAfterBacklog = (raw.db.prepare('SELECT count(*) AS n FROM reminders_sent').get() as { n: number }).n;
  if (afterBacklog !== rawAfterBacklog) throw new Error(`catching up, the sweep sent ${afterBacklog} reminders, raw SQLite ${rawAfterBacklog}`);

  const due = await probe(sweepAt);
  const [[, sweepMs], sweepCpu] = await workerdCpu(() => time(() => worker.sweep(sweepAt)));
  const [rawDue, rawSweepMs] = await time(() => raw.sweep(sweepAt));
  await settle();
  const sentDue = (await cascadeSent()) - afterBacklog;
  if (sentDue !== rawDue.sent) throw new Error(`the sweep sent ${sentDue} reminders, raw SQLite ${rawDue.sent}`);
  const idleAt = new Date(sweepAt.getTime() + 15 * 60_000);
  const idle = await probe(idleAt);
  const [[, resweepMs], resweepCpu] = await workerdCpu(() => time(() => worker.sweep(idleAt)));
  const [rawIdle, rawResweepMs] = await time(() => raw.sweep(idleAt));
  await settle();
  const sentIdle = (await cascadeSent()) - afterBacklog - sentDue;
  if (sentIdle !== rawIdle.sent) throw new Error(`the idle sweep sent ${sentIdle} reminders, raw SQLite ${rawIdle.sent}`);
  const first = backlog[0];
  if (first) {
    figures.push({ work: `reminder sweep, backlog run (${first.looked.toLocaleString('en')} obligations looked at)`, cascadeMs: first.ms, rawMs: rawBacklogMs, cascadeCpuMs: first.cpuMs, note: `the first of ${backlog.length} catch-up runs (PER_RUN ${PER_RUN.toLocaleString('en')}); wall ms of the Cron handler vs the same steps in SQLite` });
  }
  figures.push({ work: `reminder sweep over ${total.toLocaleString('en')} obligations (${sentDue.toLocaleString('en')} reminders)`, cascadeMs: sweepMs, rawMs: rawSweepMs, cascadeCpuMs: sweepCpu, note: 'wall ms of the scheduled handler when every commune is owed its 1-day reminder vs the same sweep in SQLite' });
  figures.push({ work: 'reminder sweep again 15 min later (nothing new to send)', cascadeMs: resweepMs, rawMs: rawResweepMs, cascadeCpuMs: resweepCpu, note: 'wall ms of the scheduled handler with nothing due (the candidate query finds nothing through obligations_next_reminder)' });
  extra.sweep = {
    note: 'the Cron handler (runScheduled) on workerd; ms: wall, cpuMs: workerd CPU (Worker + local D1, 10 ms ticks); rowsRead: D1 meta.rows_read of the sweep\'s own candidate query (db/reminders.ts dueForReminder) at that instant, '
      + 'looked: obligations it returns (examined by the sweep), sent: reminders written; idleOverDue*: idle ÷ due; openObligations: what a sweep that scanned open obligations would examine',
    obligations: total, openObligations: open, perRun: PER_RUN,
    backlog: {
      note: 'catch-up runs before the measured ones (2 days earlier); each: wall ms, workerd CPU ms, rows read and obligations looked at; rawFirstMs: raw SQLite\'s first run',
      runs: backlog.map((b) => ({ ms: Math.round(b.ms), cpuMs: Math.round(b.cpuMs), rowsRead: b.rowsRead, looked: b.looked })), rawFirstMs: Math.round(rawBacklogMs), reminders: afterBacklog,
    },
    due: { at: sweepAt.toISOString(), ms: Math.round(sweepMs), cpuMs: Math.round(sweepCpu), rawMs: Math.round(rawSweepMs), ratioToRaw: round(sweepMs / rawSweepMs), rowsRead: due.rowsRead, looked: due.looked, sent: sentDue },
    idle: { at: idleAt.toISOString(), ms: round(resweepMs), cpuMs: round(resweepCpu), rawMs: round(rawResweepMs), ratioToRaw: round(resweepMs / rawResweepMs), rowsRead: idle.rowsRead, looked: idle.looked, sent: sentIdle },
    idleOverDueMs: round(resweepMs / sweepMs, 4),
    idleOverDueRowsRead: round(idle.rowsRead / Math.max(1, due.rowsRead), 6),
    dueRowsReadPerObligation: round(due.rowsRead / total, 4),
    previous: { note: 'the older full-window sweep (before next_reminder_at), as last recorded', dueMs: 843, idleMs: 162, obligations: 284_480, reminders: 10_160 },
  };

  if (!opts['no-load']) {
    step(`load: ${opts.connections} wards submitting at once for ${opts['load-seconds']} s …`);
    extra.load = {
      note: 'autocannon: `connections` wards each PUT their 50-indicator 6-month report for `seconds`, every 5th replaying its Idempotency-Key; latencyMs from autocannon; errors: non-200 answers + connection errors (timeouts among them); versions* checked in D1 afterwards (lost, without their own key and gaps should be 0; stored beyond answered were in flight at the end)',
      ...(await loadTest({
        base, call, d1: await worker.mf.getD1Database('DB'), wards: communes.slice(-Number(opts.connections)), schedule: sched(created, '6T'), period: `${year}S2`,
        seconds: Number(opts['load-seconds']), connections: Number(opts.connections),
      })),
    };
  }
} finally {
  await worker.stop();
  raw.db.close();
  rmSync(dir, { recursive: true, force: true });
}

// ── the tables ──────────────────────────────────────────────────────────────────────────────────────────────
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const rows = figures.map((f) => {
  const ratio = f.rawMs ? f.cascadeMs / f.rawMs : null;
  const vsTrivial = f.trivialMs ? f.cascadeMs / f.trivialMs : null;
  const against = f.target?.vs === 'trivial' ? vsTrivial : ratio;
  const verdict = f.target && against !== null ? (against <= f.target.ratio ? `ok (≤ ${f.target.ratio}× ${f.target.vs})` : `MISS (> ${f.target.ratio}× ${f.target.vs})`) : '';
  return { ...f, ratio, vsTrivial, verdict };
});
const rounded = (x: number | null | undefined) => (typeof x === 'number' ? round(x, 3) : x);
const w = Math.max(...rows.map((r) => r.work.length));
log('');
log(`${'work'.padEnd(w)}  ${'Cascade ms'.padStart(11)}  ${'workerd CPU'.padStart(11)}  ${'SQLite ms'.padStart(10)}  ${'ratio'.padStart(7)}  ${'÷ trivial'.padStart(9)}  target`);
for (const r of rows) {
  log(`${r.work.padEnd(w)}  ${ms(r.cascadeMs).padStart(11)}  ${(r.cascadeCpuMs === undefined ? '' : ms(r.cascadeCpuMs)).padStart(11)}  ${(r.rawMs === null ? '–' : ms(r.rawMs)).padStart(10)}  ${(r.ratio === null ? '–' : r.ratio.toFixed(1) + '×').padStart(7)}  ${(r.vsTrivial === null ? '' : r.vsTrivial.toFixed(1) + '×').padStart(9)}  ${r.verdict}`);
}
const table = (title: string, head: string[], body: (string | number)[][]) => {
  const cols = head.map((h, i) => Math.max(h.length, ...body.map((r) => String(r[i]).length)));
  log(`\n${title}`);
  log(head.map((h, i) => (i === 0 ? h.padEnd(cols[i]!) : h.padStart(cols[i]!))).join('  '));
  for (const r of body) log(r.map((c, i) => (i === 0 ? String(c).padEnd(cols[i]!) : String(c).padStart(cols[i]!))).join('  '));
};
const sw = extra.sweep as any;
if (sw) {
  table('reminder sweep (rows read: D1 meta.rows_read of its candidate query)', ['run', 'ms', 'workerd CPU ms', 'SQLite ms', 'rows read', 'looked at', 'sent'], [
    ...sw.backlog.runs.slice(0, 1).map((b: any) => [`backlog run 1 of ${sw.backlog.runs.length}`, b.ms, b.cpuMs, sw.backlog.rawFirstMs, b.rowsRead, b.looked, '']),
    ['due (1-day reminders)', sw.due.ms, sw.due.cpuMs, sw.due.rawMs, sw.due.rowsRead, sw.due.looked, sw.due.sent],
    ['idle (15 min later)', sw.idle.ms, sw.idle.cpuMs, sw.idle.rawMs, sw.idle.rowsRead, sw.idle.looked, sw.idle.sent],
    ['idle ÷ due', `${sw.idleOverDueMs}×`, '', '', `${sw.idleOverDueRowsRead}×`, '', ''],
  ]);
}
const docs = extra.documents as any;
if (docs) {
  const h = docs.http;
  table(`documents over HTTP (district ${docs.district.code}: ${docs.district.communes} communes × ${docs.district.indicators} indicators; commune ${docs.report.unit})`,
    ['request', 'first ms', 'median ms', 'workerd CPU ms', 'bytes', 'wall ratio', 'CPU ratio', 'vs'], [
      ['roll-up JSON', h.rollupJson.firstMs, h.rollupJson.medianMs, h.rollupJson.cpuMsPerRequest, h.rollupJson.bytes, '', '', ''],
      ['roll-up .docx', h.rollupDocx.firstMs, h.rollupDocx.medianMs, h.rollupDocx.cpuMsPerRequest, h.rollupDocx.bytes, `${h.rollupDocx.wallRatio}×`, `${h.rollupDocx.cpuRatio}×`, 'roll-up JSON'],
      ['roll-up .xlsx', h.rollupXlsx.firstMs, h.rollupXlsx.medianMs, h.rollupXlsx.cpuMsPerRequest, h.rollupXlsx.bytes, `${h.rollupXlsx.wallRatio}×`, `${h.rollupXlsx.cpuRatio}×`, 'roll-up JSON'],
      ['obligations list', h.obligationList.firstMs, h.obligationList.medianMs, h.obligationList.cpuMsPerRequest, h.obligationList.bytes, `${h.obligationList.wallRatio}×`, `${h.obligationList.cpuRatio}×`, 'roll-up JSON'],
      ['report JSON', h.reportJson.firstMs, h.reportJson.medianMs, h.reportJson.cpuMsPerRequest, h.reportJson.bytes, '', '', ''],
      ['report .docx', h.reportDocx.firstMs, h.reportDocx.medianMs, h.reportDocx.cpuMsPerRequest, h.reportDocx.bytes, `${h.reportDocx.wallRatio}×`, `${h.reportDocx.cpuRatio}×`, 'report JSON'],
      ['', '', '', '', '', `${h.reportDocx.vsLeafRollupJson.wallRatio}×`, `${h.reportDocx.vsLeafRollupJson.cpuRatio}×`, 'commune roll-up JSON'],
    ]);
  const rr = docs.rowsRead;
  log(`D1 rows read: roll-up district ${rr.rollupDistrict.toLocaleString('en')}, its obligation list ${rr.obligationListDistrict.toLocaleString('en')} (${rr.listOverRollupDistrict}×); `
    + `roll-up province ${rr.rollupProvince.toLocaleString('en')}, its obligation list ${rr.obligationListProvince.toLocaleString('en')} (${rr.listOverRollupProvince}×)`);
  const b = docs.builders;
  table('document builders alone (Node, same V8)', ['builder', 'first CPU ms', 'median CPU ms', 'median wall ms', 'bytes', '÷ JSON roll-up CPU'], [
    ['roll-up .docx', b.rollupDocx.firstCallCpuMs, b.rollupDocx.medianCpuMs, b.rollupDocx.medianWallMs, b.rollupDocx.bytes, `${b.rollupDocx.cpuRatioToJsonRollupRequest}×`],
    ['report .docx', b.reportDocx.firstCallCpuMs, b.reportDocx.medianCpuMs, b.reportDocx.medianWallMs, b.reportDocx.bytes, `${b.reportDocx.cpuRatioToJsonRollupRequest}×`],
    ['roll-up .xlsx', b.rollupXlsx.firstCallCpuMs, b.rollupXlsx.medianCpuMs, b.rollupXlsx.medianWallMs, b.rollupXlsx.bytes, `${b.rollupXlsx.cpuRatioToJsonRollupRequest}×`],
  ]);
}
const ex = extra.extraction as any;
table('plan extraction (extractPlan, CPU ms)', ['seed', 'bytes', 'first call', 'warm median', 'first ÷ warm', 'ms / 10 KB'],
  ex.seeds.map((s: any) => [s.seed, s.bytes, s.firstCallCpuMs, s.warmCpuMs, `${s.firstOverWarm}×`, s.msPer10KB]));
const bu = extra.bundle as any;
if (bu) {
  log(`\nbundle: ${bu.files.map((f: any) => `${f.name} ${f.bytes.toLocaleString('en')} B`).join(', ')}; gzip -9 ${bu.gzipBytes.toLocaleString('en')} B`
    + `${bu.wrangler ? `; wrangler: ${bu.wrangler.totalKiB} KiB / gzip ${bu.wrangler.gzipKiB} KiB` : ''}; ${Math.round(bu.shareOfFreeLimit * 100)} % of the 3 MiB Free limit (${bu.underFreeLimit ? 'under' : 'OVER'})`);
}
if (extra.load) log(`\nload: ${JSON.stringify(extra.load)}`);
const out = join(import.meta.dirname ?? '.', 'results.json');
writeFileSync(out, JSON.stringify({
  at: new Date().toISOString(), scale,
  machine: { cpus: cpus().length, model: cpus()[0]?.model, memGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
  note: 'figures: wall ms, Cascade on workerd vs the same work in raw SQLite (ratio = Cascade ÷ SQLite; vsTrivial = ÷ GET /v1/health; cascadeCpuMs: workerd process CPU per operation, Worker + local D1; verdict against the design target, informational); each section carries its own note',
  figures: rows.map((r) => ({ ...r, cascadeMs: rounded(r.cascadeMs), rawMs: rounded(r.rawMs), cascadeCpuMs: rounded(r.cascadeCpuMs), ratio: rounded(r.ratio), vsTrivial: rounded(r.vsTrivial), trivialMs: rounded(r.trivialMs) })),
  ...extra,
}, null, 2));
log(`\nwritten: ${out}`);

/**
 * Both sides must give the same answer before their times mean anything. All but `outliers`: a value is flagged
 * against the siblings that submitted before it, so the flags follow arrival order, which the 8-wide load through
 * the API does not fix and raw SQLite's one-by-one load does (their totals are recorded as outliersFlagged).
 */
function sameRollup(a: RollupNode, b: RollupNode, label: string) {
  const norm = (n: RollupNode): unknown => JSON.parse(JSON.stringify(n, (k, v) => (k === 'outliers' ? undefined : typeof v === 'number' ? Number(v.toPrecision(12)) : v)));
  const x = JSON.stringify(norm(a));
  const y = JSON.stringify(norm(b));
  if (x !== y) {
    let i = 0;
    while (x[i] === y[i]) i++;
    throw new Error(`roll-up ${label} differs between Cascade and raw SQLite near …${x.slice(Math.max(0, i - 80), i + 80)}… vs …${y.slice(Math.max(0, i - 80), i + 80)}…`);
  }
}
