// Item codes from the item's own words: "Phòng Nội vụ tham mưu …" → PHONG_NOI_VU_THAM, "Báo cáo 6 tháng" →
// BAO_CAO_6_THANG; unique within the plan, 1–40 of A–Z, 0–9 and "_".
import { prepare } from './text';

/** Words and phrases that carry no meaning in a code. */
const FILLER = new Set(['cua', 'va', 'cac', 'nhung', 'trong', 'tren', 'den', 'cho', 've', 'theo', 'duoc', 'la', 'co', 'nham', 'voi', 'viec', 'mot', 'khi', 'sau', 'truoc', 'o']);
const FILLER_PHRASES = /(?:^|\s)(?:doi voi|noi dung|cong tac|ve viec|thuc hien)(?=\s|$)/g;
/** Words that open a heading without naming its subject: "Giao Phòng Nội vụ …", "Đề nghị Ủy ban MTTQ …". */
const LEAD = /^\s*(?:giao|de nghi|yeu cau)(?=\s)/;
const MAX_WORDS = 4;

export class Codes {
  private readonly taken = new Set<string>();

  /** A fresh code from `words`, else from `fallback` ("T1"). */
  next(words: string, fallback: string): string {
    const folded = prepare(words).fold.replace(/[^a-z0-9]+/g, ' ').replace(LEAD, '').replace(FILLER_PHRASES, ' ');
    const tokens = folded.split(' ').filter((w) => w && !FILLER.has(w));
    const base = (tokens.slice(0, MAX_WORDS).join('_').toUpperCase() || fallback).slice(0, 34).replace(/_+$/, '');
    let code = base;
    for (let n = 2; this.taken.has(code); n++) code = `${base}_${n}`;
    this.taken.add(code);
    return code;
  }
}
