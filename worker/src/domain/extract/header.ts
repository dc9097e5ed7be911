// What the top of a plan states: its number ("Số: 59/KH-MTTQ-BTT"), issue date ("Quận 5, ngày 24 tháng 8 năm 2020"),
// title, years ("năm 2020 và những năm tiếp theo") and basis ("Căn cứ …", "Thực hiện …").
import { localDate } from './dates';
import type { Notes } from './notes';
import { isBasis, type Outline, type Para } from './outline';
import { capitalise, clean, stripEnd, truncate, type Doc, type Span } from './text';

const lowerOf = (doc: Doc, sp: Span) => doc.lower.slice(sp.s, sp.e);

/** "Số: 59/KH-MTTQ-BTT", "Số 137/KH-UBND", "Số: 369 /KH-UBND"; "Số: /KH-UBND" (left blank) is a gap. */
export function planNumber(doc: Doc, paras: readonly Para[], notes: Notes): string | undefined {
  const re = /(?<![\p{L}\d])số\s*:?\s*(\d[\d.]*)?\s*(\/\s*[\p{L}\d][\p{L}\d.&/-]*)/u;
  for (const p of paras) {
    const m = re.exec(lowerOf(doc, p));
    if (!m) continue;
    const s = p.s + m.index;
    const sp = { s, e: s + m[0].length };
    if (!m[1]) {
      notes.gap('number', sp, 'Văn bản để trống số kế hoạch; hãy nhập số.');
      return undefined;
    }
    const raw = doc.text.slice(s + m[0].indexOf(m[1]), sp.e).replace(/\s+/g, '');
    const value = stripEnd(raw, './-');
    notes.found('number', sp);
    return truncate(value, 100);
  }
  notes.gap('number', null, 'Văn bản không ghi số kế hoạch; hãy nhập số.');
  return undefined;
}

const PLACE_DATE = [
  /(?<![\p{L}\d])ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{1,6})/u,
  /(?<![\p{L}\d])ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{1,6})/u,
];
/** A web copy's posting time, "Thứ năm, 23/04/2020, 06:10 SA": not the issue date, but worth showing. */
const POSTED = /^(?:thứ\s+\S+|chủ nhật)\s*,\s*\d{1,2}\/\d{1,2}\/\d{4}/u;

/**
 * "Quận 5, ngày 24 tháng 8 năm 2020", "ngày 24/8/2020": a short line of the header (or the lines before the first
 * section that are not basis lines), never a date in the text, where dates belong to cited documents or deadlines.
 */
export function issueDate(doc: Doc, paras: readonly Para[], notes: Notes): string | undefined {
  for (const p of paras) {
    const line = lowerOf(doc, p);
    const m = line.length <= 200 ? PLACE_DATE.map((re) => re.exec(line)).find((x) => x) : null;
    if (!m) continue;
    const sp = { s: p.s, e: p.s + m.index + m[0].length };
    const date = localDate(Number(m[3]), Number(m[2]), Number(m[1]));
    if (date) {
      notes.found('issuedOn', sp);
      return date;
    }
    notes.gap('issuedOn', sp, 'Ngày ban hành ghi trong văn bản không phải một ngày có thật; hãy nhập ngày.');
    return undefined;
  }
  const posted = paras.find((p) => POSTED.test(lowerOf(doc, p)));
  notes.gap('issuedOn', posted ?? null, posted
    ? 'Văn bản không ghi ngày ban hành (đây là ngày đăng trên trang web); hãy nhập ngày ban hành.'
    : 'Văn bản không ghi ngày ban hành; hãy nhập ngày.');
  return undefined;
}

/** The title under "KẾ HOẠCH", or a web copy's page title without "Kế hoạch" and any "số …" after it. */
export function planTitle(doc: Doc, o: Outline, notes: Notes): string | undefined {
  let sp = o.title;
  if (sp && o.heading && sp.s > o.heading.s && sp.s < o.heading.e) {
    const rest = /^\s*(?:số\s+\S+\s*)?(?:ngày\s+[\d/]+\s*)?(?:về\s+việc\s+|v\/v\s+|về\s+)?/u.exec(lowerOf(doc, sp));
    sp = { s: sp.s + (rest?.[0].length ?? 0), e: sp.e };
  }
  const title = sp ? clean(doc.text.slice(sp.s, sp.e)).replace(/^[-:–\s]+/, '') : '';
  if (!sp || !title) {
    notes.gap('title', null, 'Không thấy tên kế hoạch (dòng dưới chữ “KẾ HOẠCH”); hãy nhập tên.');
    return undefined;
  }
  notes.found('title', sp);
  return truncate(capitalise(title), 500);
}

const RANGE = [/giai đoạn\s+(\d{4})\s*-\s*(\d{4})/u, /(?:từ\s+)?năm\s+(\d{4})\s*(?:-|đến(?:\s+năm)?)\s*(\d{4})/u, /(?<!\d)(\d{4})\s*-\s*(\d{4})(?!\d)/u];
const ONWARD = /năm\s+(\d{4})\s+và\s+(?:những|các)\s+năm\s+tiếp\s+theo/u;
const UNTIL = /(?:đến|tới)\s+(?:hết|cuối)\s+năm\s+(\d{4})/u;
const SINGLE = /năm\s+(\d{4})(?!\d)/gu;

type Years = { years: number[]; spans: Span[] };

const span = (years: number[], ...spans: Span[]): Years => ({ years, spans });
const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

/** Years a title (or the intro line) states; "… và những năm tiếp theo" runs to an "đến cuối năm …" in the body, else one year on. */
function yearsIn(doc: Doc, sp: Span, body: readonly Para[]): Years | null {
  const text = lowerOf(doc, sp);
  const at = (m: RegExpExecArray) => ({ s: sp.s + m.index, e: sp.s + m.index + m[0].length });
  for (const re of RANGE) {
    const m = re.exec(text);
    if (m && Number(m[1]) <= Number(m[2]) && Number(m[2]) - Number(m[1]) < 20) return span(range(Number(m[1]), Number(m[2])), at(m));
  }
  const onward = ONWARD.exec(text);
  if (onward) {
    const from = Number(onward[1]);
    for (const p of body) {
      const m = UNTIL.exec(lowerOf(doc, p));
      const to = m ? Number(m[1]) : 0;
      if (m && to > from && to - from < 20) return span(range(from, to), at(onward), { s: p.s + m.index, e: p.s + m.index + m[0].length });
    }
    return span([from, from + 1], at(onward));
  }
  const singles = [...text.matchAll(SINGLE)];
  if (!singles.length) return null;
  return { years: [...new Set(singles.map((m) => Number(m[1])))].sort((a, b) => a - b), spans: singles.map(at) };
}

export function planYears(doc: Doc, o: Outline, notes: Notes): number[] | undefined {
  const intro = o.preamble.filter((p) => !isBasis(doc, p));
  const found = [o.title, ...intro].reduce<Years | null>((got, sp) => got ?? (sp ? yearsIn(doc, sp, o.body.filter((p) => !isBasis(doc, p))) : null), null);
  if (!found) {
    notes.gap('years', null, 'Kế hoạch không nêu năm thực hiện; hãy chọn năm.');
    return undefined;
  }
  const years = found.years.filter((y) => y >= 2000 && y <= 2100).slice(0, 20);
  if (years.length < found.years.length) notes.gap('years', found.spans[0]!, 'Năm thực hiện phải từ 2000 đến 2100; hãy chọn năm.');
  if (!years.length) return undefined;
  found.spans.forEach((sp) => notes.found('years', sp));
  return years;
}

const normalNumber = (s: string) => s.normalize('NFC').replace(/\s+/g, '').replace(/[đĐ]/g, 'D').toUpperCase();

/** The basis lines, whole, and the stored plan one of them cites by number. */
export function planBasis(doc: Doc, o: Outline, plans: readonly { id: string; number: string }[], notes: Notes) {
  const lines = o.preamble.filter((p) => isBasis(doc, p)).slice(0, 50);
  const basisText = lines.map((p, i) => {
    notes.found(`basisText[${i}]`, { s: p.body, e: p.e });
    return truncate(clean(doc.text.slice(p.body, p.e)), 2000);
  });
  const byNumber = new Map(plans.map((p) => [normalNumber(p.number), p.id]));
  for (const p of lines) {
    for (const m of doc.text.slice(p.s, p.e).matchAll(/[\p{L}\d][\p{L}\d.-]{0,30}\s?\/\s?[\p{L}\d][\p{L}\d./-]{0,40}[\p{L}\d]/gu)) {
      const id = byNumber.get(normalNumber(m[0]));
      if (id === undefined || id.length > 64) continue;
      notes.found('basis', { s: p.s + m.index, e: p.s + m.index + m[0].length });
      return { basisText, basis: id };
    }
  }
  return { basisText, basis: undefined };
}
