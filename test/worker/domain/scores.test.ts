/**
 * Seed 000: Quận 5's Front scores its ten wards on five criteria of 2 points each (a 10-point scale), once a year.
 */
import { describe, expect, it } from 'vitest';
import type { Criterion } from '../../../schemas';
import { checkScore, rankScores, scorePeriodProblem } from '../../../worker/src/domain/scores';

const criteria: Criterion[] = [
  { code: 'C1', name: 'Phối hợp trong công tác tuyên truyền', maxPoints: 2 },
  { code: 'C2', name: 'Phối hợp trong công tác tiếp dân và giải quyết đơn thư', maxPoints: 2 },
  { code: 'C3', name: 'Phối hợp trong việc giám sát tinh thần trách nhiệm', maxPoints: 2 },
  { code: 'C4', name: 'Phối hợp tổ chức các hoạt động phản biện xã hội', maxPoints: 2 },
  { code: 'C5', name: 'Thực hiện Quy chế phối hợp', maxPoints: 2 },
];

const bilingual = (m: { en: string; vi: string }) => {
  expect(m.en).not.toBe('');
  expect(m.vi).not.toBe('');
  expect(m.vi).not.toBe(m.en);
};

describe('checkScore', () => {
  it('accepts points for each criterion up to its maximum, and a partial score', () => {
    expect(checkScore(criteria, criteria.map((c) => ({ code: c.code, points: 2 })))).toEqual([]);
    expect(checkScore(criteria, [{ code: 'C1', points: 1.5 }, { code: 'C3', points: 0 }])).toEqual([]);
  });

  it.each([
    ['an unknown criterion', [{ code: 'C1', points: 2 }, { code: 'C6', points: 1 }], 'criteria[1].code', /C6/],
    ['more than the maximum', [{ code: 'C2', points: 2.5 }], 'criteria[0].points', /2/],
    ['a criterion given twice', [{ code: 'C1', points: 2 }, { code: 'C4', points: 1 }, { code: 'C1', points: 1 }], 'criteria[2].code', /C1/],
  ])('refuses %s', (_, given, path, names) => {
    const problems = checkScore(criteria, given);
    expect(problems.map((p) => p.path)).toEqual([path]);
    expect(problems[0]!.message.en).toMatch(names);
    expect(problems[0]!.message.vi).toMatch(names);
    bilingual(problems[0]!.message);
  });

  it('lists every problem at once', () => {
    const problems = checkScore(criteria, [{ code: 'X', points: 1 }, { code: 'C5', points: 3 }, { code: 'C2', points: 1 }, { code: 'C2', points: 1 }]);
    expect(problems.map((p) => p.path)).toEqual(['criteria[0].code', 'criteria[1].points', 'criteria[3].code']);
  });

  it('tells which criteria the plan has when one is unknown', () => {
    const [problem] = checkScore(criteria, [{ code: 'C9', points: 1 }]);
    expect(problem!.message.en).toContain('C1, C2, C3, C4, C5');
  });
});

describe('rankScores', () => {
  /** Four wards of Quận 5, scored on the five criteria. */
  const scored: Record<string, [string, number[]]> = {
    27301: ['Phường 4', [2, 2, 2, 1.5, 2]], // 9.5
    27304: ['Phường 9', [2, 2, 2, 2, 2]], // 10
    27307: ['Phường 2', [2, 1, 2, 2, 1.5]], // 8.5
    27310: ['Phường 12', [1.5, 2, 2, 1, 2]], // 8.5
    27316: ['Phường 7', [1, 1, 2, 2, 1]], // 7
  };
  const rows = Object.entries(scored).flatMap(([code, [name, points]]) =>
    points.map((p, i) => ({ code, name, criterion: `C${i + 1}`, points: p })));

  it('ranks best first, equal totals sharing a rank (1, 2, 3, 3, 5)', () => {
    const ranked = rankScores(rows, 10);
    expect(ranked.map((u) => [u.name, u.total, u.rank])).toEqual([
      ['Phường 9', 10, 1],
      ['Phường 4', 9.5, 2],
      ['Phường 2', 8.5, 3],
      ['Phường 12', 8.5, 3],
      ['Phường 7', 7, 5],
    ]);
  });

  it('1, 2, 2, 4', () => {
    const four = [
      { code: 'A', name: 'Phường 1', criterion: 'C1', points: 10 },
      { code: 'B', name: 'Phường 2', criterion: 'C1', points: 8 },
      { code: 'C', name: 'Phường 4', criterion: 'C1', points: 8 },
      { code: 'D', name: 'Phường 5', criterion: 'C1', points: 6 },
    ];
    expect(rankScores(four, 10).map((u) => u.rank)).toEqual([1, 2, 2, 4]);
  });

  it('keeps each ward’s points per criterion and the scale', () => {
    const phuong9 = rankScores(rows, 10).find((u) => u.unit === '27304')!;
    expect(phuong9.max).toBe(10);
    expect(phuong9.criteria).toEqual(criteria.map((c) => ({ code: c.code, points: 2 })));
  });

  it('ranks nobody when nobody is scored', () => {
    expect(rankScores([], 10)).toEqual([]);
  });
});

describe('scorePeriodProblem: a period of the plan (2020), or ONCE', () => {
  it.each(['ONCE', '2020', '2020Q4', '2020S1', '202011', '2020N9'])('%s passes', (period) => {
    expect(scorePeriodProblem(period, [2020])).toBeNull();
  });

  it.each(['2099', '2019', '2021Q1', 'abc', '', '2020Q5', 'once'])('%j is refused at "period"', (period) => {
    const problem = scorePeriodProblem(period, [2020]);
    expect(problem?.path).toBe('period');
    expect(problem!.message.en).toContain('2020');
    bilingual(problem!.message);
  });

  it('takes any of a multi-year plan’s years', () => {
    expect(scorePeriodProblem('2017', [2015, 2016, 2017, 2018, 2019, 2020])).toBeNull();
    expect(scorePeriodProblem('2021', [2015, 2016, 2017, 2018, 2019, 2020])).not.toBeNull();
  });
});
