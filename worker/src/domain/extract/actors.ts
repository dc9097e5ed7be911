// Who a passage is about: the units a heading or a sentence's subject names ("Giao Phòng Nội vụ …", "Ủy ban nhân
// dân các xã, phường …", "Trên cơ sở …, Ban Thường trực Ủy ban MTTQ 15 phường chủ động …"), as a unit selector.
import type { UnitSelector } from '../../../../schemas';
import type { Para } from './outline';
import type { Doc, Span } from './text';
import { tokenAt, type Token } from './tokens';
import type { Mention, UnitIndex } from './units';

/** Openings after which the subject comes after a comma: "Trên cơ sở …, Phòng X …", "Định kỳ hằng năm, …". */
const OPENER = /^(?:trên cơ sở|căn cứ|thực hiện theo|theo|để|nhằm|hằng năm|hàng năm|định kỳ|trong|sau khi|ngoài ra|đồng thời|bên cạnh)(?![\p{L}])/u;

export type Reading = { tokens: Token[]; units: UnitIndex };

/** The names that open a passage, or follow its opening adverbial. `heading`: a line that may be a name only. */
export function subjectAt(doc: Doc, r: Reading, sp: Span, heading = false): Mention[] {
  const first = r.units.subjects(r.tokens, tokenAt(r.tokens, sp.s), heading);
  if (first.length || !OPENER.test(doc.lower.slice(sp.s, sp.e))) return first.filter((m) => m.s < sp.e);
  const sentenceEnd = doc.lower.slice(sp.s, sp.e).search(/[.;:]/);
  const end = sentenceEnd < 0 ? sp.e : sp.s + sentenceEnd;
  for (let i = doc.lower.indexOf(',', sp.s); i >= 0 && i < end; i = doc.lower.indexOf(',', i + 1)) {
    const after = r.units.subjects(r.tokens, tokenAt(r.tokens, i + 1));
    if (after.length) return after;
  }
  return [];
}

/** "(Phòng Văn hóa và Thông tin chủ trì, …)", "Đơn vị thực hiện: Phòng Nội vụ": names given as the one in charge. */
export function inChargeAt(doc: Doc, r: Reading, sp: Span): Mention[] {
  const out: Mention[] = [];
  const text = doc.lower.slice(sp.s, sp.e);
  for (const m of text.matchAll(/\(|(?:đơn vị|cơ quan)\s+(?:chủ trì|thực hiện|phụ trách)\s*:\s*/gu)) {
    const found = r.units.subjects(r.tokens, tokenAt(r.tokens, sp.s + m.index + m[0].length));
    const after = found.length ? doc.lower.slice(found[found.length - 1]!.e, sp.e) : '';
    if (found.length && (m[0] !== '(' || /^\s*(?:chủ trì|thực hiện|phụ trách)/u.test(after))) out.push(...found);
  }
  return out;
}

export type Selection = { selector: UnitSelector | null; unknown: Span[]; outside: Mention[] };

/**
 * The selector for what the mentions name, inside the issuer's subtree (`outside`: the mentions beyond it). "Các cơ
 * quan, đơn vị" stands for the issuer's agencies only when no agency is named; a level alone stays a level ("UBND 15
 * phường" → every ward); with units beside it, it is spelled out. The issuer itself acts only when no one else does.
 */
export function selection(r: Reading, mentions: readonly Mention[], exclude: readonly string[] = []): Selection {
  const { units } = r;
  const agencies = new Set(units.agencies());
  const outside = mentions.filter((m) => m.units.some((c) => !units.inSubtree(c)));
  const codes = mentions.flatMap((m) => m.units).filter((c) => units.inSubtree(c));
  if (mentions.some((m) => m.agencies) && !codes.some((c) => agencies.has(c))) codes.push(...agencies);
  const levels = [...new Set(mentions.flatMap((m) => m.levels))];
  const unknown = mentions.flatMap((m) => m.unknown);
  let list = [...new Set(codes)].filter((c) => !exclude.includes(c));
  if (list.length > 1 || levels.length) list = list.filter((c) => c !== units.issuer.code);
  if (!list.length && levels.length === 1 && levels[0]!.length <= 32) return { selector: { level: levels[0]! }, unknown, outside };
  list = [...new Set([...list, ...levels.flatMap((l) => units.unitsOfLevel(l))])].filter((c) => !exclude.includes(c));
  return { selector: list.length ? { units: list.slice(0, 20_000) } : null, unknown, outside };
}

/** The headings above a paragraph, nearest first. */
export const headsOf = (paras: readonly Para[], p: Para) => p.heads.map((i) => paras[i]!);
