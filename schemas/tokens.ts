import { z } from 'zod';
import { Code, Cursor, Instant, Limit, listOf, NOT_EMPTY } from './common';

export const Role = z.enum(['submitter', 'manager']);
export type Role = z.infer<typeof Role>;

export const TokenCreate = z
  .strictObject({
    unit: Code,
    role: Role,
    label: z.string().trim().min(1, NOT_EMPTY).max(200),
    expiresAt: Instant.optional(),
  })
  .meta({ id: 'TokenCreate' });

export const Token = z
  .object({
    id: z.string(),
    unit: z.string(),
    role: Role,
    label: z.string(),
    prefix: z.string().meta({ description: 'the first characters of the secret, to recognise it' }),
    createdAt: Instant,
    createdBy: z.string(),
    expiresAt: Instant.nullable(),
    revokedAt: Instant.nullable(),
    lastUsedAt: Instant.nullable(),
  })
  .meta({ id: 'Token' });
export type Token = z.infer<typeof Token>;

export const TokenCreated = Token.extend({
  token: z.string().meta({ description: 'the secret; shown this once only' }),
}).meta({ id: 'TokenCreated' });

export const TokenList = listOf(Token).meta({ id: 'TokenList' });
export const TokenListQuery = z.object({ unit: Code.optional(), limit: Limit, cursor: Cursor });
export const TokenIdParam = z.object({ id: z.string().max(64) });
