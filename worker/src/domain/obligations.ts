import type { Obligation } from '../../../schemas';

/** What happened to an obligation; "open" and "overdue" are never stored, only computed from the deadline. */
export type ObligationState = 'pending' | 'submitted' | 'returned' | 'accepted' | 'cancelled';

/** onTime (DESIGN §3): the first submission came before the deadline; null until there is one. */
export function submittedOnTime(firstSubmittedAt: string | null, dueAt: string): boolean | null {
  return firstSubmittedAt === null ? null : firstSubmittedAt < dueAt;
}

/** DESIGN §3: the status at instant `now`. */
export function obligationStatus(o: { state: ObligationState; due_at: string }, now: Date): Obligation['status'] {
  if (o.state !== 'pending') return o.state;
  return now.toISOString() < o.due_at ? 'open' : 'overdue';
}
