import type { Principal } from './auth';

export interface Env {
  DB: D1Database;
  /** Bootstrap secret (`wrangler secret put ADMIN_TOKEN`; `.dev.vars` locally). */
  ADMIN_TOKEN?: string;
  /** Deployment time zone for deadline arithmetic; default Asia/Ho_Chi_Minh. */
  TZ_NAME?: string;
}

export type AppEnv = { Bindings: Env; Variables: { principal: Principal } };
