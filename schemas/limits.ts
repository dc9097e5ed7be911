/**
 * The contract's sizes, in one place and without zod: the zod schemas, the Worker's checks and the add-on's pure
 * checker all read them from here.
 */
export const LIMITS = {
  /** a text indicator's value */
  text: 2000,
  /** a value's note (also the "why" of a not-applicable answer) */
  note: 1000,
  /** a task's result, difficulties or proposals */
  taskText: 5000,
  /** an indicator code or task code as sent in a report */
  itemCode: 40,
  /** values and task entries in one report */
  values: 1000,
  tasks: 500,
  /** a return reason */
  reason: 2000,
  /** an Idempotency-Key header */
  idempotencyKey: 200,
} as const;

export const TASK_STATUSES = ['not_started', 'in_progress', 'done'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
