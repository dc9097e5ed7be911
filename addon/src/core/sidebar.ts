/** The sidebar "Báo cáo của tôi": which reports, in which order, in which words. Pure. */
import type { Obligation } from '../../../schemas';
import { formatDateTime, onTimeLabel, STATUS_LABEL, timeLeft } from '../../../schemas/labels';
import type { ReportKeys } from './api';
import { returnedText, TZ } from './notices';
import { reportSheetName, type ReportHeader } from './report-sheet';

/** One line of the list, worded; `key` goes back to insertReportSheet and is never shown. */
export type SidebarItem = {
  key: ReportKeys;
  status: Obligation['status'];
  statusLabel: string;
  unitName: string;
  /** "Báo cáo 6 tháng — 6 tháng đầu năm 2026" */
  title: string;
  /** the deadline and the time left, or when it was submitted */
  when: string;
  /** "Bị trả lại — lý do: …", in full */
  reason: string | null;
  /** whether a click makes a report sheet (not for a report already submitted or accepted) */
  opens: boolean;
};

/** Returned first (someone is waiting for the fix), then overdue, open, and done. */
const GROUP: Record<Obligation['status'], number> = { returned: 0, overdue: 1, open: 2, submitted: 3, accepted: 3, cancelled: 4 };
const DONE = new Set<Obligation['status']>(['submitted', 'accepted', 'cancelled']);

function when(o: Obligation, now: Date, tz: string): string {
  if (DONE.has(o.status) && o.submittedAt) {
    const timing = onTimeLabel(o.onTime);
    return `Đã nộp lúc ${formatDateTime(o.submittedAt, tz)}${timing ? ` · ${timing}` : ''}`;
  }
  return `Hạn nộp: ${o.deadline} · ${timeLeft(o.dueAt, now)}`;
}

export function sidebarItems(obligations: Obligation[], now: Date, tz = TZ): SidebarItem[] {
  const seen = new Set<string>();
  return obligations
    .filter((o) => !seen.has(o.id) && Boolean(seen.add(o.id)))
    .sort((a, b) => GROUP[a.status] - GROUP[b.status] || Date.parse(a.dueAt) - Date.parse(b.dueAt))
    .map((o) => ({
      key: { unit: o.unit, plan: o.plan, schedule: o.schedule, period: o.period },
      status: o.status,
      statusLabel: STATUS_LABEL[o.status] ?? o.status,
      unitName: o.unitName,
      title: `${o.scheduleName} — ${o.periodLabel}`,
      when: when(o, now, tz),
      reason: o.status === 'returned' && o.returnReason ? returnedText(o.returnReason) : null,
      opens: !DONE.has(o.status),
    }));
}

/** The panel for the active report sheet: what it is, its receipt, and the reason or warnings of its header. */
export type SheetPanel = { title: string; deadline: string; receipt: string; notice: string };

export function sheetPanel(h: ReportHeader): SheetPanel {
  return {
    title: reportSheetName(h),
    deadline: `Hạn nộp: ${h.deadline}`,
    receipt: h.receipt ? `Biên nhận: ${h.receipt}` : h.key ? 'Đang chờ xác nhận lần nộp trước: chọn Cascade › Nộp báo cáo để gửi lại.' : 'Chưa nộp.',
    notice: h.notice,
  };
}
