/**
 * The shapes the views render, as they need them (views read no database: these are what the routers hand over,
 * structurally the rows and contexts the flows return).
 */
import type { ObligationState } from '../domain/obligations';

/** An obligation with its unit's and schedule's names. */
export type ObligationLine = {
  unit_code: string; unit_name: string; plan_id: string; schedule_id: string; schedule_name: string | null; period_type: string; period: string;
  due_at: string; state: ObligationState; first_submitted_at: string | null; submitted_at: string | null; return_reason: string | null;
};

/** The obligation behind one report, as its views read it. */
export type ReportObligation = Omit<ObligationLine, 'schedule_name' | 'period_type'>;

/** One stored version of a report. */
export type VersionLine = { version: number; submitted: number; created_at: string; body_json: string; warnings_json: string | null };

/** A token as the list shows it (never its secret). */
export type TokenLine = {
  id: string; unit_code: string; role: string; label: string; created_at: string; expires_at: string | null; revoked_at: string | null; last_used_at: string | null;
};
