// Words of the folded text, with the abbreviations of administrative Vietnamese spelled out, so that
// "UBND P. Phú Hữu", "Ủy ban nhân dân phường Phú Hữu" and "Uỷ ban nhân dân Phường Phú Hữu" read the same.
import { prepare, type Doc } from './text';

/** `t`: folded word (or "\n" for a line break); `raw`: the lower-case word with its diacritics; s/e: its span in the NFC text. */
export type Token = { t: string; raw: string; s: number; e: number; cap: boolean };

const spell = (words: string) => words.split(' ');
/** Abbreviations always spelled out. */
const ALWAYS = new Map<string, [string[], string[]]>(Object.entries({
  ubnd: [spell('uy ban nhan dan'), spell('ủy ban nhân dân')],
  hdnd: [spell('hoi dong nhan dan'), spell('hội đồng nhân dân')],
  mttq: [spell('mat tran to quoc'), spell('mặt trận tổ quốc')],
  ubmttq: [spell('uy ban mat tran to quoc'), spell('ủy ban mặt trận tổ quốc')],
  ubmttqvn: [spell('uy ban mat tran to quoc'), spell('ủy ban mặt trận tổ quốc')],
  mttqvn: [spell('mat tran to quoc'), spell('mặt trận tổ quốc')],
  cchc: [spell('cai cach hanh chinh'), spell('cải cách hành chính')],
  tthc: [spell('thu tuc hanh chinh'), spell('thủ tục hành chính')],
  tp: [spell('thanh pho'), spell('thành phố')],
  tx: [spell('thi xa'), spell('thị xã')],
  hcm: [spell('ho chi minh'), spell('hồ chí minh')],
}));
/** One-letter abbreviations, spelled out only when a dot follows ("P. 5", "Q.10"). */
const DOTTED = new Map<string, [string, string]>([['p', ['phuong', 'phường']], ['q', ['quan', 'quận']]]);

const wordChars = new Map<string, boolean>();

/** A letter or digit; the folded text is mostly ASCII, so the Unicode test is rare and remembered. */
function isWordChar(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
  const ch = s[i]!;
  let w = wordChars.get(ch);
  if (w === undefined) wordChars.set(ch, (w = /[\p{L}\p{N}\p{M}]/u.test(ch) || (c >= 0xd800 && c <= 0xdfff)));
  return w;
}

/** Tokens of a span of the document; "Việt Nam" after "Tổ quốc" is dropped, as names use it or not at will. */
export function tokenize(doc: Doc, from = 0, to = doc.fold.length): Token[] {
  const out: Token[] = [];
  const { fold, lower, text } = doc;
  for (let i = from; i < to; ) {
    // a line break ends any name: a heading's last word never runs into the next line
    let br = -1;
    for (; i < to && (fold[i] === ' ' || fold[i] === '\n'); i++) if (br < 0 && fold[i] === '\n') br = i;
    if (br >= 0 && out.length) out.push({ t: '\n', raw: '\n', s: br, e: br + 1, cap: false });
    if (i >= to) break;
    const s = i;
    let e = s + 1;
    if (isWordChar(fold, s)) while (e < to && isWordChar(fold, e)) e++;
    const t = fold.slice(s, e);
    i = e;
    const cap = text[s] !== lower[s];
    const dotNext = fold[e] === '.';
    const dotted = DOTTED.get(t);
    const numbered = t.length <= 3 && /^([pq])(\d{1,2})$/.exec(t);
    const always = ALWAYS.get(t);
    if (always) {
      if (dotNext && (t === 'tp' || t === 'tx')) i = e = e + 1;
      always[0].forEach((w, k) => out.push({ t: w, raw: always[1][k]!, s, e, cap }));
    } else if (dotted && dotNext) {
      i = e + 1;
      out.push({ t: dotted[0], raw: dotted[1], s, e: e + 1, cap });
    } else if (numbered) {
      const [w, raw] = DOTTED.get(numbered[1]!)!;
      out.push({ t: w, raw, s, e: s + 1, cap }, { t: numbered[2]!, raw: numbered[2]!, s: s + 1, e, cap: false });
    } else {
      out.push({ t, raw: lower.slice(s, e), s, e, cap });
    }
  }
  return dropVietNam(out);
}

function dropVietNam(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const afterToQuoc = out.length >= 2 && out[out.length - 2]!.t === 'to' && out[out.length - 1]!.t === 'quoc';
    if (afterToQuoc && tokens[k]!.t === 'viet' && tokens[k + 1]?.t === 'nam') k++;
    else if (!(afterToQuoc && tokens[k]!.t === 'vn')) out.push(tokens[k]!);
  }
  return out;
}

/** Tokens of a free-standing string (a unit's name). */
export const tokensOf = (s: string) => tokenize(prepare(s));

/** Index of the first token starting at or after offset `at`. */
export function tokenAt(tokens: readonly Token[], at: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.s < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Do the tokens from `k` read `words` (folded, space-separated)? Returns the index after them, or -1. */
export function reads(tokens: readonly Token[], k: number, words: readonly string[]): number {
  for (let i = 0; i < words.length; i++) if (tokens[k + i]?.t !== words[i]) return -1;
  return k + words.length;
}
