/** How a document prints an answer or an aggregate, in the words a reader sees (shared by the routes and the bench). */
import type { Indicator, ReportPut, RollupNode } from '../../../../schemas';
import { formatNumber, formatPercent } from '../../../../schemas/labels';
import type { RollupCell } from './models';

type Value = ReportPut['values'][number];

/** An answer as a report prints it: "289/300 (96,3 %)", "12", "Có", "Không áp dụng — …", "Chưa có số liệu". */
export function answerText(ind: Indicator, v: Value | undefined): string {
  if (!v) return 'Chưa có số liệu';
  if (v.na) return `Không áp dụng${v.note ? ` — ${v.note}` : ''}`;
  if (ind.kind === 'percent' || ind.kind === 'ratio') {
    if (typeof v.numerator !== 'number' || typeof v.denominator !== 'number' || v.denominator === 0) return 'Chưa có số liệu';
    const rate = ind.kind === 'percent' ? formatPercent((100 * v.numerator) / v.denominator) : formatNumber(v.numerator / v.denominator, 3);
    return `${formatNumber(v.numerator)}/${formatNumber(v.denominator)} (${rate})`;
  }
  if (v.value === null || v.value === undefined || v.value === '') return 'Chưa có số liệu';
  if (typeof v.value === 'boolean') return v.value ? 'Có' : 'Không';
  return typeof v.value === 'number' ? formatNumber(v.value) : v.value;
}

/** A roll-up's aggregate as printed: the rate with its numerator and denominator, a sum, a share of yes answers. */
export function aggregateText(ind: RollupNode['indicators'][number]): string {
  if (ind.value === null) return ind.unitsNotApplicable > 0 && ind.unitsReporting === 0 ? 'Không áp dụng' : 'Chưa có số liệu';
  if (ind.kind === 'percent') return `${formatNumber(ind.numerator ?? 0)}/${formatNumber(ind.denominator ?? 0)} (${formatPercent(ind.value)})`;
  if (ind.kind === 'ratio') return formatNumber(ind.value, 3);
  if (ind.kind === 'boolean') return `${formatNumber(ind.value)}/${formatNumber(ind.denominator ?? 0)} đơn vị có`;
  return formatNumber(ind.value);
}

/** A child's or the total's cell: a percent as a fraction for Excel's percent format; not applicable and no data apart. */
function cellOf(ind: RollupNode['indicators'][number]): RollupCell {
  const asCell = (v: number) => (ind.kind === 'percent' ? v / 100 : v);
  const previous = ind.previous ? { previous: ind.previous.value === null ? null : asCell(ind.previous.value), previousApproximate: ind.previous.approximate } : {};
  if (ind.value === null) return { value: ind.unitsReporting === 0 && ind.unitsNotApplicable > 0 ? 'na' : null, ...previous };
  return { value: asCell(ind.value), numerator: ind.numerator, denominator: ind.denominator, met: ind.met, ...previous };
}

/** A roll-up node's cells by indicator code (text indicators have none). */
export const cellsOf = (n: RollupNode) => Object.fromEntries(n.indicators.filter((i) => i.kind !== 'text').map((i) => [i.code, cellOf(i)]));
