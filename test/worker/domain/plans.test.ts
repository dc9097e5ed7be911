/**
 * Plans (DESIGN §6, §13): what the schema alone cannot check, the schedules' periods and deadlines, and the cascade
 * of a plan down to the next level. Quận 10 (771, under TP.HCM 79) issues the PAPI plan of seed 002 to its wards.
 */
import { describe, expect, it } from 'vitest';
import type { PlanInput, Schedule, UnitSelector } from '../../../schemas';
import type { FieldProblem } from '../../../schemas/text';
import {
  appliesTo,
  checkPlan,
  derivedPlan,
  draftNumber,
  namedLevels,
  namedUnits,
  planDocOf,
  schedulePeriods,
  selectorCovers,
  withScheduleIds,
  type DeriveFacts,
  type PlanDoc,
  type PlanFacts,
  type StoredSchedule,
  type UnitFact,
} from '../../../worker/src/domain/plans';

const TZ = 'Asia/Ho_Chi_Minh';
const NO_HOLIDAYS = new Set<string>();

const fact = (code: string, path: string, level: string): UnitFact => ({ code, path, level });
const HCMC = fact('79', '/79/', 'province');
const QUAN_10 = fact('771', '/79/771/', 'district');
const QUAN_5 = fact('774', '/79/774/', 'district');
const PHUONG_15 = fact('27163', '/79/771/27163/', 'commune');
const PHUONG_13 = fact('27166', '/79/771/27166/', 'commune');
const NOI_VU = fact('771-NV', '/79/771/771-NV/', 'department');
const TU_PHAP = fact('771-TP', '/79/771/771-TP/', 'department');
const PHUONG_4_Q5 = fact('27301', '/79/774/27301/', 'commune');
const ALL = [HCMC, QUAN_10, QUAN_5, PHUONG_15, PHUONG_13, NOI_VU, TU_PHAP, PHUONG_4_Q5];

/** What checking a Quận 10 plan knows: every unit named, if it exists, and the levels below Quận 10. */
const facts = (plan: PlanInput, issuer = QUAN_10): PlanFacts => {
  const named = namedUnits(plan);
  return {
    issuer,
    units: new Map(ALL.filter((u) => named.has(u.code)).map((u) => [u.code, u])),
    levelsBelowIssuer: new Set(ALL.filter((u) => u.path.startsWith(issuer.path) && u.path !== issuer.path).map((u) => u.level)),
  };
};

const sixMonths: Schedule = {
  code: '6T', name: 'Báo cáo 6 tháng', periodType: 'half', only: ['S1'], due: { rule: 'fixedDate', month: 5, day: 15, before: true },
  appliesTo: { level: 'commune' }, reportTo: '771', via: '771-NV', reminders: { before: [7, 1], after: [1, 7] },
};

/** Seed 002, cut down: Quận 10's PAPI plan with a task, three indicators, a 6-month report and a rule. */
const papi = (over: Partial<PlanInput> = {}): PlanInput => ({
  number: 'KH-PAPI/Q10', title: 'Nâng cao Chỉ số Hiệu quả Quản trị và Hành chính công cấp tỉnh (PAPI)', issuer: '771', issuedOn: '2020-09-01',
  years: [2020, 2021],
  tasks: [{ code: 'T1', title: 'Tuyên truyền về Chỉ số PAPI', assignees: { units: ['27163', '27166', '771-TP'] } }],
  indicators: [
    { code: 'TTHC_DUNG_HAN', name: 'Tỷ lệ hồ sơ TTHC giải quyết đúng hạn', kind: 'percent', unit: 'hồ sơ', target: { op: '>', value: 95 } },
    { code: 'KNTC_TIEP_NHAN', name: 'Số khiếu nại, tố cáo tiếp nhận', kind: 'count', unit: 'đơn' },
    { code: 'KNTC_DA_GIAI_QUYET', name: 'Số khiếu nại, tố cáo đã giải quyết', kind: 'count', unit: 'đơn' },
    { code: 'CONG_KHAI_HO_NGHEO', name: 'Đã công khai danh sách hộ nghèo', kind: 'boolean', target: { op: '=', value: 1 } },
    { code: 'KHO_KHAN', name: 'Khó khăn, vướng mắc', kind: 'text' },
  ],
  schedules: [sixMonths],
  validationRules: [{ left: 'KNTC_DA_GIAI_QUYET', op: '<=', right: 'KNTC_TIEP_NHAN' }],
  ...over,
});
const withSchedule = (s: Partial<Schedule>) => papi({ schedules: [{ ...sixMonths, ...s }] });
/** The plan with its first indicator changed. */
const withIndicator = (i: Partial<PlanInput['indicators'][number]>) => {
  const [first, ...rest] = papi().indicators;
  return papi({ indicators: [{ ...first!, ...i }, ...rest] });
};

function bilingual(problems: FieldProblem[]) {
  for (const p of problems) {
    expect(p.message.en, p.path).not.toBe('');
    expect(p.message.vi, p.path).not.toBe('');
    expect(p.message.vi, p.path).not.toBe(p.message.en);
  }
}
const check = (plan: PlanInput, f = facts(plan)) => {
  const problems = checkPlan(plan, f);
  bilingual(problems);
  return problems;
};
const paths = (plan: PlanInput, f?: PlanFacts) => check(plan, f).map((p) => p.path);

describe('checkPlan', () => {
  it('accepts Quận 10’s PAPI plan', () => {
    expect(check(papi())).toEqual([]);
  });

  it('accepts Phú Hữu’s own plan: a ward reporting to its parent (seed 001)', () => {
    const phuHuu = fact('26866', '/79/769/26866/', 'commune');
    const thuDuc = fact('769', '/79/769/', 'district');
    const plan = papi({ issuer: '26866', tasks: [], schedules: [{ ...sixMonths, appliesTo: { units: ['26866'] }, reportTo: '769', via: null }] });
    expect(check(plan, { issuer: phuHuu, units: new Map([['26866', phuHuu], ['769', thuDuc]]), levelsBelowIssuer: new Set() })).toEqual([]);
  });

  describe('the plan itself', () => {
    it('refuses an issue date that is no calendar date', () => {
      expect(paths(papi({ issuedOn: '2020-02-30' }))).toEqual(['issuedOn']);
    });

    it('refuses a year listed twice', () => {
      const problems = check(papi({ years: [2020, 2021, 2020] }));
      expect(problems.map((p) => p.path)).toEqual(['years[2]']);
      expect(problems[0]!.message.en).toContain('years[0]');
    });

    it.each([
      ['task', { tasks: [...papi().tasks, { ...papi().tasks[0]!, title: 'Lặp lại' }] }, 'tasks[1].code', 'tasks[0]'],
      ['indicator', { indicators: [...papi().indicators, { ...papi().indicators[1]! }] }, 'indicators[5].code', 'indicators[1]'],
      ['schedule', { schedules: [sixMonths, { ...sixMonths, name: 'Báo cáo 6 tháng (bổ sung)' }] }, 'schedules[1].code', 'schedules[0]'],
      ['criterion', { criteria: [{ code: 'C1', name: 'Tuyên truyền', maxPoints: 2 }, { code: 'C1', name: 'Giám sát', maxPoints: 2 }] }, 'criteria[1].code', 'criteria[0]'],
    ])('refuses a duplicate %s code, naming where the first one is', (_, over, path, first) => {
      const problems = check(papi(over));
      expect(problems.map((p) => p.path)).toEqual([path]);
      expect(problems[0]!.message.en).toContain(`duplicate`);
      expect(problems[0]!.message.en).toContain(`(also at ${first})`);
      expect(problems[0]!.message.vi).toContain(`(đã có ở ${first})`);
    });
  });

  describe('who: selectors', () => {
    it.each<[string, UnitSelector, string[]]>([
      ['every ward of Quận 10', { level: 'commune' }, []],
      ['every office of Quận 10', { level: 'department' }, []],
      ['a level Quận 10 has not got', { level: 'hamlet' }, ['schedules[0].appliesTo.level']],
      ['districts, a level above its own wards', { level: 'district' }, ['schedules[0].appliesTo.level']],
      ['its wards by code', { units: ['27163', '27166'] }, []],
      ['Quận 10 itself', { units: ['771'] }, []],
      ['a ward that does not exist', { units: ['27163', '99999'] }, ['schedules[0].appliesTo.units[1]']],
      ['a ward of Quận 5', { units: ['27301'] }, ['schedules[0].appliesTo.units[0]']],
      ['Quận 5 itself', { units: ['27166', '774'] }, ['schedules[0].appliesTo.units[1]']],
      ['the city above', { units: ['79'] }, ['schedules[0].appliesTo.units[0]']],
      ['a ward listed twice', { units: ['27163', '27166', '27163'] }, ['schedules[0].appliesTo.units[2]']],
    ])('a schedule for %s', (_, appliesTo, expected) => {
      expect(paths(withSchedule({ appliesTo }))).toEqual(expected);
    });

    it('checks a task’s assignees the same way', () => {
      const plan = papi({ tasks: [{ code: 'T1', title: 'Tuyên truyền', assignees: { units: ['27163', '27301'] } }, { code: 'T2', title: 'Hòa giải', assignees: { level: 'hamlet' } }] });
      expect(paths(plan)).toEqual(['tasks[0].assignees.units[1]', 'tasks[1].assignees.level']);
    });

    it('says which unit is outside, and whose subtree it is outside of', () => {
      const [problem] = check(withSchedule({ appliesTo: { units: ['27301'] } }));
      expect(problem!.message.en).toContain('27301');
      expect(problem!.message.en).toContain('771');
      expect(problem!.message.vi).toContain('không trực thuộc');
    });
  });

  describe('indicators and their targets', () => {
    it.each([
      ['a percent target of 0', { kind: 'percent', target: { op: '>=', value: 0 } }, []],
      ['a percent target of 100', { kind: 'percent', target: { op: '=', value: 100 } }, []],
      ['a percent target above 100', { kind: 'percent', target: { op: '>', value: 101 } }, ['indicators[0].target.value']],
      ['a percent target below 0', { kind: 'percent', target: { op: '>', value: -1 } }, ['indicators[0].target.value']],
      ['a count target of 0', { kind: 'count', target: { op: '>=', value: 0 } }, []],
      ['a negative count target', { kind: 'count', target: { op: '>=', value: -2 } }, ['indicators[0].target.value']],
      ['a negative number target', { kind: 'number', target: { op: '>', value: -2.5 } }, []],
      ['a boolean target "yes"', { kind: 'boolean', target: { op: '=', value: 1 } }, []],
      ['a boolean target "no"', { kind: 'boolean', target: { op: '=', value: 0 } }, []],
      ['a boolean target of 2', { kind: 'boolean', target: { op: '=', value: 2 } }, ['indicators[0].target']],
      ['a boolean target with ">="', { kind: 'boolean', target: { op: '>=', value: 1 } }, ['indicators[0].target']],
      ['a text target', { kind: 'text', target: { op: '=', value: 1 } }, ['indicators[0].target']],
      ['a text without target', { kind: 'text' }, []],
    ] as const)('%s', (_, indicator, expected) => {
      expect(paths(withIndicator({ ...indicator, target: 'target' in indicator ? { ...indicator.target } : undefined }))).toEqual(expected);
    });
  });

  describe('schedules', () => {
    it.each<[string, Partial<Schedule>, string[]]>([
      ['halves with only S1', { periodType: 'half', only: ['S1'] }, []],
      ['quarters with only Q1 and Q3', { periodType: 'quarter', only: ['Q1', 'Q3'] }, []],
      ['months with only 01 and 07', { periodType: 'month', only: ['01', '07'], due: { rule: 'afterPeriodEnd', days: 5 } }, []],
      ['quarters with only S1', { periodType: 'quarter', only: ['S1'] }, ['schedules[0].only']],
      ['halves listing S1 twice', { periodType: 'half', only: ['S1', 'S1'] }, ['schedules[0].only']],
      ['a year with only', { periodType: 'year', only: ['S1'] }, ['schedules[0].only']],
      ['nine months with only', { periodType: 'nine_months', only: ['Q1'] }, ['schedules[0].only']],
      ['a one-off report with a fixed yearly date', { periodType: 'once', only: undefined }, ['schedules[0].due']],
      ['a one-off report with its date', { periodType: 'once', only: undefined, due: { rule: 'date', date: '2021-02-01' } }, []],
      ['a 31 April deadline', { due: { rule: 'fixedDate', month: 4, day: 31 } }, ['schedules[0].due']],
      ['a 29 February deadline', { due: { rule: 'fixedDate', month: 2, day: 29 } }, ['schedules[0].due']],
      ['a deadline 20 days into the last month', { due: { rule: 'dayOfLastMonth', day: 20, before: false } }, []],
    ])('%s', (_, s, expected) => {
      expect(paths(withSchedule(s))).toEqual(expected);
    });

    it.each<[string, Schedule['reportTo'], string[]]>([
      ['Quận 10 itself', '771', []],
      ['its Phòng Nội vụ, inside its subtree', '771-NV', []],
      ['TP.HCM, above it', '79', []],
      ['Quận 10 and TP.HCM', ['771', '79'], []],
      ['Quận 5, a sibling district', '774', ['schedules[0].reportTo']],
      ['a ward of Quận 5', '27301', ['schedules[0].reportTo']],
      ['an unknown unit', '999', ['schedules[0].reportTo']],
      ['Quận 10 and Quận 5', ['771', '774'], ['schedules[0].reportTo[1]']],
    ])('reports going to %s', (_, reportTo, expected) => {
      expect(paths(withSchedule({ reportTo }))).toEqual(expected);
    });

    it('says why a sibling district cannot receive the reports', () => {
      const [problem] = check(withSchedule({ reportTo: '774' }));
      expect(problem!.message.en).toContain('774');
      expect(problem!.message.vi).toContain('không thể nhận và xử lý báo cáo');
    });

    it('refuses an intermediary office that does not exist', () => {
      expect(paths(withSchedule({ via: '771-XX' }))).toEqual(['schedules[0].via']);
      expect(paths(withSchedule({ via: null }))).toEqual([]);
    });

    it.each<[string, Schedule['aggregation'], string[]]>([
      ['the largest of a count', { KNTC_TIEP_NHAN: 'max' }, []],
      ['the mean of two counts', { KNTC_TIEP_NHAN: 'avg', KNTC_DA_GIAI_QUYET: 'avg' }, []],
      ['an average of a percent', { TTHC_DUNG_HAN: 'avg' }, ['schedules[0].aggregation.TTHC_DUNG_HAN']],
      ['the sum of a yes/no', { CONG_KHAI_HO_NGHEO: 'sum' }, ['schedules[0].aggregation.CONG_KHAI_HO_NGHEO']],
      ['an unknown indicator', { SO_HOI_NGHI: 'sum' }, ['schedules[0].aggregation.SO_HOI_NGHI']],
    ])('aggregation: %s', (_, aggregation, expected) => {
      expect(paths(withSchedule({ aggregation }))).toEqual(expected);
    });

    it('explains that only counts and numbers choose their aggregation', () => {
      const [problem] = check(withSchedule({ aggregation: { TTHC_DUNG_HAN: 'avg' } }));
      expect(problem!.message.en).toMatch(/TTHC_DUNG_HAN is a percent indicator/);
    });

    it('numbers the schedule a problem is in', () => {
      const plan = papi({ schedules: [sixMonths, { ...sixMonths, code: 'NAM', periodType: 'year', only: undefined, reportTo: '774' }] });
      expect(paths(plan)).toEqual(['schedules[1].reportTo']);
    });
  });

  describe('validation rules', () => {
    it.each<[string, NonNullable<PlanInput['validationRules']>, string[]]>([
      ['two counts', [{ left: 'KNTC_DA_GIAI_QUYET', op: '<=', right: 'KNTC_TIEP_NHAN' }], []],
      ['a percent and a count', [{ left: 'TTHC_DUNG_HAN', op: '>=', right: 'KNTC_TIEP_NHAN' }], []],
      ['an unknown left side', [{ left: 'SO_HOI_NGHI', op: '<=', right: 'KNTC_TIEP_NHAN' }], ['validationRules[0].left']],
      ['an unknown right side', [{ left: 'KNTC_DA_GIAI_QUYET', op: '<=', right: 'KNTC' }], ['validationRules[0].right']],
      ['a yes/no', [{ left: 'CONG_KHAI_HO_NGHEO', op: '=', right: 'KNTC_TIEP_NHAN' }], ['validationRules[0].left']],
      ['a text', [{ left: 'KNTC_TIEP_NHAN', op: '=', right: 'KHO_KHAN' }], ['validationRules[0].right']],
      ['two bad rules', [{ left: 'A', op: '<', right: 'B' }, { left: 'KNTC_TIEP_NHAN', op: '<', right: 'KHO_KHAN' }],
        ['validationRules[0].left', 'validationRules[0].right', 'validationRules[1].right']],
    ])('%s', (_, validationRules, expected) => {
      expect(paths(papi({ validationRules }))).toEqual(expected);
    });
  });

  it('lists every problem at once', () => {
    const plan = papi({
      years: [2021, 2021],
      indicators: [{ code: 'TTHC_DUNG_HAN', name: 'Tỷ lệ', kind: 'percent', target: { op: '>', value: 120 } }],
      schedules: [{ ...sixMonths, appliesTo: { level: 'hamlet' }, reportTo: '774', aggregation: { TTHC_DUNG_HAN: 'sum' } }],
      validationRules: [],
    });
    expect(paths(plan)).toEqual([
      'years[1]', 'indicators[0].target.value', 'schedules[0].appliesTo.level', 'schedules[0].reportTo', 'schedules[0].aggregation.TTHC_DUNG_HAN',
    ]);
  });
});

describe('namedUnits and namedLevels', () => {
  const plan = papi({
    tasks: [{ code: 'T1', title: 'Tuyên truyền', assignees: { units: ['27163', '771-TP'] } }, { code: 'T2', title: 'Hòa giải', assignees: { level: 'commune' } }],
    schedules: [
      { ...sixMonths, appliesTo: { units: ['27166'] }, reportTo: ['771', '79'], via: '771-NV' },
      { ...sixMonths, code: 'NAM', periodType: 'year', only: undefined, appliesTo: { level: 'department' }, reportTo: '771', via: null },
    ],
  });

  it('gathers every unit code the plan names: assignees, units, recipients and intermediaries', () => {
    expect([...namedUnits(plan)].sort()).toEqual(['27163', '27166', '771', '771-NV', '771-TP', '79']);
  });

  it('gathers every level its selectors name', () => {
    expect([...namedLevels(plan)].sort()).toEqual(['commune', 'department']);
  });
});

describe('selectorCovers and appliesTo', () => {
  it.each<[string, UnitSelector, UnitFact, boolean]>([
    ['a ward of Quận 10 by level', { level: 'commune' }, PHUONG_15, true],
    ['an office by the wards’ level', { level: 'commune' }, NOI_VU, false],
    ['a ward of Quận 5 by level', { level: 'commune' }, PHUONG_4_Q5, false],
    ['Quận 10 itself by its own level', { level: 'district' }, QUAN_10, false],
    ['a listed ward', { units: ['27163', '27166'] }, PHUONG_13, true],
    ['an unlisted ward', { units: ['27163'] }, PHUONG_13, false],
  ])('%s: %s', (_, sel, unit, covered) => {
    expect(selectorCovers(sel, QUAN_10, unit)).toBe(covered);
  });

  const doc = planDocOf(papi({ tasks: [{ code: 'T1', title: 'Tuyên truyền', assignees: { units: ['771-TP'] } }] }), withScheduleIds([sixMonths], [], () => 'sc_1'));

  it.each<[string, UnitFact, boolean]>([
    ['a ward with a report to make', PHUONG_15, true],
    ['an office with a task', TU_PHAP, true],
    ['an office with nothing to do', NOI_VU, false],
    ['a ward of another district', PHUONG_4_Q5, false],
  ])('the plan applies to %s: %s', (_, unit, applies) => {
    expect(appliesTo(doc, QUAN_10, unit)).toBe(applies);
  });
});

describe('withScheduleIds', () => {
  const stored: StoredSchedule[] = [{ ...sixMonths, id: 'sc_6t' }, { ...sixMonths, code: 'Q', periodType: 'quarter', only: undefined, id: 'sc_q' }];
  let n = 0;
  const newId = () => `sc_new${++n}`;

  it('keeps each schedule’s id by its code and gives a new one to a new schedule', () => {
    n = 0;
    const edited = withScheduleIds([{ ...sixMonths, name: 'Báo cáo sơ kết 6 tháng' }, { ...sixMonths, code: 'NAM', periodType: 'year', only: undefined }], stored, newId);
    expect(edited.map((s) => [s.code, s.id, s.name])).toEqual([['6T', 'sc_6t', 'Báo cáo sơ kết 6 tháng'], ['NAM', 'sc_new1', 'Báo cáo 6 tháng']]);
  });

  it('gives every schedule of a new plan a fresh id', () => {
    n = 0;
    expect(withScheduleIds([sixMonths, { ...sixMonths, code: 'NAM' }], [], newId).map((s) => s.id)).toEqual(['sc_new1', 'sc_new2']);
  });
});

describe('planDocOf', () => {
  const schedules = withScheduleIds([sixMonths], [], () => 'sc_1');

  it('stores the years in order, without changing the input', () => {
    const input = papi({ years: [2021, 2019, 2020] });
    expect(planDocOf(input, schedules).years).toEqual([2019, 2020, 2021]);
    expect(input.years).toEqual([2021, 2019, 2020]);
  });

  it('keeps what the plan says and the schedules with their ids', () => {
    const doc = planDocOf(papi({ basisText: ['Căn cứ Kế hoạch số 4529/KH-UBND ngày 16/12/2019 của UBND Thành phố'] }), schedules);
    expect(doc).toMatchObject({ number: 'KH-PAPI/Q10', issuer: '771', issuedOn: '2020-09-01', schedules: [{ code: '6T', id: 'sc_1' }] });
    expect(doc.basisText).toHaveLength(1);
    expect(doc.validationRules).toHaveLength(1);
  });

  it('leaves out empty "Căn cứ" lines and absent criteria', () => {
    const doc = planDocOf(papi({ basisText: [], validationRules: undefined }), schedules);
    expect(doc).not.toHaveProperty('basisText');
    expect(doc).not.toHaveProperty('criteria');
    expect(doc).not.toHaveProperty('validationRules');
  });
});

describe('schedulePeriods', () => {
  it('seed 002: the 6-month report S1 due "trước ngày 15/5" falls due at 00:00 on 15 May in Việt Nam', () => {
    expect(schedulePeriods(sixMonths, [2020, 2021], TZ, NO_HOLIDAYS)).toEqual([
      { period: '2020S1', dueAt: '2020-05-14T17:00:00.000Z' },
      { period: '2021S1', dueAt: '2021-05-14T17:00:00.000Z' },
    ]);
  });

  it('gives each quarter of each year its deadline, in order', () => {
    const quarterly = { periodType: 'quarter', due: { rule: 'dayOfLastMonth', day: 20, before: false } } as const;
    expect(schedulePeriods(quarterly, [2021], TZ, NO_HOLIDAYS)).toEqual([
      { period: '2021Q1', dueAt: '2021-03-20T17:00:00.000Z' },
      { period: '2021Q2', dueAt: '2021-06-20T17:00:00.000Z' },
      { period: '2021Q3', dueAt: '2021-09-20T17:00:00.000Z' },
      { period: '2021Q4', dueAt: '2021-12-20T17:00:00.000Z' },
    ]);
  });

  it('a one-off schedule has the one period ONCE, however many years the plan spans', () => {
    const plan = { periodType: 'once', due: { rule: 'date', date: '2021-02-01', before: true } } as const;
    expect(schedulePeriods(plan, [2020, 2021], TZ, NO_HOLIDAYS)).toEqual([{ period: 'ONCE', dueAt: '2021-01-31T17:00:00.000Z' }]);
  });

  it('moves a deadline past a holiday and the weekend when asked', () => {
    // the last allowed day, Friday 14 May 2021, is a holiday here: Saturday and Sunday follow, so Monday 17 May
    const shifted = { ...sixMonths, shiftToWorkingDay: true };
    expect(schedulePeriods(shifted, [2021], TZ, new Set(['2021-05-14']))).toEqual([{ period: '2021S1', dueAt: '2021-05-17T17:00:00.000Z' }]);
    expect(schedulePeriods(shifted, [2021], TZ, NO_HOLIDAYS)).toEqual([{ period: '2021S1', dueAt: '2021-05-14T17:00:00.000Z' }]);
  });
});

describe('derivedPlan: TP.HCM’s plan cascades to Quận 10', () => {
  const cityPlan: PlanDoc = planDocOf({
    number: '4529/KH-UBND', title: 'Nâng cao Chỉ số PAPI của Thành phố', issuer: '79', issuedOn: '2020-06-01', years: [2021, 2020],
    tasks: [
      { code: 'T1', title: 'Quán triệt đến các phường', assignees: { level: 'commune' } },
      { code: 'T2', title: 'Báo cáo của các quận', assignees: { level: 'district' } },
      { code: 'T3', title: 'Giao cho một số đơn vị', assignees: { units: ['771', '27163', '27301', '771-NV'] } },
      { code: 'T4', title: 'Giao cho Quận 5', assignees: { units: ['27301'] } },
    ],
    indicators: papi().indicators,
    criteria: [{ code: 'C1', name: 'Tuyên truyền', maxPoints: 2 }],
  }, [{ ...sixMonths, id: 'sc_city', appliesTo: { level: 'district' }, reportTo: '79', via: '79-NV' }]);

  const f: DeriveFacts = {
    unit: QUAN_10,
    childLevel: 'commune',
    levelsBelow: new Set(['commune']),
    listed: new Map([['771', QUAN_10], ['27163', PHUONG_15], ['27301', PHUONG_4_Q5], ['771-NV', NOI_VU]]),
  };
  let n = 0;
  const derived = derivedPlan(cityPlan, f, '2020-09-01', () => `sc_q10_${++n}`);

  it('is issued by Quận 10, numbered after the source', () => {
    expect(derived).toMatchObject({ issuer: '771', issuedOn: '2020-09-01', number: '/KH-UBND', title: cityPlan.title, years: [2020, 2021] });
  });

  it('keeps a level that occurs below Quận 10', () => {
    expect(derived.tasks[0]!.assignees).toEqual({ level: 'commune' });
  });

  it('puts a level absent below Quận 10 on its commonest child level', () => {
    expect(derived.tasks[1]!.assignees).toEqual({ level: 'commune' });
    expect(derived.schedules[0]!.appliesTo).toEqual({ level: 'commune' });
  });

  it('keeps only the listed units inside Quận 10, not Quận 10 itself', () => {
    expect(derived.tasks[2]!.assignees).toEqual({ units: ['27163', '771-NV'] });
  });

  it('a list with nobody inside falls back to the child level', () => {
    expect(derived.tasks[3]!.assignees).toEqual({ level: 'commune' });
  });

  it('reports go to Quận 10 directly, with new schedule ids', () => {
    expect(derived.schedules).toHaveLength(1);
    expect(derived.schedules[0]).toMatchObject({ code: '6T', reportTo: '771', via: null, id: 'sc_q10_1', due: sixMonths.due, reminders: sixMonths.reminders });
  });

  it('keeps the indicators and criteria as they are', () => {
    expect(derived.indicators).toEqual(cityPlan.indicators);
    expect(derived.criteria).toEqual(cityPlan.criteria);
  });

  it('leaves the source plan alone', () => {
    expect(cityPlan.schedules[0]).toMatchObject({ id: 'sc_city', reportTo: '79', via: '79-NV', appliesTo: { level: 'district' } });
    expect(cityPlan.issuer).toBe('79');
  });

  it('a unit with no children takes the work itself', () => {
    const leaf: DeriveFacts = { unit: PHUONG_15, childLevel: null, levelsBelow: new Set(), listed: new Map() };
    const own = derivedPlan(cityPlan, leaf, '2020-10-01', () => 'sc_p15');
    expect(own.tasks.map((t) => t.assignees)).toEqual([{ units: ['27163'] }, { units: ['27163'] }, { units: ['27163'] }, { units: ['27163'] }]);
    expect(own.schedules[0]).toMatchObject({ appliesTo: { units: ['27163'] }, reportTo: '27163', via: null });
    expect(own.number).toBe('/KH-UBND');
  });

  it('passes its own checks as Quận 10’s plan', () => {
    const { schedules, ...rest } = derived;
    const input: PlanInput = { ...rest, schedules: schedules.map(({ id: _id, ...s }) => s) };
    const known = new Map([QUAN_10, PHUONG_15, NOI_VU].map((u) => [u.code, u]));
    expect(check(input, { issuer: QUAN_10, units: known, levelsBelowIssuer: new Set(['commune', 'department']) })).toEqual([]);
  });
});

describe('draftNumber: a derived draft is numbered as an office writes one before signing', () => {
  it('leaves the number blank for the register, with the body: a committee, or the office of the plan it follows', () => {
    expect(draftNumber('4529/KH-UBND', 'district')).toBe('/KH-UBND');
    expect(draftNumber('59/KH-MTTQ-BTT', 'commune')).toBe('/KH-UBND');
    expect(draftNumber('59/KH-MTTQ-BTT', 'department')).toBe('/KH-MTTQ-BTT');
    expect(draftNumber('KH-PAPI/Q10', 'department')).toBe('/KH-PAPI/Q10');
  });
});
