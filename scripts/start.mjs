// `npm start`: a running, seeded Cascade on http://localhost:8787 with no account and no network.
// 1. .dev.vars with a random ADMIN_TOKEN (kept if it exists)  2. local D1 migrations
// 3. wrangler dev  4. demo data through the API  5. a few curl lines to try.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedDemo } from './seed.mjs';

const root = join(import.meta.dirname, '..');
const PORT = Number(process.env.PORT ?? 8787);
const BASE = `http://localhost:${PORT}`;
const wrangler = join(root, 'node_modules', '.bin', 'wrangler');

function devVars() {
  const file = join(root, '.dev.vars');
  if (!existsSync(file)) {
    const token = `adm_${randomBytes(24).toString('base64url')}`;
    writeFileSync(file, `ADMIN_TOKEN=${token}\nWEBHOOK_ALLOW_PRIVATE=true\n`);
    console.log('Created .dev.vars with a new random ADMIN_TOKEN.');
  }
  const vars = Object.fromEntries(
    readFileSync(file, 'utf8')
      .split(/\r?\n/)
      .filter((l) => l.includes('=') && !l.trimStart().startsWith('#'))
      .map((l) => [l.slice(0, l.indexOf('=')).trim(), l.slice(l.indexOf('=') + 1).trim().replace(/^"(.*)"$/, '$1')]),
  );
  if (!vars.ADMIN_TOKEN) throw new Error('.dev.vars has no ADMIN_TOKEN line; add one or delete the file.');
  return vars;
}

async function waitForHealth(child) {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error('wrangler dev exited before it was ready');
    try {
      const res = await fetch(`${BASE}/v1/health`);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`Cascade did not answer on ${BASE} within 2 minutes`);
}

/** A clear word, before anything starts, when another program (often an earlier `npm start`) holds the port. */
async function portFree(port) {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const probe = createServer().once('error', () => resolve(false)).once('listening', () => probe.close(() => resolve(true)));
    probe.listen(port, '127.0.0.1');
  });
}

if (!(await portFree(PORT))) {
  console.error(`Port ${PORT} is already in use (an earlier \`npm start\` still running?). Stop it, or start on another port: PORT=8788 npm start`);
  process.exit(1);
}
const vars = devVars();
const migrate = spawnSync(wrangler, ['d1', 'migrations', 'apply', 'DB', '--local'], {
  cwd: root,
  encoding: 'utf8',
  env: { ...process.env, CI: 'true' }, // non-interactive: apply without a prompt
});
if (migrate.status !== 0) {
  console.error(`Applying the database migrations failed:\n${migrate.stdout}\n${migrate.stderr}`);
  process.exit(migrate.status ?? 1);
}
const applied = (migrate.stdout.match(/│ \d{4}_\S+\.sql\s*│ ✅/g) ?? []).length;
console.log(applied ? `Local database: migrations applied (${[...new Set(migrate.stdout.match(/\d{4}_\S+\.sql/g))].length} in all).` : 'Local database: up to date.');

const dev = spawn(wrangler, ['dev', '--port', String(PORT), '--test-scheduled', '--show-interactive-dev-session=false'], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'pipe'],
});
// Offline, wrangler tries Cloudflare (telemetry, update checks, remote bindings) and prints stack traces when it
// cannot reach it. None of that matters for a local run: say so once and pass everything else through.
let saidOffline = false;
let seeding = true; // the request log of the seeding itself is hidden: a hundred lines nobody needs
const NOISE = /fetch failed|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|getaddrinfo|cloudflare\.com|workers\.dev|update available|Request\.cf|^\s+at |^\s*\[cause\]|^\s*[{}]\s*$|^\s+(code|errno|syscall|hostname):/i;
function relay(stream, out) {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      if (seeding && /^\[wrangler:info\] (GET|POST|PUT|PATCH|DELETE) /.test(line)) continue;
      if (NOISE.test(line)) {
        if (!saidOffline) console.log('(wrangler cannot reach Cloudflare from here: expected offline, the local API does not need it)');
        saidOffline = true;
      } else out.write(line + '\n');
    }
  });
}
relay(dev.stdout, process.stdout);
relay(dev.stderr, process.stderr);
const stop = () => dev.kill('SIGINT');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
dev.on('exit', (code) => process.exit(code ?? 0));

try {
  await waitForHealth(dev);
  const started = Date.now();
  console.log('Loading the demo data through the API…');
  const { units, plans, live, reform, tokens } = await seedDemo(BASE, vars.ADMIN_TOKEN);
  await new Promise((r) => setTimeout(r, 300)); // wrangler's log of the last seeding requests arrives a moment later
  seeding = false;
  const loaded = units.total
    ? `${units.total} units of the 2020–2025 map (${units.created} new), the ${plans.count} seed plans (${plans.obligations} obligations),
the reform of 1 July 2025 (${reform?.closed ?? 0} units closed, ${reform?.created ?? 0} created)`
    : 'the demo already loaded (kept as it was)';
  console.log(`
Cascade is running on ${BASE}: ${loaded},
and the live plan ${live.number} of UBND Thành phố Hồ Chí Minh on the new map. Seeded in ${((Date.now() - started) / 1000).toFixed(1)} s.

  Admin token (from .dev.vars):              ${vars.ADMIN_TOKEN}
  Sở Nội vụ TP.HCM manager (unit 79):        ${tokens.hcmManager}
  Phường Hòa Hưng submitter (unit 27163):    ${tokens.hoaHungSubmitter}
  Phòng Nội vụ Quận 10 (closed 30/6/2025):   ${tokens.q10Manager ?? '(issued only before the reform)'}   (reads history, writes nothing)

Try:
  curl -s ${BASE}/v1/health
  curl -s -H "Authorization: Bearer ${tokens.hoaHungSubmitter}" "${BASE}/v1/obligations?plan=${live.id}"
  curl -s -H "Authorization: Bearer ${tokens.hcmManager}" "${BASE}/v1/units/79/children?limit=5"
  curl -s -H "Authorization: Bearer ${tokens.q10Manager}" "${BASE}/v1/units/771/tree?depth=1&at=2025-06-30"
  curl -s -H "Authorization: Bearer ${vars.ADMIN_TOKEN}" ${BASE}/v1/units/27163/history
  curl -s "${BASE}/__scheduled?cron=*/15+*+*+*+*"     # run the reminder sweep now (the Cron Trigger)

Web app: ${BASE}/app (sign in with the Sở Nội vụ or the Phường Hòa Hưng token)
API reference: ${BASE}/docs   OpenAPI: ${BASE}/v1/openapi.json   Stop with Ctrl+C.
`);
} catch (e) {
  console.error(`Start-up failed: ${e.message}`);
  stop();
  process.exitCode = 1;
}
