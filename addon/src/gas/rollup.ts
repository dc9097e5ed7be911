/** A district pulls its units' roll-up into a sheet. */
import type { Obligation, Plan, RollupNode } from '../../../schemas';
import { scheduleLabel } from '../../../schemas/labels';
import { dataOf, planPath } from '../core/api';
import { rollupGrid, rollupPeriods, rollupSheetName, type PeriodOption } from '../core/rollup-sheet';
import { api, apiAll } from './http';
import { writeRollupSheet } from './sheets';

const enc = encodeURIComponent;

/** For the roll-up dialog: the active plans I can see. */
export function listPlans(): Pick<Plan, 'id' | 'number' | 'title'>[] {
  return api<{ items: Plan[] }>('get', '/v1/plans?status=active&limit=200').items.map((p) => ({ id: p.id, number: p.number, title: p.title }));
}

/** For the roll-up dialog: a plan's periods by their labels, from its obligations (one request). */
export function listRollupPeriods(planId: string): PeriodOption[] {
  return rollupPeriods(api<{ items: Obligation[] }>('get', `/v1/obligations?plan=${enc(planId)}&limit=1000`).items);
}

/** The roll-up of one schedule's period into its own tab: one setValues, one setBackgrounds, one setNotes, one chart. */
export function pullRollup(planId: string, scheduleId: string, period: string): { sheet: string; rows: number } {
  const [rollupAnswer, planAnswer] = apiAll([
    `/v1/rollups?plan=${enc(planId)}&schedule=${enc(scheduleId)}&period=${enc(period)}`, planPath(planId),
  ]);
  const rollup = dataOf<RollupNode>(rollupAnswer!);
  const plan = dataOf<Plan>(planAnswer!);
  const schedule = plan.schedules.find((s) => s.id === scheduleId);
  const scheduleName = schedule ? scheduleLabel(schedule) : '';
  const g = rollupGrid(rollup, { planLabel: `${plan.number} — ${plan.title}`, scheduleName });
  const name = rollupSheetName(rollup, plan.number, scheduleName);
  writeRollupSheet(name, g);
  return { sheet: name, rows: g.rows.length };
}
