// The text as the extractor reads it: NFC, with a lower-case copy and a copy without diacritics, all three the
// same length so that a match in any of them is a span of the NFC text, and every NFC offset maps back to the
// text as received (findings must point into the caller's string, which may not be NFC).

export type Span = { s: number; e: number };

export type Doc = {
  /** the text as received */
  input: string;
  /** NFC */
  text: string;
  /** `text` lower-cased, with spaces, dashes and quotes unified and markdown `*` blanked */
  lower: string;
  /** `lower` without diacritics (đ → d): for matching names however they are accented */
  fold: string;
  /** offset in `input` of each offset of `text` (length text.length + 1); null when the input was already NFC */
  map: Uint32Array | null;
};

// One output unit per input unit, so that lower/fold keep the offsets of `text`.
const SPECIAL: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, { '\u0110': 'đ', '\u0111': 'đ', '*': ' ', '\r': '\n', '\u2028': '\n', '\u2029': '\n', '\v': '\n', '\f': '\n' });
for (const c of '\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u202f\u205f\u3000\ufeff') SPECIAL[c] = ' ';
for (const c of '\u2010\u2011\u2012\u2013\u2014\u2015\u2212') SPECIAL[c] = '-';
for (const c of '\u201c\u201d\u201e\u00ab\u00bb') SPECIAL[c] = '"';
for (const c of '\u2018\u2019') SPECIAL[c] = "'";

const lowerCache = new Map<string, string>();
const foldCache = new Map<string, string>();

function lowerOf(c: string): string {
  let r = lowerCache.get(c);
  if (r === undefined) {
    const l = SPECIAL[c] ?? c.toLowerCase();
    r = l.length === 1 ? l : c;
    lowerCache.set(c, r);
  }
  return r;
}

function foldOf(c: string): string {
  let r = foldCache.get(c);
  if (r === undefined) {
    const l = lowerOf(c);
    const d = l === 'đ' ? 'd' : l.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    r = d.length === 1 ? d : l;
    foldCache.set(c, r);
  }
  return r;
}

/** NFC chunk by chunk (a base character and its combining marks), remembering where each chunk began. */
function toNfc(input: string): { text: string; map: Uint32Array | null } {
  if (input.normalize('NFC') === input) return { text: input, map: null };
  const parts: string[] = [];
  const starts: number[] = [];
  for (const m of input.matchAll(/\P{M}\p{M}*|\p{M}+/gsu)) {
    const chunk = m[0].normalize('NFC');
    for (let k = 0; k < chunk.length; k++) starts.push(m.index);
    parts.push(chunk);
  }
  starts.push(input.length);
  return { text: parts.join(''), map: Uint32Array.from(starts) };
}

export function prepare(input: string): Doc {
  const { text, map } = toNfc(input);
  // one UTF-16 unit at a time (no `u` flag), so both copies keep the length of `text`
  const lower = text.replace(/[A-Z\u0080-\uffff*\r\t\v\f]/g, lowerOf);
  const fold = lower.replace(/[\u0080-\uffff]/g, foldOf);
  return { input, text, lower, fold, map };
}

/** Offset in the input of an offset of the NFC text. */
export function origin(doc: Doc, i: number): number {
  return doc.map ? doc.map[i] ?? doc.input.length : i;
}

/** A span's words as a person reads them: markup dropped, white space collapsed. */
export function clean(s: string): string {
  return s.replace(/\*+/g, '').replace(/[\s\u00a0\u200b\ufeff]+/g, ' ').trim();
}

export const cleanSpan = (doc: Doc, sp: Span) => clean(doc.text.slice(sp.s, sp.e));

/** `s` without any of `chars` at its end (a loop: a regex like /[\s:]+$/ is quadratic on long runs). */
export function stripEnd(s: string, chars: string): string {
  let e = s.length;
  while (e > 0 && chars.includes(s[e - 1]!)) e--;
  return s.slice(0, e);
}

export function stripStart(s: string, chars: string): string {
  let i = 0;
  while (i < s.length && chars.includes(s[i]!)) i++;
  return s.slice(i);
}

/** Shorten to `max` characters at a word boundary, marking the cut. */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}

/** `công tác thông tin` → `Công tác thông tin`. */
export const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Trim white space and the given punctuation from both ends of a span of `doc.lower`. */
export function trimSpan(doc: Doc, sp: Span, chars = ' \n'): Span {
  let { s, e } = sp;
  while (s < e && chars.includes(doc.lower[s]!)) s++;
  while (e > s && chars.includes(doc.lower[e - 1]!)) e--;
  return { s, e };
}
