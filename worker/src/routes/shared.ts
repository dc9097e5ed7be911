import { z } from 'zod';
import { Problem } from '../../../schemas';
import { authenticate } from '../auth';
import { badRequest } from '../errors';

const PROBLEM_TEXT: Record<number, string> = {
  400: 'Invalid input: every bad field is listed in `errors`',
  401: 'Missing, unknown, expired or revoked token',
  403: 'Outside your token’s subtree or role',
  404: 'No such route or entity',
  409: 'Version conflict',
  413: 'Body too large',
  422: 'Request understood but refused',
};

/** OpenAPI response entries for the problem documents a route may return. */
export function problems(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: PROBLEM_TEXT[s] ?? 'Problem', content: { 'application/problem+json': { schema: Problem } } },
    ]),
  );
}

export function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

export const bearer = [{ bearer: [] }];

/** Spread into createRoute(): the route needs a token (documented and enforced). */
export const authed = { security: bearer, middleware: authenticate };

/** Opaque keyset cursors: base64url of the JSON of the last row's sort key. */
export function encodeCursor(key: unknown): string {
  return btoa(unescape(encodeURIComponent(JSON.stringify(key)))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeCursor<T>(cursor: string | undefined, schema: z.ZodType<T>): T | undefined {
  if (cursor === undefined) return undefined;
  try {
    const text = decodeURIComponent(escape(atob(cursor.replace(/-/g, '+').replace(/_/g, '/'))));
    const parsed = schema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through
  }
  throw badRequest('The cursor is not one this API gave out; start again without it.', [
    { path: 'query.cursor', message: 'invalid cursor' },
  ]);
}
