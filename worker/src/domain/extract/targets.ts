// Indicators with their targets ("trên 95%", "từ 98% trở lên", "tối thiểu 02 cuộc giám sát", "chọn 01 tập thể,
// 03 cá nhân") and scoring criteria ("thang điểm là 10 điểm", "…: 02 điểm").
import type { PlanDraft } from '../../../../schemas';
import type { Notes } from './notes';
import { clauses, type Para } from './outline';
import { capitalise, clean, stripEnd, stripStart, truncate, type Doc, type Span } from './text';

export type DraftIndicator = Omit<NonNullable<PlanDraft['indicators']>[number], 'code'>;
export type DraftCriterion = Omit<NonNullable<PlanDraft['criteria']>[number], 'code'>;
type Op = '>' | '>=' | '=' | '<=' | '<';

/** A plan holds at most this many indicators (schemas/plans.ts). */
const MAX_INDICATORS = 500;

const OP_WORDS: Record<string, Op> = {
  trên: '>', dưới: '<', 'không dưới': '>=', 'không thấp hơn': '>=', 'không ít hơn': '>=', 'tối thiểu': '>=', 'ít nhất': '>=',
  'tối đa': '<=', 'không quá': '<=', 'không vượt quá': '<=', từ: '>=',
};
const opAlternatives = Object.keys(OP_WORDS).sort((a, b) => b.length - a.length).join('|');
const PERCENT = new RegExp(String.raw`(?:(${opAlternatives}|đạt(?:\s+(?:tỷ lệ|mức))?(?:\s+từ)?)\s+)?(?<![\d.,])(\d{1,3}(?:[.,]\d{1,2})?)\s*%(\s*trở\s+lên|\s*trở\s+xuống)?`, 'gu');
/** What a percent counts, when the text names it right after the figure: "100% hồ sơ". */
const PERCENT_UNIT = /^\s*(cán bộ, công chức|cán bộ|công chức|viên chức|hồ sơ|thủ tục|người dân|người|hộ gia đình|hộ|đơn vị|phiếu|doanh nghiệp)(?![\p{L}])/u;
/** Units of measure a count is written with ("02 hội nghị"), longest first. */
const COUNT_UNITS = ['hội nghị', 'hội thảo', 'tọa đàm', 'cuộc thi', 'cuộc', 'lớp', 'buổi', 'đợt', 'lượt', 'bản tin', 'bài', 'tin', 'tập thể', 'cá nhân', 'hồ sơ', 'văn bản', 'phiếu', 'thư', 'sáng kiến', 'mô hình', 'chuyên đề', 'phóng sự', 'tài liệu', 'lần', 'đoàn'];
const COUNT_UNIT_RE = COUNT_UNITS.map((u) => u.replace(/ /g, '\\s+')).join('|');
const SELECT_WORDS = 'xét chọn|bình chọn|lựa chọn|chọn';
const COUNT = new RegExp(String.raw`(?:(${opAlternatives}|${SELECT_WORDS})\s+)?(?<![\d.,/])(\d{1,6})\s+(${COUNT_UNIT_RE})(?![\p{L}])(\s*trở\s+lên)?`, 'gu');
const MORE_COUNT = new RegExp(String.raw`\s*,\s*(\d{1,6})\s+(${COUNT_UNIT_RE})(?![\p{L}])`, 'uy');
const GROWTH = /(?:tăng|giảm)\s*$/u;
const SELECT = new RegExp(`^(?:${SELECT_WORDS})$`, 'u');

const lowerOf = (doc: Doc, sp: Span) => doc.lower.slice(sp.s, sp.e);
const textOf = (doc: Doc, s: number, e: number) => clean(doc.text.slice(s, e));

/** How far around a target its name is looked for: a name is at most 500 characters. */
const NAME_REACH = 600;

/** An indicator's name from the words around its target: the label before "…:", or the clause without the figure. */
function percentName(doc: Doc, clause: Span, s: number, e: number): string {
  const before = textOf(doc, Math.max(clause.s, s - NAME_REACH), s).replace(/^(?:cố gắng\s+)?(?:phấn đấu\s+)?/iu, '');
  const labelled = stripEnd(doc.lower.slice(Math.max(clause.s, s - NAME_REACH), s), ' \n').endsWith(':');
  const label = stripEnd(before, ' :,-').replace(/\s+(?:đạt|là|chiếm)$/iu, '');
  const tail = stripEnd(stripStart(textOf(doc, e, Math.min(clause.e, e + NAME_REACH)), ' ,.;:'), ' ,.;:');
  const part = label.includes(':') ? label.slice(label.lastIndexOf(':') + 1).trim() : label;
  const name = !label ? tail : labelled || !tail ? (part.split(' ').length >= 3 ? part : label) : `${label} ${tail}`;
  return truncate(capitalise(stripEnd(name, ' :,-')), 500);
}

function percentTargets(doc: Doc, clause: Span, notes: Notes, out: DraftIndicator[]): void {
  const text = lowerOf(doc, clause);
  for (const m of text.matchAll(PERCENT)) {
    if (out.length >= MAX_INDICATORS) return;
    const [, word, figure, after] = m;
    const s = clause.s + m.index;
    const e = s + m[0].length;
    const head = text.slice(Math.max(0, m.index - 40), m.index);
    let op: Op | null = after ? (/lên/.test(after) ? '>=' : '<=') : word ? OP_WORDS[word] ?? '>=' : null;
    // A bare "15%" is a target as a label's value ("…: 15%"), or as a share of something ("100% cán bộ …").
    if (!op && (stripEnd(head, ' ').endsWith(':') || !text.slice(0, m.index).trim() || /^\s+\p{L}/u.test(text.slice(m.index + m[0].length, m.index + m[0].length + 4)))) op = '>=';
    if (!op || GROWTH.test(head)) continue;
    const value = Number(figure!.replace(',', '.'));
    const unit = PERCENT_UNIT.exec(text.slice(m.index + m[0].length))?.[1];
    const name = percentName(doc, clause, s, e);
    if (!name) continue;
    const i = out.length;
    notes.found(`indicators[${i}]`, clause);
    if (value > 100 || (op === '>' && value >= 100)) {
      notes.gap(`indicators[${i}].target`, { s, e }, 'Tỷ lệ không thể vượt 100%; hãy nhập mục tiêu.');
      out.push({ name, kind: 'percent', ...(unit ? { unit } : {}) });
    } else {
      notes.found(`indicators[${i}].target`, { s, e });
      out.push({ name, kind: 'percent', ...(unit ? { unit } : {}), target: { op, value } });
    }
  }
}

/** "tối thiểu 02 cuộc giám sát" → Số cuộc giám sát ≥ 2; "chọn 01 tập thể, 03 cá nhân đề nghị …" → two quotas (=). */
function countTargets(doc: Doc, clause: Span, notes: Notes, out: DraftIndicator[]): void {
  const text = lowerOf(doc, clause);
  let consumed = 0;
  for (const m of text.matchAll(COUNT)) {
    if (out.length >= MAX_INDICATORS) return;
    const [, word, figure, unitWords, after] = m;
    if (m.index < consumed || (!word && !after && !/^0\d/.test(figure!))) continue;
    const quota = !!word && SELECT.test(word);
    const op: Op = quota ? '=' : word ? OP_WORDS[word] ?? '>=' : '>=';
    const items = [{ figure: figure!, unit: unitWords!.replace(/\s+/g, ' '), s: m.index, e: m.index + m[0].length }];
    consumed = m.index + m[0].length;
    for (let more; quota && (more = at(MORE_COUNT, text, consumed)); consumed += more[0].length) {
      items.push({ figure: more[1]!, unit: more[2]!.replace(/\s+/g, ' '), s: consumed + more[0].indexOf(more[1]!), e: consumed + more[0].length });
    }
    const rest = textOf(doc, clause.s + consumed, Math.min(clause.e, clause.s + consumed + NAME_REACH));
    const tail = /^[,;:(.]/.test(rest) ? '' : stripEnd(rest.split(/[,;:(]/)[0]!, ' .');
    const before = stripEnd(textOf(doc, Math.max(clause.s, clause.s + m.index - NAME_REACH), clause.s + m.index), ' :,-');
    for (const it of items.slice(0, MAX_INDICATORS - out.length)) {
      const name = truncate(tail ? `Số ${it.unit} ${tail}` : before ? `Số ${it.unit} (${truncate(before, 300)})` : `Số ${it.unit}`, 500);
      const i = out.length;
      notes.found(`indicators[${i}]`, clause);
      notes.found(`indicators[${i}].target`, { s: clause.s + it.s, e: clause.s + it.e });
      out.push({ name, kind: 'count', unit: it.unit, target: { op, value: Number(it.figure) } });
    }
  }
}

function at(re: RegExp, s: string, i: number): RegExpExecArray | null {
  re.lastIndex = i;
  return re.exec(s);
}

export function indicators(doc: Doc, paras: readonly Para[], notes: Notes): DraftIndicator[] {
  const out: DraftIndicator[] = [];
  for (const p of paras) {
    for (const c of clauses(doc, { s: p.body, e: p.e })) {
      if (out.length >= MAX_INDICATORS) return out;
      percentTargets(doc, c, notes, out);
      countTargets(doc, c, notes, out);
    }
  }
  return out;
}

const SCALE = /thang\s+điểm(?:\s+(?:là|tối đa|gồm|chấm))?\s*:?\s*(\d{1,4}(?:[.,]\d+)?)\s*điểm/u;
const CRITERION = /^(.{3,}?)[\s:(–-]+(?:tối đa\s+)?(\d{1,3}(?:[.,]\d{1,2})?\s*điểm)\s*\)?\s*[.;]?\s*$/du;

/** "thang điểm là 10 điểm" and the lines "… : 02 điểm" that share it out. */
export function criteria(doc: Doc, paras: readonly Para[], notes: Notes): { items: DraftCriterion[]; lines: Set<number> } {
  const items: DraftCriterion[] = [];
  const lines = new Set<number>();
  let scale: { value: number; sp: Span } | null = null;
  for (const p of paras) {
    const text = lowerOf(doc, { s: p.body, e: p.e });
    const sm = SCALE.exec(text);
    if (sm) {
      scale ??= { value: Number(sm[1]!.replace(',', '.')), sp: { s: p.body + sm.index, e: p.body + sm.index + sm[0].length } };
      continue;
    }
    // a criterion is a short line ending in "… điểm"; the length bound keeps the lazy pattern linear
    const m = text.length > 1000 || !/điểm\s*\)?\s*[.;]?$/u.test(stripEnd(text, ' ')) || /tổng\s+(?:cộng|số)/u.test(text) ? null : CRITERION.exec(text);
    if (!m || items.length >= 100) continue;
    const maxPoints = Number(m[2]!.replace(/\s*điểm$/u, '').replace(',', '.'));
    const name = truncate(stripEnd(clean(doc.text.slice(p.body, p.body + m[1]!.length)), ' :–-'), 500);
    if (!name || !(maxPoints > 0) || maxPoints > 1000) continue;
    const i = items.length;
    const [from, to] = m.indices![2]!;
    notes.found(`criteria[${i}]`, { s: p.body, e: p.e });
    notes.found(`criteria[${i}].maxPoints`, { s: p.body + from, e: p.body + to });
    items.push({ name, maxPoints });
    lines.add(p.index);
  }
  const total = items.reduce((sum, c) => sum + c.maxPoints, 0);
  if (scale && items.length && Math.abs(total - scale.value) > 1e-9) {
    notes.gap('criteria', scale.sp, `Tổng điểm các tiêu chí (${total}) khác thang điểm kế hoạch nêu (${scale.value}); hãy kiểm tra lại các tiêu chí.`);
  }
  if (scale) notes.found('criteria', scale.sp);
  return { items, lines };
}
