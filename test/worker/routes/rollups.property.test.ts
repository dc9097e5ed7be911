import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { api, resetDb, type UnitIn } from '../helpers';

/** A ward's answer to each indicator: a value, "không áp dụng", or (absent) no data. */
const NA = 'na' as const;
type Answer<T> = T | typeof NA;
type Values = { count?: Answer<number>; num?: Answer<[number, number]>; yes?: Answer<boolean>; amount?: Answer<number> };
const AGGREGATIONS = ['sum', 'avg', 'min', 'max'] as const;
type Chosen = { SO_LUONG: (typeof AGGREGATIONS)[number]; KINH_PHI: (typeof AGGREGATIONS)[number] };

/** What a count or number rolls up to under the schedule's choice; null when no unit answered with a value. */
function aggregate(xs: number[], how: Chosen[keyof Chosen]): number | null {
  if (!xs.length) return null;
  const sum = xs.reduce((s, x) => s + x, 0);
  return how === 'sum' ? sum : how === 'avg' ? sum / xs.length : how === 'min' ? Math.min(...xs) : Math.max(...xs);
}

/** Brute force over the leaves under `root`: what the roll-up must say, computed the obvious way. */
function expected(units: UnitIn[], reports: Map<string, Values>, root: string, chosen: Chosen) {
  const parent = new Map(units.map((u) => [u.code, u.parent ?? null]));
  const under = (code: string) => {
    for (let c: string | null = code; c; c = parent.get(c) ?? null) if (c === root) return true;
    return false;
  };
  const leaves = units.filter((u) => u.level === 'leaf' && under(u.code)).map((u) => u.code);
  const sent = leaves.filter((l) => reports.has(l)).map((l) => reports.get(l)!);
  const answered = <K extends keyof Values>(k: K) => sent.map((v) => v[k]).filter((x): x is Exclude<Values[K], undefined | typeof NA> => x !== undefined && x !== NA);
  const na = (k: keyof Values) => sent.filter((v) => v[k] === NA).length;
  const counts = answered('count');
  const nums = answered('num');
  const yes = answered('yes');
  const amounts = answered('amount');
  const n = nums.reduce((s, v) => s + v[0], 0);
  const d = nums.reduce((s, v) => s + v[1], 0);
  return {
    expected: leaves.length,
    submitted: sent.length,
    missing: leaves.filter((l) => !reports.has(l)).sort(),
    count: { value: aggregate(counts, chosen.SO_LUONG), reporting: counts.length, na: na('count'), meeting: counts.filter((c) => c >= 3).length, aggregation: chosen.SO_LUONG },
    rate: { numerator: nums.length ? n : null, denominator: nums.length ? d : null, value: nums.length && d ? (100 * n) / d : null, reporting: nums.length, na: na('num'),
      meeting: nums.filter(([a, b]) => (100 * a) / b >= 80).length },
    yes: { value: yes.length ? yes.filter(Boolean).length : null, reporting: yes.length, na: na('yes') },
    amount: { value: aggregate(amounts, chosen.KINH_PHI), reporting: amounts.length, na: na('amount'), aggregation: chosen.KINH_PHI },
  };
}

function check(node: any, want: ReturnType<typeof expected>) {
  expect(node.completeness).toMatchObject({ expected: want.expected, submitted: want.submitted, missing: want.missing });
  const ind = Object.fromEntries(node.indicators.map((i: any) => [i.code, i]));
  expect(ind.SO_LUONG).toMatchObject({ aggregation: want.count.aggregation, unitsReporting: want.count.reporting, unitsNotApplicable: want.count.na, unitsMeetingTarget: want.count.meeting });
  if (want.count.value === null) expect(ind.SO_LUONG.value).toBeNull();
  else expect(ind.SO_LUONG.value).toBeCloseTo(want.count.value, 9);
  expect(ind.TY_LE).toMatchObject({ aggregation: 'ratio', numerator: want.rate.numerator, denominator: want.rate.denominator, unitsReporting: want.rate.reporting,
    unitsNotApplicable: want.rate.na, unitsMeetingTarget: want.rate.meeting });
  if (want.rate.value === null) expect(ind.TY_LE.value).toBeNull();
  else expect(ind.TY_LE.value).toBeCloseTo(want.rate.value, 9);
  expect(ind.CO_KHONG).toMatchObject({ aggregation: 'share', value: want.yes.value, unitsReporting: want.yes.reporting, unitsNotApplicable: want.yes.na });
  expect(ind.KINH_PHI).toMatchObject({ aggregation: want.amount.aggregation, unitsReporting: want.amount.reporting, unitsNotApplicable: want.amount.na });
  if (want.amount.value === null) expect(ind.KINH_PHI.value).toBeNull();
  else expect(ind.KINH_PHI.value).toBeCloseTo(want.amount.value, 6);
}

/** A root, 2–4 levels of groups (each under a random group of the level above), and 5–40 leaves under random groups. */
const tree: fc.Arbitrary<UnitIn[]> = fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 2, maxLength: 4 }).chain((widths) => {
  const levels = widths.map((width, l) => Array.from({ length: width }, (_, i) => `G${l}.${i}`));
  const parents = levels.map((level, l) => fc.array(fc.constantFrom(...(l === 0 ? ['R'] : levels[l - 1]!)), { minLength: level.length, maxLength: level.length }));
  const leafParents = fc.array(fc.constantFrom(...levels.flat()), { minLength: 5, maxLength: 40 });
  return fc.tuple(fc.tuple(...parents), leafParents).map(([groupParents, leafParentCodes]): UnitIn[] => [
    { code: 'R', name: 'Gốc', level: 'root' },
    ...levels.flatMap((level, l) => level.map((code, i) => ({ code, name: `Nhóm ${code}`, level: 'group', parent: groupParents[l]![i]! }))),
    ...leafParentCodes.map((parent, i) => ({ code: `L${i}`, name: `Phường ${i}`, level: 'leaf', parent })),
  ]);
});

/** Any subset of the four indicators, each with a value a ward could send or "not applicable". */
const orNa = <T>(value: fc.Arbitrary<T>): fc.Arbitrary<Answer<T>> => fc.oneof({ weight: 4, arbitrary: value }, { weight: 1, arbitrary: fc.constant(NA) });
const values: fc.Arbitrary<Values> = fc.record({
  count: orNa(fc.nat(5)),
  num: orNa(fc.integer({ min: 1, max: 200 }).chain((d) => fc.tuple(fc.nat(d), fc.constant(d)))),
  yes: orNa(fc.boolean()),
  amount: orNa(fc.nat(1_000_000).map((cents) => cents / 100)),
}, { requiredKeys: [] });

/** A leaf's report for the year: never sent, saved as a draft only, or submitted. */
const leafReport = fc.oneof(
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.record({ values, submit: fc.constant(false) }) },
  { weight: 3, arbitrary: fc.record({ values, submit: fc.constant(true) }) },
);

/** A tree, a report (or none) per leaf, and one group whose own roll-up is checked as well. */
const scene = tree.chain((units) => {
  const leaves = units.filter((u) => u.level === 'leaf').length;
  return fc.record({
    units: fc.constant(units),
    reports: fc.array(leafReport, { minLength: leaves, maxLength: leaves }),
    group: fc.constantFrom(...units.filter((u) => u.level === 'group').map((u) => u.code)),
    chosen: fc.record({ SO_LUONG: fc.constantFrom(...AGGREGATIONS), KINH_PHI: fc.constantFrom(...AGGREGATIONS) }),
  });
});

describe('roll-ups equal a brute-force computation over random trees and reports', () => {
  it('for any tree and any reports', async () => {
    await fc.assert(fc.asyncProperty(scene, async ({ units, reports, group, chosen }) => {
      await resetDb();
      expect((await api('POST', '/v1/units/import', { body: { units } })).status).toBe(200);
      const plan = (await api('POST', '/v1/plans', { body: {
        number: 'P-KIEM-THU', title: 'Kiểm thử', issuer: 'R', issuedOn: '2099-01-01', years: [2099],
        indicators: [
          { code: 'SO_LUONG', name: 'Số lượng', kind: 'count', target: { op: '>=', value: 3 }, required: false },
          { code: 'TY_LE', name: 'Tỷ lệ', kind: 'percent', target: { op: '>=', value: 80 }, required: false },
          { code: 'CO_KHONG', name: 'Có/không', kind: 'boolean', required: false },
          { code: 'KINH_PHI', name: 'Kinh phí', kind: 'number', required: false },
        ],
        schedules: [{ code: 'NAM', periodType: 'year', due: { rule: 'fixedDate', month: 12, day: 15 }, appliesTo: { level: 'leaf' }, reportTo: 'R', aggregation: chosen }],
      } })).json;
      await api('POST', `/v1/plans/${plan.id}/activate`);
      const sched = plan.schedules[0].id;

      const submitted = new Map<string, Values>();
      const leaves = units.filter((u) => u.level === 'leaf');
      for (const [i, report] of reports.entries()) {
        if (!report) continue;
        const v = report.values;
        const notApplicable = (indicator: string) => ({ indicator, na: true, note: 'Không phát sinh trong năm' });
        const entry = <T>(indicator: string, x: Answer<T> | undefined, of: (x: T) => object) =>
          (x === undefined ? [] : [x === NA ? notApplicable(indicator) : { indicator, ...of(x) }]);
        const values = [
          ...entry('SO_LUONG', v.count, (value) => ({ value })),
          ...entry('TY_LE', v.num, ([numerator, denominator]) => ({ numerator, denominator })),
          ...entry('CO_KHONG', v.yes, (value) => ({ value })),
          ...entry('KINH_PHI', v.amount, (value) => ({ value })),
        ];
        const res = await api('PUT', `/v1/reports/${leaves[i]!.code}/${sched}/2099`, { body: { values, submit: report.submit } });
        expect(res.status, res.text).toBe(200);
        if (report.submit) submitted.set(leaves[i]!.code, v);
      }

      const root = (await api('GET', `/v1/rollups?plan=${plan.id}&period=2099&unit=R`)).json;
      check(root, expected(units, submitted, 'R', chosen));
      for (const child of root.children) check(child, expected(units, submitted, child.unit, chosen));
      const sub = (await api('GET', `/v1/rollups?plan=${plan.id}&period=2099&unit=${group}`)).json;
      if (sub.completeness.expected > 0) check(sub, expected(units, submitted, group, chosen));
    }), { numRuns: 10 });
  }, 60_000);
});
