/**
 * A report as a .docx in the layout of Decree 30/2020/NĐ-CP, Appendix I: A4, Times New Roman, the two-column
 * header (issuing body | national motto), the number and date line, "BÁO CÁO" and its summary, the body, and the
 * signature block beside "Nơi nhận". Sizes follow the decree's table of fonts; lengths are in twips (1/20 pt).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  type TableVerticalAlign,
  WidthType,
  type IBorderOptions,
} from 'docx';
import { formatNumber } from '../../../../schemas/labels';
import { textWidth } from './metrics';
import type { CompletenessView, IndicatorRowView, ReportDocumentModel, ReportTaskView } from './models';
import { dateLine } from './official';

const mm = (x: number) => Math.round(x * 56.7);
/** A4, with the decree's margins: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm. */
const PAGE = { width: 11906, height: 16838 };
const MARGIN = { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15), header: mm(10), footer: mm(10) };
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

/** Point sizes, each within the range the decree's appendix gives for that element. */
const PT = { body: 14, parent: 12, header: 13, nation: 12, table: 12, recipientsLabel: 12, recipients: 11, note: 11 };
const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/**
 * The header's columns: the right one must hold "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in 12 pt bold (about 88 mm) on
 * one line; the left one takes the rest, wide enough for "ỦY BAN NHÂN DÂN QUẬN 10" in 12 pt with room to spare.
 */
const HEADER_RIGHT = mm(95);
const HEADER_LEFT = TEXT_WIDTH - HEADER_RIGHT;
const HEADER_PAD = mm(1);
/** A line of the header is joined with the next part of its name only if it keeps this much room (kerning, Ư/Ơ). */
const FIT = 0.97;

type Look = { size: number; bold?: boolean; italics?: boolean };
type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

const run = (text: string, look: Look) =>
  new TextRun({ text: text.normalize('NFC'), size: look.size * 2, bold: look.bold, italics: look.italics });

function centred(text: string, look: Look, spacing: { before?: number; after?: number } = {}): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing, children: [run(text, look)] });
}

/**
 * The decree's short horizontal rules (under the body's name, the motto and the summary): an empty paragraph 2 pt
 * high (its mark 1 pt, or LibreOffice lays the line out for the default size), indented from both sides so that its
 * bottom border is `width` long and centred in `within`; 3 pt above it keep it clear of the dots under "Ị".
 */
function rule(width: number, within: number, after = 0): Paragraph {
  const side = Math.max(0, Math.round((within - width) / 2));
  const line: IBorderOptions = { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 };
  return new Paragraph({
    indent: { left: side, right: side },
    spacing: { before: 60, after, line: 40, lineRule: LineRuleType.EXACT },
    border: { bottom: line },
    run: { size: 2 },
    children: [],
  });
}

/** A name's parts packed into as few lines as fit `width`: ['ỦY BAN NHÂN DÂN', 'QUẬN 10'] → one line if it fits. */
function packLines(parts: string[], look: Look, width: number): string[] {
  const lines: string[] = [];
  for (const part of parts) {
    const last = lines.at(-1);
    const joined = `${last} ${part}`;
    if (last !== undefined && textWidth(joined, look.size, !!look.bold) <= width * FIT) lines[lines.length - 1] = joined;
    else lines.push(part);
  }
  return lines;
}

const NO_BORDER: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER, insideHorizontal: NO_BORDER, insideVertical: NO_BORDER };
const GRID: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const GRID_BORDERS = { top: GRID, bottom: GRID, left: GRID, right: GRID, insideHorizontal: GRID, insideVertical: GRID };

function cell(children: Paragraph[], width: number, verticalAlign: TableVerticalAlign = VerticalAlignTable.TOP) {
  return new TableCell({ children, width: { size: width, type: WidthType.DXA }, verticalAlign });
}

/** A borderless table of fixed column widths, for the header and the signature block. */
function layoutTable(widths: number[], rows: Paragraph[][][], pad: number): Table {
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    margins: { top: 0, bottom: 0, left: pad, right: pad },
    rows: rows.map((cells) => new TableRow({ cantSplit: true, children: cells.map((c, i) => cell(c, widths[i] ?? 0)) })),
  });
}

/** Top left: the superior body, the issuing body in bold and a rule a little under half its length; top right: the motto. */
function header(model: ReportDocumentModel): Table {
  const inner = HEADER_LEFT - 2 * HEADER_PAD;
  const parentLook: Look = { size: PT.parent };
  const bodyLook: Look = { size: PT.header, bold: true };
  const bodyLines = packLines(model.form.body, bodyLook, inner);
  const longest = Math.max(...bodyLines.map((l) => textWidth(l, bodyLook.size, true)));
  const left = [
    ...packLines(model.form.parentBody, parentLook, inner).map((l) => centred(l, parentLook)),
    ...bodyLines.map((l) => centred(l, bodyLook)),
    rule(Math.min(inner, longest * 0.4), inner),
  ];
  const rightInner = HEADER_RIGHT - 2 * HEADER_PAD;
  const mottoLook: Look = { size: PT.header, bold: true };
  const right = [
    centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: PT.nation, bold: true }),
    centred(MOTTO, mottoLook),
    // The decree wants the motto's rule exactly as long as the motto.
    rule(textWidth(MOTTO, mottoLook.size, true), rightInner),
  ];
  const numberAndDate = [
    [centred(model.numberLine, { size: PT.header }, { before: 120 })],
    [centred(dateLine(model.form.place, model.date), { size: PT.body, italics: true }, { before: 120 })],
  ];
  return layoutTable([HEADER_LEFT, HEADER_RIGHT], [[left, right], numberAndDate], HEADER_PAD);
}

function title(model: ReportDocumentModel): Paragraph[] {
  const look: Look = { size: PT.body, bold: true };
  const summaryWidth = Math.min(TEXT_WIDTH, textWidth(model.summary, look.size, true));
  return [
    centred(model.documentType, look, { before: 300 }),
    centred(model.summary, look, { before: 60 }),
    rule(summaryWidth * 0.4, TEXT_WIDTH, 180),
  ];
}

/** Body text as the decree sets it: justified, the first line indented 1 cm, single-spaced, 6 pt between paragraphs. */
function paragraph(children: TextRun[], opts: { keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: mm(10) },
    spacing: { before: 0, after: 120, line: 240, lineRule: LineRuleType.AUTO },
    keepNext: opts.keepNext,
    children,
  });
}

const bodyText = (text: string) => run(text, { size: PT.body });
const bold = (text: string) => run(text, { size: PT.body, bold: true });
/** A clause ends with a full stop unless it already ends with punctuation. */
const sentence = (text: string) => (/[.!?:;…]$/u.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/** "- Kết quả: …" and its further paragraphs, one per line of the text; nothing when the text is empty. */
function labelled(label: string, text: string): Paragraph[] {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return lines.map((line, i) => paragraph(i === 0 ? [bodyText(`- ${label}: `), bodyText(sentence(line))] : [bodyText(sentence(line))]));
}

function task(t: ReportTaskView, n: number): Paragraph[] {
  return [
    paragraph([bold(`${n}. ${t.title.trim()}`)], { keepNext: true }),
    ...labelled('Tình hình thực hiện', t.status),
    ...labelled('Kết quả', t.result),
    ...labelled('Khó khăn, vướng mắc', t.difficulties),
    ...labelled('Đề xuất, kiến nghị', t.proposals),
  ];
}

function completeness(c: CompletenessView): Paragraph[] {
  const count = (n: number) => `${formatNumber(n)} đơn vị`;
  const missing = c.missing.length ? `${count(c.missing.length)}: ${c.missing.join(', ')}` : 'không có';
  return [
    paragraph([bodyText(`- Số đơn vị phải báo cáo: ${count(c.expected)}.`)]),
    paragraph([bodyText(`- Đã nộp báo cáo: ${formatNumber(c.submitted)}/${count(c.expected)} (đúng hạn: ${formatNumber(c.onTime)}; trễ hạn: ${formatNumber(c.late)}).`)]),
    paragraph([bodyText(`- Chưa nộp báo cáo: ${missing}.`)]),
  ];
}

const MET_LABEL = (met: boolean | null) => (met === null ? '—' : met ? 'Đạt' : 'Không đạt');

type Column = {
  title: string;
  /** The column's share of the width, before it is widened to hold its longest word. */
  weight: number;
  align: Align;
  text: (row: IndicatorRowView, index: number) => string;
  /** Whether the row's note goes in this column, in italics under the text. */
  note?: true;
};
const NAME: Column = { title: 'Chỉ tiêu', weight: 27, align: AlignmentType.LEFT, text: (r) => r.name };
const COLUMNS: Column[] = [
  { title: 'STT', weight: 6, align: AlignmentType.CENTER, text: (_, i) => String(i + 1) },
  NAME,
  { title: 'Đơn vị tính', weight: 10, align: AlignmentType.CENTER, text: (r) => r.unit },
  { title: 'Kết quả', weight: 19, align: AlignmentType.CENTER, text: (r) => r.value, note: true },
  { title: 'Chỉ tiêu kế hoạch', weight: 12, align: AlignmentType.CENTER, text: (r) => r.target },
  { title: 'Đánh giá', weight: 8, align: AlignmentType.CENTER, text: (r) => MET_LABEL(r.met) },
];
const PREVIOUS: Column = { title: 'Cùng kỳ năm trước', weight: 15, align: AlignmentType.CENTER, text: (r) => r.previous ?? '' };
const UNITS: Column = {
  title: 'Số đơn vị đạt / báo cáo',
  weight: 11,
  align: AlignmentType.CENTER,
  text: (r) => (!r.units ? '' : r.units.meeting === null ? '—' : `${formatNumber(r.units.meeting)}/${formatNumber(r.units.reporting)}`),
};
const CELL_PAD = 80;
/** Room beyond a word's measured width, for rounding in the layout. */
const SLACK = 20;

/** In a narrow cell "96,3 %" must not break before its "%": the space is made non-breaking. */
const keepPercent = (text: string) => text.replace(/(\d) %/g, '$1\u00A0%');

/** The widest word a column must hold without breaking it ("Không" of "Không đạt"), header included. */
function longestWord(column: Column, rows: IndicatorRowView[]): number {
  const words = (text: string, bold: boolean) => keepPercent(text).split(/[ \t]+/).map((w) => textWidth(w, PT.table, bold));
  return Math.max(...words(column.title, true), ...rows.flatMap((r, i) => words(column.text(r, i), false)));
}

/**
 * Each column gets its share of the width or, if more, what its longest word needs; the indicator's name, which
 * wraps best, takes what is left.
 */
function columnWidths(columns: Column[], rows: IndicatorRowView[]): number[] {
  const totalWeight = columns.reduce((s, c) => s + c.weight, 0);
  const widths = columns.map((c) => Math.max(Math.floor((TEXT_WIDTH * c.weight) / totalWeight), longestWord(c, rows) + 2 * CELL_PAD + SLACK));
  const name = columns.indexOf(NAME);
  widths[name] = TEXT_WIDTH - widths.reduce((s, w, i) => (i === name ? s : s + w), 0);
  return widths;
}

function tableCell(paragraphs: Paragraph[], width: number) {
  return cell(paragraphs, width, VerticalAlignTable.CENTER);
}

const tableLine = (text: string, align: Align, look: Look) =>
  new Paragraph({ alignment: align, spacing: { before: 0, after: 0 }, children: [run(keepPercent(text), look)] });

/** The indicators with a ruled grid and a header row that repeats on every page. */
function indicatorTable(rows: IndicatorRowView[]): Table {
  const columns = [...COLUMNS, ...(rows.some((r) => r.previous) ? [PREVIOUS] : []), ...(rows.some((r) => r.units) ? [UNITS] : [])];
  const widths = columnWidths(columns, rows);
  const look: Look = { size: PT.table };
  const head = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: columns.map((c, i) => tableCell([tableLine(c.title, AlignmentType.CENTER, { ...look, bold: true })], widths[i] ?? 0)),
  });
  const body = rows.map(
    (row, r) =>
      new TableRow({
        cantSplit: true,
        children: columns.map((c, i) => {
          const lines = [tableLine(c.text(row, r), c.align, look)];
          if (c.note && row.note) lines.push(tableLine(row.note, c.align, { size: PT.note, italics: true }));
          return tableCell(lines, widths[i] ?? 0);
        }),
      }),
  );
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: GRID_BORDERS,
    margins: { top: 40, bottom: 40, left: CELL_PAD, right: CELL_PAD },
    rows: [head, ...body],
  });
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI'];

/** The body's sections, numbered I, II, … in the order present. */
function body(model: ReportDocumentModel): (Paragraph | Table)[] {
  const sections: [string, (Paragraph | Table)[]][] = [];
  if (model.completeness) sections.push(['TÌNH HÌNH BÁO CÁO CỦA CÁC ĐƠN VỊ', completeness(model.completeness)]);
  if (model.tasks.length) sections.push(['KẾT QUẢ THỰC HIỆN NHIỆM VỤ', model.tasks.flatMap((t, i) => task(t, i + 1))]);
  if (model.indicators.length) {
    // 6 pt after the table, as between paragraphs: an empty paragraph of that height.
    const gap = new Paragraph({ spacing: { line: 120, lineRule: LineRuleType.EXACT }, run: { size: 2 }, children: [] });
    sections.push(['KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU', [indicatorTable(model.indicators), gap]]);
  }
  return [
    ...(model.opening ? [paragraph([bodyText(model.opening)])] : []),
    ...sections.flatMap(([heading, content], i) => [paragraph([bold(`${ROMAN[i] ?? i + 1}. ${heading}`)], { keepNext: true }), ...content]),
    ...(model.closing ? [paragraph([bodyText(model.closing)], { keepNext: true })] : []),
  ];
}

/** "Nơi nhận:" (12 pt bold italic) and its "- …;" lines (11 pt) on the left, the signature block on the right. */
function signatureBlock(model: ReportDocumentModel): Table {
  const left = [
    new Paragraph({ children: [run('Nơi nhận:', { size: PT.recipientsLabel, bold: true, italics: true })] }),
    ...[...model.recipients.map((r) => `- ${r.trim()};`), '- Lưu: VT.'].map(
      // A recipient that wraps continues under its text, not under the dash.
      (line) => new Paragraph({ indent: { left: 170, hanging: 170 }, children: [run(line, { size: PT.recipients })] }),
    ),
  ];
  const look: Look = { size: PT.body, bold: true };
  const { authority, title: office } = model.form.signature;
  const right = [
    ...(authority ? [centred(authority, look)] : []),
    centred(office, look),
    // Room for the signature and the seal, then the signer's name (blank until the office fills it in).
    centred(model.signer ?? '', look, { before: mm(20) }),
  ];
  return layoutTable([TEXT_WIDTH - mm(92), mm(92)], [[left, right]], 0);
}

/** Page numbers centred in the top margin from page 2 on; the decree leaves the first page unnumbered. */
function pageNumberHeaders() {
  const number = new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], size: PT.body * 2 })] });
  return { default: new Header({ children: [number] }), first: new Header({ children: [] }) };
}

export async function reportDocx(model: ReportDocumentModel): Promise<Uint8Array> {
  const creator = model.form.body.join(' ');
  const doc = new Document({
    creator,
    lastModifiedBy: creator,
    title: `${model.documentType} ${model.summary}`.normalize('NFC'),
    styles: {
      default: {
        document: {
          run: { font: 'Times New Roman', size: PT.body * 2, language: { value: 'vi-VN' } },
          paragraph: { spacing: { before: 0, after: 0, line: 240 } },
        },
      },
    },
    sections: [
      {
        properties: { titlePage: true, page: { size: PAGE, margin: MARGIN } },
        headers: pageNumberHeaders(),
        children: [
          header(model),
          ...title(model),
          ...body(model),
          // A blank line between the text and the signature block, kept on the signature's page.
          new Paragraph({ keepNext: true, children: [] }),
          signatureBlock(model),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}
