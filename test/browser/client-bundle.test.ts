import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildClient, clientModule, OUTPUT } from '../../worker/src/views/client/build.mjs';

describe('the web app client script', () => {
  it('is checked in as the bundle of views/client/*.mts (run node worker/src/views/client/build.mjs after a change)', async () => {
    expect(readFileSync(OUTPUT, 'utf8')).toBe(clientModule(await buildClient()));
  });

  it('stays small for a phone on a slow connection', async () => {
    const js = await buildClient();
    const { gzipSync } = await import('node:zlib');
    const gz = gzipSync(js).length;
    console.log(`client script: ${js.length} bytes, ${gz} gzipped`);
    expect(gz).toBeLessThan(25_000);
  });

  it('type-checks with the DOM library (the Worker\'s program leaves .mts out)', () => {
    const root = join(import.meta.dirname, '..', '..');
    for (const project of ['worker/src/views/client']) {
      const tsc = spawnSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', project], { cwd: root, encoding: 'utf8' });
      expect(tsc.stdout + tsc.stderr, project).toBe('');
      expect(tsc.status).toBe(0);
    }
  }, 120_000);
});
