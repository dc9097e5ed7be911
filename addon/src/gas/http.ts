/** The only door to the API: UrlFetchApp with the user's token, in Vietnamese, with safe retries. */
import type { Obligation } from '../../../schemas';
import { dataOf, interpret, networkMessage, normaliseBase, NOT_CONNECTED, UserError, type ApiOutcome } from '../core/api';

const KEYS = { url: 'CASCADE_API_URL', token: 'CASCADE_TOKEN' } as const;
/** Network failures are retried with the same request: a submission keeps its Idempotency-Key, so it lands once. */
const ATTEMPTS = 3;

/** The address this build of the add-on may fetch (the manifest's urlFetchWhitelist). */
export const INSTALLED_BASE = CASCADE_API_URL;

type Connection = { base: string; token: string };

export function savedBase(): string | null {
  return PropertiesService.getUserProperties().getProperties()[KEYS.url] ?? null;
}

function connection(): Connection {
  const props = PropertiesService.getUserProperties().getProperties();
  const base = props[KEYS.url];
  const token = props[KEYS.token];
  if (!base || !token) throw new UserError(NOT_CONNECTED);
  return { base, token };
}

type Method = 'get' | 'post' | 'put';
type Request = GoogleAppsScript.URL_Fetch.URLFetchRequest;

function request(base: string, token: string, method: Method, path: string, body?: unknown, headers: Record<string, string> = {}): Request {
  return {
    url: base + path,
    method,
    muteHttpExceptions: true,
    // Vietnamese problem documents: their detail and field messages are shown to people as they come.
    headers: { authorization: `Bearer ${token}`, 'accept-language': 'vi', ...headers },
    ...(body === undefined ? {} : { contentType: 'application/json', payload: JSON.stringify(body) }),
  };
}

/** Runs a fetch, retrying network failures; the last failure becomes the Vietnamese network message. */
function withRetries<T>(base: string, send: () => T): T {
  let lastError: unknown;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    try {
      return send();
    } catch (e) {
      lastError = e;
    }
  }
  console.error(lastError);
  throw new UserError(networkMessage(base, INSTALLED_BASE));
}

const outcome = (res: GoogleAppsScript.URL_Fetch.HTTPResponse) => interpret(res.getResponseCode(), res.getContentText());

function send<T>({ base, token }: Connection, method: Method, path: string, body?: unknown, headers?: Record<string, string>): T {
  const { url, ...params } = request(base, token, method, path, body, headers);
  return dataOf<T>(withRetries(base, () => outcome(UrlFetchApp.fetch(url, params))));
}

/** One API call; an HTTP refusal becomes a UserError carrying the problem document's messages. */
export function api<T>(method: Method, path: string, body?: unknown, headers?: Record<string, string>): T {
  return send<T>(connection(), method, path, body, headers);
}

/** Independent GETs in one round trip (UrlFetchApp.fetchAll); each answer is left to the caller to judge. */
export function apiAll(paths: string[]): ApiOutcome<unknown>[] {
  const { base, token } = connection();
  const requests = paths.map((p) => request(base, token, 'get', p));
  return withRetries(base, () => UrlFetchApp.fetchAll(requests).map(outcome));
}

/**
 * From the Connect dialog: tries the URL and token, then keeps them in the user's properties (never in a cell); a
 * failed try leaves a working connection as it was.
 */
export function connect(url: string, token: string): { ok: true; message: string } {
  const base = normaliseBase(url);
  if (!base) throw new UserError('Địa chỉ máy chủ phải có dạng https://…');
  if (!token.trim()) throw new UserError('Hãy nhập mã truy cập của đơn vị.');
  const tried = { base, token: token.trim() };
  const unit = send<{ items: Obligation[] }>(tried, 'get', '/v1/obligations?limit=1').items[0]?.unitName;
  PropertiesService.getUserProperties().setProperties({ [KEYS.url]: tried.base, [KEYS.token]: tried.token });
  return { ok: true, message: `Đã kết nối tới ${base}.${unit ? ` Đơn vị: ${unit}.` : ''}` };
}
