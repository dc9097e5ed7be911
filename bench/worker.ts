// The real Worker on workerd: bundled exactly as `wrangler deploy` would (dry run), migrated with
// `wrangler d1 migrations apply --local`, and served by Miniflare with the bindings wrangler.toml declares.
// Miniflare directly rather than `wrangler dev`, whose extra proxy hop would add ~2 ms to every request measured.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Log, LogLevel, Miniflare } from 'miniflare';
import { unstable_getMiniflareWorkerOptions } from 'wrangler';

const root = join(import.meta.dirname, '..');
const wrangler = join(root, 'node_modules', '.bin', 'wrangler');

export type BenchWorker = { base: string; admin: string; mf: Miniflare; sweep: (at: Date) => Promise<void>; stop: () => Promise<void> };

export async function startWorker(dir: string): Promise<BenchWorker> {
  const run = (args: string[]) => execFileSync(wrangler, args, { cwd: root, env: { ...process.env, CI: 'true' }, stdio: 'pipe' });
  run(['deploy', '--dry-run', '--outdir', join(dir, 'dist')]);
  run(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', join(dir, 'state')]);
  const { workerOptions } = unstable_getMiniflareWorkerOptions(join(root, 'wrangler.toml'));
  const admin = 'adm_bench_' + Math.random().toString(36).slice(2);
  const mf = new Miniflare({
    ...workerOptions,
    modules: true,
    scriptPath: join(dir, 'dist', 'index.js'),
    modulesRoot: join(dir, 'dist'),
    bindings: { ...workerOptions.bindings, ADMIN_TOKEN: admin },
    d1Persist: join(dir, 'state', 'v3', 'd1'),
    queuesPersist: join(dir, 'state', 'v3', 'queues'),
    log: new Log(LogLevel.WARN),
    cf: false, // no network here: no request.cf metadata to fetch
  } as ConstructorParameters<typeof Miniflare>[0]);
  const url = await mf.ready;
  const worker = await mf.getWorker();
  return {
    base: url.href.replace(/\/$/, ''),
    admin,
    mf,
    sweep: async (at) => {
      await worker.scheduled({ cron: '*/15 * * * *', scheduledTime: at });
    },
    stop: () => mf.dispose(),
  };
}
