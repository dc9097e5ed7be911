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
              wrangler: { configPath: './test/worker/wrangler.toml' },
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
          // Node: the add-on (Apps Script fakes) and the web app (Chromium), both against a real local worker (wrangler dev);
          // the documents rendered with LibreOffice; the floors of the code (dependency-cruiser); the scripts of the README.
          test: {
            name: 'node',
            include: ['test/browser/**/*.test.ts', 'test/addon/**/*.test.ts', 'test/documents/**/*.test.ts', 'test/structure/**/*.test.ts', 'test/scripts/**/*.test.ts'],
            environment: 'node', testTimeout: 60_000, hookTimeout: 180_000,
          },
        },
      ],
    },
  };
});
