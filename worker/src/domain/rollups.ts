import type { Indicator, RollupNode } from '../../../schemas';
import { meetsTarget } from './reports';

/** Per child subtree, what the roll-up queries counted and summed. */
export type GroupTotals = {
  expected: number;
  submitted: number;
  onTime: number;
  returned: number;
  missing: string[];
  /** per indicator: units with data, Σvalue, Σnumerator, Σdenominator, units meeting the target */
  values: Map<string, { n: number; total: number | null; num: number | null; den: number | null; meeting: number | null }>;
};

function merge(groups: GroupTotals[]): GroupTotals {
  const out: GroupTotals = { expected: 0, submitted: 0, onTime: 0, returned: 0, missing: [], values: new Map() };
  for (const g of groups) {
    out.expected += g.expected;
    out.submitted += g.submitted;
    out.onTime += g.onTime;
    out.returned += g.returned;
    out.missing.push(...g.missing);
    for (const [code, v] of g.values) {
      const acc = out.values.get(code);
      const add = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : a + b);
      out.values.set(code, acc
        ? { n: acc.n + v.n, total: add(acc.total, v.total), num: add(acc.num, v.num), den: add(acc.den, v.den), meeting: add(acc.meeting, v.meeting) }
        : { ...v });
    }
  }
  out.missing.sort();
  return out;
}

/**
 * DESIGN §3: counts and numbers are summed; percent and ratio are Σnumerator/Σdenominator (×100 for percent),
 * never a mean of unit percentages; boolean is the number of units answering yes over the units reporting.
 * `met`: a rate (percent, ratio) is compared with the target at every level; a count, number or yes/no target is
 * a per-unit target, so an aggregate meets it when every reporting unit does.
 */
function indicatorResults(indicators: Indicator[], g: GroupTotals): RollupNode['indicators'] {
  return indicators.map((ind) => {
    const v = g.values.get(ind.code);
    const n = v?.n ?? 0;
    let value: number | null = null;
    let numerator: number | null = null;
    let denominator: number | null = null;
    if (v && n > 0) {
      if (ind.kind === 'percent' || ind.kind === 'ratio') {
        numerator = v.num;
        denominator = v.den;
        value = v.den ? (v.num ?? 0) / v.den * (ind.kind === 'percent' ? 100 : 1) : null;
      } else if (ind.kind === 'boolean') {
        numerator = v.total;
        denominator = n;
        value = v.total;
      } else if (ind.kind !== 'text') value = v.total;
    }
    const target = ind.target ?? null;
    const meeting = target && ind.kind !== 'text' ? (v?.meeting ?? 0) : null;
    let met: boolean | null = null;
    if (target && n > 0) {
      met = ind.kind === 'percent' || ind.kind === 'ratio' ? meetsTarget(value, target) : meeting === n;
    }
    return { code: ind.code, name: ind.name, kind: ind.kind, value, numerator, denominator, target, met, unitsReporting: n, unitsMeetingTarget: meeting };
  });
}

function node(unit: string, name: string, period: string, indicators: Indicator[], g: GroupTotals): RollupNode {
  return {
    unit,
    name,
    period,
    completeness: {
      expected: g.expected,
      submitted: g.submitted,
      onTime: g.onTime,
      late: g.submitted - g.onTime,
      returned: g.returned,
      missing: g.missing,
    },
    indicators: indicatorResults(indicators, g),
  };
}

/** The root's totals over every group (its own obligations included), and one row per child subtree. */
export function assembleRollup(
  root: { code: string; name: string },
  period: string,
  indicators: Indicator[],
  groups: Map<string, GroupTotals>,
  names: ReadonlyMap<string, string>,
  texts: { unit: string; indicator: string; text: string }[],
): RollupNode {
  const top = node(root.code, root.name, period, indicators, merge([...groups.values()]));
  for (const ind of top.indicators) {
    if (ind.kind === 'text') ind.texts = texts.filter((t) => t.indicator === ind.code).map(({ unit, text }) => ({ unit, text }));
  }
  top.children = [...groups.entries()]
    .filter(([child]) => child !== '')
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([child, g]) => node(child, names.get(child) ?? child, period, indicators, merge([g])));
  return top;
}
