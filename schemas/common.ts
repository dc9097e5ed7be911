import { z } from 'zod';
import { said } from './text';

export const NOT_EMPTY = said('must not be empty', 'không được để trống');

/** Unit, plan-item and schedule codes: stable external ids such as "79", "27190", "771-NV". */
export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
export const Code = z
  .string()
  .regex(CODE_PATTERN, said('must be 1–32 letters, digits, "_", "." or "-", starting with a letter or digit', 'mã gồm 1–32 chữ cái không dấu, chữ số, "_", "." hoặc "-", bắt đầu bằng chữ hoặc số'));

export const Instant = z.iso.datetime({ offset: true }).meta({ description: 'ISO 8601 instant, UTC' });
export const LocalDate = z.iso.date({ error: said('must be a real calendar date, YYYY-MM-DD', 'phải là một ngày có thật, viết YYYY-MM-DD') }).meta({ description: 'calendar date YYYY-MM-DD' });

/** One bad field: where (e.g. "units[3].parent") and what to fix, in the language the request asked for. */
export const ProblemField = z.object({ path: z.string(), message: z.string() });
/** RFC 9457 problem document; `errors` names every bad field. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(ProblemField).optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;

export const Limit = z.coerce.number().int().min(1).max(1000).default(100);
export const Cursor = z.string().max(200).optional();

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** `If-Match: <version>` (quotes allowed, as for an ETag): write only if the entity is still at that version. */
export const IfMatch = z.string().regex(/^"?\d{1,9}"?$/, said('must be a version number, e.g. 3', 'phải là số phiên bản, ví dụ 3'))
  .meta({ description: 'the version you read; a mismatch is 409' });
export const IfMatchHeaders = z.object({ 'if-match': IfMatch.optional() });
/** The version an If-Match header names. */
export const ifMatchVersion = (h: string | undefined) => h?.replace(/"/g, '');
