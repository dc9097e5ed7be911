/**
 * What the add-on makes of the API's answers: data, or a Vietnamese message a person can act on (the API writes its
 * problem documents in Vietnamese when asked with `Accept-Language: vi`); never a stack trace or a status code alone.
 */
import type { Obligation } from '../../../schemas';

/** A message for the user, shown as is. */
export class UserError extends Error {}

/** One bad field of a problem document: where, and (in Vietnamese) what to fix. */
export type FieldError = { path: string; message: string };
type ApiSuccess<T> = { ok: true; status: number; data: T };
type ApiFailure = { ok: false; status: number; message: string; errors: FieldError[] };
export type ApiOutcome<T> = ApiSuccess<T> | ApiFailure;

/** A refusal with the fields it names, so a report sheet can put each on its cell. */
export class ApiRefusal extends UserError {
  constructor(message: string, readonly status: number, readonly errors: FieldError[]) {
    super(message);
  }
}

/** The machine keys of one report (never shown to people). */
export type ReportKeys = Pick<Obligation, 'unit' | 'plan' | 'schedule' | 'period'>;

export const RELOGIN = 'Mã truy cập không hợp lệ, đã hết hạn hoặc đã bị thu hồi. Vào Cascade › Kết nối để nhập mã mới.';
export const NETWORK_MESSAGE = 'Không kết nối được tới máy chủ Cascade. Kiểm tra mạng rồi thử lại; báo cáo chưa bị mất.';
export const NOT_CONNECTED = 'Chưa kết nối. Vào Cascade › Kết nối để nhập địa chỉ máy chủ và mã truy cập.';
export const UNEXPECTED = 'Đã có lỗi ngoài dự kiến; thao tác chưa hoàn tất. Thử lại, hoặc báo cho quản trị viên.';

/** Said when the server gives no problem document of its own (a proxy's error page, an empty body). */
const FALLBACK: Record<number, string> = {
  400: 'Dữ liệu chưa hợp lệ, hãy sửa rồi gửi lại.',
  403: 'Mã truy cập này không có quyền với đơn vị hoặc báo cáo này.',
  404: 'Không tìm thấy trên máy chủ Cascade.',
  409: 'Báo cáo vừa thay đổi hoặc đã được tiếp nhận, chưa thể ghi đè.',
  413: 'Dữ liệu gửi lên quá lớn.',
  429: 'Máy chủ Cascade đang bận; thử lại sau ít phút.',
};
/** What only the add-on knows how to fix: the key lives in a cell of the sheet. */
const HINT: Record<number, string> = {
  422: 'Xóa ô "Khóa gửi" ở đầu sheet rồi nộp lại.',
};
const LISTED_ERRORS = 5;
/** The API's 404 for a route it does not have (an add-on newer than its server), as opposed to a thing not found. */
const NO_ROUTE = /^(Không có đường dẫn|No route) /;
export const OLD_SERVER = 'Máy chủ Cascade chưa có chức năng này; cần cập nhật máy chủ lên phiên bản mới.';

function parseJson(body: string): unknown {
  try {
    return body ? JSON.parse(body) : null;
  } catch {
    return null;
  }
}

/** The parts of an RFC 9457 problem document the add-on shows, read defensively (any body may arrive). */
function problemOf(json: unknown): { detail: string; errors: FieldError[] } {
  if (typeof json !== 'object' || json === null) return { detail: '', errors: [] };
  const doc = json as { detail?: unknown; errors?: unknown };
  const list: unknown[] = Array.isArray(doc.errors) ? doc.errors : [];
  const errors = list.flatMap((e) => {
    const { path, message } = (typeof e === 'object' && e !== null ? e : {}) as { path?: unknown; message?: unknown };
    return typeof message === 'string' ? [{ path: typeof path === 'string' ? path : '', message }] : [];
  });
  return { detail: typeof doc.detail === 'string' ? doc.detail : '', errors };
}

function listed(errors: FieldError[]): string {
  if (!errors.length) return '';
  const shown = errors.slice(0, LISTED_ERRORS).map((e) => `• ${e.message}`);
  if (errors.length > LISTED_ERRORS) shown.push(`… và ${errors.length - LISTED_ERRORS} lỗi khác.`);
  return shown.join('\n');
}

export function interpret(status: number, body: string): ApiOutcome<unknown> {
  const json = parseJson(body);
  if (status >= 200 && status < 300) return { ok: true, status, data: json };
  const { detail, errors } = problemOf(json);
  if (status === 401) return { ok: false, status, message: RELOGIN, errors };
  if (status === 404 && NO_ROUTE.test(detail)) return { ok: false, status, message: OLD_SERVER, errors };
  const said = detail || FALLBACK[status]
    || (status >= 500 ? `Máy chủ Cascade đang gặp sự cố (lỗi ${status}); thử lại sau ít phút.` : `Máy chủ Cascade từ chối yêu cầu (lỗi ${status}).`);
  const message = [said, HINT[status], listed(errors)].filter(Boolean).join('\n');
  return { ok: false, status, message, errors };
}

/** The data of an answer, or the refusal as a UserError. */
export function dataOf<T>(o: ApiOutcome<unknown>): T {
  if (o.ok) return o.data as T;
  throw new ApiRefusal(o.message, o.status, o.errors);
}

/** As dataOf, but "not found" is an answer too (a report never saved). */
export function dataOrNull<T>(o: ApiOutcome<unknown>): T | null {
  return !o.ok && o.status === 404 ? null : dataOf<T>(o);
}

export function normaliseBase(url: string): string | null {
  const u = url.trim().replace(/\/+$/, '');
  return /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(u) ? u : null;
}

/**
 * Apps Script fetches only addresses the manifest's urlFetchWhitelist names (the build-time address), so a network
 * failure at another address is most likely that, not the network.
 */
export function networkMessage(base: string, installedBase: string): string {
  return base === installedBase
    ? NETWORK_MESSAGE
    : `${NETWORK_MESSAGE}\nLưu ý: tiện ích được cài cho địa chỉ ${installedBase}; địa chỉ khác cần cán bộ CNTT cài lại tiện ích.`;
}

const enc = encodeURIComponent;
export const reportPath = (k: ReportKeys) => `/v1/reports/${enc(k.unit)}/${enc(k.schedule)}/${enc(k.period)}`;
export const obligationPath = (k: ReportKeys) => `/v1/obligations?unit=${enc(k.unit)}&plan=${enc(k.plan)}&schedule=${enc(k.schedule)}&period=${enc(k.period)}`;
export const planPath = (id: string) => `/v1/plans/${enc(id)}`;

/**
 * The sidebar's lists, by status, fetched together: the owed ones in full, and the done ones of the last year only
 * (the API lists the soonest due first, so an unbounded "submitted" list would show the oldest).
 */
export function sidebarPaths(now: Date): string[] {
  const since = new Date(now.getTime() - 365 * 24 * 3600 * 1000).toISOString();
  return [
    '/v1/obligations?status=returned&limit=200', '/v1/obligations?status=overdue&limit=200', '/v1/obligations?status=open&limit=200',
    `/v1/obligations?status=submitted&dueAfter=${enc(since)}&limit=100`, `/v1/obligations?status=accepted&dueAfter=${enc(since)}&limit=100`,
  ];
}
