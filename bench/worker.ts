// The real Worker on workerd: bundled exactly as `wrangler deploy` would (dry run), migrated with
// `wrangler d1 migrations apply --local`, and served by Miniflare with the bindings wrangler.toml declares.
// Miniflare directly rather than `wrangler dev`, whose extra proxy hop would add ~2 ms to every request measured.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Log, LogLevel, Miniflare } from 'miniflare';
import { unstable_getMiniflareWorkerOptions } from 'wrangler';

const root = join(import.meta.dirname, '..');
const wrangler = join(root, 'node_modules', '.bin', 'wrangler');

/** The bundle `wrangler deploy --dry-run` wrote: its files' sizes, and wrangler's own "Total Upload … / gzip …" line. */
export type Bundle = {
  buildMs: number;
  files: { name: string; bytes: number }[];
  rawBytes: number;
  gzipBytes: number;
  wrangler: { totalKiB: number; gzipKiB: number } | null;
};

export type BenchWorker = {
  base: string; admin: string; mf: Miniflare; bundle: Bundle;
  sweep: (at: Date) => Promise<void>;
  /** CPU time (user + system) the workerd process has used so far, in ms: the Worker and its local D1 together. */
  cpuMs: () => number;
  stop: () => Promise<void>;
};

/** The script and its modules (source maps and the README wrangler writes are not uploaded). */
function measureBundle(dist: string, buildMs: number, output: string): Bundle {
  const files = readdirSync(dist).filter((n) => /\.(m?js|wasm|bin|txt|html)$/.test(n) && n !== 'README.md')
    .map((name) => ({ name, bytes: statSync(join(dist, name)).size }));
  const all = Buffer.concat(files.map((f) => readFileSync(join(dist, f.name))));
  const m = /Total Upload:\s*([\d.]+)\s*KiB\s*\/\s*gzip:\s*([\d.]+)\s*KiB/.exec(output);
  return {
    buildMs, files, rawBytes: all.length, gzipBytes: gzipSync(all, { level: 9 }).length,
    wrangler: m ? { totalKiB: Number(m[1]), gzipKiB: Number(m[2]) } : null,
  };
}

/** The workerd process Miniflare started (a child of this process), found in /proc. */
function workerdPid(): number | null {
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const ppid = Number(stat.slice(close + 2).split(' ')[1]);
      if (ppid === process.pid && comm.startsWith('workerd')) return Number(d);
    } catch {
      // gone meanwhile
    }
  }
  return null;
}

export async function startWorker(dir: string): Promise<BenchWorker> {
  const run = (args: string[]) => execFileSync(wrangler, args, { cwd: root, env: { ...process.env, CI: 'true' }, stdio: 'pipe' }).toString();
  const dist = join(dir, 'dist');
  const t0 = performance.now();
  const output = run(['deploy', '--dry-run', '--outdir', dist]);
  const bundle = measureBundle(dist, performance.now() - t0, output);
  run(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', join(dir, 'state')]);
  const { workerOptions } = unstable_getMiniflareWorkerOptions(join(root, 'wrangler.toml'));
  const admin = 'adm_bench_' + Math.random().toString(36).slice(2);
  const mf = new Miniflare({
    ...workerOptions,
    modules: true,
    scriptPath: join(dist, 'index.js'),
    modulesRoot: dist,
    bindings: { ...workerOptions.bindings, ADMIN_TOKEN: admin },
    d1Persist: join(dir, 'state', 'v3', 'd1'),
    queuesPersist: join(dir, 'state', 'v3', 'queues'),
    log: new Log(LogLevel.WARN),
    cf: false, // no network here: no request.cf metadata to fetch
  } as ConstructorParameters<typeof Miniflare>[0]);
  const url = await mf.ready;
  const worker = await mf.getWorker();
  const pid = workerdPid();
  const tick = 1000 / Number(execFileSync('getconf', ['CLK_TCK']).toString().trim() || 100);
  return {
    base: url.href.replace(/\/$/, ''),
    admin,
    mf,
    bundle,
    sweep: async (at) => {
      await worker.scheduled({ cron: '*/15 * * * *', scheduledTime: at });
    },
    cpuMs: () => {
      if (pid === null) return NaN;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(f[11]) + Number(f[12])) * tick; // utime, stime (fields 14 and 15 of stat)
    },
    stop: () => mf.dispose(),
  };
}
