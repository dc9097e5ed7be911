import { PlanInput, type PlanDraft, type PlanExtract } from '../../schemas';
import demoPlans from '../../worker/demo/plans.json';

/**
 * A draft extracted from a seed's text, completed with the hand-made demo plan's values exactly where `unresolved`
 * says the text left a gap: what a district officer does in the web app before posting it.
 */
type Demo = (typeof demoPlans)[number];
type DemoSchedule = Demo['schedules'][number];
type DraftSchedule = NonNullable<PlanDraft['schedules']>[number];

/** The demo schedule matching a draft one: same period type, same rank among schedules of that type. */
export function demoScheduleFor(draft: DraftSchedule[], demo: Demo, i: number): DemoSchedule {
  const type = draft[i]!.periodType;
  const rank = draft.slice(0, i).filter((s) => s.periodType === type).length;
  return demo.schedules.filter((s) => s.periodType === type)[rank]!;
}

/**
 * Differences the text forces (see the report): seed 003's text names Phòng Nội vụ huyện as the district's channel in
 * another sentence than the deadline, so the draft has no `via` there.
 */
export const VIA_LEFT_OUT: Partial<Record<string, number[]>> = { '003': [1] };

export function filled(demo: Demo, r: PlanExtract): PlanInput {
  const d = structuredClone(r.draft) as Record<string, unknown> & PlanDraft;
  const schedules = d.schedules!;
  for (const { path } of r.unresolved) {
    const m = /^schedules\[(\d+)\]\.(due|appliesTo|reportTo)$/.exec(path);
    if (m) {
      const i = Number(m[1]);
      const field = m[2] as 'due' | 'appliesTo' | 'reportTo';
      (schedules[i] as Record<string, unknown>)[field] = demoScheduleFor(schedules, demo, i)[field];
    } else if (['number', 'title', 'issuedOn', 'years'].includes(path)) {
      d[path] = demo[path as 'number' | 'title' | 'issuedOn' | 'years'];
    } else if (/^tasks\[\d+\]\.assignees$/.test(path)) {
      // the demo's tasks are grouped differently, so a task the text gives no unit gets the issuer
      const t = d.tasks![Number(/\d+/.exec(path)![0])]!;
      t.assignees ??= { units: [demo.issuer] };
    }
  }
  return PlanInput.parse(d);
}

