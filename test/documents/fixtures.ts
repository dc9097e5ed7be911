/**
 * View models for the document builders, taken from the seed plans (data/seeds, worker/demo): Phường 15's 6-month
 * report on Quận 10's PAPI plan (seed 002), Thị xã Duy Tiên's compiled annual report over its 15 communes on the
 * "friendly government" plan (seed 004), and the Front of Quận 5's report on its reform plan (seed 000). Shared by
 * the workerd test (test/worker/domain/documents.test.ts) and the rendering test (test/documents/render.test.ts).
 */
import { formatDateTime, formatDeadline, formatNumber, formatPercent, onTimeLabel, periodLabel, STATUS_LABEL, targetLabel } from '../../schemas/labels';
import {
  numberLine,
  officialForm,
  type FormUnit,
  type IndicatorKind,
  type IndicatorRowView,
  type ReportDocumentModel,
  type RollupCell,
  type RollupWorkbookModel,
} from '../../worker/src/domain/documents';

const TZ = 'Asia/Ho_Chi_Minh';
/** The add-on's words for a task's status (addon/src/core/report-sheet.ts). */
const TASK_STATUS = { not_started: 'Chưa thực hiện', in_progress: 'Đang thực hiện', done: 'Hoàn thành' } as const;

const unit = (code: string, name: string, level: string): FormUnit => ({ code, name, level });
export const UNITS = {
  quan10: unit('771', 'Quận 10', 'district'),
  phuong15: unit('27163', 'Phường 15', 'commune'),
  noiVuQ10: unit('771-NV', 'Phòng Nội vụ Quận 10', 'department'),
  quan5: unit('774', 'Quận 5', 'district'),
  mttqQ5: unit('774-MTTQ', 'Ủy ban Mặt trận Tổ quốc Việt Nam Quận 5', 'department'),
  haNam: unit('35', 'Tỉnh Hà Nam', 'province'),
  duyTien: unit('349', 'Thị xã Duy Tiên', 'district'),
};

/** "289/300 (96,3 %)", as a report prints a rate. */
export const rateText = (n: number, d: number) => `${formatNumber(n)}/${formatNumber(d)} (${formatPercent((100 * n) / d)})`;

/** Seed 002 (KH-PAPI/Q10): Phường 15 reports to UBND Quận 10 through Phòng Nội vụ. A short report: one page. */
export function wardReport(): ReportDocumentModel {
  const form = officialForm(UNITS.phuong15, UNITS.quan10);
  return {
    form,
    numberLine: numberLine(form),
    date: '2026-06-05',
    documentType: 'BÁO CÁO',
    summary: `Kết quả thực hiện Kế hoạch số KH-PAPI/Q10 — ${periodLabel('2026S1')}`,
    opening: 'Ủy ban nhân dân Phường 15 báo cáo kết quả 6 tháng đầu năm 2026 như sau:',
    tasks: [
      {
        title: 'Công khai, minh bạch',
        status: TASK_STATUS.done,
        result: 'Niêm yết danh sách hộ nghèo, hộ cận nghèo và thu chi ngân sách tại trụ sở.',
        difficulties: '',
        proposals: '',
      },
      {
        title: 'Thủ tục hành chính công',
        status: TASK_STATUS.in_progress,
        result: 'Tiếp nhận 300 hồ sơ, giải quyết đúng hạn 289 hồ sơ; gửi 3 thư xin lỗi do giải quyết hồ sơ trễ hạn.',
        difficulties: 'Hệ thống một cửa điện tử có lúc gián đoạn',
        proposals: 'Đề nghị Phòng Nội vụ Quận 10 tập huấn phần mềm một cửa điện tử.',
      },
    ],
    indicators: [
      {
        name: 'Tỷ lệ hồ sơ TTHC giải quyết đúng hạn',
        unit: 'hồ sơ',
        value: rateText(289, 300),
        target: targetLabel({ op: '>', value: 95 }, 'percent'),
        met: true,
        previous: rateText(281, 310),
      },
      { name: 'Số Thư xin lỗi đã gửi do giải quyết hồ sơ trễ hạn', unit: 'thư', value: '3', target: '', met: null, previous: '9' },
      { name: 'Số dịch vụ công được cung cấp trực tuyến mức độ 3, mức độ 4', unit: 'dịch vụ', value: 'Chưa có số liệu', target: '', met: null },
      {
        name: 'Tỷ lệ người dân tham gia bảo hiểm y tế',
        unit: 'người',
        value: 'Không áp dụng — BHXH quận tổng hợp',
        target: '',
        met: null,
      },
    ],
    closing: 'Trên đây là báo cáo của Ủy ban nhân dân Phường 15./.',
    recipients: ['Ủy ban nhân dân Quận 10', 'Phòng Nội vụ Quận 10'],
  };
}

/** Seed 000 (59/KH-MTTQ-BTT): the Front of Quận 5's own report, dated 1 February. */
export function frontReport(): ReportDocumentModel {
  const form = officialForm(UNITS.mttqQ5, UNITS.quan5);
  return {
    form,
    numberLine: numberLine(form),
    date: '2026-02-01',
    documentType: 'BÁO CÁO',
    summary: `Kết quả phối hợp thực hiện Kế hoạch số 59/KH-MTTQ-BTT — ${periodLabel('2025')}`,
    tasks: [
      {
        title: 'Phối hợp cho ý kiến đánh giá, chấm điểm xác định chỉ số cải cách hành chính của Ủy ban nhân dân quận',
        status: TASK_STATUS.done,
        result: 'Chấm điểm 5 tiêu chí, tổng cộng 9 trên 10 điểm.',
        difficulties: '',
        proposals: '',
      },
    ],
    indicators: [
      { name: 'Số cuộc giám sát tinh thần trách nhiệm, thái độ giao tiếp, ứng xử của cán bộ, công chức', unit: 'cuộc', value: '4', target: '', met: null },
    ],
    recipients: ['Ban Thường trực Ủy ban MTTQ Việt Nam Thành phố', 'Thường trực Quận ủy, Ủy ban nhân dân Quận 5'],
  };
}

/** Seed 004's commune-level indicators (KH-CQTT/DT), the one target as the plan sets it. */
type SeedIndicator = { code: string; name: string; kind: IndicatorKind; unit: string; target?: { op: string; value: number } };
export const DUY_TIEN_INDICATORS: SeedIndicator[] = [
  { code: 'HOI_NGHI_QUAN_TRIET', name: 'Số hội nghị quán triệt, tuyên truyền, hướng dẫn về mô hình', kind: 'count', unit: 'hội nghị' },
  {
    code: 'CBCC_QUAN_TRIET',
    name: 'Tỷ lệ cán bộ, công chức của đơn vị được quán triệt, tuyên truyền, hướng dẫn về mô hình',
    kind: 'percent',
    unit: 'người',
    target: { op: '=', value: 100 },
  },
  { code: 'PHIEU_KHAO_SAT', name: 'Số phiếu khảo sát ý kiến tổ chức, cá nhân thu về', kind: 'count', unit: 'phiếu' },
  { code: 'TY_LE_HAI_LONG', name: 'Tỷ lệ phiếu khảo sát hài lòng với cán bộ, công chức khi giao tiếp, làm việc', kind: 'percent', unit: 'phiếu' },
  { code: 'HOM_THU_GOP_Y', name: 'Đã bố trí hòm thư góp ý và công khai số điện thoại của lãnh đạo tại nơi tiếp dân', kind: 'boolean', unit: '' },
  { code: 'KHO_KHAN', name: 'Khó khăn, vướng mắc, đề xuất', kind: 'text', unit: '' },
];

/** The 15 communes and wards of Thị xã Duy Tiên (worker/demo/units.csv), in the order people count them. */
export const DUY_TIEN_COMMUNES = [
  'Phường Bạch Thượng', 'Phường Châu Giang', 'Phường Duy Hải', 'Phường Duy Minh', 'Phường Đồng Văn', 'Phường Hòa Mạc',
  'Phường Hoàng Đông', 'Phường Tiên Nội', 'Phường Yên Bắc', 'Xã Chuyên Ngoại', 'Xã Mộc Hoàn', 'Xã Tiên Ngoại',
  'Xã Tiên Sơn', 'Xã Trác Văn', 'Xã Yên Nam',
];

/** One unit's raw figures: a count as a value, a rate and a yes/no as numerator over denominator. */
type Figure = { value: number } | { numerator: number; denominator: number } | 'na';
export type UnitFigures = { name: string; figures: Record<string, Figure> | null; submittedAt: string | null; onTime: boolean | null };

/**
 * Made-up but plausible figures per commune, deterministic by position; two units have not reported and one had
 * no survey (its satisfaction rate does not apply).
 */
export function duyTienFigures(names: string[] = DUY_TIEN_COMMUNES, missing = ['Phường Yên Bắc', 'Xã Tiên Sơn']): UnitFigures[] {
  return names.map((name, i) => {
    if (missing.includes(name)) return { name, figures: null, submittedAt: null, onTime: null };
    const staff = 18 + (i % 7);
    const ballots = i === 4 ? 0 : 60 + 9 * i;
    const late = i % 5 === 3;
    return {
      name,
      figures: {
        HOI_NGHI_QUAN_TRIET: { value: 1 + (i % 3) },
        CBCC_QUAN_TRIET: { numerator: i % 4 === 1 ? staff - 1 : staff, denominator: staff },
        PHIEU_KHAO_SAT: { value: ballots },
        TY_LE_HAI_LONG: ballots ? { numerator: ballots - (i % 6), denominator: ballots } : 'na',
        HOM_THU_GOP_Y: { numerator: i % 6 === 2 ? 0 : 1, denominator: 1 },
      },
      submittedAt: late ? '2026-12-16T02:30:00Z' : `2026-12-${String(8 + (i % 6)).padStart(2, '0')}T03:15:00Z`,
      onTime: !late,
    };
  });
}

const isRate = (kind: IndicatorKind) => kind === 'percent' || kind === 'ratio' || kind === 'boolean';

function meets(ind: SeedIndicator, value: number | null): boolean | null {
  if (!ind.target || value === null) return null;
  const { op, value: t } = ind.target;
  const same = Math.abs(value - t) < 1e-9;
  return op === '=' ? same : op === '>=' ? same || value > t : op === '>' ? !same && value > t : op === '<=' ? same || value < t : !same && value < t;
}

/** What the roll-up computes for a group of units: sums, Σnumerator/Σdenominator, units meeting the target. */
type Aggregate = { value: number | null | 'na'; numerator: number | null; denominator: number | null; met: boolean | null; reporting: number; meeting: number };

function aggregate(ind: SeedIndicator, units: UnitFigures[]): Aggregate {
  let value: number | null = null;
  let numerator: number | null = null;
  let denominator: number | null = null;
  let reporting = 0;
  let meeting = 0;
  let notApplicable = 0;
  for (const u of units) {
    const f = u.figures?.[ind.code];
    if (f === undefined) continue;
    if (f === 'na') {
      notApplicable++;
      continue;
    }
    reporting++;
    if ('value' in f) {
      value = (value ?? 0) + f.value;
      if (meets(ind, f.value)) meeting++;
    } else {
      numerator = (numerator ?? 0) + f.numerator;
      denominator = (denominator ?? 0) + f.denominator;
      if (meets(ind, (100 * f.numerator) / f.denominator)) meeting++;
    }
  }
  if (isRate(ind.kind) && denominator) value = ind.kind === 'boolean' ? numerator : numerator! / denominator;
  if (!reporting && notApplicable) return { value: 'na', numerator: null, denominator: null, met: null, reporting, meeting };
  const met = ind.kind === 'percent' ? meets(ind, value === null ? null : 100 * (value as number)) : ind.target ? meeting === reporting : null;
  return { value, numerator, denominator, met, reporting, meeting };
}

const cellOf = (a: Aggregate): RollupCell => ({ value: a.value, numerator: a.numerator, denominator: a.denominator, met: a.met });

/** Seed 004's annual roll-up as a workbook: a row per commune, the district's totals, every unit's submission. */
export function duyTienWorkbook(units: UnitFigures[] = duyTienFigures(), unitName = UNITS.duyTien.name): RollupWorkbookModel {
  const row = (name: string, group: UnitFigures[]) => ({
    name,
    cells: Object.fromEntries(DUY_TIEN_INDICATORS.map((ind) => [ind.code, cellOf(aggregate(ind, group))])),
  });
  return {
    planNumber: 'KH-CQTT/DT',
    planTitle: 'Triển khai thực hiện nhân rộng mô hình “Chính quyền thân thiện vì Nhân dân phục vụ”',
    period: periodLabel('2026'),
    unitName,
    exportedAt: formatDateTime('2026-12-16T03:30:00Z', TZ),
    indicators: DUY_TIEN_INDICATORS.map((ind) => ({
      code: ind.code,
      name: ind.name,
      kind: ind.kind,
      unit: ind.unit,
      target: ind.target ? targetLabel(ind.target, ind.kind, ind.unit) : '',
    })),
    rows: units.map((u) => row(u.name, [u])),
    totals: row('Tổng cộng', units),
    submissions: units.map((u) => ({
      name: u.name,
      status: STATUS_LABEL[u.submittedAt ? 'submitted' : 'overdue'] ?? '',
      deadline: formatDeadline('2026-12-14T17:00:00Z', TZ),
      submittedAt: u.submittedAt ? formatDateTime(u.submittedAt, TZ) : '',
      onTime: onTimeLabel(u.onTime),
    })),
  };
}

/** How the compiled report prints an aggregate. */
function aggregateText(ind: SeedIndicator, a: Aggregate): string {
  if (a.value === 'na') return 'Không áp dụng';
  if (a.value === null) return 'Chưa có số liệu';
  if (ind.kind === 'boolean') return `${formatNumber(a.value)}/${formatNumber(a.denominator ?? 0)} đơn vị`;
  if (ind.kind === 'percent') return rateText(a.numerator ?? 0, a.denominator ?? 0);
  return formatNumber(a.value);
}

/** Seed 004's compiled annual report: Thị xã Duy Tiên over its communes, dated 15 December. */
export function duyTienCompiled(units: UnitFigures[] = duyTienFigures(), unitName = UNITS.duyTien.name): ReportDocumentModel {
  const form = officialForm({ ...UNITS.duyTien, name: unitName }, UNITS.haNam);
  const submitted = units.filter((u) => u.submittedAt);
  const indicators: IndicatorRowView[] = DUY_TIEN_INDICATORS.filter((i) => i.kind !== 'text').map((ind) => {
    const a = aggregate(ind, units);
    return {
      name: ind.name,
      unit: ind.unit,
      value: aggregateText(ind, a),
      target: ind.target ? targetLabel(ind.target, ind.kind, ind.unit) : '',
      met: a.met,
      units: { meeting: ind.target ? a.meeting : null, reporting: a.reporting },
    };
  });
  return {
    form,
    numberLine: numberLine(form),
    date: '2026-12-15',
    documentType: 'BÁO CÁO',
    summary: `Tổng hợp kết quả thực hiện Kế hoạch số KH-CQTT/DT — ${periodLabel('2026')}`,
    opening: `Thực hiện Kế hoạch số KH-CQTT/DT về triển khai thực hiện nhân rộng mô hình “Chính quyền thân thiện vì Nhân dân phục vụ”, Ủy ban nhân dân ${unitName.replace(/^Thị xã/, 'thị xã')} tổng hợp kết quả thực hiện năm 2026 của các xã, phường như sau:`,
    completeness: {
      expected: units.length,
      submitted: submitted.length,
      onTime: submitted.filter((u) => u.onTime).length,
      late: submitted.filter((u) => !u.onTime).length,
      missing: units.filter((u) => !u.submittedAt).map((u) => u.name),
    },
    tasks: [],
    indicators,
    closing: 'Trên đây là báo cáo tổng hợp kết quả thực hiện mô hình năm 2026 trên địa bàn thị xã./.',
    recipients: ['Ban Thường vụ Thị ủy', 'Ban Dân vận Thị ủy', 'Thường trực HĐND, Lãnh đạo UBND thị xã'],
  };
}

/** For timing: a district of 24 wards, "Phường 1" … "Phường 24". */
export function twentyFourWards(): UnitFigures[] {
  return duyTienFigures(Array.from({ length: 24 }, (_, i) => `Phường ${i + 1}`), ['Phường 7']);
}

/** For timing: a ward's report on a plan of 50 indicators. */
export function fiftyIndicatorReport(): ReportDocumentModel {
  const base = wardReport();
  const indicators: IndicatorRowView[] = Array.from({ length: 50 }, (_, i) => ({
    name: `Chỉ tiêu số ${i + 1}: tỷ lệ hồ sơ lĩnh vực ${i + 1} được giải quyết đúng hạn`,
    unit: 'hồ sơ',
    value: rateText(90 + (i % 10), 100),
    target: targetLabel({ op: '>=', value: 95 }, 'percent'),
    met: 90 + (i % 10) >= 95,
    previous: rateText(85 + (i % 10), 100),
  }));
  return { ...base, indicators };
}
