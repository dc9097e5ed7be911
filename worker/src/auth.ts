import { createMiddleware } from 'hono/factory';
import { findTokenByHash, getToken, touchCutoff, touchToken } from './db/tokens';
import type { AppEnv } from './env';
import { forbidden, t, unauthorized } from './errors';
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

/** A document link's signing key, derived from ADMIN_TOKEN: rotating the secret invalidates every link given out. */
async function linkKey(adminToken: string | undefined): Promise<CryptoKey> {
  if (!adminToken) throw forbidden(t('Document links need ADMIN_TOKEN to be set.', 'Máy chủ chưa cấu hình ADMIN_TOKEN nên chưa tạo được đường dẫn tải.'));
  const raw = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`cascade document links\n${adminToken}`));
  return crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
}

const b64url = (bytes: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const linkData = (path: string, by: string, expires: number) => new TextEncoder().encode(`${path}\n${by}\n${expires}`);

/**
 * A short-lived link to a document for someone who opens it in a browser (the add-on's "Tải báo cáo Word"): the
 * path, who asked for it and when it expires, signed. A link acts as its creator, checked again when it is opened.
 */
export async function signLink(adminToken: string | undefined, path: string, by: string, expires: number): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await linkKey(adminToken), linkData(path, by, expires));
  return `by=${encodeURIComponent(by)}&expires=${expires}&signature=${b64url(mac)}`;
}

/** A bearer token, or a signed link to this very path (see signLink) that has not expired and whose creator still may read it. */
export const authenticateOrLink = createMiddleware<AppEnv>(async (c, next) => {
  const q = c.req.query();
  if (!q.signature) return authenticate(c, next);
  const expires = Number(q.expires);
  const by = q.by ?? '';
  const bad = unauthorized(t('This download link is not valid or has expired; ask for a new one.', 'Đường dẫn tải không hợp lệ hoặc đã hết hạn; hãy lấy đường dẫn mới.'));
  if (!Number.isInteger(expires) || expires * 1000 < Date.now()) throw bad;
  let sig: Uint8Array;
  try {
    sig = Uint8Array.from(atob(q.signature.replace(/-/g, '+').replace(/_/g, '/')), (ch) => ch.charCodeAt(0));
  } catch {
    throw bad;
  }
  if (!(await crypto.subtle.verify('HMAC', await linkKey(c.env.ADMIN_TOKEN), sig, linkData(c.req.path, by, expires)))) throw bad;
  if (by === 'admin') {
    c.set('principal', { kind: 'admin', actor: 'admin', unit: null });
    return next();
  }
  const row = await getToken(c.env.DB, by);
  if (!row || row.revoked_at || (row.expires_at && row.expires_at <= new Date().toISOString())) throw bad;
  c.set('principal', { kind: 'unit', actor: row.id, unit: row.unit_code, path: row.path, role: row.role });
  return next();
});
