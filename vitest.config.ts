import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

import { TEST_ADMIN_TOKEN } from './test/admin-token.ts';

export default defineConfig(async () => {
  const migrations = await readD1Migrations('worker/migrations');
  return {
    test: {
      projects: [
        {
          plugins: [
            cloudflareTest({
              wrangler: { configPath: './wrangler.toml', environment: 'test' },
              miniflare: { bindings: { TEST_MIGRATIONS: migrations, ADMIN_TOKEN: TEST_ADMIN_TOKEN } },
            }),
          ],
          test: {
            name: 'worker',
            include: ['test/worker/**/*.test.ts'],
            setupFiles: ['test/worker/apply-migrations.ts'],
          },
        },
        {
          // Node: the add-on (Apps Script fakes) and the dashboard (Chromium), both against a real local worker (wrangler dev).
          test: { name: 'node', include: ['test/browser/**/*.test.ts', 'test/addon/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 180_000 },
        },
      ],
    },
  };
});
