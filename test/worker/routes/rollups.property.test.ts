import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { api, resetDb, type UnitIn } from '../helpers';

type Values = { count?: number; num?: [number, number]; yes?: boolean; amount?: number };

/** Brute force over the leaves under `root`: what the roll-up must say, computed the obvious way. */
function expected(units: UnitIn[], reports: Map<string, Values>, root: string) {
  const parent = new Map(units.map((u) => [u.code, u.parent ?? null]));
  const under = (code: string) => {
    for (let c: string | null = code; c; c = parent.get(c) ?? null) if (c === root) return true;
    return false;
  };
  const leaves = units.filter((u) => u.level === 'leaf' && under(u.code)).map((u) => u.code);
  const sent = leaves.filter((l) => reports.has(l)).map((l) => reports.get(l)!);
  const withCount = sent.filter((v) => v.count !== undefined);
  const withNum = sent.filter((v) => v.num !== undefined);
  const withYes = sent.filter((v) => v.yes !== undefined);
  const withAmount = sent.filter((v) => v.amount !== undefined);
  const n = withNum.reduce((s, v) => s + v.num![0], 0);
  const d = withNum.reduce((s, v) => s + v.num![1], 0);
  return {
    expected: leaves.length,
    submitted: sent.length,
    missing: leaves.filter((l) => !reports.has(l)).sort(),
    count: { value: withCount.length ? withCount.reduce((s, v) => s + v.count!, 0) : null, reporting: withCount.length, meeting: withCount.filter((v) => v.count! >= 3).length },
    rate: { numerator: withNum.length ? n : null, denominator: withNum.length ? d : null, value: withNum.length && d ? (100 * n) / d : null, reporting: withNum.length,
      meeting: withNum.filter((v) => (100 * v.num![0]) / v.num![1] >= 80).length },
    yes: { value: withYes.length ? withYes.filter((v) => v.yes).length : null, reporting: withYes.length },
    amount: { value: withAmount.length ? withAmount.reduce((s, v) => s + v.amount!, 0) : null, reporting: withAmount.length },
  };
}

function check(node: any, want: ReturnType<typeof expected>) {
  expect(node.completeness).toMatchObject({ expected: want.expected, submitted: want.submitted, missing: want.missing });
  const ind = Object.fromEntries(node.indicators.map((i: any) => [i.code, i]));
  expect(ind.SO_LUONG).toMatchObject({ value: want.count.value, unitsReporting: want.count.reporting, unitsMeetingTarget: want.count.meeting });
  expect(ind.TY_LE).toMatchObject({ numerator: want.rate.numerator, denominator: want.rate.denominator, unitsReporting: want.rate.reporting, unitsMeetingTarget: want.rate.meeting });
  if (want.rate.value === null) expect(ind.TY_LE.value).toBeNull();
  else expect(ind.TY_LE.value).toBeCloseTo(want.rate.value, 9);
  expect(ind.CO_KHONG).toMatchObject({ value: want.yes.value, unitsReporting: want.yes.reporting });
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

/** Any subset of the four indicators, with values a ward could send. */
const values: fc.Arbitrary<Values> = fc.record({
  count: fc.nat(5),
  num: fc.integer({ min: 1, max: 200 }).chain((d) => fc.tuple(fc.nat(d), fc.constant(d))),
  yes: fc.boolean(),
  amount: fc.nat(1_000_000).map((cents) => cents / 100),
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
  });
});

describe('roll-ups equal a brute-force computation over random trees and reports', () => {
  it('for any tree and any reports', async () => {
    await fc.assert(fc.asyncProperty(scene, async ({ units, reports, group }) => {
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
        schedules: [{ code: 'NAM', periodType: 'year', due: { rule: 'fixedDate', month: 12, day: 15 }, appliesTo: { level: 'leaf' }, reportTo: 'R' }],
      } })).json;
      await api('POST', `/v1/plans/${plan.id}/activate`);
      const sched = plan.schedules[0].id;

      const submitted = new Map<string, Values>();
      const leaves = units.filter((u) => u.level === 'leaf');
      for (const [i, report] of reports.entries()) {
        if (!report) continue;
        const v = report.values;
        const values = [
          ...(v.count !== undefined ? [{ indicator: 'SO_LUONG', value: v.count }] : []),
          ...(v.num ? [{ indicator: 'TY_LE', numerator: v.num[0], denominator: v.num[1] }] : []),
          ...(v.yes !== undefined ? [{ indicator: 'CO_KHONG', value: v.yes }] : []),
          ...(v.amount !== undefined ? [{ indicator: 'KINH_PHI', value: v.amount }] : []),
        ];
        const res = await api('PUT', `/v1/reports/${leaves[i]!.code}/${sched}/2099`, { body: { values, submit: report.submit } });
        expect(res.status, res.text).toBe(200);
        if (report.submit) submitted.set(leaves[i]!.code, v);
      }

      const root = (await api('GET', `/v1/rollups?plan=${plan.id}&period=2099&unit=R`)).json;
      check(root, expected(units, submitted, 'R'));
      for (const child of root.children) check(child, expected(units, submitted, child.unit));
      const sub = (await api('GET', `/v1/rollups?plan=${plan.id}&period=2099&unit=${group}`)).json;
      if (sub.completeness.expected > 0) check(sub, expected(units, submitted, group));
    }), { numRuns: 10 });
  });
});
