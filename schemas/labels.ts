/**
 * The words a person reads (DESIGN §9): period labels, numbers, dates, deadlines, time left, statuses and the
 * order of units. One pure module, with no zod and no I/O, so the Worker, the web app and the add-on bundle the
 * same functions and say the same thing everywhere.
 */

const ROMAN = ['I', 'II', 'III', 'IV'] as const;

/** `2026Q3` → `Quý III/2026`, `2026S1` → `6 tháng đầu năm 2026`, `202605` → `Tháng 5/2026`, `ONCE` → `Một lần`. */
export function periodLabel(code: string): string {
  if (code === 'ONCE') return 'Một lần';
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})Q([1-4])$/.exec(code))) return `Quý ${ROMAN[Number(m[2]) - 1]}/${m[1]}`;
  if ((m = /^(\d{4})S([12])$/.exec(code))) return `6 tháng ${m[2] === '1' ? 'đầu' : 'cuối'} năm ${m[1]}`;
  if ((m = /^(\d{4})N9$/.exec(code))) return `9 tháng đầu năm ${m[1]}`;
  if ((m = /^(\d{4})(0[1-9]|1[0-2])$/.exec(code))) return `Tháng ${Number(m[2])}/${m[1]}`;
  if (/^\d{4}$/.test(code)) return `Năm ${code}`;
  return code;
}

/**
 * A period inside a sentence: "trong quý III/2025", "trong 6 tháng đầu năm 2026", "trong năm 2026"; '' for a one-off
 * report, which has no period to name.
 */
export function periodPhrase(code: string): string {
  if (code === 'ONCE') return '';
  const label = periodLabel(code);
  return `trong ${label.charAt(0).toLowerCase()}${label.slice(1)}`;
}

/** The name people give a kind of period: "quý", "6 tháng", … (for "Báo cáo quý"). */
export const PERIOD_TYPE_LABEL: Record<string, string> = {
  month: 'tháng', quarter: 'quý', half: '6 tháng', nine_months: '9 tháng', year: 'năm', once: 'một lần',
};

/** A schedule's name as people say it: its own name, else "Báo cáo quý", "Báo cáo 6 tháng", … */
export function scheduleLabel(s: { name?: string | null; periodType: string }): string {
  if (s.name) return s.name;
  return s.periodType === 'once' ? 'Báo cáo (một lần)' : `Báo cáo ${PERIOD_TYPE_LABEL[s.periodType] ?? s.periodType}`;
}

function group(intPart: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** `1234` → `1.234`, `95.8` → `95,8`, `-0.5` → `-0,5`; at most `maxFractionDigits` decimals, no trailing zeros. */
export function formatNumber(x: number, maxFractionDigits = 2): string {
  if (!Number.isFinite(x)) return String(x);
  const fixed = Math.abs(x).toFixed(maxFractionDigits);
  const [int, frac = ''] = fixed.split('.');
  const trimmed = frac.replace(/0+$/, '');
  const sign = x < 0 && Number(fixed) !== 0 ? '-' : '';
  return `${sign}${group(int!)}${trimmed ? `,${trimmed}` : ''}`;
}

/** `95.83` → `95,8 %` (a percentage already ×100). */
export function formatPercent(x: number, fractionDigits = 1): string {
  return `${formatNumber(x, fractionDigits)} %`;
}

/** A comparison as people write it before a figure: `trên`, `từ … trở lên`, … */
const OP_WORDS: Record<string, [string, string]> = {
  '>': ['trên', ''],
  '>=': ['từ', ' trở lên'],
  '=': ['đạt', ''],
  '<=': ['không quá', ''],
  '<': ['dưới', ''],
};

/** A target in words: `{op:'>', value:95}` of a percent → `trên 95 %`; of a count in "lớp" → `từ 2 lớp trở lên`. */
export function targetLabel(t: { op: string; value: number }, kind: string, unit?: string | null): string {
  if (kind === 'boolean') return t.value ? 'Có' : 'Không';
  const [before, after] = OP_WORDS[t.op] ?? [t.op, ''];
  const figure = kind === 'percent' ? formatPercent(t.value, 2) : formatNumber(t.value, 4);
  return `${before} ${figure}${unit && kind !== 'percent' ? ` ${unit}` : ''}${after}`;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** `2026-06-14` → `14/06/2026`. */
export function formatDate(localDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(localDate);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : localDate;
}

type Wall = { y: number; m: number; d: number; h: number; mi: number };
const wallFormatters = new Map<string, Intl.DateTimeFormat>();

/** The wall clock in `tz` at an instant (Intl with an explicit zone: the same in workerd, browsers and Apps Script). */
export function wallTime(instant: Date, tz: string): Wall {
  let f = wallFormatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    wallFormatters.set(tz, f);
  }
  const parts: Record<string, string> = {};
  for (const p of f.formatToParts(instant)) parts[p.type] = p.value;
  return { y: Number(parts.year), m: Number(parts.month), d: Number(parts.day), h: Number(parts.hour) % 24, mi: Number(parts.minute) };
}

const dateOf = (w: Pick<Wall, 'y' | 'm' | 'd'>) => `${pad2(w.d)}/${pad2(w.m)}/${w.y}`;

/** An instant as `23:59 ngày 14/06/2026` in the deployment's zone. */
export function formatDateTime(iso: string | Date, tz: string): string {
  const w = wallTime(typeof iso === 'string' ? new Date(iso) : iso, tz);
  return `${pad2(w.h)}:${pad2(w.mi)} ngày ${dateOf(w)}`;
}

/** The local calendar date `YYYY-MM-DD` of an instant. */
export function localDate(iso: string | Date, tz: string): string {
  const w = wallTime(typeof iso === 'string' ? new Date(iso) : iso, tz);
  return `${w.y}-${pad2(w.m)}-${pad2(w.d)}`;
}

/**
 * The last allowed moment of a deadline in words. A due instant at local midnight is the end of the day before, so
 * it reads "chậm nhất 23:59 ngày 14/05/2021" and nobody takes "ngày 15" as still allowed; any other instant reads
 * "trước 10:30 ngày 15/05/2021".
 */
export function formatDeadline(due: string | Date, tz = 'Asia/Ho_Chi_Minh'): string {
  const t = typeof due === 'string' ? new Date(due) : due;
  const w = wallTime(t, tz);
  if (w.h === 0 && w.mi === 0 && t.getTime() % 60_000 === 0) {
    const before = wallTime(new Date(t.getTime() - 60_000), tz);
    return `chậm nhất 23:59 ngày ${dateOf(before)}`;
  }
  return `trước ${pad2(w.h)}:${pad2(w.mi)} ngày ${dateOf(w)}`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function span(ms: number): string {
  if (ms < HOUR) return `${Math.max(1, Math.floor(ms / MINUTE))} phút`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)} giờ`;
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms - days * DAY) / HOUR);
  // "2.026 ngày" reads like a year: past two months people count months, past two years years ("hơn 5 năm")
  if (days >= 730) return `hơn ${Math.floor(days / 365)} năm`;
  if (days >= 60) return `hơn ${Math.floor(days / 30)} tháng`;
  return days < 3 && hours > 0 ? `${days} ngày ${hours} giờ` : `${days} ngày`;
}

/** Time to a deadline counted honestly: `còn 9 giờ`, `còn 1 ngày 6 giờ`, `còn 5 ngày`; after it `đã quá hạn 2 ngày`. */
export function timeLeft(due: string | Date, now: Date): string {
  const ms = (typeof due === 'string' ? Date.parse(due) : due.getTime()) - now.getTime();
  return ms > 0 ? `còn ${span(ms)}` : `đã quá hạn ${span(-ms)}`;
}

/**
 * A schedule's reminders in words: `{before:[7,1], after:[1,7]}` → `nhắc trước hạn 7 ngày và 1 ngày; khi quá hạn,
 * nhắc sau 1 ngày và 7 ngày`; none → `không nhắc việc`. A reminder on the day itself reads `vào ngày đến hạn`.
 */
export const NO_REMINDERS = 'không nhắc việc';
export function remindersLabel(r: { before?: readonly number[]; after?: readonly number[] } | undefined): string {
  const days = (xs: readonly number[]) => {
    const words = xs.map((d) => `${d} ngày`);
    return words.length > 1 ? `${words.slice(0, -1).join(', ')} và ${words[words.length - 1]}` : words[0]!;
  };
  const before = [...new Set(r?.before ?? [])].sort((a, b) => b - a);
  const after = [...new Set(r?.after ?? [])].sort((a, b) => a - b);
  const parts: string[] = [];
  const ahead = before.filter((d) => d > 0);
  if (ahead.length) parts.push(`nhắc trước hạn ${days(ahead)}${before.includes(0) ? ' và vào ngày đến hạn' : ''}`);
  else if (before.includes(0)) parts.push('nhắc vào ngày đến hạn');
  if (after.length) parts.push(`khi quá hạn, nhắc sau ${days(after)}`);
  return parts.length ? parts.join('; ') : NO_REMINDERS;
}

/** `{rule:'fixedDate',month:5,day:15}` → `trước ngày 15/5 hằng năm`; `{before:false, …}` → `chậm nhất ngày 25/11 hằng năm`. */
export function dueRuleLabel(rule: { rule: string; before?: boolean; month?: number; day?: number; days?: number; date?: string; yearOffset?: number }): string {
  const lead = rule.before === false ? 'chậm nhất' : 'trước';
  switch (rule.rule) {
    case 'fixedDate': {
      const when = rule.yearOffset ? ` năm ${rule.yearOffset > 0 ? 'sau' : 'trước'}` : ' hằng năm';
      return `${lead} ngày ${rule.day}/${rule.month}${when}`;
    }
    case 'dayOfLastMonth':
      return `${lead} ngày ${rule.day} của tháng cuối kỳ`;
    case 'afterPeriodEnd':
      return rule.before === false ? `chậm nhất ${rule.days} ngày sau khi hết kỳ` : `trong vòng ${rule.days} ngày sau khi hết kỳ`;
    case 'date':
      return `${lead} ngày ${formatDate(rule.date ?? '')}`;
    default:
      return lead;
  }
}

/** Obligation and report statuses as the web app and the add-on say them. */
export const STATUS_LABEL: Record<string, string> = {
  open: 'Chưa đến hạn',
  overdue: 'Quá hạn',
  submitted: 'Đã nộp',
  returned: 'Bị trả lại',
  accepted: 'Đã tiếp nhận',
  cancelled: 'Đã hủy',
  draft: 'Bản nháp',
};

/** A task's progress as a report states it. */
export const TASK_STATUS_LABEL: Record<string, string> = { not_started: 'Chưa thực hiện', in_progress: 'Đang thực hiện', done: 'Hoàn thành' };

/** An indicator's kind as a form or a sheet names it. */
export const KIND_LABEL: Record<string, string> = {
  count: 'Số lượng', number: 'Số', percent: 'Tỷ lệ %', ratio: 'Tỷ số', boolean: 'Có/Không', text: 'Văn bản',
};

/** On time or late, as a receipt says it. */
export const onTimeLabel = (onTime: boolean | null) => (onTime === null ? '' : onTime ? 'Đúng hạn' : 'Trễ hạn');

/** Units as people count them: `Phường 1, 2, … 10, 15`, by name with numbers compared as numbers, never by code. */
const collator = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });
export function compareUnitNames(a: string, b: string): number {
  return collator.compare(a, b);
}
export function byUnitName<T extends { name: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => compareUnitNames(a.name, b.name));
}
