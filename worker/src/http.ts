/**
 * How every route is declared and how its body is read: one `defineRoute` adds the token check, the body limits,
 * the statuses every route shares (400, 401, 403, 413, 415) and an operationId, so the OpenAPI document names
 * every answer a route can give; `readBody` turns a request body into valid, NFC-normalised UTF-8 or a 400.
 */
import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { Problem } from '../../schemas';
import { authenticate, authenticateOrLink } from './auth';
import type { AppEnv } from './env';
import { badRequest, t, tooLarge } from './errors';

export const MB = 1024 * 1024;

const PROBLEM_TEXT: Record<number, string> = {
  400: 'Invalid input: every bad field is listed in `errors`',
  401: 'Missing, unknown, expired or revoked token',
  403: 'Outside your token’s subtree or role',
  404: 'No such route or entity',
  409: 'Conflict with the current state (a version, a status)',
  413: 'Body too large',
  415: 'Unsupported content type',
  422: 'Request understood but refused (an Idempotency-Key reused with another body)',
};

/** OpenAPI response entries for the problem documents a route may return. */
export function problems(...statuses: number[]) {
  return Object.fromEntries(
    [...new Set(statuses)].sort().map((s) => [
      s,
      { description: PROBLEM_TEXT[s] ?? 'Problem', content: { 'application/problem+json': { schema: Problem } } },
    ]),
  );
}

export function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

export const html = (description: string) => ({ description, content: { 'text/html': { schema: z.string() } } });

/** A request body's bytes, decoded strictly. */
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * What the strings of a parsed body need: the path of the first one that is not well-formed UTF-16 (a lone surrogate
 * from a `\ud800` escape), whether any changes under NFC, and whether a number is not finite (1e999: then the text
 * is left as it came, for the validator to refuse, since re-serialising would turn it into null).
 */
function inspect(v: unknown, at: string, out: { lone: string | null; changes: boolean; nonFinite: boolean }) {
  if (typeof v === 'string') {
    if (out.lone === null && LONE_SURROGATE.test(v)) out.lone = at || '(body)';
    if (!out.changes && v.normalize('NFC') !== v) out.changes = true;
  } else if (typeof v === 'number') {
    if (!Number.isFinite(v)) out.nonFinite = true;
  } else if (Array.isArray(v)) v.forEach((x, i) => inspect(x, `${at}[${i}]`, out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) inspect(x, at ? `${at}.${k}` : k, out);
  return out;
}

/** Hono keeps each read of a body as a promise, so every later read (the validators', the route's) sees this one. */
const cache = (req: { bodyCache: object }) => req.bodyCache as Record<string, Promise<unknown>>;

const isText = (type: string) => /^(application\/([\w.+-]*\+)?json|text\/)/i.test(type);

async function readCapped(req: Request, max: number): Promise<Uint8Array | null> {
  const declared = req.headers.get('content-length');
  if (declared !== null && Number(declared) > max) return null;
  const reader = req.body!.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * Reads the body once, at most `max` bytes (413 beyond, also without Content-Length). A JSON or text body must be
 * valid UTF-8 with no lone surrogates (400 otherwise: U+FFFD would silently replace what the user typed), and is
 * normalised to NFC so that a Vietnamese name typed with combining accents and one typed precomposed are one name.
 */
export function readBody(max: number): MiddlewareHandler<AppEnv> {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!c.req.raw.body) return next();
    const bytes = await readCapped(c.req.raw, max);
    if (!bytes) throw tooLarge(t(`A request body may be at most ${max / MB} MB.`, `Dữ liệu gửi lên tối đa ${max / MB} MB.`));
    const type = c.req.header('content-type') ?? '';
    if (!isText(type)) {
      cache(c.req).arrayBuffer = Promise.resolve(bytes.buffer as ArrayBuffer);
      return next();
    }
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      throw badRequest(t('The body is not valid UTF-8; send the text encoded as UTF-8.', 'Dữ liệu gửi lên không phải UTF-8 hợp lệ; hãy gửi văn bản mã hóa UTF-8.'),
        [{ path: '(body)', message: t('invalid UTF-8', 'không phải UTF-8 hợp lệ') }]);
    }
    if (/json/i.test(type)) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined; // the validator names malformed JSON
      }
      if (parsed !== undefined) {
        const found = inspect(parsed, '', { lone: null, changes: false, nonFinite: false });
        if (found.lone !== null) {
          throw badRequest(t('The body holds a lone UTF-16 surrogate (an unpaired \\ud800–\\udfff escape), which is not text.',
            'Dữ liệu có ký tự lỗi (một nửa cặp UTF-16 \\ud800–\\udfff), không phải văn bản hợp lệ.'),
          [{ path: found.lone, message: t('not valid Unicode text', 'không phải văn bản Unicode hợp lệ') }]);
        }
        if (found.changes && !found.nonFinite) text = JSON.stringify(parsed, (_k, v) => (typeof v === 'string' ? v.normalize('NFC') : v));
      }
    } else text = text.normalize('NFC');
    cache(c.req).text = Promise.resolve(text);
    return next();
  });
}

type Spec = Omit<RouteConfig, 'responses' | 'security' | 'middleware' | 'operationId'> & {
  operationId: string;
  responses: RouteConfig['responses'];
  /** false for the public routes (health, the document itself, the web app's page); 'or-link' also takes a signed download link */
  auth?: boolean | 'or-link';
  /** statuses beyond the shared ones, e.g. 404, 409, 422 */
  problems?: number[];
  /** the body limit; 1 MB unless given */
  maxBody?: number;
};

/**
 * A route as the contract states it: authenticated unless `auth: false` (then `security: []`), the body read by
 * `readBody` after the token is checked (so a stranger's oversized body gets 401, not 413), and every status the
 * route can answer declared — 400 for anything it parses, 401 and 403 with a token, 413 and 415 with a body.
 */
type Defined<S extends Spec> = Omit<S, 'auth' | 'problems' | 'maxBody'> & { security: { bearer: string[] }[]; middleware: MiddlewareHandler<AppEnv>[] };

export function defineRoute<const S extends Spec>(spec: S): Defined<S> {
  const { auth = true, problems: extra = [], maxBody = MB, ...route } = spec;
  const hasBody = route.request?.body !== undefined;
  // Every write is read within the limit, also one that declares no body (DELETE …), so none reads an unbounded stream.
  const write = route.method !== 'get';
  const parses = hasBody || route.request?.query || route.request?.params || route.request?.headers;
  const statuses = [...extra, ...(parses ? [400] : []), ...(auth ? [401, 403] : []), ...(write ? [413] : []), ...(hasBody ? [415] : [])];
  const middleware = [...(auth === 'or-link' ? [authenticateOrLink] : auth ? [authenticate] : []), ...(write ? [readBody(maxBody)] : [])];
  return createRoute({
    ...route,
    security: auth === 'or-link' ? [{ bearer: [] }, { documentLink: [] }] : auth ? [{ bearer: [] }] : [],
    middleware,
    responses: { ...route.responses, ...problems(...statuses) },
  } as unknown as RouteConfig) as unknown as Defined<S>;
}

/** A route's declaration for the document alone (for a route mounted by hand): without its middleware. */
export function declaration<R extends { middleware?: unknown }>(route: R): Omit<R, 'middleware'> {
  const { middleware: _m, ...rest } = route;
  return rest;
}

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
  throw badRequest(t('The cursor is not one this API gave out; start again without it.', 'Con trỏ trang không hợp lệ; hãy tải lại từ đầu.'), [
    { path: 'query.cursor', message: t('invalid cursor', 'con trỏ không hợp lệ') },
  ]);
}

/** One page of a keyset listing: the rows asked for, and the cursor for the next page if there is one. */
export function page<R>(rows: R[], limit: number, key: (last: R) => unknown) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(key(last)) : null };
}
