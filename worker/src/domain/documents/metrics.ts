/**
 * How wide a line of Times New Roman is, so the header can decide where a body's name breaks and draw the short
 * rules of Decree 30 at the length the decree gives (a fraction of, or exactly, the line above). Word and
 * LibreOffice (whose Liberation Serif has the same metrics) lay text out with these widths, so the estimate is
 * close; a Vietnamese letter is measured as its base letter, which is at most a few per cent narrower.
 */

/** Advance widths of the printable ASCII characters (U+0020…U+007E), in thousandths of an em. */
const REGULAR = [
  250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500, 500, 500, 500, 500, 500,
  500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,
  556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500,
  500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
];
const BOLD = [
  250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278, 500, 500, 500, 500, 500, 500, 500, 500,
  500, 500, 333, 333, 570, 570, 570, 500, 930, 722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778,
  611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 333, 278, 333, 581, 500, 333, 500, 556, 444, 556, 444, 333, 500,
  556, 278, 333, 556, 278, 833, 556, 500, 556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520,
];
/** Anything else (dashes, quotes): about the width of a digit. */
const OTHER = 500;

function charWidth(ch: string, table: readonly number[]): number {
  // "Đ"/"đ" do not decompose; they are as wide as "D"/"d".
  const base = ch === 'Đ' ? 'D' : ch === 'đ' ? 'd' : ch.normalize('NFD').charAt(0);
  return table[base.charCodeAt(0) - 32] ?? OTHER;
}

/** The width of `text` set in Times New Roman at `sizePt`, in twips (1/20 pt). */
export function textWidth(text: string, sizePt: number, bold: boolean): number {
  const table = bold ? BOLD : REGULAR;
  let em = 0;
  for (const ch of text) em += charWidth(ch, table);
  return Math.ceil((em / 1000) * sizePt * 20);
}
