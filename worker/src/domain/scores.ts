import type { Criterion } from '../../../schemas';
import { t, type FieldProblem } from '../../../schemas/text';
import { parsePeriod } from './periods';

/** A period code in the plan's years, or ONCE for a score given once over the whole plan. */
export function scorePeriodProblem(period: string, years: readonly number[]): FieldProblem | null {
  const parsed = parsePeriod(period);
  if (parsed && (parsed.year === null || years.includes(parsed.year))) return null;
  return { path: 'period', message: t(`must be ONCE or a period code (e.g. ${years[0]}, ${years[0]}Q4) in the plan's years: ${years.join(', ')}`,
    `phải là ONCE hoặc một kỳ (ví dụ ${years[0]}, ${years[0]}Q4) trong các năm của kế hoạch: ${years.join(', ')}`) };
}

/** Each given criterion must be the plan's, given once, and at most its maximum. */
export function checkScore(criteria: readonly Criterion[], given: readonly { code: string; points: number }[]): FieldProblem[] {
  const byCode = new Map(criteria.map((c) => [c.code, c]));
  return given.flatMap((g, i) => {
    const cr = byCode.get(g.code);
    if (!cr) return [{ path: `criteria[${i}].code`, message: t(`unknown criterion ${g.code}; the plan has ${[...byCode.keys()].join(', ')}`, `kế hoạch không có tiêu chí ${g.code}; các tiêu chí là ${[...byCode.keys()].join(', ')}`) }];
    if (g.points > cr.maxPoints) return [{ path: `criteria[${i}].points`, message: t(`at most ${cr.maxPoints} points for ${g.code}`, `tiêu chí ${g.code} tối đa ${cr.maxPoints} điểm`) }];
    if (given.findIndex((x) => x.code === g.code) !== i) return [{ path: `criteria[${i}].code`, message: t(`duplicate criterion ${g.code}`, `tiêu chí ${g.code} bị nhập hai lần`) }];
    return [];
  });
}

export type UnitScore = { unit: string; name: string; rank: number; total: number; max: number; criteria: { code: string; points: number }[] };

/** The ranking, best first; equal totals share a rank (1, 2, 2, 4), as emulation rankings do. */
export function rankScores(rows: readonly { code: string; name: string; criterion: string; points: number }[], max: number): UnitScore[] {
  const byUnit = new Map<string, Omit<UnitScore, 'rank'>>();
  for (const r of rows) {
    const u = byUnit.get(r.code) ?? { unit: r.code, name: r.name, total: 0, max, criteria: [] };
    u.total += r.points;
    u.criteria.push({ code: r.criterion, points: r.points });
    byUnit.set(r.code, u);
  }
  const sorted = [...byUnit.values()].sort((a, b) => b.total - a.total || a.unit.localeCompare(b.unit));
  return sorted.map((u) => ({ ...u, rank: sorted.findIndex((x) => x.total === u.total) + 1 }));
}
