import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { api, resetDb, type UnitIn } from '../helpers';

/** A small seeded PRNG so a failing case can be replayed from its seed. */
function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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

describe('roll-ups equal a brute-force computation over random trees and reports', () => {
  // fast-check draws the seeds (a new set every run) and prints the failing one, so a failure can be replayed.
  it('for any seed', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (seed) => {
      await resetDb();
      const rnd = mulberry32(seed);
      const pick = (n: number) => Math.floor(rnd() * n);
      // A random tree: a root, 2–4 levels of groups, leaves at any depth below the root.
      const units: UnitIn[] = [{ code: 'R', name: 'Gốc', level: 'root' }];
      const groups = ['R'];
      for (let i = 0; i < 3 + pick(8); i++) {
        const code = `G${i}`;
        units.push({ code, name: `Nhóm ${i}`, level: 'group', parent: groups[pick(groups.length)] });
        groups.push(code);
      }
      for (let i = 0; i < 5 + pick(40); i++) units.push({ code: `L${i}`, name: `Phường ${i}`, level: 'leaf', parent: groups[1 + pick(groups.length - 1)] ?? 'R' });
      expect((await api('POST', '/v1/units/import', { body: { units } })).status).toBe(200);
      const plan = (await api('POST', '/v1/plans', { body: {
        number: `P-${seed}`, title: 'Kiểm thử', issuer: 'R', issuedOn: '2099-01-01', years: [2099],
        indicators: [
          { code: 'SO_LUONG', name: 'Số lượng', kind: 'count', target: { op: '>=', value: 3 } },
          { code: 'TY_LE', name: 'Tỷ lệ', kind: 'percent', target: { op: '>=', value: 80 } },
          { code: 'CO_KHONG', name: 'Có/không', kind: 'boolean' },
          { code: 'KINH_PHI', name: 'Kinh phí', kind: 'number' },
        ],
        schedules: [{ code: 'NAM', periodType: 'year', due: { rule: 'fixedDate', month: 12, day: 15 }, appliesTo: { level: 'leaf' }, reportTo: 'R' }],
      } })).json;
      await api('POST', `/v1/plans/${plan.id}/activate`);
      const sched = plan.schedules[0].id;

      const reports = new Map<string, Values>();
      for (const u of units.filter((x) => x.level === 'leaf')) {
        const roll = rnd();
        if (roll > 0.75) continue; // never reported
        const v: Values = {};
        if (rnd() < 0.8) v.count = pick(6);
        if (rnd() < 0.8) { const d = 1 + pick(200); v.num = [pick(d + 1), d]; }
        if (rnd() < 0.7) v.yes = rnd() < 0.5;
        if (rnd() < 0.7) v.amount = Math.round(rnd() * 1e6) / 100;
        const values = [
          ...(v.count !== undefined ? [{ indicator: 'SO_LUONG', value: v.count }] : []),
          ...(v.num ? [{ indicator: 'TY_LE', numerator: v.num[0], denominator: v.num[1] }] : []),
          ...(v.yes !== undefined ? [{ indicator: 'CO_KHONG', value: v.yes }] : []),
          ...(v.amount !== undefined ? [{ indicator: 'KINH_PHI', value: v.amount }] : []),
        ];
        const draftOnly = roll > 0.65;
        const res = await api('PUT', `/v1/reports/${u.code}/${sched}/2099`, { body: { values, submit: !draftOnly } });
        expect(res.status, res.text).toBe(200);
        if (!draftOnly) reports.set(u.code, v);
      }

      const root = (await api('GET', `/v1/rollups?plan=${plan.id}&period=2099&unit=R`)).json;
      check(root, expected(units, reports, 'R'));
      for (const child of root.children) check(child, expected(units, reports, child.unit));
      const someGroup = groups[1 + pick(groups.length - 1)];
      if (someGroup) {
        const sub = await api('GET', `/v1/rollups?plan=${plan.id}&period=2099&unit=${someGroup}`);
        if (sub.json.completeness.expected > 0) check(sub.json, expected(units, reports, someGroup));
      }
    }), { numRuns: 6 });
  });
});
