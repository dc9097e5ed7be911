/**
 * The checks of a report shared by the Worker and the add-on (schemas/report-check.ts):
 * (1) `checkReport` against a plan — kinds, the three states of an answer (DESIGN §13), submit rules — with plan
 *     shapes from the demo seeds;
 * (2) `checkReportShape`, the ReportPut schema written by hand, proven to accept and refuse the same bodies as zod.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIMITS, TASK_STATUSES } from '../../../schemas/limits';
import { checkReport, checkReportShape, type CheckedPlan, type PlanIndicator, type PlanRule, type TaskInput, type ValueInput } from '../../../schemas/report-check';
import { ReportPut } from '../../../schemas/reports';
import type { FieldProblem } from '../../../schemas/text';
import demoPlans from '../../../worker/demo/plans.json';

function seed(key: string): CheckedPlan {
  const p = demoPlans.find((x) => x.key === key);
  if (!p) throw new Error(`no demo plan ${key}`);
  return {
    indicators: p.indicators as PlanIndicator[],
    tasks: p.tasks.map((task) => ({ code: task.code })),
    validationRules: ('validationRules' in p ? p.validationRules : undefined) as PlanRule[] | undefined,
  };
}

/** Seed 001's administrative-reform indicators (nine rates with targets, two counts), as Quận 10 passes them to its wards. */
const reform = seed('seed001');
/** Seed 002: Quận 10's PAPI plan, with its rule "đã giải quyết ≤ tiếp nhận". */
const papi = seed('seed002');
/** Seed 004 (count, percent, boolean, text) plus a number and a ratio, so that every kind is here; nothing required. */
const numberAndRatio: PlanIndicator[] = [
  { code: 'KINH_PHI', name: 'Kinh phí thực hiện', kind: 'number' },
  { code: 'CBCC_MOI_QUAY', name: 'Cán bộ trên một quầy tiếp dân', kind: 'ratio' },
];
const everyKind: CheckedPlan = {
  indicators: [...seed('seed004').indicators, ...numberAndRatio].map((ind) => ({ ...ind, required: false })),
  tasks: seed('seed004').tasks,
};

function bilingual(problems: FieldProblem[]) {
  for (const p of problems) {
    expect(p.message.en, p.path).not.toBe('');
    expect(p.message.vi, p.path).not.toBe('');
    expect(p.message.vi, p.path).not.toBe(p.message.en);
  }
}
const run = (plan: CheckedPlan, values: ValueInput[], submit = false, tasks: TaskInput[] = []) => {
  const r = checkReport(plan, { values, tasks }, submit);
  bilingual(r.problems.filter((p) => !p.path.startsWith('validationRules')));
  return r;
};
const paths = (plan: CheckedPlan, values: ValueInput[], submit = false, tasks: TaskInput[] = []) => run(plan, values, submit, tasks).problems.map((p) => p.path);
/** Input as a client may send it: the checks must not trust the TypeScript types. */
const loose = (x: Record<string, unknown>) => x as unknown as ValueInput;

describe('a Quận 10 ward submits the reform report, one indicator not applicable', () => {
  const NO_ONLINE = 'Phường không có dịch vụ công trực tuyến mức 4';
  const answers: ValueInput[] = [
    { indicator: 'TTHC_DUNG_HAN', numerator: 289, denominator: 300 },
    { indicator: 'TTHC_NHA_DAT', numerator: 49, denominator: 50 },
    { indicator: 'TTHC_LINH_VUC_KHAC', numerator: 240, denominator: 240 },
    { indicator: 'CONG_KHAI_HAI_LONG', numerator: 1, denominator: 1 },
    { indicator: 'TTHC_DVC_MUC_3_4', numerator: 7, denominator: 25 },
    { indicator: 'HS_TRUC_TUYEN', na: true, note: NO_ONLINE },
    { indicator: 'HS_MOT_CUA_DIEN_TU', numerator: 300, denominator: 300 },
    { indicator: 'HKD_TRUC_TUYEN', numerator: 12, denominator: 20 },
    { indicator: 'TRA_KQ_BUU_CHINH', numerator: 45, denominator: 300 },
    { indicator: 'BAI_PHAT_THANH', value: 4 },
    { indicator: 'LOP_TAP_HUAN', value: 0 },
  ];
  const tasks: TaskInput[] = [
    { task: 'T1', status: 'done', result: 'Đã niêm yết công khai 100% thủ tục hành chính' },
    { task: 'T2', status: 'in_progress', difficulties: 'Thiếu máy scan hồ sơ' },
    { task: 'T3', status: 'not_started', proposals: 'Đề nghị quận hỗ trợ tập huấn' },
    { task: 'T4' },
  ];
  const r = run(reform, answers, true, tasks);
  const row = (code: string) => r.values.find((v) => v.indicator === code)!;

  it('is accepted', () => {
    expect(r.problems).toEqual([]);
    expect(r.values).toHaveLength(11);
  });

  it('stores "online files" as not applicable, with the reason', () => {
    expect(row('HS_TRUC_TUYEN')).toEqual({
      indicator: 'HS_TRUC_TUYEN', kind: 'percent', value: null, numerator: null, denominator: null, text: null, note: NO_ONLINE, na: 1, met: null,
    });
  });

  it('computes each rate and whether it meets its target', () => {
    expect(row('TTHC_DUNG_HAN')).toMatchObject({ numerator: 289, denominator: 300, na: 0, met: 1 }); // > 95 %
    expect(row('TTHC_DUNG_HAN').value).toBeCloseTo(96.3333333333, 9);
    expect(row('TTHC_NHA_DAT')).toMatchObject({ value: 98, met: 1 }); // ≥ 98 %, exactly
    expect(row('TTHC_DVC_MUC_3_4')).toMatchObject({ value: 28, met: 0 }); // > 30 %
    expect(row('TRA_KQ_BUU_CHINH')).toMatchObject({ value: 15, met: 1 }); // ≥ 15 %, exactly
  });

  it('keeps a zero count as 0, never as no data', () => {
    expect(row('LOP_TAP_HUAN')).toMatchObject({ value: 0, met: null });
  });

  it('without the reason the ward is asked for one', () => {
    const noReason = answers.map((a) => (a.indicator === 'HS_TRUC_TUYEN' ? { indicator: 'HS_TRUC_TUYEN', na: true } : a));
    const problems = run(reform, noReason, true, tasks).problems;
    expect(problems.map((p) => p.path)).toEqual(['values[5].note']);
    expect(problems[0]!.message.vi).toContain('Tỷ lệ hồ sơ giải quyết trực tuyến');
  });

  it('leaving it out altogether, the submission names what is missing', () => {
    const problems = run(reform, answers.filter((a) => a.indicator !== 'HS_TRUC_TUYEN'), true, tasks).problems;
    expect(problems.map((p) => p.path)).toEqual(['values']);
    expect(problems[0]!.message.en).toContain('HS_TRUC_TUYEN');
    expect(problems[0]!.message.vi).toContain('Tỷ lệ hồ sơ giải quyết trực tuyến trên tổng số hồ sơ giải quyết TTHC');
  });

  it('as a draft, the half-filled report is kept', () => {
    const r2 = run(reform, answers.slice(0, 3), false);
    expect(r2.problems).toEqual([]);
    expect(r2.values.map((v) => v.indicator)).toEqual(['TTHC_DUNG_HAN', 'TTHC_NHA_DAT', 'TTHC_LINH_VUC_KHAC']);
  });
});

describe('values by kind', () => {
  const one = (v: ValueInput) => run(everyKind, [v]);

  it.each<[string, ValueInput, Record<string, unknown>]>([
    ['a count', { indicator: 'THU_XIN_LOI', value: 3 }, { kind: 'count', value: 3 }],
    ['a count of 0', { indicator: 'THU_XIN_LOI', value: 0 }, { value: 0 }],
    ['a number', { indicator: 'KINH_PHI', value: 12.5 }, { kind: 'number', value: 12.5 }],
    ['a negative number', { indicator: 'KINH_PHI', value: -3 }, { value: -3 }],
    ['a percent', { indicator: 'TY_LE_HAI_LONG', numerator: 7, denominator: 25 }, { kind: 'percent', value: 28, numerator: 7, denominator: 25 }],
    ['a percent of 0', { indicator: 'TY_LE_HAI_LONG', numerator: 0, denominator: 40 }, { value: 0 }],
    ['a percent of 100', { indicator: 'TY_LE_HAI_LONG', numerator: 40, denominator: 40 }, { value: 100 }],
    ['a ratio', { indicator: 'CBCC_MOI_QUAY', numerator: 3, denominator: 12 }, { kind: 'ratio', value: 0.25 }],
    ['yes', { indicator: 'HOM_THU_GOP_Y', value: true }, { kind: 'boolean', value: 1 }],
    ['no', { indicator: 'HOM_THU_GOP_Y', value: false }, { value: 0 }],
    ['a text', { indicator: 'KHO_KHAN', value: 'Thiếu kinh phí in tờ rơi' }, { kind: 'text', value: null, text: 'Thiếu kinh phí in tờ rơi' }],
    ['a text at the limit', { indicator: 'KHO_KHAN', value: 'ư'.repeat(LIMITS.text) }, { kind: 'text' }],
    ['a note with a value', { indicator: 'THU_XIN_LOI', value: 2, note: 'Gửi qua bưu điện' }, { note: 'Gửi qua bưu điện' }],
    ['a note at the limit', { indicator: 'THU_XIN_LOI', value: 2, note: 'ghi'.repeat(LIMITS.note / 2).slice(0, LIMITS.note) }, { value: 2 }],
  ])('accepts %s', (_, v, row) => {
    const r = one(v);
    expect(r.problems).toEqual([]);
    expect(r.values).toHaveLength(1);
    expect(r.values[0]).toMatchObject({ indicator: v.indicator, na: 0, ...row });
  });

  it('gives exact whole percentages: 7/25 is 28, not 28.000000000000004', () => {
    expect(one({ indicator: 'TY_LE_HAI_LONG', numerator: 7, denominator: 25 }).values[0]!.value).toBe(28);
    expect(one({ indicator: 'TY_LE_HAI_LONG', numerator: 29, denominator: 50 }).values[0]!.value).toBe(58);
    expect(one({ indicator: 'TY_LE_HAI_LONG', numerator: 289, denominator: 300 }).values[0]!.value).toBeCloseTo(96.33333333333, 10);
  });

  it.each<[string, ValueInput, string[]]>([
    ['a negative count', { indicator: 'THU_XIN_LOI', value: -1 }, ['values[0].value']],
    ['a fractional count', { indicator: 'THU_XIN_LOI', value: 2.5 }, ['values[0].value']],
    ['a count as text', loose({ indicator: 'THU_XIN_LOI', value: '3' }), ['values[0].value']],
    ['a count as yes', { indicator: 'THU_XIN_LOI', value: true }, ['values[0].value']],
    ['a count with a numerator', { indicator: 'THU_XIN_LOI', value: 3, numerator: 3 }, ['values[0].numerator']],
    ['a number as text', { indicator: 'KINH_PHI', value: '12,5' }, ['values[0].value']],
    ['a number that is not finite', { indicator: 'KINH_PHI', value: Infinity }, ['values[0].value']],
    ['a percent given as value', { indicator: 'TY_LE_HAI_LONG', value: 95 }, ['values[0].value']],
    ['a percent as value and fraction', { indicator: 'TY_LE_HAI_LONG', value: 95, numerator: 95, denominator: 100 }, ['values[0].value']],
    ['a numerator above the denominator', { indicator: 'TY_LE_HAI_LONG', numerator: 101, denominator: 100 }, ['values[0].numerator']],
    ['a negative numerator', { indicator: 'TY_LE_HAI_LONG', numerator: -1, denominator: 100 }, ['values[0].numerator']],
    ['a zero denominator', { indicator: 'TY_LE_HAI_LONG', numerator: 0, denominator: 0 }, ['values[0].denominator']],
    ['a negative denominator', { indicator: 'TY_LE_HAI_LONG', numerator: 1, denominator: -4 }, ['values[0].denominator']],
    ['a numerator alone', { indicator: 'TY_LE_HAI_LONG', numerator: 40 }, ['values[0].denominator']],
    ['a denominator alone', { indicator: 'TY_LE_HAI_LONG', denominator: 40 }, ['values[0].numerator']],
    ['a ratio given as value', { indicator: 'CBCC_MOI_QUAY', value: 0.25 }, ['values[0].value']],
    ['yes as 1', { indicator: 'HOM_THU_GOP_Y', value: 1 }, ['values[0].value']],
    ['yes as "có"', { indicator: 'HOM_THU_GOP_Y', value: 'có' }, ['values[0].value']],
    ['a text as a number', { indicator: 'KHO_KHAN', value: 5 }, ['values[0].value']],
    ['a text one past the limit', { indicator: 'KHO_KHAN', value: 'ư'.repeat(LIMITS.text + 1) }, ['values[0].value']],
    ['a note one past the limit', { indicator: 'THU_XIN_LOI', value: 2, note: 'x'.repeat(LIMITS.note + 1) }, ['values[0].note']],
    ['a note that is a number', loose({ indicator: 'THU_XIN_LOI', value: 2, note: 7 }), ['values[0].note']],
  ])('refuses %s', (_, v, expected) => {
    const r = one(v);
    expect(r.problems.map((p) => p.path)).toEqual(expected);
    expect(r.values).toEqual([]);
  });

  it('says what to enter for a rate, with an example', () => {
    const [problem] = one({ indicator: 'TY_LE_HAI_LONG', value: 95 }).problems;
    expect(problem!.message.vi).toContain('nhập tử số và mẫu số');
    expect(problem!.message.vi).toContain('Tỷ lệ');
  });

  it('writes the limit of a text as Vietnamese write numbers', () => {
    const [problem] = one({ indicator: 'KHO_KHAN', value: 'a'.repeat(LIMITS.text + 1) }).problems;
    expect(problem!.message.vi).toContain('2.000');
    expect(problem!.message.vi).toContain('2.001');
    expect(problem!.message.en).toContain('2,000');
  });
});

describe('the three states of an answer (DESIGN §13)', () => {
  it.each<[string, ValueInput]>([
    ['absent value', { indicator: 'THU_XIN_LOI' }],
    ['null value', { indicator: 'THU_XIN_LOI', value: null }],
    ['empty value', { indicator: 'THU_XIN_LOI', value: '' }],
    ['an empty rate', { indicator: 'TY_LE_HAI_LONG', numerator: null, denominator: null }],
  ])('no data (%s) is neither a problem in a draft nor a row', (_, v) => {
    const r = run(everyKind, [v]);
    expect(r.problems).toEqual([]);
    expect(r.values).toEqual([]);
  });

  it('no data with a note keeps the note', () => {
    expect(run(everyKind, [{ indicator: 'THU_XIN_LOI', note: 'Số liệu đang tổng hợp' }]).values).toEqual([
      { indicator: 'THU_XIN_LOI', kind: 'count', value: null, numerator: null, denominator: null, text: null, note: 'Số liệu đang tổng hợp', na: 0, met: null },
    ]);
  });

  it('not applicable with its reason is a row marked na: 1, for every kind', () => {
    const r = run(everyKind, everyKind.indicators.map((ind) => ({ indicator: ind.code, na: true, note: 'Đơn vị không có nhiệm vụ này' })));
    expect(r.problems).toEqual([]);
    expect(r.values).toHaveLength(everyKind.indicators.length);
    expect(r.values.every((v) => v.na === 1 && v.value === null && v.text === null && v.met === null)).toBe(true);
  });

  it.each<[string, ValueInput, string[]]>([
    ['without a note', { indicator: 'THU_XIN_LOI', na: true }, ['values[0].note']],
    ['with an empty note', { indicator: 'THU_XIN_LOI', na: true, note: '' }, ['values[0].note']],
    ['with a blank note', { indicator: 'THU_XIN_LOI', na: true, note: '   ' }, ['values[0].note']],
    ['with a value too', { indicator: 'THU_XIN_LOI', na: true, note: 'Không có', value: 0 }, ['values[0].value']],
    ['with a fraction too', { indicator: 'TY_LE_HAI_LONG', na: true, note: 'Không có', numerator: 0, denominator: 1 }, ['values[0].numerator', 'values[0].denominator']],
    ['with a text too', { indicator: 'KHO_KHAN', na: true, note: 'Không có', value: 'Không' }, ['values[0].value']],
    ['with a note one past the limit', { indicator: 'THU_XIN_LOI', na: true, note: 'x'.repeat(LIMITS.note + 1) }, ['values[0].note']],
  ])('not applicable %s is refused', (_, v, expected) => {
    const r = run(everyKind, [v]);
    expect(r.problems.map((p) => p.path)).toEqual(expected);
    expect(r.values).toEqual([]);
  });

  it('na: false is an ordinary answer', () => {
    expect(run(everyKind, [{ indicator: 'THU_XIN_LOI', na: false, value: 4 }]).values[0]).toMatchObject({ value: 4, na: 0 });
  });
});

describe('on submit', () => {
  it('every indicator must be answered, each missing one named', () => {
    const problems = run(papi, [{ indicator: 'TTHC_DUNG_HAN', numerator: 95, denominator: 100 }], true).problems;
    expect(problems).toHaveLength(papi.indicators.length - 1);
    expect(problems.every((p) => p.path === 'values')).toBe(true);
    expect(problems.map((p) => p.message.en).join('\n')).toContain('THU_XIN_LOI');
    expect(problems.map((p) => p.message.vi).join('\n')).toContain('Số Thư xin lỗi đã gửi do giải quyết hồ sơ trễ hạn');
  });

  it('an indicator the plan marks "required": false may be left out', () => {
    const plan: CheckedPlan = { tasks: [], indicators: [{ code: 'A', name: 'Số hội nghị', kind: 'count' }, { code: 'B', name: 'Ghi chú thêm', kind: 'text', required: false }] };
    expect(paths(plan, [{ indicator: 'A', value: 1 }], true)).toEqual([]);
    expect(paths(plan, [{ indicator: 'B', value: 'x' }], true)).toEqual(['values']);
  });

  it('a wrong value is named where it is, not again as missing', () => {
    const plan: CheckedPlan = { tasks: [], indicators: [{ code: 'A', name: 'Số hội nghị', kind: 'count' }] };
    expect(paths(plan, [{ indicator: 'A', value: -1 }], true)).toEqual(['values[0].value']);
  });

  it('a draft may leave everything out', () => {
    expect(paths(papi, [], false)).toEqual([]);
  });
});

describe('validation rules: checked on submit only', () => {
  const allOf = (over: Record<string, number>): ValueInput[] =>
    papi.indicators.map((ind) => (ind.kind === 'percent' ? { indicator: ind.code, numerator: 9, denominator: 10 }
      : ind.kind === 'boolean' ? { indicator: ind.code, value: true } : { indicator: ind.code, value: over[ind.code] ?? 1 }));

  it('refuses more complaints settled than received, with the plan’s own words', () => {
    const problems = run(papi, allOf({ KNTC_TIEP_NHAN: 3, KNTC_DA_GIAI_QUYET: 5 }), true).problems;
    expect(problems.map((p) => p.path)).toEqual(['validationRules[0]']);
    expect(problems[0]!.message.vi).toBe('Số đơn đã giải quyết không thể lớn hơn số đơn tiếp nhận');
  });

  it('accepts as many settled as received', () => {
    expect(paths(papi, allOf({ KNTC_TIEP_NHAN: 5, KNTC_DA_GIAI_QUYET: 5 }), true)).toEqual([]);
  });

  it('does not hold a draft to it', () => {
    expect(paths(papi, allOf({ KNTC_TIEP_NHAN: 3, KNTC_DA_GIAI_QUYET: 5 }), false)).toEqual([]);
  });

  it('skips a rule when one side has no data', () => {
    const plan: CheckedPlan = { ...papi, indicators: papi.indicators.map((i) => ({ ...i, required: false })) };
    expect(paths(plan, [{ indicator: 'KNTC_DA_GIAI_QUYET', value: 5 }], true)).toEqual([]);
  });

  it('states a rule without a message in both languages, with the figures', () => {
    const plan: CheckedPlan = { tasks: [], indicators: [{ code: 'A', name: 'Tiếp nhận', kind: 'number' }, { code: 'B', name: 'Giải quyết', kind: 'number' }], validationRules: [{ left: 'B', op: '<=', right: 'A' }] };
    const [problem] = run(plan, [{ indicator: 'A', value: 2.5 }, { indicator: 'B', value: 3.5 }], true).problems;
    expect(problem).toEqual({ path: 'validationRules[0]', message: { en: 'B (3.5) must be <= A (2.5)', vi: 'B (3,5) phải <= A (2,5)' } });
  });
});

describe('codes and tasks', () => {
  it('refuses an indicator the plan does not have', () => {
    const r = run(everyKind, [{ indicator: 'SO_HOI_NGHI', value: 1 }]);
    expect(r.problems.map((p) => p.path)).toEqual(['values[0].indicator']);
    expect(r.values).toEqual([]);
  });

  it('refuses an indicator given twice, checks the repeat, and counts only the first', () => {
    const r = run(everyKind, [{ indicator: 'THU_XIN_LOI', value: 1 }, { indicator: 'KINH_PHI', value: 2 }, { indicator: 'THU_XIN_LOI', value: -7 }]);
    expect(r.problems.map((p) => p.path)).toEqual(['values[2].indicator', 'values[2].value']);
    expect(r.problems[0]!.message.en).toContain('values[0]');
    expect(r.values.map((v) => [v.indicator, v.value])).toEqual([['THU_XIN_LOI', 1], ['KINH_PHI', 2]]);
  });

  it.each<[string, TaskInput[], string[]]>([
    ['every status', TASK_STATUSES.map((status, i) => ({ task: `T${i + 1}`, status })), []],
    ['no status', [{ task: 'T1', status: null }], []],
    ['texts at their limit', [{ task: 'T1', result: 'r'.repeat(LIMITS.taskText), difficulties: 'd'.repeat(LIMITS.taskText), proposals: 'p'.repeat(LIMITS.taskText) }], []],
    ['an unknown task', [{ task: 'T99' }], ['tasks[0].task']],
    ['a task twice', [{ task: 'T1' }, { task: 'T1' }], ['tasks[1].task']],
    ['an unknown status', [{ task: 'T1', status: 'finished' as TaskInput['status'] }], ['tasks[0].status']],
    ['a result one past the limit', [{ task: 'T1', result: 'r'.repeat(LIMITS.taskText + 1) }], ['tasks[0].result']],
    ['difficulties one past the limit', [{ task: 'T1', difficulties: 'd'.repeat(LIMITS.taskText + 1) }], ['tasks[0].difficulties']],
    ['proposals one past the limit', [{ task: 'T1', proposals: 'p'.repeat(LIMITS.taskText + 1) }], ['tasks[0].proposals']],
    ['a result that is a number', [{ task: 'T1', result: 5 as unknown as string }], ['tasks[0].result']],
  ])('tasks: %s', (_, tasks, expected) => {
    expect(paths(everyKind, [], false, tasks)).toEqual(expected);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// checkReportShape ⇔ ReportPut

/** zod's issue path written as checkReportShape writes it: values[2].note; the body itself is "(body)". */
const zodPath = (path: readonly PropertyKey[]) =>
  path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('').replace(/^\./, '') || '(body)';

function agree(body: unknown) {
  const hand = checkReportShape(body);
  const zod = ReportPut.safeParse(body);
  expect(hand.length === 0, `hand ${JSON.stringify(hand.map((p) => p.path))}, zod ${zod.success ? 'accepts' : JSON.stringify(zod.error.issues)}`).toBe(zod.success);
  if (!zod.success) {
    const zodPaths = new Set(zod.error.issues.map((i) => zodPath(i.path)));
    for (const p of hand) expect(zodPaths, `hand's ${p.path} among zod's`).toContain(p.path);
  }
  return { hand, accepted: zod.success };
}

const text = (n: number) => 'ệ'.repeat(n);
const many = <T,>(n: number, item: T) => Array.from({ length: n }, () => item);

const GOOD: [string, unknown][] = [
  ['an empty body', {}],
  ['everything empty', { values: [], tasks: [], submit: false }],
  ['a bare submit', { submit: true }],
  ['an indicator alone', { values: [{ indicator: 'THU_XIN_LOI' }] }],
  ['a count', { values: [{ indicator: 'THU_XIN_LOI', value: 3 }] }],
  ['a negative fraction', { values: [{ indicator: 'KINH_PHI', value: -5.5 }] }],
  ['a huge number', { values: [{ indicator: 'KINH_PHI', value: 1e308 }] }],
  ['minus zero', { values: [{ indicator: 'KINH_PHI', value: -0 }] }],
  ['yes', { values: [{ indicator: 'HOM_THU_GOP_Y', value: true }] }],
  ['a text', { values: [{ indicator: 'KHO_KHAN', value: 'Thiếu kinh phí' }] }],
  ['a null value', { values: [{ indicator: 'KHO_KHAN', value: null }] }],
  ['a fraction', { values: [{ indicator: 'TY_LE_HAI_LONG', numerator: 7, denominator: 25 }] }],
  ['a null fraction', { values: [{ indicator: 'TY_LE_HAI_LONG', numerator: null, denominator: null }] }],
  ['not applicable', { values: [{ indicator: 'THU_XIN_LOI', na: true, note: 'Không có' }] }],
  ['a null note', { values: [{ indicator: 'THU_XIN_LOI', note: null }] }],
  ['an empty indicator code (the plan check refuses it)', { values: [{ indicator: '' }] }],
  ['an indicator code at the limit', { values: [{ indicator: 'A'.repeat(LIMITS.itemCode) }] }],
  ['a text at the limit', { values: [{ indicator: 'KHO_KHAN', value: text(LIMITS.text) }] }],
  ['a note at the limit', { values: [{ indicator: 'KHO_KHAN', note: text(LIMITS.note) }] }],
  ['values at the limit', { values: many(LIMITS.values, { indicator: 'A' }) }],
  ['a task', { tasks: [{ task: 'T1' }] }],
  ['every task status', { tasks: TASK_STATUSES.map((status) => ({ task: 'T1', status })) }],
  ['a null task status and texts', { tasks: [{ task: 'T1', status: null, result: null, difficulties: null, proposals: null }] }],
  ['task texts at the limit', { tasks: [{ task: 'T1', result: text(LIMITS.taskText), difficulties: text(LIMITS.taskText), proposals: text(LIMITS.taskText) }] }],
  ['a task code at the limit', { tasks: [{ task: 'T'.repeat(LIMITS.itemCode) }] }],
  ['tasks at the limit', { tasks: many(LIMITS.tasks, { task: 'T1' }) }],
  ['a value of every field', { values: [{ indicator: 'A', value: 1, numerator: 1, denominator: 2, na: false, note: 'x' }], tasks: [{ task: 'T1', status: 'done', result: 'r', difficulties: 'd', proposals: 'p' }], submit: true }],
];

const BAD: [string, unknown][] = [
  ['null', null],
  ['an array', []],
  ['an array of a body', [{ values: [] }]],
  ['a string', '{"values":[]}'],
  ['a number', 42],
  ['true', true],
  ['nothing', undefined],
  ['an unknown key in the body', { values: [], ghiChu: 'thừa' }],
  ['an unknown key in a value', { values: [{ indicator: 'A', unit: 'hồ sơ' }] }],
  ['an unknown key in a task', { tasks: [{ task: 'T1', note: 'x' }] }],
  ['a value without its indicator', { values: [{ value: 3 }] }],
  ['a task without its code', { tasks: [{ status: 'done' }] }],
  ['an indicator code that is a number', { values: [{ indicator: 7 }] }],
  ['a null indicator code', { values: [{ indicator: null }] }],
  ['an indicator code one past the limit', { values: [{ indicator: 'A'.repeat(LIMITS.itemCode + 1) }] }],
  ['a task code one past the limit', { tasks: [{ task: 'T'.repeat(LIMITS.itemCode + 1) }] }],
  ['a null task code', { tasks: [{ task: null }] }],
  ['a value that is an object', { values: [{ indicator: 'A', value: { so: 3 } }] }],
  ['a value that is an array', { values: [{ indicator: 'A', value: [3] }] }],
  ['a value that is NaN', { values: [{ indicator: 'A', value: NaN }] }],
  ['a value that is Infinity', { values: [{ indicator: 'A', value: Infinity }] }],
  ['a value that is −Infinity', { values: [{ indicator: 'A', value: -Infinity }] }],
  ['a text one past the limit', { values: [{ indicator: 'KHO_KHAN', value: text(LIMITS.text + 1) }] }],
  ['a numerator as text', { values: [{ indicator: 'A', numerator: '7', denominator: 25 }] }],
  ['a NaN numerator', { values: [{ indicator: 'A', numerator: NaN, denominator: 25 }] }],
  ['an infinite denominator', { values: [{ indicator: 'A', numerator: 1, denominator: Infinity }] }],
  ['a denominator that is true', { values: [{ indicator: 'A', numerator: 1, denominator: true }] }],
  ['na as text', { values: [{ indicator: 'A', na: 'true', note: 'x' }] }],
  ['na null', { values: [{ indicator: 'A', na: null }] }],
  ['a note that is a number', { values: [{ indicator: 'A', note: 5 }] }],
  ['a note one past the limit', { values: [{ indicator: 'A', note: text(LIMITS.note + 1) }] }],
  ['values null', { values: null }],
  ['values an object', { values: { indicator: 'A' } }],
  ['values a string', { values: 'A' }],
  ['values one past the limit', { values: many(LIMITS.values + 1, { indicator: 'A' }) }],
  ['a null value entry', { values: [null] }],
  ['a value entry that is an array', { values: [['A', 3]] }],
  ['a value entry that is a string', { values: ['THU_XIN_LOI'] }],
  ['tasks null', { tasks: null }],
  ['tasks one past the limit', { tasks: many(LIMITS.tasks + 1, { task: 'T1' }) }],
  ['a null task entry', { tasks: [null] }],
  ['an unknown task status', { tasks: [{ task: 'T1', status: 'finished' }] }],
  ['a task status that is a number', { tasks: [{ task: 'T1', status: 2 }] }],
  ['a result one past the limit', { tasks: [{ task: 'T1', result: text(LIMITS.taskText + 1) }] }],
  ['difficulties one past the limit', { tasks: [{ task: 'T1', difficulties: text(LIMITS.taskText + 1) }] }],
  ['proposals one past the limit', { tasks: [{ task: 'T1', proposals: text(LIMITS.taskText + 1) }] }],
  ['a result that is a number', { tasks: [{ task: 'T1', result: 5 }] }],
  ['submit as text', { submit: 'true' }],
  ['submit null', { submit: null }],
  ['submit 1', { submit: 1 }],
  ['nested garbage', { values: [{ indicator: 'A', value: { a: { b: [1, { c: null }] } } }], tasks: [[[]]], submit: { yes: true } }],
  ['a key at the wrong level', { indicator: 'A', value: 3 }],
  ['a task among the values', { values: [{ task: 'T1' }] }],
];

describe('checkReportShape accepts and refuses what ReportPut does', () => {
  it('the tables are long enough', () => {
    expect(GOOD.length + BAD.length).toBeGreaterThanOrEqual(40);
  });

  it.each(GOOD)('both accept %s', (_, body) => {
    expect(agree(body).accepted).toBe(true);
  });

  it.each(BAD)('both refuse %s', (_, body) => {
    const { hand, accepted } = agree(body);
    expect(accepted).toBe(false);
    expect(hand.length).toBeGreaterThan(0);
    bilingual(hand);
  });

  it('names the field zod names', () => {
    expect(checkReportShape({ values: [{ indicator: 'A', note: 5 }] }).map((p) => p.path)).toEqual(['values[0].note']);
    expect(checkReportShape({ tasks: [{}] }).map((p) => p.path)).toEqual(['tasks[0].task']);
    expect(checkReportShape([]).map((p) => p.path)).toEqual(['(body)']);
    expect(checkReportShape({ values: [], extra: 1 }).map((p) => p.path)).toEqual(['(body)']);
  });

  // A key named like a member of Object.prototype is as unknown to the contract as any other.
  it.each([
    ['constructor in the body', '{"constructor":1}'],
    ['toString in the body', '{"values":[],"toString":"x"}'],
    ['__proto__ in the body', '{"__proto__":{"submit":true}}'],
    ['hasOwnProperty in a value', '{"values":[{"indicator":"A","hasOwnProperty":1}]}'],
    ['valueOf in a task', '{"tasks":[{"task":"T1","valueOf":null}]}'],
  ])('both refuse a key named %s', (_, json) => {
    const body: unknown = JSON.parse(json);
    const { hand, accepted } = agree(body);
    expect(accepted).toBe(false);
    expect(hand.length).toBeGreaterThan(0);
  });
});

describe('checkReportShape ⇔ ReportPut over generated bodies', () => {
  const ODD: unknown[] = [null, undefined, NaN, Infinity, -Infinity, -0, 0, 1.5, -3, '', 'x', [], [1], {}, { a: 1 }, true, false];
  const odd = fc.constantFrom(...ODD);
  /** Mostly the right thing, sometimes anything. */
  const maybe = <T,>(arb: fc.Arbitrary<T>) => fc.oneof(
    { weight: 30, arbitrary: arb as fc.Arbitrary<unknown> },
    { weight: 2, arbitrary: odd },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  );
  /** Short strings, and strings right around a limit. */
  const str = (max: number) => fc.oneof(
    { weight: 12, arbitrary: fc.string({ maxLength: 6 }) },
    { weight: 1, arbitrary: fc.constantFrom(max - 1, max, max + 1).map((n) => 'ư'.repeat(n)) },
  );
  const num = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: -5, max: 500 }) }, { weight: 1, arbitrary: fc.double() });
  /** null mostly, now and then a change. */
  const sometimes = <T,>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 8, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });
  /** An object of these fields, each kept or dropped, sometimes with a key the contract has not got. */
  const EXTRA_KEYS = ['extra', 'ghiChu', 'Indicator', 'values', 'tasks', 'task', 'indicator', 'submit', 'status', 'id', ''];
  function obj(fields: Record<string, fc.Arbitrary<unknown>>, required: string[]) {
    return fc.tuple(
      fc.record(fields, { requiredKeys: required }),
      sometimes(fc.tuple(fc.constantFrom(...EXTRA_KEYS), odd)),
      sometimes(fc.constantFrom(...Object.keys(fields))),
    ).map(([o, extra, drop]) => {
      const out: Record<string, unknown> = { ...o };
      if (drop !== null) delete out[drop];
      if (extra !== null && !(extra[0] in fields)) out[extra[0]] = extra[1];
      return out;
    });
  }
  const value = obj({
    indicator: maybe(str(LIMITS.itemCode)),
    value: maybe(fc.oneof(num, fc.boolean(), str(LIMITS.text), fc.constant(null))),
    numerator: maybe(fc.oneof(num, fc.constant(null))),
    denominator: maybe(fc.oneof(num, fc.constant(null))),
    na: maybe(fc.boolean()),
    note: maybe(fc.oneof(str(LIMITS.note), fc.constant(null))),
  }, ['indicator']);
  const task = obj({
    task: maybe(str(LIMITS.itemCode)),
    status: maybe(fc.oneof(fc.constantFrom(...TASK_STATUSES, null), fc.string({ maxLength: 4 }))),
    result: maybe(fc.oneof(str(LIMITS.taskText), fc.constant(null))),
    difficulties: maybe(fc.oneof(str(LIMITS.taskText), fc.constant(null))),
    proposals: maybe(fc.oneof(str(LIMITS.taskText), fc.constant(null))),
  }, ['task']);
  /** Lists: short, or one around its limit. */
  const list = (item: fc.Arbitrary<unknown>, max: number, filler: unknown) => fc.oneof(
    { weight: 12, arbitrary: fc.array(maybe(item), { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.constantFrom(max, max + 1).map((n) => many(n, filler)) },
  );
  const body = fc.oneof(
    { weight: 12, arbitrary: obj({ values: maybe(list(value, LIMITS.values, { indicator: 'A' })), tasks: maybe(list(task, LIMITS.tasks, { task: 'T1' })), submit: maybe(fc.boolean()) }, []) },
    { weight: 1, arbitrary: fc.oneof(odd, fc.array(value, { maxLength: 2 }), fc.jsonValue({ maxDepth: 3 })) },
  );

  it('accept the same bodies, and zod names every field the hand check names', () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(fc.property(body, (b) => {
      const ok = agree(b).accepted;
      if (ok) accepted++;
      else refused++;
    }), { numRuns: 3000 });
    // the bodies are near the boundary: many pass, many do not
    expect(accepted).toBeGreaterThan(450);
    expect(refused).toBeGreaterThan(450);
  });
});
