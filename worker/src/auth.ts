import { createMiddleware } from 'hono/factory';
import { findTokenByHash, touchCutoff, touchToken } from './db/tokens';
import type { AppEnv } from './env';
import { t, unauthorized } from './errors';
import { sha256Hex } from './ids';

export const TOKEN_PREFIX = 'csc_';

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

/**
 * Tokens are printable ASCII, compared exactly: a token with a no-break space or an ideographic space around it
 * (pasted from a document) is not the token.
 */
const BEARER = /^Bearer +([\x21-\x7e]+)$/i;
const INVALID = t('The token is not valid.', 'Mã truy cập không hợp lệ.');

/** Resolves the bearer token into a Principal; every /v1 route but health, openapi.json and /docs needs one. */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const match = BEARER.exec(c.req.header('authorization') ?? '');
  if (!match) throw unauthorized(t('Send your token as "Authorization: Bearer <token>".', 'Hãy gửi mã truy cập trong tiêu đề "Authorization: Bearer <mã>".'));
  const presented = match[1]!;
  if (await isAdminToken(presented, c.env.ADMIN_TOKEN)) {
    c.set('principal', { kind: 'admin', actor: 'admin', unit: null });
    return next();
  }
  if (!presented.startsWith(TOKEN_PREFIX)) throw unauthorized(INVALID);
  const now = new Date();
  const row = await findTokenByHash(c.env.DB, await sha256Hex(presented));
  if (!row) throw unauthorized(INVALID);
  if (row.revoked_at) throw unauthorized(t('The token has been revoked.', 'Mã truy cập đã bị thu hồi.'));
  if (row.expires_at && row.expires_at <= now.toISOString()) throw unauthorized(t('The token has expired.', 'Mã truy cập đã hết hạn.'));
  c.set('principal', { kind: 'unit', actor: row.id, unit: row.unit_code, path: row.path, role: row.role });
  // The UPDATE re-checks the minute, so two requests racing here still write once.
  if (!row.last_used_at || row.last_used_at < touchCutoff(now)) {
    c.executionCtx.waitUntil(touchToken(c.env.DB, row.id, now));
  }
  return next();
});
