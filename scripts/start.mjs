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

const vars = devVars();
const migrate = spawnSync(wrangler, ['d1', 'migrations', 'apply', 'DB', '--local'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, CI: 'true' }, // non-interactive: apply without a prompt
});
if (migrate.status !== 0) process.exit(migrate.status ?? 1);

const dev = spawn(wrangler, ['dev', '--port', String(PORT), '--test-scheduled', '--show-interactive-dev-session=false'], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
});
const stop = () => dev.kill('SIGINT');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
dev.on('exit', (code) => process.exit(code ?? 0));

try {
  await waitForHealth(dev);
  const { units, plans, current, tokens } = await seedDemo(BASE, vars.ADMIN_TOKEN);
  console.log(`
Cascade is running on ${BASE} with demo data: ${units.total} units (${units.created} new, ${units.updated} updated),
the ${plans.count} seed plans active with ${plans.obligations} obligations, and a live plan for this year (${current.number}).

  Admin token (from .dev.vars):   ${vars.ADMIN_TOKEN}
  Quận 10 manager (demo token):   ${tokens.q10Manager}
  Phường 15 submitter (demo):     ${tokens.p15Submitter}

Try:
  curl -s ${BASE}/v1/health
  curl -s -H "Authorization: Bearer ${tokens.q10Manager}" ${BASE}/v1/units/771/tree?depth=1
  curl -s -H "Authorization: Bearer ${tokens.p15Submitter}" ${BASE}/v1/obligations
  curl -s -H "Authorization: Bearer ${vars.ADMIN_TOKEN}" "${BASE}/v1/units/79/children?limit=5"
  curl -s "${BASE}/__scheduled?cron=*/15+*+*+*+*"     # run the reminder sweep now (the Cron Trigger)

Dashboard: ${BASE}/app (sign in with the Quận 10 manager token)
API description: ${BASE}/v1/openapi.json   Stop with Ctrl+C.
`);
} catch (e) {
  console.error(`Start-up failed: ${e.message}`);
  stop();
  process.exitCode = 1;
}
