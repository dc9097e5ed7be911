// POST /v1/plans/extract's pure function (worker/src/domain/extract) on the five seed plans kept in the repository
// (data/seeds), each read against the demo hierarchy (worker/demo/units.csv) as the route would give it: the
// issuer's subtree, its ancestors and their children. The first call is measured in a fresh process per seed
// (bench/extract-cold.ts, bundled beside run.ts), so each seed's first call pays the compilation a new isolate pays.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { extractPlan, type ExtractContext, type ExtractUnit } from '../worker/src/domain/extract';

const root = join(import.meta.dirname, '..');

export type Seed = { key: string; file: string; issuer: string; text: string; bytes: number };

function demoUnits(): ExtractUnit[] {
  return readFileSync(join(root, 'worker', 'demo', 'units.csv'), 'utf8').trim().split('\n').slice(1).map((line) => {
    const m = /^([^,]*),("(?:[^"]|"")*"|[^,]*),([^,]*),(.*)$/.exec(line.trim())!;
    return { code: m[1]!, name: m[2]!.replace(/^"|"$/g, '').replace(/""/g, '"'), level: m[3]!, parent: m[4] || null };
  });
}

/** The seeds, with the issuer each demo plan (worker/demo/plans.json, key `seedNNN`) gives it. */
export function seeds(): Seed[] {
  const plans = JSON.parse(readFileSync(join(root, 'worker', 'demo', 'plans.json'), 'utf8')) as { key: string; issuer: string }[];
  const issuer = new Map(plans.map((p) => [p.key.replace(/^seed/, ''), p.issuer]));
  const dir = join(root, 'data', 'seeds');
  return readdirSync(dir).filter((f) => /^\d{3}_.*\.txt$/.test(f)).sort().map((file) => {
    const key = file.slice(0, 3);
    const text = readFileSync(join(dir, file), 'utf8');
    if (!issuer.has(key)) throw new Error(`worker/demo/plans.json has no seed${key}`);
    return { key, file, issuer: issuer.get(key)!, text, bytes: Buffer.byteLength(text, 'utf8') };
  });
}

/** What the route hands the extractor for an issuer (db/units.ts unitsAround), and the stored plans' numbers. */
export function contextFor(issuerCode: string): ExtractContext {
  const units = demoUnits();
  const byCode = new Map(units.map((u) => [u.code, u]));
  const chain = (code: string) => {
    const out: string[] = [];
    for (let c: string | null = code; c; c = byCode.get(c)?.parent ?? null) out.push(c);
    return out;
  };
  const ancestors = chain(issuerCode).slice(1);
  const around = units.filter((u) => chain(u.code).includes(issuerCode) || ancestors.includes(u.code) || (u.parent !== null && ancestors.includes(u.parent)));
  const plans = (JSON.parse(readFileSync(join(root, 'worker', 'demo', 'plans.json'), 'utf8')) as { key: string; number: string }[]).map((p) => ({ id: p.key, number: p.number }));
  return { issuer: byCode.get(issuerCode)!, units: around, plans };
}

const cpuNow = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

/** One call: CPU of this process and wall time, ms. */
function once(seed: Seed, ctx: ExtractContext) {
  const c0 = cpuNow();
  const t0 = performance.now();
  const r = extractPlan(seed.text, ctx);
  const wall = performance.now() - t0;
  const cpu = cpuNow() - c0;
  return { cpu, wall, found: { tasks: r.draft.tasks?.length ?? 0, indicators: r.draft.indicators?.length ?? 0, schedules: r.draft.schedules?.length ?? 0, unresolved: r.unresolved.length } };
}

/** bench/extract-cold.ts: the first call of this process only, printed as JSON for the parent. */
export function coldMain(key: string) {
  const seed = seeds().find((s) => s.key === key);
  if (!seed) throw new Error(`no seed ${key}`);
  const ctx = contextFor(seed.issuer);
  process.stdout.write(JSON.stringify(once(seed, ctx)));
}

/** Each seed: the first call in a fresh process, then `warm` calls in this one after a few to warm up. */
export function extractBench(bundle: string, warm: number) {
  const script = join(dirname(bundle), 'extract-cold.mjs');
  return seeds().map((seed) => {
    const child = spawnSync(process.execPath, [script, seed.key], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`cold extraction of seed ${seed.key} failed: ${child.stderr}`);
    const cold = JSON.parse(child.stdout) as ReturnType<typeof once>;
    const ctx = contextFor(seed.issuer);
    for (let i = 0; i < 5; i++) once(seed, ctx);
    const runs = Array.from({ length: warm }, () => once(seed, ctx));
    return { seed, cold, cpu: runs.map((r) => r.cpu), wall: runs.map((r) => r.wall), found: runs[0]!.found };
  });
}
