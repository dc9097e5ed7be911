import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import seed000 from '../../../data/seeds/000_444dceb2c9fb8e9f.txt?raw';
import seed001 from '../../../data/seeds/001_fe314e84e693002c.txt?raw';
import seed002 from '../../../data/seeds/002_27a88d545d297959.txt?raw';
import seed003 from '../../../data/seeds/003_01449c1526a0dd33.txt?raw';
import seed004 from '../../../data/seeds/004_e6192a37d55f158a.txt?raw';
import { PlanDraft, PlanInput, type DueRule, type PlanExtract } from '../../../schemas';
import demoPlans from '../../../worker/demo/plans.json';
import unitsCsv from '../../../worker/demo/units.csv?raw';
import { DocxError, NOT_A_PLAN, docxText, extractPlan, type ExtractContext, type ExtractUnit } from '../../../worker/src/domain/extract';
import { dueInstant, periodsOfYear, type PeriodType } from '../../../worker/src/domain/periods';
import * as TEXTS from './extract-texts';
import { demoScheduleFor, filled as fill, VIA_LEFT_OUT } from '../extract-fill';

// ---------------------------------------------------------------------------------------------------------------
// The demo hierarchy, and the context a route would build for an issuer: its subtree, its ancestors and their children.

const UNITS: ExtractUnit[] = unitsCsv.trim().split('\n').slice(1).map((line) => {
  const m = /^([^,]*),("(?:[^"]|"")*"|[^,]*),([^,]*),(.*)$/.exec(line.trim())!;
  return { code: m[1]!, name: m[2]!.replace(/^"|"$/g, '').replace(/""/g, '"'), level: m[3]!, parent: m[4] || null };
});
const byCode = new Map(UNITS.map((u) => [u.code, u]));
const chainOf = (code: string) => {
  const out: string[] = [];
  for (let c: string | null = code; c; c = byCode.get(c)?.parent ?? null) out.push(c);
  return out;
};

function contextFor(issuer: string, plans: ExtractContext['plans'] = []): ExtractContext {
  const ancestors = chainOf(issuer).slice(1);
  const units = UNITS.filter((u) => chainOf(u.code).includes(issuer) || ancestors.includes(u.code) || (u.parent !== null && ancestors.includes(u.parent)));
  return { issuer: byCode.get(issuer)!, units, plans };
}

/** Every unit a selector takes in, as a sorted list (a level means that level below the issuer). */
function covered(sel: { level: string } | { units: string[] } | undefined, issuer: string): string[] {
  if (!sel) return [];
  if ('units' in sel) return [...sel.units].sort();
  return UNITS.filter((u) => u.level === sel.level && u.code !== issuer && chainOf(u.code).includes(issuer)).map((u) => u.code).sort();
}

// ---------------------------------------------------------------------------------------------------------------
// Running the extractor, with the checks every result must pass.

type Extract = PlanExtract;

function invariants(text: string, r: Extract): void {
  const parsed = PlanDraft.safeParse(r.draft);
  expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  for (const f of r.findings) expect(text.slice(f.start, f.end)).toBe(f.text);
  for (const u of r.unresolved) expect(u.message.length).toBeGreaterThan(0);
}

function run(text: string, issuer: string, plans: ExtractContext['plans'] = []): Extract {
  const r = extractPlan(text, contextFor(issuer, plans));
  invariants(text, r);
  return r;
}

const gaps = (r: Extract) => r.unresolved.map((u) => u.path);
const found = (r: Extract, path: string) => r.findings.filter((f) => f.path === path).map((f) => f.text);
const schedule = (r: Extract, i: number) => r.draft.schedules![i]!;
const task = (r: Extract, i: number) => r.draft.tasks![i]!;

const SEEDS = { '000': seed000, '001': seed001, '002': seed002, '003': seed003, '004': seed004 } as const;
type SeedKey = keyof typeof SEEDS;
const DEMO = Object.fromEntries(demoPlans.map((p) => [p.key.slice(4), p])) as Record<SeedKey, (typeof demoPlans)[number]>;
const seed = (k: SeedKey) => run(SEEDS[k], DEMO[k].issuer);

// ---------------------------------------------------------------------------------------------------------------

/** workerd's clock stands still while code runs and moves on at I/O, so each reading waits for a timer first. */
const clock = () => new Promise<number>((done) => setTimeout(() => done(performance.now()), 0));

// First in the file, so the first call is the isolate's first: it pays for compiling the regexes and for cold code.
describe('speed', () => {
  it('prints the time per seed (first call and warm), well under 100 ms', async () => {
    for (const k of Object.keys(SEEDS) as SeedKey[]) {
      const ctx = contextFor(DEMO[k].issuer);
      const t0 = await clock();
      extractPlan(SEEDS[k], ctx);
      const first = (await clock()) - t0;
      const t1 = await clock();
      for (let i = 0; i < 10; i++) extractPlan(SEEDS[k], ctx);
      const warm = ((await clock()) - t1) / 10;
      console.log(`seed ${k}: ${SEEDS[k].length} chars, ${first.toFixed(1)} ms (this call), ${warm.toFixed(1)} ms (mean of 10 more)`);
      expect(warm).toBeLessThan(100);
    }
  });
});

describe('seed 000 (Mặt trận Tổ quốc Quận 5)', () => {
  let r: Extract;
  beforeAll(() => {
    r = seed('000');
  });

  it('000: "Số: 59/KH-MTTQ-BTT", "Quận 5, ngày 24 tháng 8 năm 2020", title under "KẾ HOẠCH", "… Năm 2020" → [2020]', () => {
    expect(r.draft).toMatchObject({ issuer: '774', number: '59/KH-MTTQ-BTT', issuedOn: '2020-08-24', years: [2020] });
    expect(r.draft.title).toBe('Phối hợp triển khai thực hiện công tác cải cách hành chính trong hệ thống Mặt trận Tổ quốc Quận 5 Năm 2020');
    expect(found(r, 'issuedOn')).toEqual(['Quận 5, ngày 24 tháng 8 năm 2020']);
  });

  it('000: the two "Căn cứ …" lines and the "Thực hiện Chương trình hành động …" line are the basis, whole; no stored plan matches', () => {
    expect(r.draft.basisText).toHaveLength(3);
    expect(r.draft.basisText![0]).toMatch(/^Căn cứ Quyết định số 552\/QĐ-UBND ngày 18 tháng 02 năm 2020 .*năm 2020;$/);
    expect(r.draft.basisText![2]).toMatch(/^Thực hiện Chương trình hành động số 15-CTrHD\/QU/);
    expect(r.draft.basis).toBeUndefined();
  });

  it('000: "…(qua Bộ phận Dân chủ - Pháp luật) trước ngày 20 tháng 11" → one yearly report, fixedDate 20/11, before, to 774-MTTQ via 774-MTTQ-DCPL, from the wards', () => {
    expect(r.draft.schedules).toHaveLength(1);
    expect(schedule(r, 0)).toMatchObject({
      periodType: 'year', due: { rule: 'fixedDate', month: 11, day: 20, before: true },
      reportTo: '774-MTTQ', via: '774-MTTQ-DCPL', appliesTo: { level: 'commune' },
    });
    expect(found(r, 'schedules[0].due')).toEqual(['trước ngày 20 tháng 11']);
    expect(found(r, 'schedules[0].appliesTo')).toEqual(['Ủy ban MTTQ Việt Nam 15 phường']);
  });

  it('000: "tham mưu báo cáo tổng hợp … (theo đúng thời gian quy định)" is the Front drafting its own report, not a schedule', () => {
    expect(r.draft.schedules!.some((s) => s.periodType === 'year' && !s.due)).toBe(false);
  });

  it('000: "thang điểm là **10** điểm" with five criteria "…: **02** điểm" → 5 × maxPoints 2, summing to the scale', () => {
    expect(r.draft.criteria!.map((c) => c.maxPoints)).toEqual([2, 2, 2, 2, 2]);
    expect(r.draft.criteria![0]!.name).toBe('Phối hợp trong công tác tuyên truyền các nội dung liên quan đến công tác cải cách hành chính trên địa bàn');
    expect(found(r, 'criteria[0].maxPoints')).toEqual(['02** điểm']);
    expect(found(r, 'criteria')).toEqual(['thang điểm là **10** điểm']);
    expect(gaps(r)).not.toContain('criteria');
  });

  it('000: tasks are the numbered items of II and III; "Ban Thường trực Ủy ban MTTQ Việt Nam 15 phường" → the wards, "…, phân công Bộ phận Dân chủ - Pháp luật" → 774-MTTQ-DCPL', () => {
    expect(r.draft.tasks).toHaveLength(7);
    expect(task(r, 3).assignees).toEqual({ level: 'commune' });
    expect(task(r, 4).assignees).toEqual({ units: ['774-MTTQ-DCPL'] });
    expect(task(r, 6).assignees).toEqual({ level: 'commune' });
    expect(gaps(r).sort()).toEqual(['tasks[2].assignees', 'tasks[5].assignees']);
  });

  it('000: no target is stated, so no indicator', () => {
    expect(r.draft.indicators).toEqual([]);
  });
});

describe('seed 001 (Phường Phú Hữu, web copy)', () => {
  let r: Extract;
  beforeAll(() => {
    r = seed('001');
  });

  it('001: the page title "Kế hoạch công tác thông tin, …" is the title; no number, no issue date (only the posting time)', () => {
    expect(r.draft.title).toBe('Công tác thông tin, tuyên truyền cải cách hành chính năm 2020');
    expect(r.draft.years).toEqual([2020]);
    expect(r.draft.number).toBeUndefined();
    expect(r.draft.issuedOn).toBeUndefined();
    expect(r.unresolved.find((u) => u.path === 'issuedOn')?.text).toBe('Thứ năm, 23/04/2020, 06:10 SA');
    expect(gaps(r)).toContain('number');
  });

  it('001: "Căn cứ Kế hoạch số 137/KH-UBND ngày 10 tháng 4 năm 2020 …" and "… 45/KH-UBND …" are the basis; its dates are no issue date', () => {
    expect(r.draft.basisText).toHaveLength(2);
    expect(r.draft.basisText![0]).toMatch(/^Căn cứ Kế hoạch số 137\/KH-UBND ngày 10 tháng 4 năm 2020/);
  });

  it('001: "Định kỳ Quý, 6 tháng, 9 tháng, năm … báo cáo Ủy ban nhân dân quận (thông qua Phòng Văn hóa và Thông tin)" → four schedules, no due, to 769 via 769-VHTT, from the ward itself', () => {
    expect(r.draft.schedules!.map((s) => [s.periodType, s.only])).toEqual([['quarter', ['Q1']], ['half', ['S1']], ['nine_months', undefined], ['year', undefined]]);
    for (const s of r.draft.schedules!) {
      expect(s).toMatchObject({ reportTo: '769', via: '769-VHTT', appliesTo: { units: ['26866'] } });
      expect(s.due).toBeUndefined();
    }
    expect(r.unresolved.find((u) => u.path === 'schedules[0].due')?.message).toBe('Kế hoạch nêu báo cáo định kỳ quý nhưng không nêu hạn nộp; hãy chọn ngày.');
    expect(gaps(r)).toEqual(expect.arrayContaining(['schedules[0].due', 'schedules[1].due', 'schedules[2].due', 'schedules[3].due']));
  });

  it('001: targets "trên 95%", "đạt 98% trở lên", "đạt 100%", "100% Bộ phận …", "trên 30%", "100% hồ sơ", "từ 40% trở lên", "…: 15%"', () => {
    const targets = r.draft.indicators!.map((x) => [x.kind, x.target?.op, x.target?.value]);
    expect(targets).toEqual([
      ['percent', '>', 95], ['percent', '>=', 98], ['percent', '>=', 100], ['percent', '>=', 100], ['percent', '>', 30],
      ['percent', '>', 30], ['percent', '>=', 100], ['percent', '>=', 40], ['percent', '>=', 15],
    ]);
    expect(r.draft.indicators![0]!.name).toBe('Tỷ lệ khi giải quyết TTHC');
    expect(r.draft.indicators![6]!.unit).toBe('hồ sơ');
    expect(r.draft.indicators![8]!.name).toBe('Tỷ lệ kết quả giải quyết thủ tục hành chính trả qua dịch vụ bưu chính công');
    expect(found(r, 'indicators[1].target')).toEqual(['đạt 98% trở lên']);
  });

  it('001: "Đề nghị Ủy ban MTTQ Việt Nam và các Đoàn thể phường", "Văn hóa và Thông tin phường", "Cán bộ phụ trách …", "Công chức Tư pháp phường" → the ward\'s four bodies', () => {
    expect(r.draft.tasks!.slice(2).map((t) => t.assignees)).toEqual([
      { units: ['26866-MTTQ'] }, { units: ['26866-VHTT'] }, { units: ['26866-CCHC'] }, { units: ['26866-TP'] },
    ]);
    expect(gaps(r)).toEqual(expect.arrayContaining(['tasks[0].assignees', 'tasks[1].assignees']));
  });
});

describe('seed 002 (UBND Quận 10)', () => {
  let r: Extract;
  beforeAll(() => {
    r = seed('002');
  });
  const reporters = ['771-TCKH', '771-TNMT', '771-TP', '771-TTR', '771-TTVH', '771-VHTT', '771-VP', ...covered({ level: 'commune' }, '771')].sort();

  it('002: title after "KẾ HOẠCH"; "năm 2020 và những năm tiếp theo" → [2020, 2021]; no number or date stated', () => {
    expect(r.draft.title).toMatch(/^Thực hiện các giải pháp nâng cao Chỉ số .* năm 2020 và những năm tiếp theo$/);
    expect(r.draft.years).toEqual([2020, 2021]);
    expect(gaps(r)).toEqual(expect.arrayContaining(['number', 'issuedOn']));
    expect(r.draft.basisText).toEqual([expect.stringMatching(/^Thực hiện Thông báo số 607\/TB-VP ngày 11 tháng 8 năm 2020/)]);
  });

  it('002: "gửi Kế hoạch về Ủy ban nhân dân Quận (thông qua Phòng Nội vụ) **trước ngày 01 tháng 02 năm 2021**" → once, date 2021-02-01, before', () => {
    expect(schedule(r, 0)).toMatchObject({ periodType: 'once', name: 'Kế hoạch', due: { rule: 'date', date: '2021-02-01', before: true }, reportTo: '771', via: '771-NV' });
  });

  it('002: "Báo cáo 6 tháng (trước ngày 15 tháng 5)" → half S1, fixedDate 15/5, before; "báo cáo năm (trước ngày 15 tháng 10)" → year 15/10', () => {
    expect(schedule(r, 1)).toMatchObject({ periodType: 'half', only: ['S1'], due: { rule: 'fixedDate', month: 5, day: 15, before: true }, reportTo: '771', via: '771-NV' });
    expect(schedule(r, 2)).toMatchObject({ periodType: 'year', due: { rule: 'fixedDate', month: 10, day: 15, before: true }, reportTo: '771', via: '771-NV' });
    expect(r.draft.schedules).toHaveLength(3);
  });

  it('002: "Các phòng ban, đơn vị, các phường báo cáo …" → the wards and the agencies, less Phòng Nội vụ (which compiles) and the Front', () => {
    for (const s of r.draft.schedules!) expect(covered(s.appliesTo, '771')).toEqual(reporters);
  });

  it('002: tasks — 8 PAPI dimensions and 7 items of III; "1.1. Đối với Ủy ban nhân dân 15 phường" + named offices; "Giao Phòng Văn hóa và Thông tin, Trung tâm Văn hóa Hòa bình"', () => {
    expect(r.draft.tasks).toHaveLength(15);
    expect(covered(task(r, 0).assignees, '771')).toEqual(['771-TCKH', '771-TNMT', '771-TP', '771-TTR', ...covered({ level: 'commune' }, '771')].sort());
    expect(task(r, 13).assignees).toEqual({ units: ['771-VHTT', '771-TTVH'] });
    expect(task(r, 14).assignees).toEqual({ units: ['771-MTTQ'] });
    expect(gaps(r).filter((p) => p.startsWith('tasks'))).toEqual(['tasks[4].assignees', 'tasks[5].assignees', 'tasks[6].assignees', 'tasks[7].assignees']);
  });

  it('002: no figure is given for any indicator, so none; dates of cited decisions ("ngày 06 tháng 8 năm 2019") are no deadline', () => {
    expect(r.draft.indicators).toEqual([]);
    expect(JSON.stringify(r.draft.schedules)).not.toMatch(/2019|2016|2017/);
  });
});

describe('seed 003 (UBND xã Mỹ Thạnh)', () => {
  let r: Extract;
  beforeAll(() => {
    r = seed('003');
  });

  it('003: "Số: 369 /KH-UBND", "Mỹ Thạnh, ngày 09 tháng 7 năm 2015"; "năm 2015 và những năm tiếp theo … đến cuối năm 2020" → 2015…2020', () => {
    expect(r.draft).toMatchObject({ number: '369/KH-UBND', issuedOn: '2015-07-09', years: [2015, 2016, 2017, 2018, 2019, 2020] });
    expect(found(r, 'years')).toEqual(['năm 2015 và những năm tiếp theo', 'đến cuối năm 2020']);
  });

  it('003: "gửi về xã chậm nhất là ngày 25 tháng 11 và về huyện là ngày 10 tháng 12 hàng năm" → two yearly schedules, before: false', () => {
    expect(r.draft.schedules).toHaveLength(2);
    expect(schedule(r, 0)).toMatchObject({ periodType: 'year', due: { rule: 'fixedDate', month: 11, day: 25, before: false }, reportTo: '28993' });
    expect(schedule(r, 1)).toMatchObject({ periodType: 'year', due: { rule: 'fixedDate', month: 12, day: 10, before: false }, reportTo: '834', appliesTo: { units: ['28993'] } });
    expect(schedule(r, 0).appliesTo).toBeUndefined();
    expect(gaps(r)).toContain('schedules[0].appliesTo');
  });

  it('003: "chọn 01 tập thể, 03 cá nhân …, … xét chọn 01 tập thể, 01 cá nhân …" → four quota indicators (=)', () => {
    expect(r.draft.indicators!.map((x) => [x.unit, x.target])).toEqual([
      ['tập thể', { op: '=', value: 1 }], ['cá nhân', { op: '=', value: 3 }], ['tập thể', { op: '=', value: 1 }], ['cá nhân', { op: '=', value: 1 }],
    ]);
    expect(r.draft.indicators![0]!.name).toBe('Số tập thể đề nghị về Ủy ban nhân dân xã khen thưởng');
  });

  it('003: "Đài truyền thanh xã, tổ thông tin các ấp …" → the hamlets, and the station, not in the list, is unresolved', () => {
    const i = r.draft.tasks!.findIndex((t) => t.title.startsWith('Đài truyền thanh xã'));
    expect(task(r, i).assignees).toEqual({ level: 'hamlet' });
    expect(r.unresolved.find((u) => u.path === `tasks[${i}].assignees`)?.text).toBe('Đài truyền thanh xã');
    expect(task(r, 3).assignees).toEqual({ units: ['28993'] });
  });
});

describe('seed 004 (UBND thị xã Duy Tiên)', () => {
  let r: Extract;
  beforeAll(() => {
    r = seed('004');
  });

  it('004: "Số: /KH-UBND" left blank → unresolved; "Duy Tiên, ngày 31 tháng 12 năm 2020"; no year is stated → unresolved', () => {
    expect(r.draft.number).toBeUndefined();
    expect(r.unresolved.find((u) => u.path === 'number')?.text).toBe('Số: /KH-UBND');
    expect(r.draft.issuedOn).toBe('2020-12-31');
    expect(r.draft.years).toBeUndefined();
    expect(gaps(r)).toContain('years');
  });

  it('004: "báo cáo kết quả bước đầu … trong tháng 3/2021" → once, 2021-03-31, before: false, to the same two recipients', () => {
    expect(schedule(r, 0)).toMatchObject({ periodType: 'once', due: { rule: 'date', date: '2021-03-31', before: false }, reportTo: ['349-TU-DV', '349-NV'], via: '349-NV' });
  });

  it('004: "định kỳ 6 tháng, 01 năm … trước ngày 15/6, 15/12 hàng năm" → half S1 due 15/6 and year due 15/12, from the communes', () => {
    expect(schedule(r, 1)).toMatchObject({ periodType: 'half', only: ['S1'], due: { rule: 'fixedDate', month: 6, day: 15, before: true } });
    expect(schedule(r, 2)).toMatchObject({ periodType: 'year', due: { rule: 'fixedDate', month: 12, day: 15, before: true } });
    for (const s of r.draft.schedules!) expect(s).toMatchObject({ appliesTo: { level: 'commune' }, reportTo: ['349-TU-DV', '349-NV'], via: '349-NV' });
    expect(found(r, 'schedules[1].due')).toEqual(['trước ngày 15/6']);
    expect(found(r, 'schedules[2].due')).toEqual(['15/12 hàng năm']);
  });

  it('004: "Ủy ban nhân dân xã Mộc Bắc, phường Hòa Mạc …" and the 14 named communes; Mộc Bắc and Mộc Nam are not in the list', () => {
    expect(task(r, 0).assignees).toMatchObject({ units: expect.arrayContaining(['13324', '13345', '13369']) });
    expect((task(r, 0).assignees as { units: string[] }).units).toHaveLength(14);
    expect(r.unresolved.filter((u) => u.path === 'tasks[0].assignees').map((u) => u.text)).toEqual(['xã Mộc Bắc', 'Mộc Nam']);
  });

  it('004: "1. Phòng Nội vụ thị xã" … "9. Đề nghị Ủy ban Mặt trận Tổ quốc …" name one office each; "Trang Thông tin điện tử thị xã" is unresolved', () => {
    const byTitle = (s: string) => r.draft.tasks!.find((t) => t.title.startsWith(s))!.assignees;
    expect(byTitle('Phòng Nội vụ')).toEqual({ units: ['349-NV'] });
    expect(byTitle('Văn phòng HĐND và UBND')).toEqual({ units: ['349-VP'] });
    expect(byTitle('Đề nghị Ban Dân vận Thị ủy')).toEqual({ units: ['349-TU-DV'] });
    expect(byTitle('Đề nghị Ủy ban Mặt trận Tổ quốc')).toEqual({ units: ['349-MTTQ'] });
    expect(byTitle('Ủy ban nhân dân các xã, phường')).toEqual({ level: 'commune' });
    expect(r.unresolved.some((u) => u.text === 'Trang Thông tin điện tử thị xã')).toBe(true);
  });

  it('004: "hướng dẫn 100% cán bộ, công chức của đơn vị" → a percent indicator ≥ 100', () => {
    expect(r.draft.indicators).toEqual([expect.objectContaining({ kind: 'percent', unit: 'cán bộ, công chức', target: { op: '>=', value: 100 } })]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Round trip: fill exactly what `unresolved` lists with the demo plan's values; the schedules must then give the
// demo's periods and due instants, recipients and reporters, and the draft must be a plan POST /v1/plans accepts.

const timeline = (s: { periodType: string; only?: string[]; due: DueRule }, years: number[]) =>
  (s.periodType === 'once' ? ['ONCE'] : years.flatMap((y) => periodsOfYear(s.periodType as PeriodType, y, s.only)))
    .map((p) => [p, dueInstant(p, s.due).toISOString()]);

describe('round trip: a draft completed from `unresolved` alone matches the demo plan', () => {
  for (const k of Object.keys(SEEDS) as SeedKey[]) {
    it(`${k}: same periods, due instants, reportTo, via and appliesTo as worker/demo/plans.json`, () => {
      const r = seed(k);
      const plan = fill(DEMO[k], r);
      const demo = DEMO[k];
      expect(plan.schedules).toHaveLength(demo.schedules.length);
      plan.schedules.forEach((s, i) => {
        const want = demoScheduleFor(r.draft.schedules!, demo, i);
        expect(timeline(s, plan.years)).toEqual(timeline(want as typeof want & { due: DueRule }, demo.years));
        expect([s.reportTo].flat()).toEqual([want.reportTo].flat());
        if (!VIA_LEFT_OUT[k]?.includes(i)) expect(s.via ?? null).toEqual(want.via ?? null);
        expect(covered(s.appliesTo, demo.issuer)).toEqual(covered(want.appliesTo as { units: string[] }, demo.issuer));
      });
    });
  }
});

// ---------------------------------------------------------------------------------------------------------------

describe('hand-written plans', () => {
  it('"Số 137/KH-UBND" without colon, "Quận 10, ngày 24/8/2020", "giai đoạn 2021 - 2025"; a Căn cứ date is no issue date', () => {
    const r = run(TEXTS.QUAN10_TTHC, '771');
    expect(r.draft).toMatchObject({ number: '137/KH-UBND', issuedOn: '2020-08-24', years: [2021, 2022, 2023, 2024, 2025] });
    expect(r.draft.title).toBe('Kiểm soát thủ tục hành chính trên địa bàn Quận 10 giai đoạn 2021 - 2025');
  });

  it('"Căn cứ Kế hoạch số 35/KH-UBND …" naming a stored plan → basis is that plan', () => {
    const r = run(TEXTS.QUAN10_TTHC, '771', [{ id: 'p-35', number: '35/KH-UBND' }, { id: 'p-other', number: '36/KH-UBND' }]);
    expect(r.draft.basis).toBe('p-35');
    expect(found(r, 'basis')).toEqual(['35/KH-UBND']);
    expect(run(TEXTS.QUAN10_TTHC, '771').draft.basis).toBeUndefined();
  });

  it('"đạt từ 98% trở lên", "từ 90% trở lên", "đạt 95% trở lên" → >=; "không dưới 80%" → >= 80; "dưới 2%" → < 2; "tối thiểu 01 lớp" / "tối thiểu 02 cuộc" / "02 hội nghị" → counts', () => {
    const r = run(TEXTS.QUAN10_TTHC, '771');
    expect(r.draft.indicators!.map((x) => [x.kind, x.unit, x.target])).toEqual([
      ['percent', undefined, { op: '>=', value: 98 }], ['percent', undefined, { op: '>=', value: 80 }], ['percent', undefined, { op: '<', value: 2 }],
      ['percent', undefined, { op: '>=', value: 90 }], ['percent', undefined, { op: '>=', value: 95 }],
      ['count', 'lớp', { op: '>=', value: 1 }], ['count', 'cuộc', { op: '>=', value: 2 }], ['count', 'hội nghị', { op: '>=', value: 2 }],
    ]);
    expect(r.draft.indicators!.map((x) => x.name).slice(0, 5)).toEqual([
      'Tỷ lệ hồ sơ giải quyết đúng hạn', 'Tỷ lệ hài lòng của người dân', 'Tỷ lệ hồ sơ trễ hạn', 'Tỷ lệ văn bản trao đổi dưới dạng điện tử', 'Tỷ lệ hồ sơ được số hóa',
    ]);
    expect(r.draft.indicators![5]!.name).toBe('Số lớp tập huấn về kiểm soát thủ tục hành chính');
    expect(found(r, 'indicators[0].target')).toEqual(['đạt từ 98% trở lên']);
  });

  it('"trước ngày 05 của tháng cuối quý" → quarter dayOfLastMonth 5; Decree 09 for the cut-off → dataWindow decree09; "chậm nhất ngày 10 tháng 12 hàng năm" → before: false', () => {
    const r = run(TEXTS.QUAN10_TTHC, '771');
    expect(schedule(r, 0)).toMatchObject({ periodType: 'quarter', due: { rule: 'dayOfLastMonth', day: 5, before: true }, dataWindow: 'decree09', reportTo: '771', via: '771-TP', appliesTo: { level: 'commune' } });
    expect(schedule(r, 0).only).toBeUndefined();
    expect(schedule(r, 1)).toMatchObject({ periodType: 'year', due: { rule: 'fixedDate', month: 12, day: 10, before: false }, dataWindow: 'decree09', via: '771-VP' });
    expect(covered(schedule(r, 1).appliesTo, '771')).toEqual(['771-NV', '771-TCKH', '771-TNMT', '771-TP', '771-TTR', '771-TTVH', '771-VHTT']);
  });

  it('"Phòng Nội vụ", "Phòng Tư pháp chủ trì …", "Ủy ban nhân dân các phường" resolve; "Trung tâm Y tế quận" is not in the list → unresolved', () => {
    const r = run(TEXTS.QUAN10_TTHC, '771');
    expect(r.draft.tasks!.slice(0, 4).map((t) => t.assignees)).toEqual([{ units: ['771-NV'] }, { units: ['771-TP'] }, { level: 'commune' }, undefined]);
    expect(r.unresolved.find((u) => u.path === 'tasks[3].assignees')?.text).toBe('Trung tâm Y tế quận');
  });

  it('"gửi về UBND thị xã (qua Phòng Nội vụ) trước ngày 01 tháng 02 năm 2021" → once; the Căn cứ date "06 tháng 8 năm 2019" is no deadline', () => {
    const r = run(TEXTS.DUYTIEN_DANVAN, '349');
    expect(r.draft).toMatchObject({ number: '12/KH-UBND', issuedOn: '2021-01-05', years: [2021] });
    expect(schedule(r, 0)).toMatchObject({ periodType: 'once', due: { rule: 'date', date: '2021-02-01', before: true }, reportTo: '349', via: '349-NV', appliesTo: { level: 'commune' } });
    expect(JSON.stringify(r.draft.schedules)).not.toContain('2019');
  });

  it('"trong tháng 3/2021" → once at month end; "6 tháng, 01 năm … trước ngày 15/6, 15/12 hàng năm" → two schedules to two recipients', () => {
    const r = run(TEXTS.DUYTIEN_DANVAN, '349');
    expect(r.draft.schedules!.slice(1).map((s) => [s.periodType, s.only, s.due])).toEqual([
      ['once', undefined, { rule: 'date', date: '2021-03-31', before: false }],
      ['half', ['S1'], { rule: 'fixedDate', month: 6, day: 15, before: true }],
      ['year', undefined, { rule: 'fixedDate', month: 12, day: 15, before: true }],
    ]);
    for (const s of r.draft.schedules!.slice(1)) expect(s).toMatchObject({ reportTo: ['349-TU-DV', '349-NV'], via: '349-NV' });
  });

  it('UBND / MTTQ abbreviations: "UBND các xã, phường" → the commune level; "Ủy ban MTTQ thị xã" → 349-MTTQ; "100% cán bộ, công chức …" → >= 100', () => {
    const r = run(TEXTS.DUYTIEN_DANVAN, '349');
    expect(r.draft.tasks!.map((t) => t.assignees)).toEqual([{ level: 'commune' }, { units: ['349-MTTQ'] }, undefined]);
    expect(r.draft.indicators).toEqual([expect.objectContaining({ kind: 'percent', target: { op: '>=', value: 100 } })]);
  });

  it('"P. Phú Hữu", "UBND TP. Thủ Đức", "UBMTTQ và các đoàn thể phường"; "trước ngày 20 hằng tháng" → month, dayOfLastMonth 20, to the city above', () => {
    const r = run(TEXTS.PHUHUU_TUYENTRUYEN, '26866');
    expect(r.draft).toMatchObject({ number: '45/KH-UBND', issuedOn: '2021-04-09', years: [2021] });
    expect(r.draft.tasks!.map((t) => t.assignees)).toEqual([{ units: ['26866-TP'] }, { units: ['26866-MTTQ'] }, { units: ['26866-VHTT'] }]);
    expect(r.draft.schedules).toEqual([expect.objectContaining({ periodType: 'month', due: { rule: 'dayOfLastMonth', day: 20, before: true }, reportTo: '769', via: '769-VHTT', appliesTo: { units: ['26866'] } })]);
    expect(r.draft.indicators!.map((x) => x.target)).toEqual([{ op: '>', value: 30 }]);
  });

  it('"Các ấp báo cáo … chậm nhất là ngày 25 tháng 11 hàng năm", "báo cáo Phòng Nội vụ huyện trước ngày 10/12 hằng năm"; a 10-point scale', () => {
    const r = run(TEXTS.MYTHANH_THIDUA, '28993');
    expect(r.draft.schedules!.map((s) => [s.periodType, s.due, s.reportTo, s.via, s.appliesTo])).toEqual([
      ['year', { rule: 'fixedDate', month: 11, day: 25, before: false }, '28993', undefined, { level: 'hamlet' }],
      ['year', { rule: 'fixedDate', month: 12, day: 10, before: true }, '834', '834-NV', { units: ['28993'] }],
    ]);
    expect(r.draft.criteria!.map((c) => [c.name, c.maxPoints])).toEqual([['Công tác tuyên truyền', 4], ['Công tác hòa giải ở cơ sở', 3], ['Công tác an ninh trật tự', 3]]);
    expect(r.unresolved.find((u) => u.path === 'tasks[1].assignees')?.text).toBe('Hội Nông dân xã');
  });

  it('"Số: /KH-UBND" blank; "Định kỳ 6 tháng, năm, các phường báo cáo …" with no deadline → half S1 and year, due unresolved', () => {
    const r = run(TEXTS.QUAN10_PAPI, '771');
    expect(gaps(r)).toEqual(expect.arrayContaining(['number', 'schedules[0].due', 'schedules[1].due']));
    expect(r.draft.years).toEqual([2020, 2021]);
    expect(r.draft.schedules!.slice(0, 2)).toEqual([
      expect.objectContaining({ periodType: 'half', only: ['S1'], reportTo: '771', via: '771-NV', appliesTo: { level: 'commune' } }),
      expect.objectContaining({ periodType: 'year', reportTo: '771', via: '771-NV', appliesTo: { level: 'commune' } }),
    ]);
    expect(r.draft.schedules![0]!.due).toBeUndefined();
  });

  it('"Căn cứ Công văn số 12/UBND-NV ngày 05/3/2021 …, … trước ngày 20/3/2021" → the deadline is the 20th, not the cited date; a report "theo quy định" is no schedule', () => {
    const r = run(TEXTS.QUAN10_PAPI, '771');
    expect(r.draft.schedules).toHaveLength(3);
    expect(schedule(r, 2)).toMatchObject({ periodType: 'once', due: { rule: 'date', date: '2021-03-20', before: true }, reportTo: '771-NV' });
    expect(covered(schedule(r, 2).appliesTo, '771')).not.toContain('771-NV');
    expect(r.draft.tasks![1]!.assignees).toEqual({ units: ['771-TNMT', '771-TTR'] });
  });

  it('"quý I" → only Q1, "trong vòng 05 ngày sau khi kết thúc quý" → afterPeriodEnd 5; "6 tháng đầu năm" → S1; "trước ngày 31/2", "ngày 31 tháng 2 năm 2021", "trên 100%" → unresolved', () => {
    const r = run(TEXTS.QUAN10_ODD, '771');
    expect(schedule(r, 0)).toMatchObject({ periodType: 'quarter', only: ['Q1'], due: { rule: 'afterPeriodEnd', days: 5, before: false } });
    expect(schedule(r, 1)).toMatchObject({ periodType: 'half', only: ['S1'] });
    expect(schedule(r, 1).due).toBeUndefined();
    expect(r.draft.issuedOn).toBeUndefined();
    expect(gaps(r)).toEqual(expect.arrayContaining(['issuedOn', 'schedules[1].due', 'indicators[0].target']));
    expect(r.draft.indicators![0]!.target).toBeUndefined();
    expect(r.draft.indicators![1]!.target).toEqual({ op: '>=', value: 100 });
  });

  it('"Phường 15 và P. 14 gửi báo cáo năm về UBND Q.10 trước ngày 15 tháng 12" → those two wards, to 771', () => {
    const r = run(TEXTS.QUAN10_ODD, '771');
    expect(schedule(r, 2)).toMatchObject({ periodType: 'year', appliesTo: { units: ['27163', '27169'] }, reportTo: '771', due: { rule: 'fixedDate', month: 12, day: 15, before: true } });
  });

  it('issuer 79: "Ủy ban nhân dân các quận, huyện" → the district level; "hằng tháng, quý, 6 tháng, 9 tháng và năm … chậm nhất vào ngày 20 hằng tháng" → five schedules, one day for all', () => {
    const r = run(TEXTS.HCM_CCHC, '79');
    expect(r.draft).toMatchObject({ number: '4512/KH-UBND', issuedOn: '2021-12-20', years: [2022] });
    expect(r.draft.schedules!.map((s) => [s.periodType, s.only])).toEqual([['month', undefined], ['quarter', ['Q1']], ['half', ['S1']], ['nine_months', undefined], ['year', undefined]]);
    for (const s of r.draft.schedules!) expect(s).toMatchObject({ due: { rule: 'dayOfLastMonth', day: 20, before: false }, reportTo: '79', appliesTo: { level: 'district' } });
    expect(r.draft.tasks![1]!.assignees).toEqual({ level: 'district' });
    // "Sở Nội vụ" is the city's own office (79-SNV in the demo), found by name in the issuer's subtree
    expect(r.draft.tasks![0]!.assignees).toEqual({ units: ['79-SNV'] });
    for (const sc of r.draft.schedules!) expect(sc.via).toBe('79-SNV');
    expect(r.unresolved.filter((u) => u.text === 'Sở Nội vụ')).toEqual([]);
  });

  it('a web copy titled "Kế hoạch số 15/KH-UBND về triển khai …" → number and title from it; the posting time is no issue date; "Định kỳ hằng quý" with no day', () => {
    const r = run(TEXTS.WEB_PHUHUU, '26866');
    expect(r.draft).toMatchObject({ number: '15/KH-UBND', title: 'Triển khai Đề án 06 trên địa bàn phường năm 2022', years: [2022] });
    expect(r.unresolved.find((u) => u.path === 'issuedOn')?.text).toBe('Chủ nhật, 05/06/2022, 08:15 SA');
    expect(r.draft.schedules).toEqual([expect.objectContaining({ periodType: 'quarter', reportTo: '769', appliesTo: { units: ['26866'] } })]);
    expect(r.draft.schedules![0]!.due).toBeUndefined();
    expect(r.draft.indicators).toEqual([expect.objectContaining({ unit: 'hộ gia đình', target: { op: '>=', value: 100 } })]);
  });

  it('"Trưởng 6 ấp …" → the hamlets; "trong vòng 03 ngày làm việc sau khi kết thúc quý" cannot be a due rule → unresolved; "Tổ chức 02 hội nghị" → count', () => {
    const r = run(TEXTS.MYTHANH_HOP, '28993');
    expect(r.draft.tasks!.map((t) => t.assignees)).toEqual([{ level: 'hamlet' }, { units: ['28993'] }, { level: 'hamlet' }]);
    expect(r.draft.schedules).toEqual([expect.objectContaining({ periodType: 'quarter', reportTo: '28993', appliesTo: { level: 'hamlet' } })]);
    expect(r.unresolved.find((u) => u.path === 'schedules[0].due')?.text).toMatch(/^trong vòng 03 ngày làm việc/);
    expect(r.draft.indicators!.map((x) => [x.unit, x.target])).toEqual([['hội nghị', { op: '>=', value: 2 }]]);
  });

  it('"(Phòng Văn hóa và Thông tin chủ trì, phối hợp …)" and "(Phòng Nội vụ thực hiện)" name who acts; "III. CHẾ ĐỘ BÁO CÁO" is no task; "trước ngày 25/11/2021" → once', () => {
    const r = run(TEXTS.QUAN10_PHANCONG, '771', [{ id: 'p-35', number: '35/KH-UBND' }]);
    expect(r.draft.basis).toBe('p-35');
    expect(r.draft.tasks!.map((t) => t.assignees)).toEqual([{ units: ['771-VHTT'] }, { units: ['771-NV'] }, undefined]);
    expect(r.draft.schedules).toEqual([expect.objectContaining({ periodType: 'once', due: { rule: 'date', date: '2021-11-25', before: true }, reportTo: '771', via: '771-VHTT', appliesTo: { level: 'commune' } })]);
    expect(r.draft.indicators).toEqual([expect.objectContaining({ kind: 'count', unit: 'chuyên đề', target: { op: '>=', value: 2 } })]);
  });

  it('NFC or not, accented or not: the same plan in NFD gives the same draft, with findings into the NFD text', () => {
    const nfd = TEXTS.PHUHUU_TUYENTRUYEN.normalize('NFD');
    const r = run(nfd, '26866');
    expect(r.draft).toEqual(run(TEXTS.PHUHUU_TUYENTRUYEN, '26866').draft);
    expect(found(r, 'number')[0]!.normalize('NFC')).toBe('Số 45/KH-UBND');
  });

  it.each([['a recipe', TEXTS.RECIPE], ['empty text', ''], ['a few random words', TEXTS.RANDOM_WORDS], ['binary garbage', String.fromCharCode(...Array.from({ length: 512 }, (_, i) => (i * 7919) % 65_536))]])(
    '%s → no plan recognised: only the issuer, and one unresolved item saying so', (_, text) => {
      const r = run(text, '771');
      expect(r.draft).toEqual({ issuer: '771' });
      expect(r.findings).toEqual([]);
      expect(r.unresolved).toEqual([{ path: '', text: '', message: NOT_A_PLAN }]);
    },
  );
});

// ---------------------------------------------------------------------------------------------------------------

/** Seed 002 as a .docx: its lines as paragraphs, the first five lines of section III as a 2-column table. */
async function seed002Docx(): Promise<Uint8Array> {
  const lines = seed002.split('\n');
  const start = lines.findIndex((l) => l.startsWith('III. TỔ CHỨC THỰC HIỆN'));
  const para = (l: string) => new Paragraph({ children: [new TextRun(l)] });
  const cell = (l: string) => new TableCell({ children: [para(l)] });
  const inTable = lines.slice(start, start + 6);
  const table = new Table({ rows: [new TableRow({ children: [cell(inTable[0]!), cell(inTable[1]!)] }), new TableRow({ children: [cell(inTable[2]!), cell(inTable[3]!)] }), new TableRow({ children: [cell(inTable[4]!), cell(inTable[5]!)] })] });
  const doc = new Document({ sections: [{ children: [...lines.slice(0, start).map(para), table, ...lines.slice(start + 6).map(para)] }] });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}

describe('.docx', () => {
  it('seed 002 as a .docx (with a table) reads back line by line, cells in order, and extracts to the same draft', async () => {
    const text = docxText(await seed002Docx());
    expect(text.split('\n')).toEqual(seed002.split('\n'));
    const r = run(text, '771');
    expect(r.draft).toEqual(seed('002').draft);
  });

  it('a zip without word/document.xml, random bytes and an empty buffer throw DocxError; an empty document gives "" and no plan', async () => {
    expect(() => docxText(zipSync({ 'word/other.xml': strToU8('<x/>') }))).toThrow(DocxError);
    expect(() => docxText(Uint8Array.from({ length: 300 }, (_, i) => (i * 31 + 7) % 256))).toThrow(DocxError);
    expect(() => docxText(new Uint8Array())).toThrow(DocxError);
    const empty = new Uint8Array(await Packer.toArrayBuffer(new Document({ sections: [{ children: [] }] })));
    expect(docxText(empty).trim()).toBe('');
    expect(run(docxText(empty), '771').unresolved[0]!.message).toBe(NOT_A_PLAN);
    try {
      docxText(zipSync({ 'word/other.xml': strToU8('<x/>') }));
    } catch (e) {
      expect((e as DocxError).reason).toBe('no_document');
    }
  });

  it('entities, tabs and breaks in runs; deleted text and field codes are left out', () => {
    const xml = '<?xml version="1.0"?><w:document><w:body><w:p><w:r><w:t>A &amp; B &#7889;</w:t><w:tab/><w:t xml:space="preserve"> c</w:t></w:r>'
      + '<w:del><w:r><w:delText>gone</w:delText></w:r></w:del><w:r><w:instrText>PAGE</w:instrText></w:r></w:p><w:p><w:r><w:t>x</w:t><w:br/><w:t>y &constructor;</w:t></w:r></w:p></w:body></w:document>';
    expect(docxText(zipSync({ 'word/document.xml': strToU8(xml) }))).toBe('A & B ố\t c\nx\ny &constructor;');
  });
});

// ---------------------------------------------------------------------------------------------------------------

const FRAGMENTS = [
  'KẾ HOẠCH', 'Số: 12/KH-UBND', 'Số 137/KH-UBND', 'Số: /KH-UBND', 'Quận 10, ngày 24 tháng 8 năm 2020', 'ngày 31/2/2021', 'ngày 0/0/0',
  'ngày 24 tháng 13 năm 99999', 'Căn cứ Quyết định số 3283/QĐ-UBND ngày 06 tháng 8 năm 2019;', 'I. MỤC ĐÍCH, YÊU CẦU', 'II. NHIỆM VỤ',
  'III. TỔ CHỨC THỰC HIỆN', '1. Phòng Nội vụ', '2. Ủy ban nhân dân 15 phường', 'a) UBND các xã, phường', '- Tỷ lệ hồ sơ đúng hạn trên 95%;',
  '- đạt 100%', 'trên 100000000000000000000%', 'tối thiểu 99999999999999999999 lớp', 'Định kỳ Quý, 6 tháng, 9 tháng, năm',
  'báo cáo về Ủy ban nhân dân quận (thông qua Phòng Nội vụ) trước ngày 15/6, 15/12 hàng năm', 'chậm nhất là ngày 31 tháng 2',
  'trước ngày 05 của tháng cuối quý', 'trong tháng 13/2021', 'trong vòng 999 ngày sau khi kết thúc quý', 'thang điểm là 10 điểm',
  '+ Tiêu chí: 0 điểm', '+ Tiêu chí: 1001 điểm', 'năm 2020 và những năm tiếp theo', 'giai đoạn 2099 - 2120', 'Nghị định 09/2019/NĐ-CP chốt số liệu',
  'P.', 'Q.', 'TP.', 'UBND', '(', ')', ':', '\n', '\n\n', ' ', '*', '**', '“', 'constructor', '__proto__', 'toString', 'về', 'qua',
];
const plansText = fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 12 }), fc.integer({ min: -1, max: 1e12 }).map(String)), { maxLength: 60 })
  .map((parts) => parts.join(' '));
const issuers = fc.constantFrom('771', '349', '26866', '28993', '774');

describe('property: any text', () => {
  it('never throws, always yields a draft PlanDraft accepts, findings that are slices of the input, and the same output twice', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 200 }), plansText), issuers, (text, issuer) => {
        const ctx = contextFor(issuer, [{ id: 'p', number: '12/KH-UBND' }]);
        const a = extractPlan(text, ctx);
        invariants(text, a);
        expect(extractPlan(text, ctx)).toEqual(a);
      }),
      { numRuns: 400 },
    );
  });

  it('the seeds cut at random points and with random fragments spliced in keep the invariants', () => {
    const seeds = Object.entries(SEEDS);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: seeds.length - 1 }), fc.nat(), fc.nat(), fc.constantFrom(...FRAGMENTS), (k, a, b, frag) => {
        const [key, text] = seeds[k]!;
        const cut = text.slice(Math.min(a, b) % text.length, Math.max(a, b) % text.length) + frag + text.slice(0, a % 500);
        invariants(cut, extractPlan(cut, contextFor(DEMO[key as SeedKey].issuer)));
      }),
      { numRuns: 150 },
    );
  });
});
