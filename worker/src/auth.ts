import { createMiddleware } from 'hono/factory';
import type { Role } from '../../schemas';
import { findTokenByHash, touchCutoff, touchToken } from './db/tokens';
import { getUnit, type UnitRow } from './db/units';
import type { AppEnv } from './env';
import { forbidden, notFound, unauthorized } from './errors';

export type Principal =
  | { kind: 'admin'; actor: 'admin'; unit: null }
  | { kind: 'unit'; actor: string; unit: string; path: string; role: Role };

export const TOKEN_PREFIX = 'csc_';

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function isAdminToken(presented: string, adminToken: string | undefined): Promise<boolean> {
  if (!adminToken) return false;
  // Compare fixed-length digests so neither length nor content leaks through timing.
  const enc = new TextEncoder();
  const [a, b] = await Promise.all([
    crypto.subtle.digest('SHA-256', enc.encode(presented)),
    crypto.subtle.digest('SHA-256', enc.encode(adminToken)),
  ]);
  return crypto.subtle.timingSafeEqual(a, b);
}

/** Resolves the bearer token into a Principal; every /v1 route but health and openapi.json needs one. */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw unauthorized('Send your token as "Authorization: Bearer <token>".');
  const presented = match[1]!;
  if (await isAdminToken(presented, c.env.ADMIN_TOKEN)) {
    c.set('principal', { kind: 'admin', actor: 'admin', unit: null });
    return next();
  }
  if (!presented.startsWith(TOKEN_PREFIX)) throw unauthorized('The token is not valid.');
  const now = new Date();
  const row = await findTokenByHash(c.env.DB, await sha256Hex(presented));
  if (!row) throw unauthorized('The token is not valid.');
  if (row.revoked_at) throw unauthorized('The token has been revoked.');
  if (row.expires_at && row.expires_at <= now.toISOString()) throw unauthorized('The token has expired.');
  c.set('principal', { kind: 'unit', actor: row.id, unit: row.unit_code, path: row.path, role: row.role });
  // The UPDATE re-checks the minute, so two requests racing here still write once.
  if (!row.last_used_at || row.last_used_at < touchCutoff(now)) {
    c.executionCtx.waitUntil(touchToken(c.env.DB, row.id, now));
  }
  return next();
});

export function canSee(p: Principal, unitPath: string): boolean {
  return p.kind === 'admin' || unitPath.startsWith(p.path);
}

/** Plans cascade down: a plan is visible inside its issuer's subtree and to the issuer's ancestors' tokens. */
export function canSeePlan(p: Principal, issuerPath: string): boolean {
  return p.kind === 'admin' || issuerPath.startsWith(p.path) || p.path.startsWith(issuerPath);
}

export function assertCanSee(p: Principal, unit: Pick<UnitRow, 'code' | 'path'>): void {
  if (!canSee(p, unit.path)) throw forbidden(`Unit ${unit.code} is outside the subtree of your token's unit (${p.unit}).`);
}

export function assertAdmin(p: Principal): void {
  if (p.kind !== 'admin') throw forbidden('Only the administrator (ADMIN_TOKEN) may do this.');
}

/** Managers act on their own subtree; the administrator on everything. */
export function assertManagerOf(p: Principal, unit: Pick<UnitRow, 'code' | 'path'>): void {
  assertCanSee(p, unit);
  forbidIfSubmitter(p);
}

export function forbidIfSubmitter(p: Principal): void {
  if (p.kind === 'unit' && p.role !== 'manager') throw forbidden('This needs a manager token; yours is a submitter token.');
}

/** The unit, if it exists (404) and the principal may see it (403). */
export async function visibleUnit(db: D1Database, p: Principal, code: string): Promise<UnitRow> {
  const unit = await getUnit(db, code);
  if (!unit) throw notFound(`No unit with code ${code}.`);
  assertCanSee(p, unit);
  return unit;
}
