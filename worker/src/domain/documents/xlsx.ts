/**
 * A small SpreadsheetML (OOXML .xlsx) writer on fflate's zipSync, for workbooks of a few sheets of numbers and
 * text: real numeric cells, number formats, fonts, solid fills, thin borders, merged cells, column widths, row
 * heights and frozen panes. Nothing it writes depends on the reader's locale: numbers are stored with a "." and
 * format codes are locale-neutral, so Excel and Google Sheets with Vietnamese settings show "95,8%" and "1.234".
 */
import { strToU8, zipSync } from 'fflate';

export type CellStyle = {
  /** An Excel format code, e.g. "0.0%" or "#,##0"; General when absent. */
  numFmt?: string;
  bold?: boolean;
  italic?: boolean;
  /** Font colour, RRGGBB. */
  color?: string;
  /** Solid fill, RRGGBB. */
  fill?: string;
  /** A thin border all round. */
  border?: boolean;
  align?: 'left' | 'center' | 'right';
  wrap?: boolean;
};

/** A value (null: a styled cell with nothing in it), or undefined for no cell at all. */
export type Cell = { value: string | number | null; style?: CellStyle } | undefined;
export type Row = { cells: Cell[]; /** points */ height?: number };
/** A range by 0-based row and column, both ends included. */
export type Range = { top: number; left: number; bottom: number; right: number };

export type Sheet = {
  /** At most 31 characters, none of : \ / ? * [ ]. */
  name: string;
  rows: Row[];
  /** In characters of the default font, from column A. */
  columnWidths?: number[];
  merges?: Range[];
  /** Rows and columns that stay in view when scrolling. */
  freeze?: { rows: number; columns: number };
  landscape?: boolean;
};

const FONT = { name: 'Times New Roman', size: 12 };
const fontXml = (s: CellStyle) =>
  `<font>${s.bold ? '<b/>' : ''}${s.italic ? '<i/>' : ''}<sz val="${FONT.size}"/>${s.color ? `<color rgb="FF${s.color}"/>` : ''}<name val="${FONT.name}"/><family val="1"/></font>`;
/** Format codes Excel knows by number; anything else gets an id from 164 up. */
const BUILTIN_FORMATS: Record<string, number> = { General: 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '0%': 9, '0.00%': 10 };

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** XML text: the five entities escaped, characters XML 1.0 forbids dropped, and Vietnamese composed (NFC). */
function esc(s: string): string {
  return s
    .normalize('NFC')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** 0 → A, 25 → Z, 26 → AA. */
function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}
const ref = (row: number, column: number) => `${columnName(column)}${row + 1}`;

/**
 * The styles part, built as cells ask for styles: each distinct font, fill, border and format gets one entry and
 * each distinct combination one cell format (`s` in a cell).
 */
class Styles {
  private readonly fonts = new Registry([fontXml({})]);
  // Excel requires the first two fills to be "none" and "gray125", whatever the cells use.
  private readonly fills = new Registry(['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>']);
  private readonly borders = new Registry(['<border><left/><right/><top/><bottom/><diagonal/></border>']);
  private readonly formats = new Map<string, number>();
  private readonly xfs = new Registry(['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']);

  index(style: CellStyle | undefined): number {
    if (!style) return 0;
    const font = this.fonts.add(fontXml(style));
    const fill = style.fill ? this.fills.add(`<fill><patternFill patternType="solid"><fgColor rgb="FF${style.fill}"/><bgColor indexed="64"/></patternFill></fill>`) : 0;
    const thin = '<color indexed="64"/>';
    const border = style.border
      ? this.borders.add(`<border><left style="thin">${thin}</left><right style="thin">${thin}</right><top style="thin">${thin}</top><bottom style="thin">${thin}</bottom><diagonal/></border>`)
      : 0;
    const format = this.format(style.numFmt ?? 'General');
    const alignment = `<alignment vertical="center"${style.align ? ` horizontal="${style.align}"` : ''}${style.wrap ? ' wrapText="1"' : ''}/>`;
    return this.xfs.add(
      `<xf numFmtId="${format}" fontId="${font}" fillId="${fill}" borderId="${border}" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1">${alignment}</xf>`,
    );
  }

  private format(code: string): number {
    const id = BUILTIN_FORMATS[code] ?? this.formats.get(code) ?? 164 + this.formats.size;
    if (!(code in BUILTIN_FORMATS)) this.formats.set(code, id);
    return id;
  }

  xml(): string {
    const numFmts = [...this.formats].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${esc(code)}"/>`).join('');
    return (
      `${XML_HEAD}<styleSheet xmlns="${NS}">` +
      (this.formats.size ? `<numFmts count="${this.formats.size}">${numFmts}</numFmts>` : '') +
      this.fonts.xml('fonts') +
      this.fills.xml('fills') +
      this.borders.xml('borders') +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      this.xfs.xml('cellXfs') +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '</styleSheet>'
    );
  }
}

/** Distinct XML fragments in the order first seen; a fragment's index is its id. */
class Registry {
  private readonly ids = new Map<string, number>();
  constructor(initial: string[]) {
    for (const x of initial) this.add(x);
  }
  add(fragment: string): number {
    let id = this.ids.get(fragment);
    if (id === undefined) this.ids.set(fragment, (id = this.ids.size));
    return id;
  }
  xml(tag: string): string {
    return `<${tag} count="${this.ids.size}">${[...this.ids.keys()].join('')}</${tag}>`;
  }
}

/** Strings are shared, as Excel writes them: each distinct text once, cells refer to it by index. */
class SharedStrings {
  private readonly ids = new Map<string, number>();
  private count = 0;
  index(text: string): number {
    this.count++;
    let id = this.ids.get(text);
    if (id === undefined) this.ids.set(text, (id = this.ids.size));
    return id;
  }
  xml(): string {
    const items = [...this.ids.keys()].map((t) => `<si><t xml:space="preserve">${esc(t)}</t></si>`).join('');
    return `${XML_HEAD}<sst xmlns="${NS}" count="${this.count}" uniqueCount="${this.ids.size}">${items}</sst>`;
  }
}

function cellXml(cell: Cell, at: string, styles: Styles, strings: SharedStrings): string {
  if (!cell) return '';
  const s = styles.index(cell.style);
  const sAttr = s ? ` s="${s}"` : '';
  const { value } = cell;
  // A number is written bare (no t attribute: a number); one that is not finite has no spreadsheet value.
  if (typeof value === 'number') return Number.isFinite(value) ? `<c r="${at}"${sAttr}><v>${value}</v></c>` : `<c r="${at}"${sAttr}/>`;
  if (value === null || value === '') return `<c r="${at}"${sAttr}/>`;
  return `<c r="${at}"${sAttr} t="s"><v>${strings.index(value)}</v></c>`;
}

function sheetView(freeze: Sheet['freeze'], selected: boolean): string {
  const tab = selected ? ' tabSelected="1"' : '';
  if (!freeze || (freeze.rows === 0 && freeze.columns === 0)) return `<sheetViews><sheetView workbookViewId="0"${tab}/></sheetViews>`;
  const { rows, columns } = freeze;
  const pane = rows && columns ? 'bottomRight' : rows ? 'bottomLeft' : 'topRight';
  const topLeft = ref(rows, columns);
  return (
    `<sheetViews><sheetView workbookViewId="0"${tab}>` +
    `<pane${columns ? ` xSplit="${columns}"` : ''}${rows ? ` ySplit="${rows}"` : ''} topLeftCell="${topLeft}" activePane="${pane}" state="frozen"/>` +
    `<selection pane="${pane}" activeCell="${topLeft}" sqref="${topLeft}"/>` +
    '</sheetView></sheetViews>'
  );
}

function worksheetXml(sheet: Sheet, selected: boolean, styles: Styles, strings: SharedStrings): string {
  const width = Math.max(1, ...sheet.rows.map((r) => r.cells.length));
  const cols = sheet.columnWidths?.length
    ? `<cols>${sheet.columnWidths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`
    : '';
  const rows = sheet.rows
    .map((row, r) => {
      const height = row.height ? ` ht="${row.height}" customHeight="1"` : '';
      return `<row r="${r + 1}"${height}>${row.cells.map((c, i) => cellXml(c, ref(r, i), styles, strings)).join('')}</row>`;
    })
    .join('');
  const merges = sheet.merges?.length
    ? `<mergeCells count="${sheet.merges.length}">${sheet.merges.map((m) => `<mergeCell ref="${ref(m.top, m.left)}:${ref(m.bottom, m.right)}"/>`).join('')}</mergeCells>`
    : '';
  return (
    `${XML_HEAD}<worksheet xmlns="${NS}" xmlns:r="${REL_NS}">` +
    // Printed on A4, as wide as the paper and as many pages long as it takes.
    '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' +
    `<dimension ref="A1:${ref(Math.max(0, sheet.rows.length - 1), width - 1)}"/>` +
    sheetView(sheet.freeze, selected) +
    '<sheetFormatPr defaultRowHeight="15.75"/>' +
    cols +
    `<sheetData>${rows}</sheetData>` +
    merges +
    '<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    `<pageSetup paperSize="9" orientation="${sheet.landscape ? 'landscape' : 'portrait'}" fitToWidth="1" fitToHeight="0"/>` +
    '</worksheet>'
  );
}

const INVALID_SHEET_NAME = /[:\\/?*[\]]/;

export function writeXlsx(sheets: Sheet[]): Uint8Array {
  for (const s of sheets) {
    if (!s.name || s.name.length > 31 || INVALID_SHEET_NAME.test(s.name)) throw new RangeError(`invalid sheet name: ${s.name}`);
  }
  const styles = new Styles();
  const strings = new SharedStrings();
  const files: Record<string, Uint8Array> = {};
  sheets.forEach((s, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(worksheetXml(s, i === 0, styles, strings))));
  const sheetList = sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  const sheetRels = sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`);
  const n = sheets.length;
  files['xl/workbook.xml'] = strToU8(`${XML_HEAD}<workbook xmlns="${NS}" xmlns:r="${REL_NS}"><bookViews><workbookView activeTab="0"/></bookViews><sheets>${sheetList}</sheets></workbook>`);
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">${sheetRels.join('')}` +
      `<Relationship Id="rId${n + 1}" Type="${REL_NS}/styles" Target="styles.xml"/>` +
      `<Relationship Id="rId${n + 2}" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  files['xl/styles.xml'] = strToU8(styles.xml());
  files['xl/sharedStrings.xml'] = strToU8(strings.xml());
  files['_rels/.rels'] = strToU8(`${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  const ct = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
  files['[Content_Types].xml'] = strToU8(
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      `<Override PartName="/xl/workbook.xml" ContentType="${ct}.sheet.main+xml"/>` +
      sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${ct}.worksheet+xml"/>`).join('') +
      `<Override PartName="/xl/styles.xml" ContentType="${ct}.styles+xml"/>` +
      `<Override PartName="/xl/sharedStrings.xml" ContentType="${ct}.sharedStrings+xml"/>` +
      '</Types>',
  );
  return zipSync(files, { level: 6 });
}
