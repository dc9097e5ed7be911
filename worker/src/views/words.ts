/**
 * The web app's own words, beside schemas/labels.ts (periods, numbers, dates, deadlines, statuses): what a plan's
 * status, an indicator's kind, a unit's level, a token's role, a webhook's event and a delivery's fate are called.
 * Pure; the server's views and the client script both read them, so a word is written once.
 */
import { compareUnitNames } from '../../../schemas/labels';
import type { COMPARISON_OPS, INDICATOR_KINDS } from '../../../schemas/plans';

export const PLAN_STATUS_LABEL: Record<string, string> = {
  draft: 'Bản nháp', active: 'Đang thực hiện', archived: 'Đã lưu trữ', closed: 'Đã kết thúc',
};

export const KIND_LABEL: Record<(typeof INDICATOR_KINDS)[number], string> = {
  count: 'Số lượng', number: 'Số', percent: 'Tỷ lệ %', ratio: 'Tỷ số', boolean: 'Có/Không', text: 'Văn bản',
};

/** Comparisons as a target's select offers them ("trên 95 %", "từ 2 lớp trở lên"). */
export const OP_LABEL: Record<(typeof COMPARISON_OPS)[number], string> = { '>': 'trên', '>=': 'từ … trở lên', '=': 'đúng bằng', '<=': 'không quá', '<': 'dưới' };

export const LEVEL_LABEL: Record<string, string> = {
  province: 'Tỉnh, thành phố', district: 'Quận, huyện', commune: 'Phường, xã', department: 'Phòng, ban', hamlet: 'Ấp, khu phố',
};
/** A level as the plural a plan uses: "mọi phường, xã". */
export const levelLabel = (level: string) => LEVEL_LABEL[level] ?? 'Đơn vị cùng cấp';

export const ROLE_LABEL: Record<string, string> = { submitter: 'Cán bộ nộp báo cáo', manager: 'Cán bộ quản lý' };

export const TASK_STATUS_LABEL: Record<string, string> = { not_started: 'Chưa thực hiện', in_progress: 'Đang thực hiện', done: 'Hoàn thành' };

export const EVENT_LABEL: Record<string, string> = {
  'obligation.due_soon': 'Sắp đến hạn nộp',
  'obligation.overdue': 'Quá hạn chưa nộp',
  'report.submitted': 'Đơn vị đã nộp báo cáo',
  'report.returned': 'Báo cáo bị trả lại',
  'report.accepted': 'Báo cáo được tiếp nhận',
  'plan.activated': 'Kế hoạch được ban hành',
  'webhook.ping': 'Tin nhắn thử',
  'reminder.digest': 'Bản tin nhắc việc',
};

export const FORMAT_LABEL: Record<string, string> = {
  text: 'Google Chat hoặc Slack (tin nhắn chữ)',
  telegram: 'Telegram (bot)',
  cascade: 'Máy chủ của đơn vị (JSON có chữ ký)',
};

export const DELIVERY_LABEL: Record<string, string> = { each: 'Từng sự kiện một', digest: 'Gộp thành bản tin mỗi lượt nhắc' };

export const DELIVERY_STATUS_LABEL: Record<string, string> = { pending: 'Đang gửi lại', delivered: 'Đã gửi', dead: 'Không gửi được' };

/** A delivery attempt's error as a person reads it: "HTTP 503" as it is, a timeout or a refused address in words. */
export function deliveryError(error: string | null, statusCode: number | null): string {
  if (error === null) return statusCode === null ? '' : `HTTP ${statusCode}`;
  let m: RegExpExecArray | null;
  if (/^HTTP \d{3}$/.test(error)) return error;
  if ((m = /^no answer within (\d+) s$/.exec(error))) return `không phản hồi sau ${m[1]} giây`;
  if (/^URL /.test(error)) return 'địa chỉ nhận không được phép (phải là https công khai)';
  return 'không kết nối được tới địa chỉ nhận';
}

/** What happened to a report, as its history says it. */
export const REPORT_ACTION_LABEL: Record<string, string> = {
  'report.save': 'Lưu bản nháp', 'report.submit': 'Nộp báo cáo', 'report.return': 'Trả lại', 'report.accept': 'Tiếp nhận', 'report.compile': 'Tổng hợp từ cấp dưới',
};

/** Due rules as the editor offers them. */
export const DUE_RULE_LABEL: Record<string, string> = {
  fixedDate: 'Một ngày cố định trong năm', dayOfLastMonth: 'Một ngày của tháng cuối kỳ', afterPeriodEnd: 'Số ngày sau khi hết kỳ', date: 'Một ngày cụ thể',
};

const ROMAN = ['I', 'II', 'III', 'IV'];
/** The sub-periods a schedule may keep (`only`), in words: S1 → "6 tháng đầu năm", Q3 → "Quý III", 05 → "Tháng 5". */
export function subPeriods(periodType: string): { key: string; label: string }[] {
  if (periodType === 'half') return [{ key: 'S1', label: '6 tháng đầu năm' }, { key: 'S2', label: '6 tháng cuối năm' }];
  if (periodType === 'quarter') return ROMAN.map((r, i) => ({ key: `Q${i + 1}`, label: `Quý ${r}` }));
  if (periodType === 'month') return Array.from({ length: 12 }, (_, i) => ({ key: String(i + 1).padStart(2, '0'), label: `Tháng ${i + 1}` }));
  return [];
}

/** A plan's years: "2020–2021", "2015, 2017", "2026". */
export function yearsLabel(years: readonly number[]): string {
  const ys = [...years].sort((a, b) => a - b);
  if (ys.length > 1 && ys.every((y, i) => i === 0 || y === ys[i - 1]! + 1)) return `${ys[0]}–${ys[ys.length - 1]}`;
  return ys.join(', ');
}

/** Units as a district lists them: its wards and communes first (Phường 1, 2, … 15), then its offices, each as people count them. */
export function unitOrder(a: { name: string; level: string }, b: { name: string; level: string }): number {
  return Number(a.level === 'department') - Number(b.level === 'department') || compareUnitNames(a.name, b.name);
}
