/**
 * Talking to the API: the token kept in the browser (sessionStorage, or localStorage when "remember" is ticked) and
 * sent as a bearer header, never in a URL; problem documents asked for in Vietnamese; a dropped connection told apart.
 */
const KEY = 'cascade-token';

export function token(): string | null {
  return sessionStorage.getItem(KEY) ?? localStorage.getItem(KEY);
}
export function setToken(value: string, remember: boolean) {
  sessionStorage.setItem(KEY, value);
  if (remember) localStorage.setItem(KEY, value);
  else localStorage.removeItem(KEY);
}
export function clearToken() {
  sessionStorage.removeItem(KEY);
  localStorage.removeItem(KEY);
}

export type FieldError = { path: string; message: string };

/** A refusal, as the API worded it in Vietnamese. */
export class Problem extends Error {
  constructor(readonly status: number, readonly detail: string, readonly errors: FieldError[]) {
    super(detail);
  }
}
/** The request never got an answer: no connection, or it dropped. */
export class Offline extends Error {}

let onUnauthorized: (message: string) => void = () => {};
export const whenUnauthorized = (f: (message: string) => void) => { onUnauthorized = f; };

export async function request(path: string, init: RequestInit = {}): Promise<Response> {
  if (!navigator.onLine) throw new Offline('offline');
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers: { ...(init.headers as Record<string, string> | undefined), authorization: `Bearer ${token() ?? ''}`, 'accept-language': 'vi' } });
  } catch {
    throw new Offline('network');
  }
  if (res.status === 401) {
    const p = await problemOf(res);
    onUnauthorized(p.detail);
    throw p;
  }
  return res;
}

export async function problemOf(res: Response): Promise<Problem> {
  let body: { detail?: string; errors?: FieldError[] } = {};
  try {
    body = await res.json();
  } catch {
    // not a problem document
  }
  const fallback = res.status === 404 ? 'Không tìm thấy.' : res.status >= 500 ? 'Máy chủ đang gặp lỗi; hãy thử lại sau ít phút.' : 'Yêu cầu không thực hiện được.';
  return new Problem(res.status, body.detail || fallback, body.errors ?? []);
}

/** A JSON call: the parsed answer, or a Problem. */
export async function api<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const res = await request(path, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw await problemOf(res);
  const text = await res.text();
  return (text ? JSON.parse(text) : null) as T;
}

/** An HTML fragment. */
export async function fragment(path: string): Promise<string> {
  const res = await request(path);
  if (!res.ok) throw await problemOf(res);
  return res.text();
}

/** A file the API makes (Word, Excel): fetched with the bearer header, saved as a blob (a link cannot carry the header). */
export async function download(path: string, fallbackName: string) {
  const res = await request(path);
  if (!res.ok) throw await problemOf(res);
  const blob = await res.blob();
  const disposition = res.headers.get('content-disposition') ?? '';
  const named = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1] ?? /filename="([^"]+)"/i.exec(disposition)?.[1];
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = named ? decodeURIComponent(named) : fallbackName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** A message for anything a call threw. */
export function messageOf(e: unknown): string {
  if (e instanceof Problem) return e.detail;
  if (e instanceof Offline) return 'Không có kết nối mạng; hãy thử lại khi có mạng.';
  return 'Có lỗi trên trang; hãy tải lại trang.';
}
