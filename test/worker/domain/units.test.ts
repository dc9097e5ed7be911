/**
 * Importing the unit hierarchy (TP.HCM → Quận 10 → its wards): all or nothing, rows in any order, every problem named
 * by its row, cycles caught even through units already stored.
 */
import { describe, expect, it } from 'vitest';
import { pathCodes, planImport, subtreeEnd, type ImportPlan, type IncomingUnit, type StoredUnit } from '../../../worker/src/domain/units';

const rowPath = (i: number, field?: string) => `units[${i}]${field ? `.${field}` : ''}`;
const unit = (code: string, name: string, level: string, parent: string | null): IncomingUnit => ({ code, name, level, parent });
const stored = (...units: StoredUnit[]) => new Map(units.map((u) => [u.code, u]));
const NOTHING = stored();

const hcmc = unit('79', 'Thành phố Hồ Chí Minh', 'province', null);
const quan10 = unit('771', 'Quận 10', 'district', '79');
const quan5 = unit('774', 'Quận 5', 'district', '79');
const phuong15 = unit('27163', 'Phường 15', 'commune', '771');
const phuong13 = unit('27166', 'Phường 13', 'commune', '771');
const noiVu = unit('771-NV', 'Phòng Nội vụ Quận 10', 'department', '771');

const STORED_HCMC: StoredUnit = { ...hcmc, path: '/79/' };
const STORED_Q10: StoredUnit = { ...quan10, path: '/79/771/' };
const STORED_Q5: StoredUnit = { ...quan5, path: '/79/774/' };
const STORED_P15: StoredUnit = { ...phuong15, path: '/79/771/27163/' };

function planOf(result: ReturnType<typeof planImport>): ImportPlan {
  if ('problems' in result) throw new Error(`expected a plan, got ${JSON.stringify(result.problems)}`);
  return result.plan;
}
function problemsOf(result: ReturnType<typeof planImport>) {
  if (!('problems' in result)) throw new Error('expected problems, got a plan');
  for (const p of result.problems) {
    expect(p.message.en).not.toBe('');
    expect(p.message.vi).not.toBe('');
    expect(p.message.vi).not.toBe(p.message.en);
  }
  return result.problems;
}
const pathsOf = (plan: ImportPlan) => Object.fromEntries(plan.write.map((u) => [u.code, u.path]));

describe('planImport: a new hierarchy', () => {
  it('takes children before their parents and writes parents first', () => {
    const plan = planOf(planImport([phuong15, noiVu, quan10, hcmc], NOTHING, rowPath));
    expect(pathsOf(plan)).toEqual({ 79: '/79/', 771: '/79/771/', 27163: '/79/771/27163/', '771-NV': '/79/771/771-NV/' });
    const order = plan.write.map((u) => u.code);
    expect(order.indexOf('79')).toBeLessThan(order.indexOf('771'));
    expect(order.indexOf('771')).toBeLessThan(order.indexOf('27163'));
    expect(order.indexOf('771')).toBeLessThan(order.indexOf('771-NV'));
  });

  it('gives each unit its depth below the root', () => {
    const plan = planOf(planImport([hcmc, quan10, phuong15], NOTHING, rowPath));
    expect(Object.fromEntries(plan.write.map((u) => [u.code, u.depth]))).toEqual({ 79: 0, 771: 1, 27163: 2 });
  });

  it('counts them all as created and audited', () => {
    const plan = planOf(planImport([hcmc, quan10, phuong15], NOTHING, rowPath));
    expect(plan).toMatchObject({ created: 3, updated: 0, unchanged: 0, moved: 0, movedRoots: [] });
    expect([...plan.changed].sort()).toEqual(['27163', '771', '79']);
  });

  it('hangs new wards under a district already stored', () => {
    const plan = planOf(planImport([phuong13], stored(STORED_Q10), rowPath));
    expect(pathsOf(plan)).toEqual({ 27166: '/79/771/27166/' });
  });
});

describe('planImport: problems, each at its row', () => {
  it('a code given twice', () => {
    const problems = problemsOf(planImport([hcmc, quan10, { ...quan10, name: 'Quận Mười' }], NOTHING, rowPath));
    expect(problems.map((p) => p.path)).toEqual(['units[2].code']);
    expect(problems[0]!.message.en).toContain('units[1]');
  });

  it('a parent that is neither in the file nor stored', () => {
    const problems = problemsOf(planImport([hcmc, unit('27190', 'Phường 2', 'commune', '770')], NOTHING, rowPath));
    expect(problems.map((p) => p.path)).toEqual(['units[1].parent']);
    expect(problems[0]!.message.vi).toContain('770');
  });

  it('a child of a refused row is not written either, and is not blamed twice', () => {
    const problems = problemsOf(planImport([unit('771', 'Quận 10', 'district', '70'), phuong15], NOTHING, rowPath));
    expect(problems.map((p) => p.path)).toEqual(['units[0].parent']);
  });

  it('a cycle in the file, on every row of it', () => {
    const problems = problemsOf(planImport([
      unit('771', 'Quận 10', 'district', '27163'),
      unit('27163', 'Phường 15', 'commune', '771'),
      hcmc,
    ], NOTHING, rowPath));
    expect(problems.map((p) => p.path).sort()).toEqual(['units[0].parent', 'units[1].parent']);
    expect(problems[0]!.message.en).toMatch(/cycle: .*771.*27163/);
  });

  it('a unit that is its own parent', () => {
    const problems = problemsOf(planImport([hcmc, unit('771', 'Quận 10', 'district', '771')], NOTHING, rowPath));
    expect(problems.map((p) => p.path)).toEqual(['units[1].parent']);
  });

  it('a cycle through units already stored: TP.HCM moved under its own Quận 10', () => {
    const problems = problemsOf(planImport([unit('79', 'Thành phố Hồ Chí Minh', 'province', '771')], stored(STORED_HCMC, STORED_Q10), rowPath));
    expect(problems.map((p) => p.path)).toEqual(['units[0].parent']);
    expect(problems[0]!.message.en).toMatch(/cycle/);
  });

  it('a cycle deeper in the stored tree: Quận 10 moved under its own ward', () => {
    const problems = problemsOf(planImport([unit('771', 'Quận 10', 'district', '27163')], stored(STORED_HCMC, STORED_Q10, STORED_P15), rowPath));
    expect(problems.map((p) => p.path)).toEqual(['units[0].parent']);
  });

  it('lists every problem of the file at once', () => {
    const problems = problemsOf(planImport([hcmc, hcmc, unit('27190', 'Phường 2', 'commune', '770'), unit('X', 'X', 'commune', 'X')], NOTHING, rowPath));
    expect(problems.map((p) => p.path).sort()).toEqual(['units[1].code', 'units[2].parent', 'units[3].parent']);
  });
});

describe('planImport: over stored units', () => {
  it('does not rewrite a row that has not changed', () => {
    const plan = planOf(planImport([hcmc, quan10, phuong15], stored(STORED_HCMC, STORED_Q10, STORED_P15), rowPath));
    expect(plan).toMatchObject({ created: 0, updated: 0, unchanged: 3, moved: 0, movedRoots: [], write: [] });
    expect(plan.changed.size).toBe(0);
  });

  it('writes and audits a renamed unit', () => {
    const plan = planOf(planImport([{ ...phuong15, name: 'Phường Diên Hồng' }], stored(STORED_HCMC, STORED_Q10, STORED_P15), rowPath));
    expect(plan).toMatchObject({ created: 0, updated: 1, unchanged: 0, moved: 0, movedRoots: [] });
    expect(pathsOf(plan)).toEqual({ 27163: '/79/771/27163/' });
    expect([...plan.changed]).toEqual(['27163']);
  });

  it('counts a ward moved to another district, and its subtree follows', () => {
    const plan = planOf(planImport([{ ...phuong15, parent: '774' }], stored(STORED_HCMC, STORED_Q10, STORED_Q5, STORED_P15), rowPath));
    expect(plan).toMatchObject({ created: 0, updated: 1, unchanged: 0, moved: 1, movedRoots: ['27163'] });
    expect(pathsOf(plan)).toEqual({ 27163: '/79/774/27163/' });
  });

  it('rewrites an unchanged row whose parent moves in the same file', () => {
    const plan = planOf(planImport([
      { ...quan10, parent: '774' },
      phuong15,
    ], stored(STORED_HCMC, STORED_Q10, STORED_Q5, STORED_P15), rowPath));
    expect(plan).toMatchObject({ updated: 1, unchanged: 1, moved: 1 });
    expect(pathsOf(plan)).toEqual({ 771: '/79/774/771/', 27163: '/79/774/771/27163/' });
    expect([...plan.changed]).toEqual(['771']);
    expect(plan.movedRoots.sort()).toEqual(['27163', '771']);
  });

  it('makes a stored unit a root', () => {
    const plan = planOf(planImport([{ ...quan10, parent: null }], stored(STORED_HCMC, STORED_Q10), rowPath));
    expect(plan).toMatchObject({ moved: 1, movedRoots: ['771'] });
    expect(pathsOf(plan)).toEqual({ 771: '/771/' });
  });
});

describe('subtreeEnd: every path of the subtree sorts in [path, end)', () => {
  const quan10Path = '/79/771/';
  const end = subtreeEnd(quan10Path);
  const inside = (p: string) => p >= quan10Path && p < end;

  it.each([
    ['Quận 10 itself', '/79/771/', true],
    ['its ward', '/79/771/27163/', true],
    ['its office', '/79/771/771-NV/', true],
    ['a hamlet below a ward', '/79/771/27163/A1/', true],
    ['TP.HCM', '/79/', false],
    ['Quận 5', '/79/774/', false],
    ['a unit coded 7710', '/79/7710/', false],
    ['a unit coded 771-X', '/79/771-X/', false],
    ['a unit coded 771.X', '/79/771.X/', false],
    ['a unit coded 771_X', '/79/771_X/', false],
    ['a unit coded 771A', '/79/771A/', false],
    ['a unit coded 77', '/79/77/', false],
  ])('%s (%s): %s', (_, path, expected) => {
    expect(inside(path)).toBe(expected);
  });
});

describe('pathCodes', () => {
  it('lists the codes from the root down', () => {
    expect(pathCodes('/79/771/27163/')).toEqual(['79', '771', '27163']);
    expect(pathCodes('/79/')).toEqual(['79']);
    expect(pathCodes('/79/771/771-NV/')).toEqual(['79', '771', '771-NV']);
  });
});
