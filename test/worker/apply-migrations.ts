import { applyD1Migrations, env } from 'cloudflare:test';

// Setup files run once per test file before its storage is isolated; applying is idempotent.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
