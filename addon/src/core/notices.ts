/** What a person reads after an action: receipts, return reasons, outlier warnings, problem lists. Pure. */
import type { Report, ReportReceipt } from '../../../schemas';
import { formatDateTime, onTimeLabel } from '../../../schemas/labels';
import { problemLine, type Placed } from './checks';

/** The deployment's zone (the manifest's timeZone): every time a person reads is local time. */
export const TZ = 'Asia/Ho_Chi_Minh';
type ReportView = Report;
type Warning = ReportReceipt['warnings'][number];

const AFTER_SUBMISSION: Partial<Record<ReportReceipt['status'], string>> = { returned: ' · BỊ TRẢ LẠI', accepted: ' · ĐÃ TIẾP NHẬN' };

/** "Đã nộp phiên bản 1 lúc 10:30 ngày 14/06/2026 · ĐÚNG HẠN": the receipt line of the header. */
export function receiptText(r: Pick<ReportReceipt, 'version' | 'status' | 'submittedAt' | 'onTime'>, tz = TZ): string {
  if (r.status === 'draft' || !r.submittedAt) return `Bản nháp, phiên bản ${r.version}`;
  const timing = r.onTime === null ? '' : ` · ${onTimeLabel(r.onTime).toUpperCase()}`;
  return `Đã nộp phiên bản ${r.version} lúc ${formatDateTime(r.submittedAt, tz)}${timing}${AFTER_SUBMISSION[r.status] ?? ''}`;
}

export const returnedText = (reason: string) => `Bị trả lại — lý do: ${reason}`;
const warningText = (w: Warning) => `Cảnh báo: ${w.message}`;

/** The header's "Lý do trả lại / Cảnh báo" cell: the reason in full while returned, then each warning on its line. */
export function noticeText(n: { returnReason?: string | null; warnings?: Warning[] }): string {
  return [...(n.returnReason ? [returnedText(n.returnReason)] : []), ...(n.warnings ?? []).map(warningText)].join('\n');
}

/** The header's state from a saved report (re-opening a sheet shows what the API last said of it). */
export function reportState(report: Pick<ReportView, 'version' | 'status' | 'submittedAt' | 'onTime' | 'warnings'> | null, returnReason: string | null) {
  return { receipt: report ? receiptText(report) : '', notice: noticeText({ returnReason, warnings: report?.warnings }) };
}

/** The alert after a submission: the receipt, and the values to look at again if the API flagged any. */
export function submittedMessage(r: ReportReceipt): string {
  const lines = [receiptText(r)];
  if (r.warnings.length) {
    lines.push('', `Báo cáo đã nộp thành công, nhưng có ${r.warnings.length} số liệu khác nhiều so với thường lệ; hãy kiểm tra lại (đã ghi ở đầu sheet):`,
      ...r.warnings.map((w) => `• ${w.message}`));
  }
  return lines.join('\n');
}

const SHOWN_PROBLEMS = 10;

/** The alert after a check: how many problems, the first few, and that each is marked on its cell. */
export function problemsMessage(problems: Placed[], submitting: boolean): string {
  if (!problems.length) return 'Báo cáo hợp lệ, có thể nộp.';
  const head = submitting
    ? `Chưa nộp: báo cáo còn ${problems.length} lỗi, đã đánh dấu bằng ghi chú màu đỏ trên sheet. Sửa rồi nộp lại.`
    : `Có ${problems.length} lỗi, đã đánh dấu bằng ghi chú màu đỏ:`;
  const more = problems.length > SHOWN_PROBLEMS ? [`… và ${problems.length - SHOWN_PROBLEMS} lỗi khác.`] : [];
  return [head, ...problems.slice(0, SHOWN_PROBLEMS).map(problemLine), ...more].join('\n');
}

export const COMPILED = 'Đã điền số liệu tổng hợp từ các đơn vị cấp dưới (bản nháp). Kiểm tra rồi chọn Cascade › Nộp báo cáo.';
