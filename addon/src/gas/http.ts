/** The only door to the API: UrlFetchApp with the user's token, Vietnamese errors, safe retries. */
import { interpret, NETWORK_MESSAGE } from '../core/api';

const KEYS = { url: 'CASCADE_API_URL', token: 'CASCADE_TOKEN' } as const;

export function connection(): { base: string; token: string } {
  const props = PropertiesService.getUserProperties().getProperties();
  const base = props[KEYS.url];
  const token = props[KEYS.token];
  if (!base || !token) throw new UserError('Chưa kết nối. Vào Cascade › Kết nối để nhập địa chỉ máy chủ và mã truy cập.');
  return { base, token };
}

export function saveConnectionProps(base: string, token: string) {
  PropertiesService.getUserProperties().setProperties({ [KEYS.url]: base, [KEYS.token]: token });
}

/** A message for the user, shown as is. */
export class UserError extends Error {}

type Method = 'get' | 'post' | 'put';

/**
 * One API call. A network failure is retried (twice, with the same headers — so a submission with its
 * Idempotency-Key can never be recorded twice); an HTTP error becomes a UserError in Vietnamese.
 */
export function api<T>(method: Method, path: string, body?: unknown, headers: Record<string, string> = {}): T {
  const { base, token } = connection();
  const params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions = {
    method,
    muteHttpExceptions: true,
    headers: { authorization: `Bearer ${token}`, ...headers },
    ...(body === undefined ? {} : { contentType: 'application/json', payload: JSON.stringify(body) }),
  };
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    let res: GoogleAppsScript.URL_Fetch.HTTPResponse;
    try {
      res = UrlFetchApp.fetch(base + path, params);
    } catch (e) {
      lastError = e;
      continue;
    }
    const out = interpret<T>(res.getResponseCode(), res.getContentText());
    if (out.ok) return out.data;
    throw new UserError(out.message);
  }
  console.error(lastError);
  throw new UserError(NETWORK_MESSAGE);
}

/** Independent GETs in one round trip (UrlFetchApp.fetchAll). */
export function apiAll<T>(paths: string[]): T[] {
  const { base, token } = connection();
  const responses = UrlFetchApp.fetchAll(paths.map((p) => ({ url: base + p, method: 'get' as const, muteHttpExceptions: true, headers: { authorization: `Bearer ${token}` } })));
  return responses.map((res) => {
    const out = interpret<T>(res.getResponseCode(), res.getContentText());
    if (!out.ok) throw new UserError(out.message);
    return out.data;
  });
}
