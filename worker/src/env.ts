import { DEFAULT_TZ } from './domain/periods';
import type { Principal } from './policy';

export type DeliveryMessage = { deliveryId: string };

export interface Env {
  DB: D1Database;
  /** Bootstrap secret (`wrangler secret put ADMIN_TOKEN`; `.dev.vars` locally). */
  ADMIN_TOKEN?: string;
  /** Deployment time zone for deadline arithmetic; default Asia/Ho_Chi_Minh. */
  TZ_NAME?: string;
  /** Webhook deliveries (producer; this Worker is also the consumer). */
  DELIVERIES: Queue<DeliveryMessage>;
  /** "true" lets webhook URLs be http and point at private or loopback addresses (local development only). */
  WEBHOOK_ALLOW_PRIVATE?: string;
}

export type AppEnv = { Bindings: Env; Variables: { principal: Principal } };

/** The deployment's time zone, in which every deadline is reckoned. */
export const zoneOf = (env: Pick<Env, 'TZ_NAME'>) => env.TZ_NAME || DEFAULT_TZ;
