import type { Problem } from '../../schemas';
import { t, vietnameseFor, type FieldProblem, type Lang, type Text } from '../../schemas/text';

export type { FieldProblem, Text };
export { t };

/** A client mistake or refusal; the one error handler turns it into an RFC 9457 problem document. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: Text,
    readonly errors?: FieldProblem[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail.en);
  }

  /** The problem document in one language: English `title` always, `detail` and field messages in `lang`. */
  toProblem(lang: Lang): Problem {
    return {
      type: `https://cascade.example/problems/${this.title.toLowerCase().replace(/[^a-z]+/g, '-')}`,
      title: this.title,
      status: this.status,
      detail: this.detail[lang],
      ...(this.errors ? { errors: this.errors.map((e) => ({ path: e.path, message: e.message[lang] })) } : {}),
    };
  }
}

export const badRequest = (detail: Text, errors?: FieldProblem[]) => new ApiError(400, 'Bad Request', detail, errors);
export const unauthorized = (detail: Text) =>
  new ApiError(401, 'Unauthorized', detail, undefined, { 'WWW-Authenticate': 'Bearer realm="cascade"' });
export const forbidden = (detail: Text) => new ApiError(403, 'Forbidden', detail);
export const notFound = (detail: Text) => new ApiError(404, 'Not Found', detail);
export const conflict = (detail: Text) => new ApiError(409, 'Conflict', detail);
export const tooLarge = (detail: Text) => new ApiError(413, 'Content Too Large', detail);
export const unsupportedType = (detail: Text) => new ApiError(415, 'Unsupported Media Type', detail);
export const unprocessable = (detail: Text) => new ApiError(422, 'Unprocessable Content', detail);

/** The 400 of a request whose fields are wrong: nothing was written, and `errors` names each one. */
export const invalidFields = (problems: FieldProblem[]) =>
  badRequest(t(
    `The request has ${problems.length} invalid field(s), listed in errors; nothing was written.`,
    `Yêu cầu có ${problems.length} trường chưa hợp lệ (xem danh sách lỗi); chưa có gì được ghi.`,
  ), problems);

/** zod issue path → "units[3].parent" */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || '(body)';
}

/** The zod issue fields the translation reads; zod's own English message stays the English. */
type Issue = {
  code?: string; path: readonly PropertyKey[]; message: string; input?: unknown; expected?: string; origin?: string;
  maximum?: number | bigint; minimum?: number | bigint; inclusive?: boolean; format?: string; values?: readonly unknown[]; keys?: readonly string[];
  errors?: readonly (readonly Issue[])[];
};

/**
 * Whether the field was simply left out. zod does not report the input, but says so in its English message
 * ("…, received undefined"); a union was left out when every branch says it of the field itself.
 */
function leftOut(i: Issue): boolean {
  if (i.code === 'invalid_type') return /received undefined$/.test(i.message);
  if (i.code === 'invalid_union') return !!i.errors?.length && i.errors.every((branch) => branch.some((e) => e.path.length === 0 && leftOut(e)));
  return false;
}

const TYPE_VI: Record<string, string> = {
  string: 'chuỗi văn bản', number: 'số', int: 'số nguyên', boolean: 'true hoặc false', array: 'danh sách', object: 'đối tượng JSON', null: 'null',
};
const FORMAT_VI: Record<string, string> = {
  datetime: 'phải là thời điểm ISO 8601, ví dụ 2026-06-14T10:00:00Z',
  date: 'phải là một ngày có thật, viết YYYY-MM-DD',
  url: 'phải là một địa chỉ URL',
  regex: 'không đúng định dạng',
};

/** A zod issue in Vietnamese: the schema's own registered message, else one made from the issue's facts. */
function vietnameseIssue(i: Issue): string {
  const registered = vietnameseFor(i.message);
  if (registered) return registered;
  const n = (x: number | bigint | undefined) => String(x);
  switch (i.code) {
    case 'invalid_type':
      return leftOut(i) ? 'bắt buộc phải có' : `phải là ${TYPE_VI[i.expected ?? ''] ?? i.expected}`;
    case 'too_big':
      if (i.origin === 'string') return `dài tối đa ${n(i.maximum)} ký tự`;
      if (i.origin === 'array' || i.origin === 'set') return `tối đa ${n(i.maximum)} mục`;
      return i.inclusive ? `không được lớn hơn ${n(i.maximum)}` : `phải nhỏ hơn ${n(i.maximum)}`;
    case 'too_small':
      if (i.origin === 'string') return Number(i.minimum) === 1 ? 'không được để trống' : `dài ít nhất ${n(i.minimum)} ký tự`;
      if (i.origin === 'array' || i.origin === 'set') return `phải có ít nhất ${n(i.minimum)} mục`;
      return i.inclusive ? `không được nhỏ hơn ${n(i.minimum)}` : `phải lớn hơn ${n(i.minimum)}`;
    case 'invalid_format':
      return FORMAT_VI[i.format ?? ''] ?? 'không đúng định dạng';
    case 'invalid_value':
      return `phải là một trong các giá trị: ${(i.values ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `trường không có trong hợp đồng API: ${(i.keys ?? []).join(', ')}`;
    case 'invalid_union':
      return leftOut(i) ? 'bắt buộc phải có' : 'không khớp với dạng nào được chấp nhận';
    default:
      return 'giá trị không hợp lệ';
  }
}

export function fromZodIssues(issues: readonly Issue[], prefix?: string): FieldProblem[] {
  return issues.map((i) => ({ path: formatPath(prefix ? [prefix, ...i.path] : i.path), message: t(i.message, vietnameseIssue(i)) }));
}

export function problemResponse(err: ApiError, lang: Lang): Response {
  return new Response(JSON.stringify(err.toProblem(lang)), {
    status: err.status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', 'content-language': lang, ...err.headers },
  });
}
