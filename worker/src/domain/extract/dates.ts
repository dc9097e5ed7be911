// Dates as plans write them ("ngày 24 tháng 8 năm 2020", "24/8/2020"), and deadlines ("trước ngày 15 tháng 5",
// "chậm nhất là ngày 25 tháng 11", "trước ngày 05 của tháng cuối quý", "trong tháng 3/2021"). A date that follows a
// document's number ("Quyết định số 3283/QĐ-UBND ngày 06 tháng 8 năm 2019") is that document's date, never a deadline.
import { isValidLocalDate } from '../periods';
import type { Doc, Span } from './text';

export type Due =
  /** "ngày 15 tháng 5", "15/12/2021" */
  | { kind: 'day'; d: number; m: number; y: number | null }
  /** "ngày 05 của tháng cuối quý", "ngày 15 hằng tháng" */
  | { kind: 'lastMonth'; d: number; of: 'quarter' | 'half' | 'year' | 'month' | 'period' }
  /** "trong tháng 3/2021": by the end of that month */
  | { kind: 'monthEnd'; m: number; y: number | null }
  /** "trong vòng 05 ngày sau khi kết thúc kỳ báo cáo" */
  | { kind: 'after'; days: number; working: boolean };

/** `before`: "trước ngày D" (D itself is late); false for "chậm nhất ngày D" (D is still on time). */
export type Deadline = Span & { due: Due; before: boolean };

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** YYYY-MM-DD when the day exists, else null. */
export function localDate(y: number, m: number, d: number): string | null {
  if (y < 1000 || y > 9999) return null;
  const s = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
  return isValidLocalDate(s) ? s : null;
}

export function lastDayOfMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

const WORDS_DATE = /(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{1,6}))?(?!\s*[/\d])/y;
const SLASH_DATE = /(?:ngày\s+)?(\d{1,2})\s*([/.-])\s*(\d{1,2})(?:\2(\d{4,6}))?(?![\d/.-]\d)/y;
const LAST_MONTH = /(?:ngày\s+)?(\d{1,2})\s+(?:của\s+)?tháng\s+cuối\s+(?:của\s+)?(quý|6 tháng|năm|kỳ)/y;
const MONTHLY = /(?:ngày\s+)?(\d{1,2})\s+(?:hàng|hằng|mỗi)\s+tháng/y;

function at(re: RegExp, s: string, i: number): RegExpExecArray | null {
  re.lastIndex = i;
  return re.exec(s);
}

const num = (s: string | undefined) => (s === undefined ? null : Number(s));

/** A date (or the day of a period's last month) at offset `i` of `s`. */
function dateAt(s: string, i: number): { due: Due; end: number } | null {
  let m: RegExpExecArray | null;
  if ((m = at(LAST_MONTH, s, i))) {
    const of = ({ quý: 'quarter', '6 tháng': 'half', năm: 'year', kỳ: 'period' } as const)[m[2] as 'quý' | '6 tháng' | 'năm' | 'kỳ'];
    return { due: { kind: 'lastMonth', d: Number(m[1]), of }, end: i + m[0].length };
  }
  if ((m = at(MONTHLY, s, i))) return { due: { kind: 'lastMonth', d: Number(m[1]), of: 'month' }, end: i + m[0].length };
  if ((m = at(WORDS_DATE, s, i))) return { due: { kind: 'day', d: Number(m[1]), m: Number(m[2]), y: num(m[3]) }, end: i + m[0].length };
  if ((m = at(SLASH_DATE, s, i))) return { due: { kind: 'day', d: Number(m[1]), m: Number(m[3]), y: num(m[4]) }, end: i + m[0].length };
  return null;
}

/** Spans of dates that belong to a cited document: "… số 135/KH-MTTQ-BTT ngày 19/3/2020", "Nghị định 09/2019/NĐ-CP ngày …". */
export function citedDates(doc: Doc, sp: Span): Span[] {
  const out: Span[] = [];
  const text = doc.lower.slice(sp.s, sp.e);
  const re = /\d{1,6}[\p{L}\d.-]{0,30}\/[\p{L}\d./-]{0,40}[\p{L}\d](?:\s+của\s[^,;()]{0,80}?)?\s{0,3},?\s{0,3}(?=ngày\s)/gu;
  for (const m of text.matchAll(re)) {
    const d = dateAt(text, m.index + m[0].length);
    if (d) out.push({ s: sp.s + m.index, e: sp.s + d.end });
  }
  return out;
}

const LEAD = /(trước|chậm nhất|muộn nhất|hạn chót|hạn cuối|hạn nộp|thời hạn(?:\s+(?:nộp|gửi))?|không quá|không muộn hơn)(?:\s+(?:là|vào|trước))*(?:\s+ngày)?\s*/gu;
const MONTH_END = /trong\s+tháng\s+(\d{1,2})(?:\s*\/\s*(\d{4,6})|\s+năm\s+(\d{4,6}))?(?![\d/])/gu;
const AFTER_END = /(?:trong\s+(?:vòng|thời hạn|thời gian)|chậm nhất(?:\s+là)?|không quá)\s+(\d{1,3})\s+ngày(\s+làm\s+việc)?\s+(?:kể\s+từ\s+|sau\s+)(?:khi\s+|ngày\s+)?(?:kết thúc|hết)/gu;
const LIST_SEP = /\s*(?:,|và|hoặc)\s*/y;
/** More deadlines than any clause states; past it, the rest of a runaway text is not read for more. */
const MAX_DEADLINES = 24;
const RECURRENCE = /\s*(?:hàng|hằng)\s+năm/y;
const CONTINUED = /là\s+(?=(?:ngày\s+)?\d)/gu;

/**
 * The deadlines a clause states, in order. A lead ("trước", "chậm nhất …") may govern a list ("trước ngày 15/6,
 * 15/12 hàng năm"); a later bare "… là ngày 10 tháng 12" keeps the lead before it.
 */
export function deadlines(doc: Doc, sp: Span): Deadline[] {
  const text = doc.lower.slice(sp.s, sp.e);
  const cited = citedDates(doc, sp).map((c) => ({ s: c.s - sp.s, e: c.e - sp.s }));
  const free = (s: number, e: number) => !cited.some((c) => c.s < e && s < c.e);
  const out: (Span & { due: Due; before: boolean })[] = [];
  const taken = (s: number, e: number) => out.length >= MAX_DEADLINES || out.some((d) => d.s < e && s < d.e);

  for (const m of text.matchAll(LEAD)) {
    const before = m[1] === 'trước';
    let i = m.index + m[0].length;
    let d = dateAt(text, i);
    if (!d || !free(i, d.end) || taken(m.index, d.end)) continue;
    const kind = d.due.kind;
    for (let s = m.index; out.length < MAX_DEADLINES; ) {
      out.push({ s, e: d.end, due: d.due, before });
      i = d.end;
      const sep = at(LIST_SEP, text, i);
      const next = sep ? dateAt(text, i + sep[0].length) : null;
      if (!sep || !next || next.due.kind !== kind || !free(i, next.end)) break;
      s = i + sep[0].length;
      d = next;
    }
    const rec = at(RECURRENCE, text, i);
    if (rec) out[out.length - 1]!.e = i + rec[0].length;
  }
  for (const m of text.matchAll(MONTH_END)) {
    const e = m.index + m[0].length;
    if (free(m.index, e) && !taken(m.index, e)) out.push({ s: m.index, e, due: { kind: 'monthEnd', m: Number(m[1]), y: num(m[2] ?? m[3]) }, before: false });
  }
  for (const m of text.matchAll(AFTER_END)) {
    const e = m.index + m[0].length;
    if (!taken(m.index, e)) out.push({ s: m.index, e, due: { kind: 'after', days: Number(m[1]), working: !!m[2] }, before: false });
  }
  out.sort((a, b) => a.s - b.s);
  // "… chậm nhất là ngày 25 tháng 11 và về huyện là ngày 10 tháng 12": the second date keeps the first one's lead
  if (out.length) {
    for (const m of text.matchAll(CONTINUED)) {
      const d = dateAt(text, m.index + m[0].length);
      const lead = [...out].reverse().find((x) => x.e <= m.index);
      if (d && lead && d.due.kind === 'day' && free(m.index, d.end) && !taken(m.index, d.end)) {
        const rec = at(RECURRENCE, text, d.end);
        out.push({ s: m.index, e: rec ? d.end + rec[0].length : d.end, due: d.due, before: lead.before });
      }
    }
    out.sort((a, b) => a.s - b.s);
  }
  return out.map((d) => ({ ...d, s: sp.s + d.s, e: sp.s + d.e }));
}
