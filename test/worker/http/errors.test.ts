import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { fromZodIssues } from '../../../worker/src/errors';

/** zod's issues as a person reads them: a field left out is "bắt buộc phải có", a wrong one says what it must be. */
const problems = (schema: z.ZodType, input: unknown) => fromZodIssues(schema.safeParse(input).error!.issues).map((p) => [p.path, p.message.vi]);

describe('fromZodIssues in Vietnamese', () => {
  const Assignees = z.union([z.strictObject({ level: z.string() }), z.strictObject({ units: z.array(z.string()).min(1) })]);
  const Task = z.strictObject({ title: z.string(), count: z.number().int(), assignees: Assignees });

  it('says a field left out must be there, also a union (a task with no assignees)', () => {
    expect(problems(Task, {})).toEqual([['title', 'bắt buộc phải có'], ['count', 'bắt buộc phải có'], ['assignees', 'bắt buộc phải có']]);
  });

  it('says what a wrong field must be, never that it is missing', () => {
    expect(problems(Task, { title: 5, count: 'hai', assignees: 3 })).toEqual([
      ['title', 'phải là chuỗi văn bản'], ['count', 'phải là số'], ['assignees', 'không khớp với dạng nào được chấp nhận'],
    ]);
  });
});
