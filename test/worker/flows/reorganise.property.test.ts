import fc from 'fast-check';
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { api, fingerprint, resetDb, type UnitIn } from '../helpers';

/**
 * Any reorganisation (DESIGN §10) — districts dissolved, communes merged, split between several, renamed, a code
 * carried on or dropped, brand-new codes — leaves every past period's roll-up exactly as it was, and completeness
 * never passes 100 %.
 */
type Scene = {
  districts: { code: string; communes: string[] }[];
  reports: Record<string, { q1?: [number, number]; q2?: [number, number] }>;
  /** each old commune → the new communes it went into (one: full; several: partial) */
  into: Record<string, string[]>;
  fresh: string[];
  renamed: string[];
};

const scene: fc.Arbitrary<Scene> = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 3 }).chain((sizes) => {
  const districts = sizes.map((n, d) => ({ code: `D${d}`, communes: Array.from({ length: n }, (_, c) => `C${d}${c}`) }));
  const communes = districts.flatMap((d) => d.communes);
  const rate = fc.integer({ min: 1, max: 50 }).chain((den) => fc.tuple(fc.nat(den), fc.constant(den)));
  return fc.record({
    districts: fc.constant(districts),
    reports: fc.record(Object.fromEntries(communes.map((c) => [c, fc.record({ q1: rate, q2: rate }, { requiredKeys: [] })]))),
    fresh: fc.uniqueArray(fc.constantFrom('N1', 'N2', 'N3'), { maxLength: 2 }),
    kept: fc.subarray(communes, { minLength: 1 }),
    renamed: fc.subarray(communes),
  }).chain(({ districts, reports, fresh, kept, renamed }) => {
    const targets = [...kept, ...fresh];
    return fc.record({
      districts: fc.constant(districts), reports: fc.constant(reports), fresh: fc.constant(fresh), renamed: fc.constant(renamed),
      into: fc.record(Object.fromEntries(communes.map((c) => [c, kept.includes(c)
        ? fc.constant([c])
        : fc.uniqueArray(fc.constantFrom(...targets), { minLength: 1, maxLength: 2 })]))),
    });
  });
});

const PLAN = {
  number: 'KH-TN', title: 'Kế hoạch thử nghiệm', issuer: 'R', issuedOn: '2025-01-02', years: [2025],
  indicators: [{ code: 'TY_LE', name: 'Tỷ lệ', kind: 'percent', required: false }],
  schedules: [{ code: 'QUY', periodType: 'quarter', due: { rule: 'dayOfLastMonth', day: 15 }, appliesTo: { level: 'commune' }, reportTo: 'R' }],
};

async function rollups(planId: string, units: string[], periods: string[]) {
  const out: Record<string, unknown> = {};
  for (const unit of units) for (const period of periods) out[`${unit} ${period}`] = (await api('GET', `/v1/rollups?plan=${planId}&period=${period}&unit=${unit}`)).json;
  return out;
}

function completenessHolds(node: any): void {
  const c = node.completeness;
  expect(c.submitted).toBeLessThanOrEqual(c.expected);
  expect(c.onTime + c.late).toBe(c.submitted);
  for (const child of node.children ?? []) completenessHolds(child);
}

describe('reorganisations never move a past figure', () => {
  it('for any tree, any reorganisation and any reports', async () => {
    await fc.assert(fc.asyncProperty(scene, async (s) => {
      await resetDb();
      const old: UnitIn[] = [{ code: 'R', name: 'Tỉnh Thử', level: 'province' },
        ...s.districts.flatMap((d) => [{ code: d.code, name: `Huyện ${d.code}`, level: 'district', parent: 'R' },
          ...d.communes.map((c) => ({ code: c, name: `Xã ${c}`, level: 'commune', parent: d.code }))])];
      expect((await api('POST', '/v1/units/import', { body: { units: old } })).status).toBe(200);
      const plan = (await api('POST', '/v1/plans', { body: PLAN })).json;
      await api('POST', `/v1/plans/${plan.id}/activate`);
      const sched = plan.schedules[0].id;
      for (const [unit, r] of Object.entries(s.reports)) {
        for (const [period, v] of [['2025Q1', r.q1], ['2025Q2', r.q2]] as const) {
          if (!v) continue;
          const res = await api('PUT', `/v1/reports/${unit}/${sched}/${period}`, { body: { values: [{ indicator: 'TY_LE', numerator: v[0], denominator: v[1] }], submit: true } });
          expect(res.status, res.text).toBe(200);
        }
      }
      const nodes = ['R', ...s.districts.map((d) => d.code), ...s.districts.flatMap((d) => d.communes)];
      const before = await rollups(plan.id, nodes, ['2025Q1', '2025Q2']);

      const targets = [...new Set(Object.values(s.into).flat())];
      const units = [{ code: 'R', name: 'Tỉnh Thử', level: 'province' },
        ...targets.map((c) => ({ code: c, name: s.renamed.includes(c) ? `Phường ${c}` : `Xã ${c}`, level: 'commune', parent: 'R' }))];
      const successions = Object.entries(s.into).flatMap(([from, to]) => to.map((t) => ({ from, to: t, type: to.length > 1 ? 'partial' : 'full' })));
      const dry = await fingerprint();
      expect((await api('POST', '/v1/units/reorganise?dryRun=true', { body: { effective: '2025-07-01', units, successions } })).status).toBe(200);
      expect(await fingerprint()).toBe(dry); // a dry run writes nothing
      const res = await api('POST', '/v1/units/reorganise', { body: { effective: '2025-07-01', units, successions } });
      expect(res.status, res.text).toBe(200);

      expect(await rollups(plan.id, nodes, ['2025Q1', '2025Q2'])).toEqual(before);
      const q3 = (await api('GET', `/v1/rollups?plan=${plan.id}&period=2025Q3&unit=R`)).json;
      expect(q3.completeness.expected).toBe(targets.length); // the new communes, and nothing of the old map
      completenessHolds(q3);
      for (const node of Object.values(before)) completenessHolds(node);
    }), { numRuns: 8 });
  }, 120_000);
});

describe('a reorganisation that cannot be applied', () => {
  it('names every bad row in one 400 and writes nothing', async () => {
    await resetDb();
    await api('POST', '/v1/units/import', { body: { units: [
      { code: 'R', name: 'Tỉnh Thử', level: 'province' }, { code: 'D0', name: 'Huyện Một', level: 'district', parent: 'R' },
      { code: 'C00', name: 'Xã Một', level: 'commune', parent: 'D0' }, { code: 'C01', name: 'Xã Hai', level: 'commune', parent: 'D0' },
    ] } });
    const before = await fingerprint();
    const res = await api('POST', '/v1/units/reorganise', { body: {
      effective: '2025-07-01',
      units: [{ code: 'R', name: 'Tỉnh Thử', level: 'province' }, { code: 'C00', name: 'Xã Mới', level: 'commune', parent: 'X9' }],
      successions: [{ from: 'C01', to: 'C99', type: 'full' }, { from: 'ZZ', to: 'C00', type: 'full' }],
    }, headers: { 'accept-language': 'vi' } });
    expect(res.status).toBe(400);
    expect(res.json.errors.map((e: any) => e.path).sort()).toEqual(['successions[0].to', 'successions[1].from', 'units[1].parent']);
    expect(res.json.errors.every((e: any) => /[ăâđêôơư]/i.test(e.message))).toBe(true); // in Vietnamese
    expect(await fingerprint()).toBe(before);
    expect((await env.DB.prepare('SELECT count(*) AS n FROM successions').first<{ n: number }>())!.n).toBe(0);
  });
});
