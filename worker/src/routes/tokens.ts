import { z } from 'zod';
import { Token, TokenCreate, TokenCreated, TokenIdParam, TokenList, TokenListQuery } from '../../../schemas';
import { createRouter } from '../app';
import { toToken } from '../db/tokens';
import { decodeCursor, defineRoute, json, page } from '../http';
import { issueToken, revokeToken, tokensOf } from '../flows/tokens';

const app = createRouter();

app.openapi(
  defineRoute({
    method: 'post', path: '/tokens', tags: ['Tokens'], operationId: 'issueToken', problems: [404, 409],
    summary: 'Issue a unit token (the secret is shown once)',
    description: 'The administrator may issue for any unit; a manager for units of its own subtree (not for a unit that has closed: 409).',
    request: { body: { required: true, content: { 'application/json': { schema: TokenCreate } } } },
    responses: { 201: json(TokenCreated, 'The token, with its secret') },
  }),
  async (c) => c.json(await issueToken(c.env, c.get('principal'), c.req.valid('json')), 201),
);

const ListCursor = z.tuple([z.string(), z.string()]);

app.openapi(
  defineRoute({
    method: 'get', path: '/tokens', tags: ['Tokens'], operationId: 'listTokens', problems: [404],
    summary: 'Tokens of a subtree (never their secrets), newest first',
    description: 'Without `unit`: the administrator sees all tokens, a manager those of its own subtree.',
    request: { query: TokenListQuery },
    responses: { 200: json(TokenList, 'One page of tokens') },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const rows = await tokensOf(c.env, c.get('principal'), { unit: q.unit, limit: q.limit, before: decodeCursor(q.cursor, ListCursor) });
    const { items, nextCursor } = page(rows, q.limit, (last) => [last.created_at, last.id]);
    return c.json({ items: items.map(toToken), nextCursor }, 200);
  },
);

app.openapi(
  defineRoute({
    method: 'delete', path: '/tokens/{id}', tags: ['Tokens'], operationId: 'revokeToken', problems: [404],
    summary: 'Revoke a token; it stops working at once',
    request: { params: TokenIdParam },
    responses: { 200: json(Token, 'The revoked token') },
  }),
  async (c) => c.json(await revokeToken(c.env, c.get('principal'), c.req.valid('param').id), 200),
);

export default app;
