// `npm run bench`: bundles bench/run.ts for Node with esbuild (packages stay external) and runs it.
// Not part of `npm test`; better-sqlite3 is an optional dependency, needed only here.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bench = join(root, 'bench');
const outfile = join(root, 'node_modules', '.cache', 'cascade-bench', 'run.mjs');
await build({
  entryPoints: [join(bench, 'run.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outfile,
  // The bundle lives elsewhere; the bench reads migrations and writes results relative to its own folder.
  define: { 'import.meta.dirname': JSON.stringify(bench) },
  logLevel: 'warning',
});
const run = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
process.exit(run.status ?? 1);
