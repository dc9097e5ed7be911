import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { Token, TokenCreate, TokenCreated, TokenIdParam, TokenList, TokenListQuery } from '../../../schemas';
import { createRouter } from '../app';
import { assertManagerOf, forbidIfSubmitter, sha256Hex, TOKEN_PREFIX, visibleUnit } from '../auth';
import { auditStatement } from '../db/audit';
import { getToken, insertTokenStatement, listTokens, revokeTokenStatement, toToken, type TokenRow } from '../db/tokens';
import { badRequest, notFound } from '../errors';
import { randomBase64Url, randomId } from '../ids';
import { authed, decodeCursor, encodeCursor, json, problems } from './shared';

const app = createRouter();

app.openapi(
  createRoute({
    method: 'post',
    path: '/tokens',
    tags: ['Tokens'],
    summary: 'Issue a unit token (the secret is shown once)',
    description: 'The administrator may issue for any unit; a manager for units of its own subtree.',
    ...authed,
    request: { body: { required: true, content: { 'application/json': { schema: TokenCreate } } } },
    responses: { 201: json(TokenCreated, 'The token, with its secret'), ...problems(400, 401, 403, 404) },
  }),
  async (c) => {
    const p = c.get('principal');
    const body = c.req.valid('json');
    const unit = await visibleUnit(c.env.DB, p, body.unit);
    assertManagerOf(p, unit);
    const now = new Date();
    const expiresAt = body.expiresAt ? new Date(body.expiresAt).toISOString() : null;
    if (expiresAt && expiresAt <= now.toISOString()) {
      throw badRequest('expiresAt must lie in the future.', [{ path: 'expiresAt', message: 'must be in the future' }]);
    }
    const secret = TOKEN_PREFIX + randomBase64Url(32);
    const row: TokenRow = {
      id: randomId('tok_'),
      unit_code: unit.code,
      role: body.role,
      label: body.label,
      hash: await sha256Hex(secret),
      prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
      created_at: now.toISOString(),
      created_by: p.actor,
      expires_at: expiresAt,
      revoked_at: null,
      last_used_at: null,
    };
    const token = toToken(row);
    await c.env.DB.batch([
      insertTokenStatement(c.env.DB, row),
      auditStatement(c.env.DB, p, now, { action: 'token.create', entityType: 'token', entityId: row.id, unit: unit.code, after: token }),
    ]);
    return c.json({ ...token, token: secret }, 201);
  },
);

const ListCursor = z.tuple([z.string(), z.string()]);

app.openapi(
  createRoute({
    method: 'get',
    path: '/tokens',
    tags: ['Tokens'],
    summary: 'Tokens of a subtree (never their secrets), newest first',
    description: 'Without `unit`: the administrator sees all tokens, a manager those of its own subtree.',
    ...authed,
    request: { query: TokenListQuery },
    responses: { 200: json(TokenList, 'One page of tokens'), ...problems(400, 401, 403, 404) },
  }),
  async (c) => {
    const p = c.get('principal');
    forbidIfSubmitter(p);
    const q = c.req.valid('query');
    let rootPath: string | null = p.kind === 'admin' ? null : p.path;
    if (q.unit) rootPath = (await visibleUnit(c.env.DB, p, q.unit)).path;
    const before = decodeCursor(q.cursor, ListCursor);
    const rows = await listTokens(c.env.DB, rootPath, { limit: q.limit + 1, before });
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    const nextCursor = rows.length > q.limit && last ? encodeCursor([last.created_at, last.id]) : null;
    return c.json({ items: page.map(toToken), nextCursor }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'delete',
    path: '/tokens/{id}',
    tags: ['Tokens'],
    summary: 'Revoke a token; it stops working at once',
    ...authed,
    request: { params: TokenIdParam },
    responses: { 200: json(Token, 'The revoked token'), ...problems(400, 401, 403, 404) },
  }),
  async (c) => {
    const p = c.get('principal');
    const { id } = c.req.valid('param');
    const row = await getToken(c.env.DB, id);
    if (!row) throw notFound(`No token with id ${id}.`);
    assertManagerOf(p, { code: row.unit_code, path: row.path });
    if (row.revoked_at) return c.json(toToken(row), 200);
    const now = new Date();
    const after = toToken({ ...row, revoked_at: now.toISOString() });
    await c.env.DB.batch([
      revokeTokenStatement(c.env.DB, id, now.toISOString()),
      auditStatement(c.env.DB, p, now, {
        action: 'token.revoke',
        entityType: 'token',
        entityId: id,
        unit: row.unit_code,
        before: toToken(row),
        after,
      }),
    ]);
    return c.json(after, 200);
  },
);

export default app;
