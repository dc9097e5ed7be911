// Starts a real local Cascade (wrangler dev on Miniflare's D1, its own state directory) for end-to-end tests.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const wrangler = join(root, 'node_modules', '.bin', 'wrangler');
/** Its own wrangler config, so a developer's .dev.vars (from `npm start`) never reaches the tests. */
const config = join(root, 'test', 'browser', 'wrangler.toml');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export type LocalWorker = { base: string; admin: string; stop: () => Promise<void> };

/** `allowPrivateWebhooks`: let webhooks point at a receiver on this machine (the story tests' local receiver). */
export async function startLocalWorker(opts: { allowPrivateWebhooks?: boolean } = {}): Promise<LocalWorker> {
  const state = mkdtempSync(join(tmpdir(), 'cascade-e2e-'));
  const admin = `adm_${randomBytes(18).toString('base64url')}`;
  const port = await freePort();
  const migrate = spawnSync(wrangler, ['d1', 'migrations', 'apply', 'DB', '--local', '--config', config, '--persist-to', state], {
    cwd: root, env: { ...process.env, CI: 'true' }, encoding: 'utf8',
  });
  if (migrate.status !== 0) throw new Error(`migrations failed: ${migrate.stderr}`);
  const child: ChildProcess = spawn(
    wrangler,
    ['dev', '--config', config, '--port', String(port), '--ip', '127.0.0.1', '--persist-to', state, '--var', `ADMIN_TOKEN:${admin}`,
      ...(opts.allowPrivateWebhooks ? ['--var', 'WEBHOOK_ALLOW_PRIVATE:true'] : []), '--show-interactive-dev-session=false'],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: 'true' } },
  );
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited:\n${output}`);
    try {
      if ((await fetch(`${base}/v1/health`)).ok) break;
    } catch {
      // not up yet
    }
    if (i > 240) throw new Error(`wrangler dev did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    base,
    admin,
    stop: async () => {
      child.kill('SIGINT');
      await new Promise((r) => setTimeout(r, 500));
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(state, { recursive: true, force: true });
    },
  };
}

export { call } from '../../scripts/seed.mjs';
