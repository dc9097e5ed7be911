// A synthetic nation shaped like Vietnam before the 2025 reform (63 provinces, ~700 districts, ~10,600 communes),
// its national plan, and every commune's report — all from one seeded PRNG, so Cascade and raw SQLite get
// exactly the same data and must give exactly the same answers.
import type { PlanInput, ReportPut } from '../schemas';

export type Unit = { code: string; name: string; level: string; parent?: string };

export function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `scale` 1 gives 63 provinces; 0.1 gives 6. Districts per province (5–17) and communes per district (6–24) vary
 * like the real map, averaging ≈ 11 and ≈ 15. Codes follow the GSO's widths: 2, 3 and 5 digits.
 */
export function syntheticNation(scale: number): Unit[] {
  const rnd = prng(63);
  const units: Unit[] = [{ code: 'VN', name: 'Việt Nam', level: 'nation' }];
  let district = 0;
  let commune = 0;
  for (let p = 1; p <= Math.max(1, Math.round(63 * scale)); p++) {
    const pc = String(p).padStart(2, '0');
    units.push({ code: pc, name: `Tỉnh ${pc}`, level: 'province', parent: 'VN' });
    for (let d = 0, nd = 5 + Math.floor(rnd() * 13); d < nd; d++) {
      const dc = String(++district).padStart(3, '0');
      units.push({ code: dc, name: `Huyện ${dc}`, level: 'district', parent: pc });
      for (let c = 0, nc = 6 + Math.floor(rnd() * 19); c < nc; c++) {
        const cc = String(++commune).padStart(5, '0');
        units.push({ code: cc, name: `Xã ${cc}`, level: 'commune', parent: dc });
      }
    }
  }
  return units;
}

/**
 * 50 indicators in the mix the seeds use: rates, counts, amounts, yes/no and a few free texts. Every indicator is
 * required to submit unless it says otherwise; the free texts ("difficulties") are optional, as in the seeds.
 */
export const INDICATORS: PlanInput['indicators'] = Array.from({ length: 50 }, (_, i) => {
  const code = `CT${String(i + 1).padStart(2, '0')}`;
  switch (i % 10) {
    case 0: case 1: case 2: return { code, name: `Tỷ lệ ${code}`, kind: 'percent', target: { op: '>=', value: 90 } };
    case 3: case 4: case 5: return { code, name: `Số lượng ${code}`, kind: 'count', target: { op: '>=', value: 5 } };
    case 6: case 7: return { code, name: `Kinh phí ${code}`, kind: 'number', unit: 'triệu đồng' };
    case 8: return { code, name: `Hoàn thành ${code}`, kind: 'boolean', target: { op: '=', value: 1 } };
    default: return { code, name: `Khó khăn ${code}`, kind: 'text', required: false };
  }
});

const REMINDERS = { before: [7, 1], after: [1, 7] };

/** The national plan: quarterly, 6-month, 9-month and annual reports from every commune (DESIGN §8's 80,376 case). */
export function nationalPlan(number: string, years: number[], indicators = INDICATORS): PlanInput {
  const commune = { level: 'commune' };
  return {
    number, title: 'Kế hoạch cải cách hành chính toàn quốc', issuer: 'VN', issuedOn: `${years[0]}-01-02`, years, basis: null,
    tasks: [{ code: 'T1', title: 'Cải cách thủ tục hành chính', assignees: commune }],
    indicators,
    schedules: [
      { code: 'QUY', periodType: 'quarter', due: { rule: 'afterPeriodEnd', days: 10 }, appliesTo: commune, reportTo: 'VN', reminders: REMINDERS },
      { code: '6T', periodType: 'half', due: { rule: 'dayOfLastMonth', day: 15 }, appliesTo: commune, reportTo: 'VN', reminders: REMINDERS },
      { code: '9T', periodType: 'nine_months', due: { rule: 'dayOfLastMonth', day: 20 }, appliesTo: commune, reportTo: 'VN', reminders: REMINDERS },
      { code: 'NAM', periodType: 'year', due: { rule: 'fixedDate', month: 12, day: 15 }, appliesTo: commune, reportTo: 'VN', reminders: REMINDERS },
    ],
  } as PlanInput;
}

/** A 100-indicator plan for the submission benchmark (the heaviest report a sheet sends). */
export const HUNDRED: PlanInput['indicators'] = Array.from({ length: 100 }, (_, i) => ({
  ...INDICATORS[i % 40]!, code: `H${String(i + 1).padStart(3, '0')}`,
}));

/** A commune's report: every indicator filled, deterministic from the commune code. */
export function reportOf(commune: string, indicators: PlanInput['indicators']): ReportPut {
  const rnd = prng(Number(commune) * 7919);
  const values = indicators.map((ind) => {
    switch (ind.kind) {
      case 'percent': {
        const denominator = 20 + Math.floor(rnd() * 400);
        return { indicator: ind.code, numerator: Math.floor(denominator * (0.75 + rnd() * 0.25)), denominator };
      }
      case 'count': return { indicator: ind.code, value: Math.floor(rnd() * 12) };
      case 'number': return { indicator: ind.code, value: Math.round(rnd() * 100_000) / 100 };
      case 'boolean': return { indicator: ind.code, value: rnd() < 0.8 };
      default: return { indicator: ind.code, value: rnd() < 0.3 ? `Thiếu cán bộ chuyên trách (${commune})` : null };
    }
  });
  return { values, tasks: [{ task: 'T1', status: 'in_progress', result: 'Đang triển khai' }], submit: true } as ReportPut;
}

/** Who reports what: ~88 % submit, ~4 % of those are returned, the rest are missing. */
export function fate(commune: string): 'submitted' | 'returned' | 'missing' {
  const r = prng(Number(commune) * 104729)();
  return r < 0.04 ? 'returned' : r < 0.88 ? 'submitted' : 'missing';
}
