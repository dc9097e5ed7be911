/**
 * A roll-up as a workbook (DESIGN §12): sheet "Tổng hợp" with a header block, one row per child unit, the totals
 * and, per indicator, its value (numerator and denominator beside a rate) coloured by target met or not; sheet
 * "Tình hình nộp" with every unit's submission. All figures are numeric cells; percents are fractions shown as
 * percent.
 */
import type { IndicatorKind, RollupCell, RollupIndicatorColumn, RollupRowView, RollupWorkbookModel } from './models';
import { writeXlsx, type Cell, type CellStyle, type Range, type Row, type Sheet } from './xlsx';

type Part = 'value' | 'numerator' | 'denominator' | 'previous';
type SubColumn = { part: Part; title: (unit: string) => string; numFmt: string };

const withUnit = (title: string, unit: string) => (unit ? `${title} (${unit})` : title);
/** The columns of an indicator by kind: a rate shows what it is a rate of; a yes/no shows how many said yes. */
const SUB_COLUMNS: Record<Exclude<IndicatorKind, 'text'>, SubColumn[]> = {
  percent: [
    { part: 'value', title: () => 'Tỷ lệ', numFmt: '0.0%' },
    { part: 'numerator', title: (u) => withUnit('Tử số', u), numFmt: '#,##0' },
    { part: 'denominator', title: (u) => withUnit('Mẫu số', u), numFmt: '#,##0' },
  ],
  ratio: [
    { part: 'value', title: () => 'Tỷ số', numFmt: '0.00' },
    { part: 'numerator', title: (u) => withUnit('Tử số', u), numFmt: 'General' },
    { part: 'denominator', title: (u) => withUnit('Mẫu số', u), numFmt: 'General' },
  ],
  boolean: [
    { part: 'value', title: () => 'Số đơn vị có', numFmt: '#,##0' },
    { part: 'denominator', title: () => 'Số đơn vị báo cáo', numFmt: '#,##0' },
  ],
  count: [{ part: 'value', title: (u) => (u ? `Số ${u}` : 'Số lượng'), numFmt: '#,##0' }],
  number: [{ part: 'value', title: (u) => withUnit('Giá trị', u), numFmt: '#,##0.00' }],
};

const NOT_APPLICABLE = 'Không áp dụng';
/** Excel's own "Good" and "Bad" colours, which readers of Vietnamese roll-ups already know. */
const MET = { fill: 'C6EFCE', color: '006100' };
const NOT_MET = { fill: 'FFC7CE', color: '9C0006' };
const SHADE = 'F2F2F2';

const TITLE: CellStyle = { bold: true };
const HEAD: CellStyle = { bold: true, border: true, align: 'center', wrap: true, fill: SHADE };
const TEXT: CellStyle = { border: true, wrap: true };
const CENTRE: CellStyle = { border: true, align: 'center' };

const text = (value: string, style?: CellStyle): Cell => ({ value, style });

/** Header rows: 6 above the table, then the names, the targets and the sub-column titles. */
const TABLE_TOP = 6;
const HEADER_ROWS = 3;
const FIRST_DATA_COLUMN = 2;
const WIDTH = { stt: 5, name: 28, value: 13, part: 11 };

type Layout = { indicator: RollupIndicatorColumn; subColumns: SubColumn[]; first: number };

/** "so với cùng kỳ": the figure one year earlier, in the value's own format, right after the value. */
const previousColumn = (label: string, kind: Exclude<IndicatorKind, 'text'>): SubColumn => ({
  part: 'previous', title: () => `Cùng kỳ ${label}`, numFmt: SUB_COLUMNS[kind][0]!.numFmt,
});

function layout(indicators: RollupIndicatorColumn[], previousPeriod?: string): Layout[] {
  let column = FIRST_DATA_COLUMN;
  const out: Layout[] = [];
  for (const indicator of indicators) {
    if (indicator.kind === 'text') continue;
    const own = SUB_COLUMNS[indicator.kind];
    const subColumns = previousPeriod ? [own[0]!, previousColumn(previousPeriod, indicator.kind), ...own.slice(1)] : own;
    out.push({ indicator, subColumns, first: column });
    column += subColumns.length;
  }
  return out;
}

/** A row tall enough for `text` wrapped in a column `widthChars` wide (Excel keeps a set height as it is). */
function heightFor(text: string, widthChars: number, minLines = 1): number {
  const lines = Math.max(minLines, Math.ceil(text.length / Math.max(1, widthChars * 1.1)));
  return lines * 16 + 2;
}

function headerRows(layouts: Layout[]): { rows: Row[]; merges: Range[] } {
  const top = TABLE_TOP;
  const names: Cell[] = [text('STT', HEAD), text('Đơn vị', HEAD)];
  const targets: Cell[] = [text('', HEAD), text('', HEAD)];
  const parts: Cell[] = [text('', HEAD), text('', HEAD)];
  const merges: Range[] = [
    { top, left: 0, bottom: top + HEADER_ROWS - 1, right: 0 },
    { top, left: 1, bottom: top + HEADER_ROWS - 1, right: 1 },
  ];
  let nameHeight = 0;
  let targetHeight = 0;
  for (const { indicator, subColumns, first } of layouts) {
    const span = subColumns.length;
    const target = indicator.target ? `Chỉ tiêu: ${indicator.target}` : 'Không đặt chỉ tiêu';
    subColumns.forEach((sub, i) => {
      names.push(text(i ? '' : indicator.name, HEAD));
      targets.push(text(i ? '' : target, { ...HEAD, bold: false, italic: true }));
      parts.push(text(sub.title(indicator.unit), HEAD));
    });
    if (span > 1) {
      merges.push({ top, left: first, bottom: top, right: first + span - 1 });
      merges.push({ top: top + 1, left: first, bottom: top + 1, right: first + span - 1 });
    }
    const width = WIDTH.value + (span - 1) * WIDTH.part;
    nameHeight = Math.max(nameHeight, heightFor(indicator.name, width));
    targetHeight = Math.max(targetHeight, heightFor(target, width));
  }
  return {
    rows: [
      { cells: names, height: nameHeight },
      { cells: targets, height: targetHeight },
      { cells: parts, height: heightFor('Số đơn vị báo cáo', WIDTH.part, 2) },
    ],
    merges,
  };
}

function figure(cell: RollupCell | undefined, sub: SubColumn, emphasis: CellStyle): Cell {
  const style: CellStyle = { ...emphasis, border: true, numFmt: sub.numFmt };
  if (sub.part === 'previous') return { value: cell?.previous ?? null, style: cell?.previousApproximate ? { ...style, italic: true } : style };
  if (sub.part !== 'value') return { value: cell?.[sub.part] ?? null, style };
  if (cell?.value === 'na') return text(NOT_APPLICABLE, { ...emphasis, border: true, italic: true, align: 'center', color: '595959' });
  const colours = cell?.met === true ? MET : cell?.met === false ? NOT_MET : {};
  return { value: cell?.value ?? null, style: { ...style, ...colours } };
}

function dataRow(row: RollupRowView, stt: number | null, layouts: Layout[], emphasis: CellStyle): Row {
  const cells: Cell[] = [{ value: stt, style: { ...emphasis, ...CENTRE } }, text(row.name, { ...emphasis, ...TEXT })];
  for (const { indicator, subColumns } of layouts) {
    for (const sub of subColumns) cells.push(figure(row.cells[indicator.code], sub, emphasis));
  }
  return { cells };
}

function summarySheet(model: RollupWorkbookModel): Sheet {
  const layouts = layout(model.indicators, model.previousPeriod);
  const header = headerRows(layouts);
  const legend = 'Ô nền xanh: đạt chỉ tiêu; ô nền đỏ: không đạt; ô trống: chưa có số liệu.'
    + (model.previousPeriod ? ` Số cùng kỳ in nghiêng là ước tính (có đơn vị được chia tách khi sắp xếp đơn vị hành chính).` : '');
  const block: Row[] = [
    { cells: [text(`Kế hoạch số ${model.planNumber}: ${model.planTitle}`, TITLE)] },
    { cells: [text(`Kỳ báo cáo: ${model.period}${model.previousPeriod ? ` (so với cùng kỳ ${model.previousPeriod})` : ''}`)] },
    { cells: [text(`Đơn vị tổng hợp: ${model.unitName}`)] },
    { cells: [text(`Thời điểm xuất: ${model.exportedAt}`)] },
    { cells: [text(legend, { italic: true })] },
    { cells: [] },
  ];
  const totals: CellStyle = { bold: true, fill: SHADE };
  return {
    name: 'Tổng hợp',
    rows: [
      ...block,
      ...header.rows,
      ...model.rows.map((r, i) => dataRow(r, i + 1, layouts, {})),
      dataRow(model.totals, null, layouts, totals),
    ],
    columnWidths: [WIDTH.stt, WIDTH.name, ...layouts.flatMap((l) => l.subColumns.map((s) => (s.part === 'value' || s.part === 'previous' ? WIDTH.value : WIDTH.part)))],
    merges: header.merges,
    freeze: { rows: TABLE_TOP + HEADER_ROWS, columns: FIRST_DATA_COLUMN },
    landscape: true,
  };
}

function submissionsSheet(model: RollupWorkbookModel): Sheet {
  const titles = ['STT', 'Đơn vị', 'Trạng thái', 'Hạn nộp', 'Thời điểm nộp', 'Đúng hạn / trễ hạn'];
  return {
    name: 'Tình hình nộp',
    rows: [
      { cells: [text(`Tình hình nộp báo cáo — Kế hoạch số ${model.planNumber}`, TITLE)] },
      { cells: [text(`Kỳ báo cáo: ${model.period}; đơn vị tổng hợp: ${model.unitName}; thời điểm xuất: ${model.exportedAt}`)] },
      { cells: [] },
      { cells: titles.map((t) => text(t, HEAD)), height: 32 },
      ...model.submissions.map((s, i) => ({
        cells: [
          { value: i + 1, style: CENTRE },
          text(s.name, TEXT),
          text(s.status, TEXT),
          text(s.deadline, TEXT),
          text(s.submittedAt, TEXT),
          text(s.onTime, CENTRE),
        ],
      })),
    ],
    columnWidths: [WIDTH.stt, 30, 16, 32, 24, 14],
    freeze: { rows: 4, columns: FIRST_DATA_COLUMN },
  };
}

export function rollupXlsx(model: RollupWorkbookModel): Uint8Array {
  return writeXlsx([summarySheet(model), submissionsSheet(model)]);
}
