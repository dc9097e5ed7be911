// `npm run bench`: bundles bench/run.ts for Node with esbuild (packages stay external) and runs it. Beside it,
// bench/extract-cold.ts: one plan extraction in a fresh process, which run.ts starts once per seed text.
// Not part of `npm test`; better-sqlite3 is an optional dependency, needed only here.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bench = join(root, 'bench');
const outdir = join(root, 'node_modules', '.cache', 'cascade-bench');
await build({
  entryPoints: [join(bench, 'run.ts'), join(bench, 'extract-cold.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outdir,
  outExtension: { '.js': '.mjs' },
  // The bundle lives elsewhere; the bench reads migrations, seeds and writes results relative to its own folder.
  define: { 'import.meta.dirname': JSON.stringify(bench) },
  logLevel: 'warning',
});
const run = spawnSync(process.execPath, [join(outdir, 'run.mjs'), ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
process.exit(run.status ?? 1);
