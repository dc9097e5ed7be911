// Reporting periods, data windows and due instants.
//
// Pure module: no I/O, no clock (callers pass instants in), only standard web
// APIs (Intl) so it runs unchanged in workerd, Node and browsers.
//
// Conventions:
//  - A LocalDate ('YYYY-MM-DD') is a calendar date in the deployment's zone.
//    Day arithmetic uses a proleptic-Gregorian day number, never Date, so it
//    is independent of any zone and of Date's two-digit-year quirks.
//  - A due instant is the first instant at which a submission is LATE.

import { PERIOD_TYPES, type DueRule, type Schedule } from '../../../schemas';
import { t, type Text } from '../../../schemas/text';

export type PeriodType = Schedule['periodType'];

export type LocalDate = string; // 'YYYY-MM-DD'
/** Calendar range is inclusive; year/start/end are null for ONCE. */
export interface Period {
  code: string;
  type: PeriodType;
  year: number | null;
  start: LocalDate | null;
  end: LocalDate | null;
}

export const DEFAULT_TZ = 'Asia/Ho_Chi_Minh';

const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------
// Local calendar dates

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function ymd(y: number, m: number, d: number): LocalDate {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function splitDate(s: string): [number, number, number] | null {
  const m = typeof s === 'string' ? DATE_RE.exec(s) : null;
  if (!m) return null;
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return [y, mo, d];
}

export function isValidLocalDate(s: string): boolean {
  return splitDate(s) !== null;
}

function mustSplit(s: LocalDate): [number, number, number] {
  const p = splitDate(s);
  if (!p) throw new RangeError(`Invalid local date: ${JSON.stringify(s)}`);
  return p;
}

// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
function dayNumber(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromDayNumber(n: number): [number, number, number] {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [era * 400 + yoe + (m <= 2 ? 1 : 0), m, d];
}

export function addDays(d: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n)) throw new RangeError(`addDays: n must be an integer, got ${n}`);
  const [y, m, day] = mustSplit(d);
  const [y2, m2, d2] = fromDayNumber(dayNumber(y, m, day) + n);
  if (y2 < 1 || y2 > 9999) throw new RangeError(`addDays: result out of range`);
  return ymd(y2, m2, d2);
}

/** Saturday or Sunday. */
function isWeekend(d: LocalDate): boolean {
  const [y, m, day] = mustSplit(d);
  const dow = (((dayNumber(y, m, day) + 4) % 7) + 7) % 7; // 0 = Sunday; 1970-01-01 was a Thursday
  return dow === 0 || dow === 6;
}

// ---------------------------------------------------------------------------
// Time zones

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    // Throws RangeError for an unknown zone, which is what we want.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

interface WallTime { y: number; m: number; d: number; h: number; mi: number; s: number }

function wallTimeAt(epochMs: number, tz: string): WallTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(tz).formatToParts(new Date(epochMs))) parts[p.type] = p.value;
  return {
    y: Number(parts.year),
    m: Number(parts.month),
    d: Number(parts.day),
    h: Number(parts.hour) % 24, // some engines render midnight as "24" despite h23
    mi: Number(parts.minute),
    s: Number(parts.second),
  };
}

/** Zone offset (local − UTC, ms) in force at an instant. */
function offsetAt(epochMs: number, tz: string): number {
  const whole = Math.floor(epochMs / 1000) * 1000;
  const w = wallTimeAt(whole, tz);
  const wallAsUtc = dayNumber(w.y, w.m, w.d) * DAY_MS + ((w.h * 60 + w.mi) * 60 + w.s) * 1000;
  return wallAsUtc - whole;
}

/**
 * The first instant of local day `d` in `tz`. Tries the offsets in force a
 * day before and a day after; if both give 00:00 (a repeated hour) the earlier
 * wins; if neither does (midnight skipped by DST, e.g. America/Santiago) the
 * day starts at the end of the gap, which is `wall − offsetBefore`.
 */
export function startOfLocalDay(d: LocalDate, tz: string): Date {
  const [y, m, day] = mustSplit(d);
  const wall = dayNumber(y, m, day) * DAY_MS; // the wall time read as if it were UTC
  const before = offsetAt(wall - DAY_MS, tz);
  const after = offsetAt(wall + DAY_MS, tz);
  const candidates = [wall - before, wall - after].filter((t) => offsetAt(t, tz) === wall - t);
  const t = candidates.length ? Math.min(...candidates) : wall - before;
  return new Date(t);
}

export function localDateOf(instant: Date, tz: string = DEFAULT_TZ): LocalDate {
  const t = instant.getTime();
  if (Number.isNaN(t)) throw new RangeError('localDateOf: invalid Date');
  const w = wallTimeAt(t, tz);
  return ymd(w.y, w.m, w.d);
}

// ---------------------------------------------------------------------------
// Period codes

const MONTH_RE = /^([1-9]\d{3})(0[1-9]|1[0-2])$/;
const QUARTER_RE = /^([1-9]\d{3})Q([1-4])$/;
const HALF_RE = /^([1-9]\d{3})S([12])$/;
const NINE_RE = /^([1-9]\d{3})N9$/;
const YEAR_RE = /^([1-9]\d{3})$/;

/** Builds a period from its year and first/last month (inclusive). */
function span(code: string, type: PeriodType, year: number, firstMonth: number, lastMonth: number): Period {
  return {
    code,
    type,
    year,
    start: ymd(year, firstMonth, 1),
    end: ymd(year, lastMonth, daysInMonth(year, lastMonth)),
  };
}

export function parsePeriod(code: string): Period | null {
  if (typeof code !== 'string') return null;
  if (code === 'ONCE') return { code, type: 'once', year: null, start: null, end: null };
  let m: RegExpExecArray | null;
  if ((m = MONTH_RE.exec(code))) {
    const mo = Number(m[2]);
    return span(code, 'month', Number(m[1]), mo, mo);
  }
  if ((m = QUARTER_RE.exec(code))) {
    const q = Number(m[2]);
    return span(code, 'quarter', Number(m[1]), 3 * q - 2, 3 * q);
  }
  if ((m = HALF_RE.exec(code))) {
    const h = Number(m[2]);
    return span(code, 'half', Number(m[1]), 6 * h - 5, 6 * h);
  }
  if ((m = NINE_RE.exec(code))) return span(code, 'nine_months', Number(m[1]), 1, 9);
  if ((m = YEAR_RE.exec(code))) return span(code, 'year', Number(m[1]), 1, 12);
  return null;
}

export function periodTypeOf(code: string): PeriodType | null {
  return parsePeriod(code)?.type ?? null;
}

/** '2020Q3'→'Q3', '2020S1'→'S1', '202005'→'05'; null for types without sub-periods. */
export function subPeriodKey(code: string): string | null {
  const p = parsePeriod(code);
  if (!p) return null;
  return p.type === 'month' || p.type === 'quarter' || p.type === 'half' ? code.slice(4) : null;
}

function allKeys(type: PeriodType): readonly string[] | null {
  switch (type) {
    case 'month': return Array.from({ length: 12 }, (_, i) => pad(i + 1));
    case 'quarter': return ['Q1', 'Q2', 'Q3', 'Q4'];
    case 'half': return ['S1', 'S2'];
    default: return null;
  }
}

function isPeriodType(x: unknown): x is PeriodType {
  return (PERIOD_TYPES as readonly unknown[]).includes(x);
}

/**
 * Period codes of one year, in calendar order. An empty or absent `only`
 * means "no restriction". `only` on year/nine_months/once is a caller bug
 * (validateOnly rejects it), so it throws rather than being silently ignored.
 */
export function periodsOfYear(type: PeriodType, year: number, only?: readonly string[]): string[] {
  if (!isPeriodType(type)) throw new RangeError(`Unknown period type: ${String(type)}`);
  if (type === 'once') {
    if (only && only.length) throw new RangeError("'only' is not allowed for once periods");
    return ['ONCE'];
  }
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`Invalid year: ${year}`);
  const keys = allKeys(type);
  if (!keys) {
    if (only && only.length) throw new RangeError(`'only' is not allowed for ${type} periods`);
    return [type === 'year' ? String(year) : `${year}N9`];
  }
  const wanted = only && only.length ? new Set(only) : null;
  return keys.filter((k) => !wanted || wanted.has(k)).map((k) => `${year}${k}`);
}

export function validateOnly(periodType: PeriodType, only: readonly string[]): Text | null {
  if (!isPeriodType(periodType)) return t(`Unknown period type: ${String(periodType)}`, `Không có loại kỳ ${String(periodType)}`);
  if (!Array.isArray(only)) return t("'only' must be a list of sub-period keys", "'only' phải là danh sách các kỳ con");
  if (only.length === 0) return null; // same as absent: every sub-period
  const keys = allKeys(periodType);
  if (!keys) return t(`'only' is not meaningful for ${periodType} periods; remove it`, `kỳ loại ${periodType} không chia kỳ con; bỏ 'only'`);
  const seen = new Set<string>();
  for (const k of only) {
    if (typeof k !== 'string' || !keys.includes(k)) {
      return t(`'only' value ${JSON.stringify(k)} is not a ${periodType} key; expected one of ${keys.join(', ')}`,
        `'only' có ${JSON.stringify(k)} không phải kỳ con hợp lệ; chọn trong ${keys.join(', ')}`);
    }
    if (seen.has(k)) return t(`'only' lists ${k} more than once`, `'only' nêu ${k} hơn một lần`);
    seen.add(k);
  }
  return null;
}

// ---------------------------------------------------------------------------
// Data windows

/** First and last month of a (non-ONCE) period. */
function monthRange(p: Period): [number, number] {
  const [, m1] = mustSplit(p.start!);
  const [, m2] = mustSplit(p.end!);
  return [m1, m2];
}

/**
 * 'calendar': the period's own dates. 'decree09' (Decree 09/2019/NĐ-CP art. 12):
 * from the 15th of the month before the period's first month to the 14th of its
 * last month — which yields every case the decree lists (month, quarter,
 * S1 15/12→14/6, S2 15/6→14/12, N9 15/12→14/9, year 15/12→14/12).
 */
export function dataWindow(code: string, kind: 'calendar' | 'decree09'): { from: LocalDate; to: LocalDate } | null {
  const p = parsePeriod(code);
  if (!p || p.type === 'once') return null;
  if (kind === 'calendar') return { from: p.start!, to: p.end! };
  if (kind !== 'decree09') throw new RangeError(`Unknown data window kind: ${String(kind)}`);
  const [first, last] = monthRange(p);
  const y = p.year!;
  const from = first === 1 ? ymd(y - 1, 12, 15) : ymd(y, first - 1, 15);
  return { from, to: ymd(y, last, 14) };
}

// ---------------------------------------------------------------------------
// Due rules

const isInt = (n: unknown): n is number => Number.isInteger(n);

export function validateDueRule(rule: DueRule, periodType: PeriodType): Text | null {
  if (!isPeriodType(periodType)) return t(`Unknown period type: ${String(periodType)}`, `Không có loại kỳ ${String(periodType)}`);
  if (rule === null || typeof rule !== 'object') return t('Due rule must be an object', 'Hạn nộp phải là một đối tượng');
  if (rule.before !== undefined && typeof rule.before !== 'boolean') return t("'before' must be true or false", "'before' phải là true hoặc false");
  if (periodType === 'once' && rule.rule !== 'date') {
    return t("A one-off (ONCE) report needs a 'date' rule with an explicit date", "Báo cáo một lần cần hạn nộp là một ngày cụ thể (rule 'date')");
  }
  switch (rule.rule) {
    case 'fixedDate': {
      if (!isInt(rule.month) || rule.month < 1 || rule.month > 12) return t('Month must be a whole number from 1 to 12', 'Tháng phải là số nguyên từ 1 đến 12');
      if (!isInt(rule.day) || rule.day < 1) return t('Day must be a whole number from 1', 'Ngày phải là số nguyên từ 1');
      if (rule.month === 2 && rule.day === 29) {
        return t('29 February does not exist in most years; use 28 February or 1 March instead', 'Ngày 29/2 không có ở hầu hết các năm; hãy dùng 28/2 hoặc 1/3');
      }
      if (rule.day > daysInMonth(2001, rule.month)) return t(`Month ${rule.month} has no day ${rule.day}`, `Tháng ${rule.month} không có ngày ${rule.day}`);
      if (rule.yearOffset !== undefined && !isInt(rule.yearOffset)) return t("'yearOffset' must be a whole number", "'yearOffset' phải là số nguyên");
      return null;
    }
    case 'dayOfLastMonth':
      if (!isInt(rule.day) || rule.day < 1 || rule.day > 31) return t('Day must be a whole number from 1 to 31', 'Ngày phải là số nguyên từ 1 đến 31');
      return null;
    case 'afterPeriodEnd':
      if (!isInt(rule.days) || rule.days < 0) return t('Days after the period end must be a whole number, 0 or more', 'Số ngày sau khi hết kỳ phải là số nguyên không âm');
      return null;
    case 'date':
      if (!isValidLocalDate(rule.date)) return t(`Date must be a real date written YYYY-MM-DD, got ${JSON.stringify(rule.date)}`, `Ngày phải là ngày có thật, viết YYYY-MM-DD (đang là ${JSON.stringify(rule.date)})`);
      return null;
    default:
      return t(`Unknown due rule: ${JSON.stringify((rule as { rule?: unknown }).rule)}`, `Không có quy tắc hạn nộp ${JSON.stringify((rule as { rule?: unknown }).rule)}`);
  }
}

/** The day D named by the rule (the "ngày D" in "trước/chậm nhất ngày D"). */
function ruleDay(p: Period, rule: DueRule): LocalDate {
  if (p.type === 'once' && rule.rule !== 'date') {
    throw new RangeError(`A ONCE period needs a 'date' rule, got '${rule.rule}'`);
  }
  switch (rule.rule) {
    case 'fixedDate': {
      const offset = rule.yearOffset ?? 0;
      if (!isInt(offset)) throw new RangeError(`Invalid yearOffset: ${offset}`);
      const d = ymd(p.year! + offset, rule.month, rule.day);
      if (!isInt(rule.month) || !isInt(rule.day) || !isValidLocalDate(d)) {
        throw new RangeError(`No such date: month ${rule.month} day ${rule.day} in ${p.year! + offset}`);
      }
      return d;
    }
    case 'dayOfLastMonth': {
      if (!isInt(rule.day) || rule.day < 1 || rule.day > 31) throw new RangeError(`Invalid day: ${rule.day}`);
      const [, last] = monthRange(p);
      // Clamp to the month's length: "day 31" in June means 30 June, day 29-31 in February its last day.
      return ymd(p.year!, last, Math.min(rule.day, daysInMonth(p.year!, last)));
    }
    case 'afterPeriodEnd':
      if (!isInt(rule.days) || rule.days < 0) throw new RangeError(`Invalid days: ${rule.days}`);
      return addDays(p.end!, rule.days);
    case 'date':
      if (!isValidLocalDate(rule.date)) throw new RangeError(`Invalid date: ${JSON.stringify(rule.date)}`);
      return rule.date;
    default:
      throw new RangeError(`Unknown due rule: ${JSON.stringify((rule as { rule?: unknown }).rule)}`);
  }
}

/**
 * The instant from which a submission for `periodCode` is late.
 *
 * before=true ("trước ngày D", default): due at 00:00 local on D — D itself is late.
 * before=false ("chậm nhất ngày D"): due at 24:00 local on D (= 00:00 on D+1).
 *
 * shiftToWorkingDay (Civil Code 2015 art. 148): we read the article as moving
 * the LAST DAY ON WHICH SUBMISSION IS ALLOWED (D−1 for before=true, D for
 * before=false) forward past Saturdays, Sundays and listed holidays; the due
 * instant is then 24:00 local of that shifted day. Due dates may precede the
 * period's end (e.g. a half-year report due 15 May); nothing here assumes otherwise.
 */
export function dueInstant(
  periodCode: string,
  rule: DueRule,
  opts: { tz?: string; shiftToWorkingDay?: boolean; holidays?: ReadonlySet<string> } = {},
): Date {
  const p = parsePeriod(periodCode);
  if (!p) throw new RangeError(`Invalid period code: ${JSON.stringify(periodCode)}`);
  if (rule === null || typeof rule !== 'object') throw new RangeError('Due rule must be an object');
  const tz = opts.tz ?? DEFAULT_TZ;
  const d = ruleDay(p, rule);
  let lastAllowed = (rule.before ?? true) ? addDays(d, -1) : d;
  if (opts.shiftToWorkingDay) {
    const holidays = opts.holidays ?? new Set<string>();
    while (isWeekend(lastAllowed) || holidays.has(lastAllowed)) lastAllowed = addDays(lastAllowed, 1);
  }
  return startOfLocalDay(addDays(lastAllowed, 1), tz);
}
