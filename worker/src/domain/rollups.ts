import type { Aggregation, Indicator, RollupNode } from '../../../schemas';
import { compareUnitNames, periodLabel } from '../../../schemas/labels';
import { meetsTarget } from '../../../schemas/report-check';

/** Per indicator, over the leaf reports of a subtree: units with a value, Σ, min, max, Σn, Σd, units meeting the target, not applicable, outliers. */
export type ValueTotals = {
  n: number; total: number | null; min: number | null; max: number | null; num: number | null; den: number | null;
  meeting: number | null; na: number; outliers: number;
};

/** Per child subtree, what the roll-up queries counted and summed. */
export type GroupTotals = {
  expected: number;
  submitted: number;
  onTime: number;
  returned: number;
  missing: string[];
  values: Map<string, ValueTotals>;
};

const add = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : a + b);
const lower = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));
const higher = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));

/** Totals of several subtrees: every part is a sum, a minimum or a maximum, so merging is exact. */
export function mergeTotals(groups: GroupTotals[]): GroupTotals {
  const out: GroupTotals = { expected: 0, submitted: 0, onTime: 0, returned: 0, missing: [], values: new Map() };
  for (const g of groups) {
    out.expected += g.expected;
    out.submitted += g.submitted;
    out.onTime += g.onTime;
    out.returned += g.returned;
    out.missing.push(...g.missing);
    for (const [code, v] of g.values) {
      const acc = out.values.get(code);
      out.values.set(code, acc
        ? {
          n: acc.n + v.n, total: add(acc.total, v.total), min: lower(acc.min, v.min), max: higher(acc.max, v.max),
          num: add(acc.num, v.num), den: add(acc.den, v.den), meeting: add(acc.meeting, v.meeting), na: acc.na + v.na, outliers: acc.outliers + v.outliers,
        }
        : { ...v });
    }
  }
  out.missing.sort();
  return out;
}

type IndicatorResult = RollupNode['indicators'][number];

/** How an indicator's units combine (DESIGN §3, §13): a count or number by the schedule's choice, rates by ratio. */
export function aggregationOf(ind: Pick<Indicator, 'code' | 'kind'>, chosen: Partial<Record<string, Aggregation>> | undefined): IndicatorResult['aggregation'] {
  if (ind.kind === 'count' || ind.kind === 'number') return chosen?.[ind.code] ?? 'sum';
  if (ind.kind === 'percent' || ind.kind === 'ratio') return 'ratio';
  return ind.kind === 'boolean' ? 'share' : 'list';
}

/** The aggregate of one indicator: value, numerator and denominator (for rates and yes/no). */
export function aggregateValue(kind: Indicator['kind'], aggregation: IndicatorResult['aggregation'], v: ValueTotals | undefined) {
  const none = { value: null, numerator: null, denominator: null };
  if (!v || v.n === 0) return none;
  switch (aggregation) {
    case 'ratio':
      return { numerator: v.num, denominator: v.den, value: v.den ? ((v.num ?? 0) / v.den) * (kind === 'percent' ? 100 : 1) : null };
    case 'share':
      return { numerator: v.total, denominator: v.n, value: v.total };
    case 'avg':
      return { ...none, value: v.total === null ? null : v.total / v.n };
    case 'min':
      return { ...none, value: v.min };
    case 'max':
      return { ...none, value: v.max };
    case 'sum':
      return { ...none, value: v.total };
    default:
      return none;
  }
}

/**
 * DESIGN §3: counts and numbers are summed (or averaged, or their minimum or maximum, as the schedule chooses);
 * percent and ratio are Σnumerator/Σdenominator (×100 for percent), never a mean of unit percentages; boolean is
 * the number of units answering yes over the units reporting. `met`: a rate is compared with the target at every
 * level; a count, number or yes/no target is a per-unit target, so an aggregate meets it when every reporting unit does.
 */
function indicatorResults(indicators: Indicator[], chosen: Partial<Record<string, Aggregation>> | undefined, g: GroupTotals): IndicatorResult[] {
  return indicators.map((ind) => {
    const v = g.values.get(ind.code);
    const n = v?.n ?? 0;
    const aggregation = aggregationOf(ind, chosen);
    const { value, numerator, denominator } = aggregateValue(ind.kind, aggregation, v);
    const target = ind.target ?? null;
    const meeting = target && ind.kind !== 'text' ? (v?.meeting ?? 0) : null;
    let met: boolean | null = null;
    if (target && n > 0) met = aggregation === 'ratio' ? meetsTarget(value, target) : meeting === n;
    return {
      code: ind.code, name: ind.name, kind: ind.kind, aggregation, value, numerator, denominator, target, met,
      unitsReporting: n, unitsNotApplicable: v?.na ?? 0, unitsMeetingTarget: meeting, outliers: v?.outliers ?? 0,
    };
  });
}

function node(unit: string, name: string, period: string, indicators: Indicator[], chosen: Partial<Record<string, Aggregation>> | undefined, g: GroupTotals): RollupNode {
  return {
    unit,
    name,
    period,
    periodLabel: periodLabel(period),
    completeness: {
      expected: g.expected,
      submitted: g.submitted,
      onTime: g.onTime,
      late: g.submitted - g.onTime,
      returned: g.returned,
      missing: g.missing,
    },
    indicators: indicatorResults(indicators, chosen, g),
  };
}

/**
 * The root's totals over every group (its own obligations included), and one row per child subtree, in the order
 * people count units (Phường 1, 2, … 10), never by code.
 */
export function assembleRollup(
  root: { code: string; name: string },
  period: string,
  plan: { indicators: Indicator[]; aggregation?: Partial<Record<string, Aggregation>> },
  groups: Map<string, GroupTotals>,
  names: ReadonlyMap<string, string>,
  texts: { unit: string; indicator: string; text: string }[],
): RollupNode {
  const top = node(root.code, root.name, period, plan.indicators, plan.aggregation, mergeTotals([...groups.values()]));
  for (const ind of top.indicators) {
    if (ind.kind === 'text') ind.texts = texts.filter((x) => x.indicator === ind.code).map(({ unit, text }) => ({ unit, text }));
  }
  top.children = [...groups.entries()]
    .filter(([child]) => child !== '')
    .map(([child, g]) => node(child, names.get(child) ?? child, period, plan.indicators, plan.aggregation, mergeTotals([g])))
    .sort((a, b) => compareUnitNames(a.name, b.name) || a.unit.localeCompare(b.unit));
  return top;
}
