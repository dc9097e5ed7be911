/** Unit tokens: issued for a subtree by its managers (the secret shown once), listed, revoked. */
import type { z } from 'zod';
import type { TokenCreate } from '../../../schemas';
import { auditStatement } from '../db/audit';
import { getToken, insertTokenStatement, listTokens, revokeTokenStatement, toToken, type TokenRow } from '../db/tokens';
import { TOKEN_PREFIX } from '../auth';
import type { Env } from '../env';
import { badRequest, conflict, notFound, t } from '../errors';
import { randomBase64Url, randomId, sha256Hex } from '../ids';
import { assertManager, assertManagerOf, type Principal } from '../policy';
import { visibleUnit } from './units';

export async function issueToken(env: Env, p: Principal, body: z.infer<typeof TokenCreate>) {
  const unit = await visibleUnit(env, p, body.unit);
  assertManagerOf(p, unit);
  if (unit.valid_to) {
    throw conflict(t(`${unit.code} has closed in a reorganisation; issue tokens for the unit that succeeded it.`, `Đơn vị ${unit.name} đã kết thúc hoạt động; hãy cấp mã cho đơn vị kế thừa.`));
  }
  const now = new Date();
  const expiresAt = body.expiresAt ? new Date(body.expiresAt).toISOString() : null;
  if (expiresAt && expiresAt <= now.toISOString()) {
    throw badRequest(t('expiresAt must lie in the future.', 'Ngày hết hạn phải ở tương lai.'), [{ path: 'expiresAt', message: t('must be in the future', 'phải ở tương lai') }]);
  }
  const secret = TOKEN_PREFIX + randomBase64Url(32);
  const row: TokenRow = {
    id: randomId('tok_'), unit_code: unit.code, role: body.role, label: body.label, hash: await sha256Hex(secret),
    prefix: secret.slice(0, TOKEN_PREFIX.length + 6), created_at: now.toISOString(), created_by: p.actor,
    expires_at: expiresAt, revoked_at: null, last_used_at: null,
  };
  const token = toToken(row);
  await env.DB.batch([
    insertTokenStatement(env.DB, row),
    auditStatement(env.DB, p, now, { action: 'token.create', entityType: 'token', entityId: row.id, unit: unit.code, after: token }),
  ]);
  return { ...token, token: secret };
}

/** Tokens of a subtree, newest first, never their secrets. Without `unit`: the administrator's all, a manager's own subtree. */
export async function tokensOf(env: Env, p: Principal, q: { unit?: string; limit: number; before?: [string, string] }) {
  assertManager(p);
  let rootPath: string | null = p.kind === 'admin' ? null : p.path;
  if (q.unit) rootPath = (await visibleUnit(env, p, q.unit)).path;
  return listTokens(env.DB, rootPath, { limit: q.limit + 1, before: q.before });
}

export async function revokeToken(env: Env, p: Principal, id: string) {
  const row = await getToken(env.DB, id);
  if (!row) throw notFound(t(`No token with id ${id}.`, `Không có mã truy cập ${id}.`));
  assertManagerOf(p, { code: row.unit_code, path: row.path });
  if (row.revoked_at) return toToken(row);
  const now = new Date();
  const after = toToken({ ...row, revoked_at: now.toISOString() });
  await env.DB.batch([
    revokeTokenStatement(env.DB, id, now.toISOString()),
    auditStatement(env.DB, p, now, { action: 'token.revoke', entityType: 'token', entityId: id, unit: row.unit_code, before: toToken(row), after }),
  ]);
  return after;
}
