import { z } from 'zod';

/** Unit, plan-item and schedule codes: stable external ids such as "79", "27190", "771-NV". */
export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
export const Code = z
  .string()
  .regex(CODE_PATTERN, 'must be 1–32 letters, digits, "_", "." or "-", starting with a letter or digit');

export const Instant = z.iso.datetime({ offset: true }).meta({ description: 'ISO 8601 instant, UTC' });
export const LocalDate = z.iso.date({ error: 'must be a real calendar date, YYYY-MM-DD' }).meta({ description: 'calendar date YYYY-MM-DD' });

export const ProblemField = z.object({ path: z.string(), message: z.string() });
/** One bad field: where (e.g. "units[3].parent") and what to fix. */
export type FieldProblem = z.infer<typeof ProblemField>;
/** RFC 9457 problem document; `errors` names every bad field. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z.array(ProblemField).optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;

export const Limit = z.coerce.number().int().min(1).max(1000).default(100);
export const Cursor = z.string().max(200).optional();

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
