// `npm run lint` (part of `npm test`): the OpenAPI document the Worker serves, generated from schemas/, linted by
// Redocly's recommended rules. The Worker is bundled for Node and asked for GET /v1/openapi.json in-process.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'node_modules', '.cache', 'cascade-openapi');
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(root, 'worker', 'src', 'index.ts')],
  bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: join(out, 'worker.mjs'),
  logLevel: 'warning', external: ['cloudflare:*'],
});
const { app } = await import(pathToFileURL(join(out, 'worker.mjs')).href);
const res = await app.request('/v1/openapi.json');
if (!res.ok) throw new Error(`GET /v1/openapi.json → ${res.status}`);
const file = join(out, 'openapi.json');
writeFileSync(file, await res.text());
const redocly = join(root, 'node_modules', '.bin', 'redocly');
const lint = spawnSync(redocly, ['lint', file, '--config', join(root, 'redocly.yaml'), '--format', 'stylish'], { stdio: 'inherit', env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } });
process.exit(lint.status ?? 1);
