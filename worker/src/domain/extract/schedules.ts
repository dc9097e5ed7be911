// Reporting obligations: a sentence that sends a report ("báo cáo", "gửi", "nộp") with its periods ("Định kỳ
// Quý, 6 tháng, 9 tháng, năm"), deadlines ("06 tháng (trước ngày 15 tháng 5) và báo cáo năm (trước ngày 15 tháng
// 10)", "trước ngày 15/6, 15/12 hàng năm"), recipients ("về Ủy ban nhân dân quận (thông qua Phòng Nội vụ)") and the
// units that send it (the sentence's subject, or the heading it sits under).
import type { DueRule, PlanDraft } from '../../../../schemas';
import { scheduleLabel } from '../../../../schemas/labels';
import { validateDueRule, type PeriodType } from '../periods';
import { headsOf, selection, subjectAt, type Reading } from './actors';
import { citedDates, deadlines, lastDayOfMonth, localDate, type Deadline } from './dates';
import type { Notes } from './notes';
import { clauses, type Outline, type Para } from './outline';
import { capitalise, clean, truncate, type Doc, type Span } from './text';
import { tokenAt } from './tokens';
import type { Mention } from './units';

export type DraftSchedule = Omit<NonNullable<PlanDraft['schedules']>[number], 'code'>;

type Period = Span & { type: PeriodType; only?: string[] };
type Recipient = { to: Mention; via: Mention | null };
/** One recipient list ("về A (qua X) và B (qua Y)"). */
type Group = Span & { members: Recipient[] };

const REPORT_VERB = /(?<![\p{L}])(?:báo cáo|gửi|nộp)(?![\p{L}])/gu;
/** "tham mưu báo cáo": an office drafting the issuer's own report upward, not an obligation of this plan. */
const DRAFTING = /tham mưu(?:\s+\S+){0,3}\s*$/u;
const PERIOD = /(?<![\p{L}\d])(?:(hàng|hằng|mỗi)\s+)?(quý(?:\s+(iv|i{1,3}|[1-4])(?![\p{L}\d]))?|(?:0?6|sáu)\s+tháng(?:\s+(đầu|cuối)\s+năm)?|(?:0?9|chín)\s+tháng(?:\s+đầu\s+năm)?|tháng|năm)(?![\p{L}\d])/gu;
/** Words before a bare "năm"/"tháng" that make it a reporting period: "báo cáo năm", "01 năm", "định kỳ tháng". */
const PERIOD_WORD_BEFORE = /(?:báo cáo|định kỳ|tổng kết|sơ kết|0?1|một|cả)\s+$/u;
const NOT_PERIOD_AFTER = /^\s*(?:\d|học|sau|trước|tiếp|nay|tới|đó|qua|đầu|cuối)/u;
const LIST_BETWEEN = /^\s*(?:,|và|\/)\s*$/u;
/** More recipient lists than a clause holds. */
const MAX_GROUPS = 10;
/** A plan holds at most this many schedules (schemas/plans.ts). */
const MAX_SCHEDULES = 50;
const ROMAN_QUARTER: Record<string, string> = { i: 'Q1', ii: 'Q2', iii: 'Q3', iv: 'Q4', '1': 'Q1', '2': 'Q2', '3': 'Q3', '4': 'Q4' };

/** What a period is called in a message: "báo cáo định kỳ quý". */
const PERIOD_WORDS: Record<PeriodType, string> = { month: 'hằng tháng', quarter: 'định kỳ quý', half: '6 tháng', nine_months: '9 tháng', year: 'năm', once: 'một lần' };

const lowerOf = (doc: Doc, sp: Span) => doc.lower.slice(sp.s, sp.e);
const quote = (doc: Doc, sp: Span) => `“${clean(doc.text.slice(sp.s, sp.e))}”`;

/** The reporting periods a clause names, outside its deadlines. */
function periods(doc: Doc, clause: Span, masked: readonly Span[]): Period[] {
  const text = lowerOf(doc, clause);
  const out: Period[] = [];
  for (const m of text.matchAll(PERIOD)) {
    const s = clause.s + m.index;
    const e = s + m[0].length;
    if (masked.some((d) => d.s < e && s < d.e)) continue;
    const [, every, word, quarter, half] = m;
    const head = text.slice(Math.max(0, m.index - 40), m.index);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 12);
    const listed = out.length > 0 && LIST_BETWEEN.test(text.slice(out[out.length - 1]!.e - clause.s, m.index));
    const bare = word === 'năm' || word === 'tháng';
    if (bare && (NOT_PERIOD_AFTER.test(after) || (!every && !listed && !PERIOD_WORD_BEFORE.test(head)) || /(?:những|các)\s+$/u.test(head))) continue;
    const type: PeriodType = word!.startsWith('quý') ? 'quarter' : word === 'năm' ? 'year' : word === 'tháng' ? 'month' : /9|chín/.test(word!) ? 'nine_months' : 'half';
    const only = quarter ? [ROMAN_QUARTER[quarter]!] : half ? [half === 'đầu' ? 'S1' : 'S2'] : undefined;
    if (!out.some((p) => p.type === type)) out.push({ s, e, type, ...(only ? { only } : {}) });
  }
  return out;
}

/**
 * Sub-periods a longer listed period already covers are dropped, the way "Quý, 6 tháng, 9 tháng, năm" reads:
 * one report at the end of Q1, of the first half, of nine months and of the year.
 */
function onlyOf(p: Period, listed: ReadonlySet<PeriodType>): string[] | undefined {
  if (p.only) return p.only;
  const covered: Record<string, PeriodType> = { Q2: 'half', Q3: 'nine_months', Q4: 'year', S2: 'year' };
  const keys = p.type === 'quarter' ? ['Q1', 'Q2', 'Q3', 'Q4'] : p.type === 'half' ? ['S1', 'S2'] : null;
  if (!keys) return undefined;
  const kept = keys.filter((k) => !(covered[k] && listed.has(covered[k]!)));
  return kept.length < keys.length ? kept : undefined;
}

type Rule = { rule: DueRule } | { problem: string };

/** The due rule a deadline gives a period type, or why it cannot. */
function ruleOf(doc: Doc, d: Deadline, type: PeriodType, years: readonly number[]): Rule {
  const before = d.before;
  const inYear = (y: number, m: number, day: number): Rule => {
    if (type === 'once') {
      const date = localDate(y, m, day);
      return date ? { rule: { rule: 'date', date, before } } : { problem: `Hạn nộp ${quote(doc, d)} không phải một ngày có thật; hãy chọn ngày.` };
    }
    const offset = years.length === 1 ? y - years[0]! : NaN;
    if (!(offset >= -1 && offset <= 2)) return { problem: `Không rõ hạn ${quote(doc, d)} áp dụng cho năm nào của kế hoạch; hãy chọn ngày.` };
    return { rule: { rule: 'fixedDate', month: m, day, ...(offset ? { yearOffset: offset } : {}), before } };
  };
  const due = d.due;
  let rule: Rule;
  switch (due.kind) {
    case 'day':
      rule = due.y !== null ? inYear(due.y, due.m, due.d)
        : type === 'once' ? { problem: `Hạn nộp ${quote(doc, d)} không nêu năm; hãy chọn ngày.` }
        : { rule: { rule: 'fixedDate', month: due.m, day: due.d, before } };
      break;
    case 'monthEnd':
      if (due.m < 1 || due.m > 12) return { problem: `Hạn nộp ${quote(doc, d)} không phải một ngày có thật; hãy chọn ngày.` };
      rule = due.y !== null ? inYear(due.y, due.m, lastDayOfMonth(due.y, due.m))
        : type === 'once' ? { problem: `Hạn nộp ${quote(doc, d)} không nêu năm; hãy chọn ngày.` }
        : { rule: { rule: 'fixedDate', month: due.m, day: lastDayOfMonth(2001, due.m), before } };
      break;
    case 'lastMonth':
      rule = { rule: { rule: 'dayOfLastMonth', day: due.d, before } };
      break;
    case 'after':
      if (due.days > 366) return { problem: `Hạn nộp ${quote(doc, d)} quá dài; hãy chọn ngày.` };
      rule = due.working ? { problem: `Hạn tính theo ngày làm việc (${quote(doc, d)}) chưa ghi được; hãy chọn ngày.` } : { rule: { rule: 'afterPeriodEnd', days: due.days, before } };
      break;
  }
  if ('rule' in rule) {
    const problem = validateDueRule(rule.rule, type);
    if (problem) return { problem: type === 'once' && rule.rule.rule !== 'date' ? `Hạn ${quote(doc, d)} không dùng được cho báo cáo một lần; hãy chọn ngày.` : `Hạn nộp ${quote(doc, d)} không phải một ngày có thật; hãy chọn ngày.` };
  }
  return rule;
}

/** The period a deadline implies when the clause names none: a date with its year once, a day and month every year. */
function periodOfDeadline(d: Deadline): PeriodType | null {
  const due = d.due;
  if (due.kind === 'day' || due.kind === 'monthEnd') return due.y !== null ? 'once' : 'year';
  if (due.kind === 'lastMonth' && due.of !== 'period') return due.of;
  return null;
}

/** Recipient lists: after "về", or straight after the verb ("báo cáo Ủy ban nhân dân quận"). */
function recipientGroups(doc: Doc, r: Reading, clause: Span): Group[] {
  const out: Group[] = [];
  const text = lowerOf(doc, clause);
  for (const m of text.matchAll(/(?<![\p{L}])(?:về|gửi|báo cáo|nộp)\s+/gu)) {
    const at = clause.s + m.index + m[0].length;
    if (out.length >= MAX_GROUPS) break;
    if (out.some((g) => g.e > at)) continue;
    const members = r.units.recipients(r.tokens, tokenAt(r.tokens, at)).filter((x) => x.to.e <= clause.e);
    if (members.length) out.push({ s: members[0]!.to.s, e: Math.max(...members.map((x) => (x.via ?? x.to).e)), members });
  }
  return out;
}

type Sending = { reportTo: string | string[]; via?: string; found: { path: 'reportTo' | 'via'; sp: Span }[] };

/**
 * Where a group of recipients sends to. One recipient: it, and the office it goes through. Several, each through its
 * own office (seed 004: the town's Party committee through its Mass Mobilisation board, the People's Committee
 * through Phòng Nội vụ): those offices receive, and the issuer's own office is the `via`.
 */
function sendingOf(doc: Doc, r: Reading, members: readonly Recipient[], path: string, notes: Notes): Sending | null {
  const { units } = r;
  const reachable = (c: string) => units.inSubtree(c) || units.isAbove(c);
  const resolved: { to: string; toSp: Span; via?: string; viaSp?: Span }[] = [];
  for (const { to, via } of members) {
    to.unknown.forEach((sp) => notes.gap(`${path}.reportTo`, sp, `Không tìm thấy đơn vị nhận báo cáo ${quote(doc, sp)} trong danh sách đơn vị; hãy chọn đơn vị.`));
    via?.unknown.forEach((sp) => notes.gap(`${path}.via`, sp, `Không tìm thấy đơn vị ${quote(doc, sp)} trong danh sách đơn vị; hãy chọn đơn vị.`));
    let code = to.units[0];
    let through = via?.units[0];
    if (!code) continue;
    // an office of a unit above ("về Phòng Nội vụ quận"): the report goes to that unit, through the office
    const parent = units.get(code)?.parent;
    if (!reachable(code) && parent && reachable(parent)) [code, through] = [parent, through ?? code];
    if (!reachable(code)) {
      notes.gap(`${path}.reportTo`, to, `${quote(doc, to)} không phải cấp trên cũng không trực thuộc đơn vị ban hành nên không nhận báo cáo được; hãy chọn đơn vị nhận.`);
      continue;
    }
    resolved.push({ to: code, toSp: to, ...(through ? { via: through, viaSp: via ?? to } : {}) });
  }
  if (!resolved.length) return null;
  if (resolved.length === 1) {
    const [one] = resolved as [(typeof resolved)[number]];
    return { reportTo: one.to, ...(one.via ? { via: one.via } : {}), found: [{ path: 'reportTo', sp: one.toSp }, ...(one.viaSp ? [{ path: 'via' as const, sp: one.viaSp }] : [])] };
  }
  const channels = resolved.map((x) => (x.via && reachable(x.via) ? { code: x.via, sp: x.viaSp! } : { code: x.to, sp: x.toSp }));
  const own = resolved.find((x) => x.to === units.issuer.code && x.via);
  const reportTo = [...new Set(channels.map((c) => c.code))].slice(0, 10);
  return {
    reportTo: reportTo.length === 1 ? reportTo[0]! : reportTo,
    ...(own ? { via: own.via! } : {}),
    found: [...channels.map((c) => ({ path: 'reportTo' as const, sp: c.sp })), ...(own ? [{ path: 'via' as const, sp: own.viaSp! }] : [])],
  };
}

/**
 * A one-off report's name: what is sent ("báo cáo kết quả bước đầu …" → "Báo cáo kết quả bước đầu …"; "gửi Kế hoạch
 * về …" → "Kế hoạch"), else what the subject does before sending it ("xây dựng kế hoạch thực hiện và gửi về …").
 */
function onceName(doc: Doc, clause: Span, from: number, stop: number): string {
  const text = lowerOf(doc, clause);
  const verb = [...text.matchAll(REPORT_VERB)].find((m) => clause.s + m.index < stop);
  const words = (s: number, e: number) => clean(doc.text.slice(s, e)).replace(/\s*\(.*$/, '').replace(/(?:^|\s+)(?:về|trước|trong|chậm nhất|đến|và)$/u, '').trim();
  if (!verb) return 'Báo cáo (một lần)';
  const at = clause.s + verb.index;
  const sent = words(verb[0] === 'báo cáo' ? at : at + verb[0].length, stop);
  const name = sent || words(Math.max(from, clause.s), at).replace(/^[\s,]+/, '');
  return truncate(capitalise(name), 200) || 'Báo cáo (một lần)';
}

type Spec = { period: Period | null; type: PeriodType; only?: string[]; deadline: Deadline | null; group: number; problem?: string };

/** Periods paired with deadlines: one each in order, one deadline for all when it is a day of the last month, or none. */
function specsOf(doc: Doc, ps: Period[], ds: Deadline[], groups: number): Spec[] {
  const listed = new Set(ps.map((p) => p.type));
  const withOnly = (p: Period) => {
    const only = onlyOf(p, listed);
    return only ? { only } : {};
  };
  if (!ps.length) {
    return ds.flatMap((d, i) => {
      const type = periodOfDeadline(d);
      return type ? [{ period: null, type, deadline: d, group: groups === ds.length ? i : 0 }] : [];
    });
  }
  if (ds.length === ps.length) return ps.map((p, i) => ({ period: p, type: p.type, ...withOnly(p), deadline: ds[i]!, group: groups === ps.length ? i : 0 }));
  if (ps.length === 1 && ds.length > 1 && groups === ds.length) return ds.map((d, i) => ({ period: ps[0]!, type: ps[0]!.type, ...withOnly(ps[0]!), deadline: d, group: i }));
  const shared = ds.length === 1 && (ds[0]!.due.kind === 'lastMonth' || ds[0]!.due.kind === 'after') ? ds[0]! : null;
  const problem = ds.length && !shared ? `Không rõ mỗi hạn ${ds.map((d) => quote(doc, d)).join(', ')} áp dụng cho kỳ báo cáo nào; hãy chọn ngày.` : undefined;
  return ps.map((p, i) => ({ period: p, type: p.type, ...withOnly(p), deadline: shared, group: groups === ps.length ? i : 0, ...(problem ? { problem } : {}) }));
}

/** Who sends: the issuer, when the report goes above it; else the clause's subject, its paragraph's, or its heading's. */
function sendersOf(doc: Doc, r: Reading, o: Outline, para: Para, clause: Span, sending: Sending | null, exclude: string[]) {
  const recipients = sending ? [sending.reportTo].flat() : [];
  if (recipients.length && recipients.every((c) => !r.units.inSubtree(c))) return { selector: { units: [r.units.issuer.code] }, mentions: [] as Mention[] };
  const candidates: [Span, boolean][] = [[clause, false], [{ s: para.body, e: para.e }, false], ...headsOf(o.paras, para).map((h): [Span, boolean] => [{ s: h.body, e: h.e }, true])];
  for (const [sp, heading] of candidates) {
    const mentions = subjectAt(doc, r, sp, heading);
    if (!mentions.length) continue;
    const { selector } = selection(r, mentions, exclude);
    if (selector) return { selector, mentions };
  }
  return { selector: null, mentions: [] as Mention[] };
}

/** The periods and deadlines of a clause that sends a report, or null when it sends none. */
function reportIn(doc: Doc, clause: Span, groups: readonly Group[]): { ps: Period[]; ds: Deadline[] } | null {
  const text = lowerOf(doc, clause);
  const verbs = [...text.matchAll(REPORT_VERB)].filter((v) => !DRAFTING.test(text.slice(Math.max(0, v.index - 60), v.index)));
  // "gửi"/"nộp" sends a report only to someone: "gửi giấy mời trước ngày …" is none
  if (!verbs.length || (!groups.length && verbs.every((v) => v[0] !== 'báo cáo'))) return null;
  const ds = deadlines(doc, clause);
  const ps = periods(doc, clause, [...ds, ...citedDates(doc, clause)]);
  return ds.length || (ps.length && (groups.length || /định kỳ/u.test(text))) ? { ps, ds } : null;
}

type At = { para: Para; clause: Span; groups: readonly Group[]; path: string };

/** One schedule of a clause, with its findings, and a gap for each part the text leaves open. */
function scheduleOf(doc: Doc, o: Outline, r: Reading, years: readonly number[], at: At, spec: Spec, notes: Notes): DraftSchedule {
  const { para, clause, groups, path } = at;
  const group = groups[spec.group] ?? groups[0];
  const sending = group ? sendingOf(doc, r, group.members, path, notes) : null;
  const exclude = sending ? [...[sending.reportTo].flat(), ...(sending.via ? [sending.via] : [])] : [];
  const senders = sendersOf(doc, r, o, para, clause, sending, exclude);
  const rule = spec.deadline ? ruleOf(doc, spec.deadline, spec.type, years) : null;
  const subjectEnd = Math.max(clause.s, ...senders.mentions.filter((m) => m.e <= clause.e).map((m) => m.e));
  const stop = Math.min(group && group.s > clause.s ? group.s : clause.e, spec.deadline?.s ?? clause.e);

  notes.found(path, spec.period ?? spec.deadline ?? clause);
  if (rule && 'rule' in rule) notes.found(`${path}.due`, spec.deadline!);
  else if (rule) notes.gap(`${path}.due`, spec.deadline, rule.problem);
  else notes.gap(`${path}.due`, spec.period ?? clause, spec.problem ?? `Kế hoạch nêu báo cáo ${PERIOD_WORDS[spec.type]} nhưng không nêu hạn nộp; hãy chọn ngày.`);
  sending?.found.forEach((f) => notes.found(`${path}.${f.path}`, f.sp));
  if (!sending && !notes.unresolved.some((u) => u.path === `${path}.reportTo`)) {
    notes.gap(`${path}.reportTo`, group ?? clause, group ? `Không xác định được đơn vị nhận báo cáo ${quote(doc, group)}; hãy chọn đơn vị nhận.` : 'Kế hoạch không nêu báo cáo gửi về đâu; hãy chọn đơn vị nhận.');
  }
  senders.mentions.forEach((m) => notes.found(`${path}.appliesTo`, m));
  if (!senders.selector) notes.gap(`${path}.appliesTo`, clause, 'Kế hoạch không nêu đơn vị nào gửi báo cáo này; hãy chọn đơn vị.');

  return {
    name: spec.type === 'once' ? onceName(doc, clause, subjectEnd, stop) : scheduleLabel({ periodType: spec.type }),
    periodType: spec.type,
    ...(spec.only ? { only: spec.only } : {}),
    ...(rule && 'rule' in rule ? { due: rule.rule } : {}),
    ...(senders.selector ? { appliesTo: senders.selector } : {}),
    ...(sending ? { reportTo: sending.reportTo, ...(sending.via ? { via: sending.via } : {}) } : {}),
  };
}

export function schedules(doc: Doc, o: Outline, r: Reading, years: readonly number[], notes: Notes): DraftSchedule[] {
  const out: DraftSchedule[] = [];
  for (const para of o.body) {
    const cs = clauses(doc, { s: para.body, e: para.e });
    const groupsByClause = cs.map((c) => recipientGroups(doc, r, c));
    cs.forEach((clause, ci) => {
      // a clause that names no recipient shares its paragraph's ("báo cáo … trong tháng 3/2021; định kỳ … báo cáo về …")
      const groups = groupsByClause[ci]!.length ? groupsByClause[ci]! : groupsByClause.find((g) => g.length) ?? [];
      const report = reportIn(doc, clause, groups);
      if (!report) return;
      for (const spec of specsOf(doc, report.ps, report.ds, groups.length)) {
        if (out.length >= MAX_SCHEDULES) return;
        out.push(scheduleOf(doc, o, r, years, { para, clause, groups, path: `schedules[${out.length}]` }, spec, notes));
      }
    });
  }
  distinguishNames(r, out);
  return out;
}

/** Two schedules of one kind ("Báo cáo năm" to the commune and to the district) are told apart by recipient. */
function distinguishNames(r: Reading, out: DraftSchedule[]): void {
  const shared = out.filter((s) => out.filter((x) => x.name === s.name).length > 1);
  for (const s of shared) {
    if (s.reportTo) s.name = truncate(`${s.name} gửi ${[s.reportTo].flat().map((c) => r.units.nameOf(c)).join(', ')}`, 200);
  }
}

/** "Thời gian chốt số liệu … theo Nghị định số 09/2019/NĐ-CP": the decree's data window for every periodic report. */
export function decree09(doc: Doc, o: Outline, list: DraftSchedule[], notes: Notes): void {
  for (const p of o.body) {
    for (const c of clauses(doc, { s: p.body, e: p.e })) {
      const text = lowerOf(doc, c);
      if (!/09\/2019\/nđ-cp/u.test(text) || !/số liệu|chốt/u.test(text)) continue;
      list.forEach((s, i) => {
        if (s.periodType === 'once') return;
        s.dataWindow = 'decree09';
        notes.found(`schedules[${i}].dataWindow`, c);
      });
      return;
    }
  }
}
