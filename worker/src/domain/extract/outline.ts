// The layout of an administrative plan: header (number, place and date), "KẾ HOẠCH" and its title, the basis
// lines, the Roman-numbered sections with their numbered items, and the closing ("Trên đây là…", "Nơi nhận").
import { stripEnd, trimSpan, type Doc, type Span } from './text';

export type ParaKind = 'roman' | 'item' | 'sub' | 'letter' | 'bullet' | 'text';

/** One non-empty line, trimmed. `body` is where its words begin, after any numbering or bullet. */
export type Para = Span & {
  kind: ParaKind;
  body: number;
  /** indices (into Outline.paras) of the headings it sits under, nearest first */
  heads: number[];
  index: number;
};

export type Section = { head: Para | null; paras: Para[] };

export type Outline = {
  paras: Para[];
  header: Para[];
  /** the "KẾ HOẠCH" line, or the page title "Kế hoạch …" of a web copy */
  heading: Para | null;
  /** the title, which may run over several lines; for a web copy, the words after "Kế hoạch" */
  title: Span | null;
  preamble: Para[];
  sections: Section[];
  /** everything from the end of the preamble to the closing */
  body: Para[];
};

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, v: 5, vi: 6, vii: 7, viii: 8, ix: 9, x: 10, xi: 11, xii: 12 };
const ROMAN_RE = /^(?:phần\s+)?([ivx]{1,4})\s*[.:)-]\s*(?=\S)/;
const SUB_RE = /^\d{1,2}(?:\.\d{1,2})+(?!\d)\.?\s*(?=\S)/;
const ITEM_RE = /^\d{1,2}\s*[.)](?!\d)\s*(?=\S)/;
const LETTER_RE = /^[a-zđ]\s*\)\s*(?=\S)|^[a-zđ]\.\s+(?=\S)/;
const BULLET_RE = /^[-+•·▪●○◦■□➢➤✓√]\s*(?=\S)/;

const BASIS_RE = /^(?:căn cứ|thực hiện)\s/;

function lines(doc: Doc): Span[] {
  const out: Span[] = [];
  let start = 0;
  const { lower } = doc;
  for (let i = 0; i <= lower.length; i++) {
    if (i < lower.length && lower[i] !== '\n') continue;
    let s = start;
    let e = i;
    while (s < e && lower[s] === ' ') s++;
    while (e > s && lower[e - 1] === ' ') e--;
    if (e > s) out.push({ s, e });
    start = i + 1;
  }
  return out;
}

function classify(doc: Doc, sp: Span, nextRoman: number): { kind: ParaKind; body: number } {
  const line = doc.lower.slice(sp.s, sp.e);
  let m = ROMAN_RE.exec(line);
  if (m && ROMAN[m[1]!] === nextRoman) return { kind: 'roman', body: sp.s + m[0].length };
  for (const [kind, re] of [['sub', SUB_RE], ['item', ITEM_RE], ['letter', LETTER_RE], ['bullet', BULLET_RE]] as const) {
    if ((m = re.exec(line))) return { kind, body: sp.s + m[0].length };
  }
  return { kind: 'text', body: sp.s };
}

const NO_HEADS: number[] = [];
const RANK: Record<ParaKind, number> = { roman: 0, item: 1, sub: 2, letter: 3, bullet: 4, text: 5 };

/** Each paragraph with the headings above it: a bullet sits under its lettered item, which sits under its numbered item. */
function paragraphs(doc: Doc): Para[] {
  const paras: Para[] = [];
  let nextRoman = 1;
  let open: Para[] = []; // headings in force, outermost first
  for (const sp of lines(doc)) {
    const { kind, body } = classify(doc, sp, nextRoman);
    if (kind === 'roman') nextRoman++;
    if (kind !== 'text' && kind !== 'bullet') open = open.filter((h) => RANK[h.kind] < RANK[kind]);
    const heads = open.length ? open.map((h) => h.index).reverse() : NO_HEADS;
    const para: Para = { s: sp.s, e: sp.e, kind, body, heads, index: paras.length };
    paras.push(para);
    if (kind !== 'text' && kind !== 'bullet') open.push(para);
  }
  return paras;
}

const folded = (doc: Doc, p: Span) => stripEnd(doc.fold.slice(p.s, p.e), ' \n:.').trim();
const isLowerStart = (doc: Doc, p: Span) => {
  const c = doc.text[p.s] ?? '';
  return c !== c.toUpperCase();
};

/** Where the title block ends: the first line after "KẾ HOẠCH", and any following line that continues it in lower case. */
function titleAfter(doc: Doc, paras: Para[], at: number): { title: Span | null; next: number } {
  const first = paras[at];
  // A title may begin "Thực hiện …", never "Căn cứ …".
  if (!first || first.kind === 'roman' || /^căn cứ\s/.test(doc.lower.slice(first.s, first.e))) return { title: null, next: at };
  let end = at;
  for (let k = at + 1; k < paras.length; k++) {
    const p = paras[k]!;
    const line = doc.lower.slice(p.s, p.e);
    if (p.kind !== 'text' || p.e - p.s > 200 || !isLowerStart(doc, p) || BASIS_RE.test(line)) break;
    end = k;
  }
  return { title: { s: first.s, e: paras[end]!.e }, next: end + 1 };
}

/** A "Căn cứ …" or "Thực hiện …" line, bulleted or not. */
export const isBasis = (doc: Doc, p: Para) => BASIS_RE.test(doc.lower.slice(p.body, p.e));

/** "Ủy ban nhân dân … xây dựng Kế hoạch … như sau:" */
const isIntro = (doc: Doc, p: Span) => doc.lower[p.e - 1] === ':' && doc.lower.slice(p.s, p.e).includes('kế hoạch');

/** Without Roman sections, the preamble is the run of basis lines and the "… xây dựng Kế hoạch … như sau:" line. */
function leadingBasis(doc: Doc, paras: Para[], from: number): Para[] {
  let k = from;
  while (k < paras.length && (isBasis(doc, paras[k]!) || isIntro(doc, paras[k]!))) k++;
  return paras.slice(from, k);
}

export function outline(doc: Doc): Outline {
  const paras = paragraphs(doc);
  const firstRoman = paras.findIndex((p) => p.kind === 'roman');
  const top = firstRoman < 0 ? Math.min(paras.length, 40) : firstRoman;

  let headingAt = paras.slice(0, top).findIndex((p) => folded(doc, p) === 'ke hoach');
  let title: Span | null = null;
  let next = 0;
  if (headingAt >= 0) {
    ({ title, next } = titleAfter(doc, paras, headingAt + 1));
  } else {
    // A web copy: the page title "Kế hoạch công tác …" near the top stands for heading and title.
    headingAt = paras.slice(0, Math.min(top, 12)).findIndex((p) => /^ke hoach\s+\S/.test(doc.fold.slice(p.s, p.e)) && p.e - p.s <= 500);
    if (headingAt >= 0) {
      const p = paras[headingAt]!;
      title = { s: p.s + 'ke hoach'.length, e: p.e };
      next = headingAt + 1;
    }
  }
  const headerEnd = headingAt >= 0 ? headingAt : paras.findIndex((p) => p.kind !== 'text' || isBasis(doc, p));
  const header = paras.slice(0, headerEnd < 0 ? top : headerEnd);

  const preambleStart = headingAt >= 0 ? next : header.length;
  const preamble = firstRoman >= 0 ? paras.slice(preambleStart, firstRoman) : leadingBasis(doc, paras, preambleStart);
  const bodyStart = preambleStart + preamble.length;
  const closingAt = paras.findIndex((p, i) => i >= bodyStart && /^(?:tren day la|noi nhan)/.test(doc.fold.slice(p.body, p.e)));
  const body = paras.slice(bodyStart, closingAt < 0 ? paras.length : closingAt);

  const sections: Section[] = [];
  for (const p of body) {
    if (p.kind === 'roman') sections.push({ head: p, paras: [] });
    else if (sections.length) sections[sections.length - 1]!.paras.push(p);
    else sections.push({ head: null, paras: [p] });
  }
  return { paras, header, heading: headingAt >= 0 ? paras[headingAt]! : null, title, preamble, sections, body };
}

/**
 * The items of a section, each with its paragraphs: its numbered items, else its lettered items, else its bullets.
 * Text before the first item belongs to none.
 */
export function blocks(section: Section): { head: Para; paras: Para[] }[] {
  const kind = (['item', 'sub', 'letter', 'bullet'] as const).find((k) => section.paras.some((p) => p.kind === k));
  if (!kind) return [];
  const out: { head: Para; paras: Para[] }[] = [];
  for (const p of section.paras) {
    if (p.kind === kind) out.push({ head: p, paras: [] });
    else if (out.length) out[out.length - 1]!.paras.push(p);
  }
  return out;
}

const clauseCache = new WeakMap<Doc, Map<string, Span[]>>();

/** The clauses of a paragraph: its sentences, cut again at ";". "TP. Hồ Chí Minh" and "95.5" are not cut. */
export function clauses(doc: Doc, sp: Span): Span[] {
  let cache = clauseCache.get(doc);
  if (!cache) clauseCache.set(doc, (cache = new Map()));
  const key = `${sp.s}:${sp.e}`;
  let got = cache.get(key);
  if (!got) cache.set(key, (got = splitClauses(doc, sp)));
  return got;
}

function splitClauses(doc: Doc, sp: Span): Span[] {
  const out: Span[] = [];
  let start = sp.s;
  for (let i = sp.s; i < sp.e; i++) {
    const c = doc.lower[i];
    const ends = c === ';' || (c === '.' && sentenceEnds(doc, i, sp.e));
    if (!ends) continue;
    if (i > start) out.push({ s: start, e: i });
    start = i + 1;
  }
  if (sp.e > start) out.push({ s: start, e: sp.e });
  return out.map((c) => trimSpan(doc, c)).filter((c) => c.e > c.s);
}

function sentenceEnds(doc: Doc, i: number, end: number): boolean {
  if (i + 1 >= end) return true;
  if (doc.lower[i + 1] !== ' ') return false;
  const next = doc.text[i + 2] ?? '';
  if (next === next.toLowerCase()) return false;
  const word = /(\S{1,2})$/.exec(doc.text.slice(Math.max(0, i - 3), i));
  return !(word && word[1] === word[1]!.toUpperCase() && /^\p{L}+$/u.test(word[1]!));
}
