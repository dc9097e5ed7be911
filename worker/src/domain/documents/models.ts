/**
 * The view models of the documents: plain data, already in the words and figures a reader sees, so the builders
 * decide only the layout. The routes map reports and roll-ups onto them.
 */
import type { OfficialForm } from './official';

/** A calendar date, `YYYY-MM-DD`, in the deployment's zone. */
export type LocalDate = string;

export type ReportTaskView = {
  title: string;
  /** "Đã hoàn thành", "Đang thực hiện", …; '' when the report does not say. */
  status: string;
  /** Each '' when empty; a line break starts a new paragraph. */
  result: string;
  difficulties: string;
  proposals: string;
};

export type IndicatorRowView = {
  name: string;
  /** The unit of measure, "hồ sơ"; '' when none. */
  unit: string;
  /** As printed: "289/300 (96,3 %)", "12", "Không áp dụng — …", "Chưa có số liệu". */
  value: string;
  /** The target in words, "trên 95 %"; '' when the plan sets none. */
  target: string;
  /** Printed "Đạt" / "Không đạt" / "—". */
  met: boolean | null;
  /** The same period a year before, as printed; the column is there when any row has one. */
  previous?: string;
  /** Printed in italics under the value. */
  note?: string;
  /** A compiled report's "units meeting the target / units reporting"; `meeting` is null when there is no target. */
  units?: { meeting: number | null; reporting: number };
};

/** Who reported, in a compiled report. `missing` are unit names, in the order they are to be read. */
export type CompletenessView = { expected: number; submitted: number; onTime: number; late: number; missing: string[] };

/** A unit's report, or (with `completeness`) a compiled report over a subtree. */
export type ReportDocumentModel = {
  /** Header, date-line place and signature block, as `officialForm` gives them (or adjusted, e.g. "KT. CHỦ TỊCH"). */
  form: OfficialForm;
  /** "Số:      /BC-UBND", from `numberLine(form)`. */
  numberLine: string;
  date: LocalDate;
  /** "BÁO CÁO". */
  documentType: string;
  /** "Kết quả thực hiện Kế hoạch số 123/KH-UBND — 6 tháng đầu năm 2026". */
  summary: string;
  opening?: string;
  completeness?: CompletenessView;
  tasks: ReportTaskView[];
  indicators: IndicatorRowView[];
  /** The closing paragraph, "Trên đây là báo cáo …". */
  closing?: string;
  /** The signer's name under the signature space; left out, the space stays blank for the office to fill in. */
  signer?: string;
  /** "Nơi nhận": the plan's reportTo and via bodies by name; "Lưu: VT." is added after them. */
  recipients: string[];
};

export type IndicatorKind = 'count' | 'number' | 'percent' | 'ratio' | 'boolean' | 'text';

/** One unit's figure for one indicator. */
export type RollupCell = {
  /** A number (a percent as a fraction: 0.958 is 95,8 %), null for no data, 'na' for not applicable. */
  value: number | null | 'na';
  numerator?: number | null;
  denominator?: number | null;
  met?: boolean | null;
  /** With compare=previousYear: the same figure one year earlier (null: no data then); approximate when a split
   * predecessor was counted whole. */
  previous?: number | null;
  previousApproximate?: boolean;
};

export type RollupIndicatorColumn = {
  code: string;
  name: string;
  kind: IndicatorKind;
  /** The unit of measure; '' when none. */
  unit: string;
  /** The target in words; '' when none. */
  target: string;
};

/** A row: a child unit, or the totals. Cells by indicator code; a code left out has no data. */
export type RollupRowView = { name: string; cells: Record<string, RollupCell> };

/** A line of the "Tình hình nộp" sheet, already in words. */
export type SubmissionRowView = { name: string; status: string; deadline: string; submittedAt: string; onTime: string };

export type RollupWorkbookModel = {
  planNumber: string;
  planTitle: string;
  /** "6 tháng đầu năm 2026". */
  period: string;
  /** The unit whose subtree is rolled up. */
  unitName: string;
  /** "10:30 ngày 14/06/2026". */
  exportedAt: string;
  /** With compare=previousYear: the label of the period compared with ("Quý II/2025"); each figure gains a column. */
  previousPeriod?: string;
  /** Text indicators have no figures to tabulate and are left out of the sheet. */
  indicators: RollupIndicatorColumn[];
  /** One per child unit, in the order given. */
  rows: RollupRowView[];
  totals: RollupRowView;
  submissions: SubmissionRowView[];
};
