import type { Role, Token } from '../../../schemas';
import { subtreeEnd } from '../domain/units';

export type TokenRow = {
  id: string;
  unit_code: string;
  role: Role;
  label: string;
  hash: string;
  prefix: string;
  created_at: string;
  created_by: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
};

export function toToken(r: TokenRow): Token {
  return {
    id: r.id,
    unit: r.unit_code,
    role: r.role,
    label: r.label,
    prefix: r.prefix,
    createdAt: r.created_at,
    createdBy: r.created_by,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
    lastUsedAt: r.last_used_at,
  };
}

/** Looked up by hash (unique index): the secret itself is never stored. */
export async function findTokenByHash(db: D1Database, hash: string) {
  return db
    .prepare(
      `SELECT t.id, t.unit_code, t.role, t.expires_at, t.revoked_at, t.last_used_at, u.path
       FROM tokens t JOIN units u ON u.code = t.unit_code WHERE t.hash = ?`,
    )
    .bind(hash)
    .first<Pick<TokenRow, 'id' | 'unit_code' | 'role' | 'expires_at' | 'revoked_at' | 'last_used_at'> & { path: string }>();
}

/** last_used_at older than this is worth a write: at most one a minute per token, so reads stay reads. */
export const touchCutoff = (now: Date) => new Date(now.getTime() - 60_000).toISOString();

export async function touchToken(db: D1Database, id: string, now: Date): Promise<void> {
  const cutoff = touchCutoff(now);
  await db
    .prepare('UPDATE tokens SET last_used_at = ?1 WHERE id = ?2 AND (last_used_at IS NULL OR last_used_at < ?3)')
    .bind(now.toISOString(), id, cutoff)
    .run();
}

export function insertTokenStatement(db: D1Database, r: TokenRow): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO tokens (id, unit_code, role, label, hash, prefix, created_at, created_by, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(r.id, r.unit_code, r.role, r.label, r.hash, r.prefix, r.created_at, r.created_by, r.expires_at);
}

export async function getToken(db: D1Database, id: string) {
  return db
    .prepare('SELECT t.*, u.path FROM tokens t JOIN units u ON u.code = t.unit_code WHERE t.id = ?')
    .bind(id)
    .first<TokenRow & { path: string }>();
}

export function revokeTokenStatement(db: D1Database, id: string, at: string): D1PreparedStatement {
  return db.prepare('UPDATE tokens SET revoked_at = ?1 WHERE id = ?2 AND revoked_at IS NULL').bind(at, id);
}

/** Tokens of a subtree, newest first; cursor is "created_at|id". */
export async function listTokens(
  db: D1Database,
  rootPath: string | null,
  opts: { limit: number; before?: [string, string] },
): Promise<TokenRow[]> {
  const { results } = await db
    .prepare(
      `SELECT t.* FROM tokens t JOIN units u ON u.code = t.unit_code
       WHERE (?1 IS NULL OR (u.path >= ?1 AND u.path < ?2))
         AND (?3 IS NULL OR (t.created_at, t.id) < (?3, ?4))
       ORDER BY t.created_at DESC, t.id DESC LIMIT ?5`,
    )
    .bind(
      rootPath,
      rootPath ? subtreeEnd(rootPath) : null,
      opts.before?.[0] ?? null,
      opts.before?.[1] ?? null,
      opts.limit,
    )
    .all<TokenRow>();
  return results;
}
