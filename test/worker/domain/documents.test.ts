/**
 * The document builders inside workerd (the Worker's runtime): the .docx and .xlsx are built here, unzipped with
 * fflate, and their XML read for the Decree 30 elements by text and by property.
 */
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { dateLine, numberLine, officialForm, reportDocx, rollupXlsx, type FormUnit } from '../../../worker/src/domain/documents';
import { duyTienCompiled, duyTienWorkbook, frontReport, rateText, UNITS, wardReport } from '../../documents/fixtures';

function unzip(bytes: Uint8Array): (name: string) => string {
  const files = unzipSync(bytes);
  return (name) => {
    const file = files[name];
    if (!file) throw new Error(`${name} is not in the package (it has ${Object.keys(files).join(', ')})`);
    return strFromU8(file);
  };
}

const decode = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

function attributes(tag: string): Record<string, string> {
  return Object.fromEntries([...tag.matchAll(/([\w:]+)="([^"]*)"/g)].map((m) => [m[1]!, decode(m[2]!)]));
}

/** The document's paragraphs: their text (all runs joined) and their XML, to read properties from. */
function paragraphs(documentXml: string): { text: string; xml: string }[] {
  return [...documentXml.matchAll(/<w:p\b[^>]*?(?:\/>|>([\s\S]*?)<\/w:p>)/g)].map((m) => ({
    xml: m[0],
    text: decode([...(m[1] ?? '').matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')),
  }));
}

type Para = { text: string; xml: string };
function find(ps: Para[], text: string): Para {
  const p = ps.find((x) => x.text === text);
  if (!p) throw new Error(`no paragraph "${text}"; paragraphs are:\n${ps.map((x) => x.text).filter(Boolean).join('\n')}`);
  return p;
}
/** Run properties of a paragraph's first run with text. */
function look(p: Para) {
  const rPr = /<w:r>\s*<w:rPr>([\s\S]*?)<\/w:rPr>\s*<w:t/.exec(p.xml)?.[1] ?? '';
  return {
    bold: /<w:b\/>|<w:b w:val="(?:true|1)"\/>/.test(rPr),
    italic: /<w:i\/>|<w:i w:val="(?:true|1)"\/>/.test(rPr),
    size: Number(/<w:sz w:val="(\d+)"/.exec(rPr)?.[1] ?? NaN),
    centred: /<w:jc w:val="center"\/>/.test(p.xml),
  };
}

const twipsToMm = (t: string | undefined) => Number(t) / 56.7;

async function docx(model = wardReport()) {
  const read = unzip(await reportDocx(model));
  return { document: read('word/document.xml'), styles: read('word/styles.xml'), read };
}

describe('dateLine (Decree 30: a zero before days 1–9 and months 1–2)', () => {
  it.each([
    ['2026-06-05', 'Phường 15, ngày 05 tháng 6 năm 2026'],
    ['2026-06-14', 'Phường 15, ngày 14 tháng 6 năm 2026'],
    ['2026-12-15', 'Phường 15, ngày 15 tháng 12 năm 2026'],
    ['2026-02-01', 'Phường 15, ngày 01 tháng 02 năm 2026'],
    ['2026-02-15', 'Phường 15, ngày 15 tháng 02 năm 2026'],
    ['2026-01-01', 'Phường 15, ngày 01 tháng 01 năm 2026'],
    ['2026-03-09', 'Phường 15, ngày 09 tháng 3 năm 2026'],
  ])('%s → %s', (date, line) => {
    expect(dateLine('Phường 15', date)).toBe(line);
  });

  it.each(['2026-02-30', '2026-13-01', '14/06/2026', ''])('refuses %j', (date) => {
    expect(() => dateLine('Phường 15', date)).toThrow(RangeError);
  });
});

describe('officialForm', () => {
  const u = (code: string, name: string, level: string): FormUnit => ({ code, name, level });
  it.each<[string, FormUnit, FormUnit | null, { parentBody: string[]; body: string[]; abbreviation: string; signature: object; place: string }]>([
    [
      'a ward, with its district committee above',
      UNITS.phuong15,
      UNITS.quan10,
      { parentBody: ['ỦY BAN NHÂN DÂN', 'QUẬN 10'], body: ['ỦY BAN NHÂN DÂN', 'PHƯỜNG 15'], abbreviation: 'UBND', signature: { authority: 'TM. ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH' }, place: 'Phường 15' },
    ],
    [
      'a district-level town, on its own; the place without "Thị xã"',
      UNITS.duyTien,
      UNITS.haNam,
      { parentBody: [], body: ['ỦY BAN NHÂN DÂN', 'THỊ XÃ DUY TIÊN'], abbreviation: 'UBND', signature: { authority: 'TM. ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH' }, place: 'Duy Tiên' },
    ],
    [
      'a commune named after its place (seed 003: "Mỹ Thạnh, ngày …")',
      u('28993', 'Xã Mỹ Thạnh', 'commune'),
      u('834', 'Huyện Giồng Trôm', 'district'),
      { parentBody: ['ỦY BAN NHÂN DÂN', 'HUYỆN GIỒNG TRÔM'], body: ['ỦY BAN NHÂN DÂN', 'XÃ MỸ THẠNH'], abbreviation: 'UBND', signature: { authority: 'TM. ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH' }, place: 'Mỹ Thạnh' },
    ],
    [
      'a city named after a person keeps its full name',
      u('79', 'Thành phố Hồ Chí Minh', 'province'),
      null,
      { parentBody: [], body: ['ỦY BAN NHÂN DÂN', 'THÀNH PHỐ HỒ CHÍ MINH'], abbreviation: 'UBND', signature: { authority: 'TM. ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH' }, place: 'Thành phố Hồ Chí Minh' },
    ],
    [
      'a department, under its committee',
      UNITS.noiVuQ10,
      UNITS.quan10,
      { parentBody: ['ỦY BAN NHÂN DÂN', 'QUẬN 10'], body: ['PHÒNG NỘI VỤ'], abbreviation: 'PNV', signature: { authority: null, title: 'TRƯỞNG PHÒNG' }, place: 'Quận 10' },
    ],
    [
      'a department with a hyphenated name breaks after the hyphen',
      u('771-TCKH', 'Phòng Tài chính - Kế hoạch Quận 10', 'department'),
      UNITS.quan10,
      { parentBody: ['ỦY BAN NHÂN DÂN', 'QUẬN 10'], body: ['PHÒNG TÀI CHÍNH -', 'KẾ HOẠCH'], abbreviation: 'PTCKH', signature: { authority: null, title: 'TRƯỞNG PHÒNG' }, place: 'Quận 10' },
    ],
    [
      'the office of the council and committee',
      u('771-VP', 'Văn phòng Hội đồng nhân dân và Ủy ban nhân dân Quận 10', 'department'),
      UNITS.quan10,
      { parentBody: ['ỦY BAN NHÂN DÂN', 'QUẬN 10'], body: ['VĂN PHÒNG', 'HỘI ĐỒNG NHÂN DÂN', 'VÀ ỦY BAN NHÂN DÂN'], abbreviation: 'VP', signature: { authority: null, title: 'CHÁNH VĂN PHÒNG' }, place: 'Quận 10' },
    ],
    [
      'the Front, issued by its standing committee (seed 000)',
      UNITS.mttqQ5,
      UNITS.quan5,
      { parentBody: ['ỦY BAN MẶT TRẬN TỔ QUỐC', 'VIỆT NAM', 'QUẬN 5'], body: ['BAN THƯỜNG TRỰC'], abbreviation: 'MTTQ-BTT', signature: { authority: 'TM. BAN THƯỜNG TRỰC', title: 'CHỦ TỊCH' }, place: 'Quận 5' },
    ],
    [
      'a hamlet, under its commune',
      u('28993-A1', 'Ấp 1', 'hamlet'),
      u('28993', 'Xã Mỹ Thạnh', 'commune'),
      { parentBody: ['ỦY BAN NHÂN DÂN', 'XÃ MỸ THẠNH'], body: ['ẤP 1'], abbreviation: 'A1', signature: { authority: null, title: 'TRƯỞNG ẤP' }, place: 'Mỹ Thạnh' },
    ],
    [
      'a body it does not know: its name in capitals and a generic head',
      u('26866-CCHC', 'Cán bộ phụ trách công tác cải cách hành chính phường Phú Hữu', 'department'),
      u('26866', 'Phường Phú Hữu', 'commune'),
      { parentBody: ['ỦY BAN NHÂN DÂN', 'PHƯỜNG PHÚ HỮU'], body: ['CÁN BỘ PHỤ TRÁCH CÔNG TÁC CẢI CÁCH HÀNH CHÍNH'], abbreviation: 'CBPTCTCCHC', signature: { authority: null, title: 'THỦ TRƯỞNG ĐƠN VỊ' }, place: 'Phú Hữu' },
    ],
  ])('%s', (_, unit, parent, form) => {
    expect(officialForm(unit, parent)).toEqual(form);
  });

  it('does not take "Xã hội" for a commune', () => {
    const f = officialForm(u('771-LDTBXH', 'Phòng Lao động - Thương binh và Xã hội Quận 10', 'department'), UNITS.quan10);
    expect(f.body.join(' ')).toBe('PHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI');
    expect(f.place).toBe('Quận 10');
  });

  it('writes the number line with the number left blank', () => {
    expect(numberLine(officialForm(UNITS.phuong15, UNITS.quan10))).toMatch(/^Số: +\/BC-UBND$/);
  });
});

describe('reportDocx: a ward report (seed 002) in the layout of Decree 30', () => {
  it('is A4 with the decree margins, in Times New Roman 14 pt', async () => {
    const { document, styles } = await docx();
    const size = attributes(/<w:pgSz\b[^>]*\/>/.exec(document)?.[0] ?? '');
    expect(size).toMatchObject({ 'w:w': '11906', 'w:h': '16838' });
    const margin = attributes(/<w:pgMar\b[^>]*\/>/.exec(document)?.[0] ?? '');
    expect(twipsToMm(margin['w:top'])).toBeGreaterThanOrEqual(19.9);
    expect(twipsToMm(margin['w:top'])).toBeLessThanOrEqual(25.1);
    expect(twipsToMm(margin['w:bottom'])).toBeGreaterThanOrEqual(19.9);
    expect(twipsToMm(margin['w:bottom'])).toBeLessThanOrEqual(25.1);
    expect(twipsToMm(margin['w:left'])).toBeGreaterThanOrEqual(29.9);
    expect(twipsToMm(margin['w:left'])).toBeLessThanOrEqual(35.1);
    expect(twipsToMm(margin['w:right'])).toBeGreaterThanOrEqual(14.9);
    expect(twipsToMm(margin['w:right'])).toBeLessThanOrEqual(20.1);
    const defaults = /<w:docDefaults>([\s\S]*?)<\/w:docDefaults>/.exec(styles)?.[1] ?? '';
    expect(attributes(/<w:rFonts\b[^>]*\/>/.exec(defaults)?.[0] ?? '')).toMatchObject({ 'w:ascii': 'Times New Roman', 'w:hAnsi': 'Times New Roman' });
    const bodySize = Number(/<w:sz w:val="(\d+)"/.exec(defaults)?.[1]);
    expect(bodySize).toBeGreaterThanOrEqual(26);
    expect(bodySize).toBeLessThanOrEqual(28);
  });

  it('has the two-column header: the bodies on the left, the national motto on the right', async () => {
    const ps = paragraphs((await docx()).document);
    expect(look(find(ps, 'ỦY BAN NHÂN DÂN QUẬN 10'))).toMatchObject({ bold: false, centred: true, size: 24 });
    expect(look(find(ps, 'ỦY BAN NHÂN DÂN'))).toMatchObject({ bold: true, centred: true, size: 26 });
    expect(look(find(ps, 'PHƯỜNG 15'))).toMatchObject({ bold: true, centred: true });
    expect(find(ps, 'Số:      /BC-UBND').text).toMatch(/^Số:\s+\/BC-UBND$/);
    expect(look(find(ps, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'))).toMatchObject({ bold: true, centred: true, size: 24 });
    expect(look(find(ps, 'Độc lập - Tự do - Hạnh phúc'))).toMatchObject({ bold: true, centred: true, size: 26 });
    expect(look(find(ps, 'Phường 15, ngày 05 tháng 6 năm 2026'))).toMatchObject({ italic: true, bold: false, centred: true });
  });

  it('lays the header out as a borderless table, with a rule under the body, the motto and the summary', async () => {
    const { document } = await docx();
    const firstTable = /<w:tbl>([\s\S]*?)<\/w:tbl>/.exec(document)?.[1] ?? '';
    const borders = /<w:tblBorders>([\s\S]*?)<\/w:tblBorders>/.exec(firstTable)?.[1] ?? '';
    expect([...borders.matchAll(/w:val="(\w+)"/g)].map((m) => m[1])).toEqual(Array(6).fill('none'));
    expect(firstTable).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(firstTable).toContain('PHƯỜNG 15');
    const rules = paragraphs(document).filter((p) => p.text === '' && /<w:pBdr>\s*<w:bottom w:val="single"/.test(p.xml));
    expect(rules).toHaveLength(3);
  });

  it('has "BÁO CÁO" and the summary, bold and centred', async () => {
    const ps = paragraphs((await docx()).document);
    expect(look(find(ps, 'BÁO CÁO'))).toMatchObject({ bold: true, centred: true, size: 28 });
    expect(look(find(ps, 'Kết quả thực hiện Kế hoạch số KH-PAPI/Q10 — 6 tháng đầu năm 2026'))).toMatchObject({ bold: true, centred: true });
  });

  it("has the report's tasks and values, Vietnamese intact", async () => {
    const { document } = await docx();
    const texts = paragraphs(document).map((p) => p.text);
    expect(texts).toContain('I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ');
    expect(texts).toContain('2. Thủ tục hành chính công');
    expect(texts).toContain('- Tình hình thực hiện: Đang thực hiện.');
    expect(texts).toContain('- Kết quả: Tiếp nhận 300 hồ sơ, giải quyết đúng hạn 289 hồ sơ; gửi 3 thư xin lỗi do giải quyết hồ sơ trễ hạn.');
    // The report's text had no full stop; the document adds one.
    expect(texts).toContain('- Khó khăn, vướng mắc: Hệ thống một cửa điện tử có lúc gián đoạn.');
    expect(texts).toContain('- Đề xuất, kiến nghị: Đề nghị Phòng Nội vụ Quận 10 tập huấn phần mềm một cửa điện tử.');
    expect(texts).toContain('II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU');
    // In the table a no-break space keeps "96,3 %" on one line; otherwise the values are as the model gives them.
    expect(texts).toContain('289/300 (96,3\u00A0%)');
    const cells = texts.map((t) => t.replace(/\u00A0/g, ' '));
    for (const row of wardReport().indicators) {
      for (const t of [row.name, row.unit, row.value, row.target, row.previous ?? '']) expect(cells).toContain(t);
    }
    expect(cells).toEqual(expect.arrayContaining(['289/300 (96,3 %)', 'trên 95 %', 'Đạt', rateText(281, 310), 'Chưa có số liệu', 'Không áp dụng — BHXH quận tổng hợp']));
  });

  it('puts the indicators in a ruled table with a repeating header row', async () => {
    const { document } = await docx();
    const table = [...document.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((m) => m[1]!).find((t) => t.includes('Chỉ tiêu kế hoạch')) ?? '';
    const borders = /<w:tblBorders>([\s\S]*?)<\/w:tblBorders>/.exec(table)?.[1] ?? '';
    expect([...borders.matchAll(/w:val="(\w+)"/g)].map((m) => m[1])).toEqual(Array(6).fill('single'));
    const head = /<w:tr>([\s\S]*?)<\/w:tr>/.exec(table)?.[1] ?? '';
    expect(head).toContain('<w:tblHeader/>');
    const titles = paragraphs(head).map((p) => p.text);
    expect(titles).toEqual(['STT', 'Chỉ tiêu', 'Đơn vị tính', 'Kết quả', 'Chỉ tiêu kế hoạch', 'Đánh giá', 'Cùng kỳ năm trước']);
    expect(paragraphs(head).every((p) => look(p).bold)).toBe(true);
  });

  it('has the signature block and "Nơi nhận" with the recipients and "Lưu: VT."', async () => {
    const ps = paragraphs((await docx()).document);
    expect(look(find(ps, 'TM. ỦY BAN NHÂN DÂN'))).toMatchObject({ bold: true, centred: true });
    expect(look(find(ps, 'CHỦ TỊCH'))).toMatchObject({ bold: true, centred: true });
    expect(look(find(ps, 'Nơi nhận:'))).toMatchObject({ bold: true, italic: true, size: 24, centred: false });
    for (const r of ['- Ủy ban nhân dân Quận 10;', '- Phòng Nội vụ Quận 10;', '- Lưu: VT.']) {
      expect(look(find(ps, r))).toMatchObject({ bold: false, size: 22 });
    }
    const texts = ps.map((p) => p.text);
    expect(texts.indexOf('- Lưu: VT.')).toBe(texts.indexOf('- Phòng Nội vụ Quận 10;') + 1);
  });

  it('keeps Vietnamese composed (NFC) even from decomposed input', async () => {
    const model = wardReport();
    const summary = model.summary;
    const { document } = await docx({ ...model, summary: summary.normalize('NFD') });
    expect(document).toContain(summary);
    expect(document.normalize('NFC')).toBe(document);
  });
});

describe('reportDocx: a compiled report and other issuers', () => {
  it("has Duy Tiên's completeness, the aggregates and the units meeting the target (seed 004)", async () => {
    const model = duyTienCompiled();
    const ps = paragraphs((await docx(model)).document);
    const texts = ps.map((p) => p.text);
    expect(texts).toContain('Duy Tiên, ngày 15 tháng 12 năm 2026');
    expect(texts).toContain('I. TÌNH HÌNH BÁO CÁO CỦA CÁC ĐƠN VỊ');
    expect(texts).toContain('- Số đơn vị phải báo cáo: 15 đơn vị.');
    expect(texts).toContain('- Đã nộp báo cáo: 13/15 đơn vị (đúng hạn: 11; trễ hạn: 2).');
    expect(texts).toContain('- Chưa nộp báo cáo: 2 đơn vị: Phường Yên Bắc, Xã Tiên Sơn.');
    expect(texts).toContain('Số đơn vị đạt / báo cáo');
    const staff = model.indicators.find((i) => i.name.startsWith('Tỷ lệ cán bộ'));
    expect(staff?.units).toEqual({ meeting: 9, reporting: 13 });
    expect(texts).toContain('9/13');
    expect(texts).toContain('Không đạt');
    expect(texts).not.toContain('KẾT QUẢ THỰC HIỆN NHIỆM VỤ');
    expect(look(find(ps, 'ỦY BAN NHÂN DÂN'))).toMatchObject({ bold: true });
    expect(look(find(ps, 'THỊ XÃ DUY TIÊN'))).toMatchObject({ bold: true });
    expect(texts).not.toContain('ỦY BAN NHÂN DÂN TỈNH HÀ NAM');
    expect(texts).toContain('- Ban Dân vận Thị ủy;');
  });

  it("has the Front's standing committee and its date line for 1 February (seed 000)", async () => {
    const ps = paragraphs((await docx(frontReport())).document);
    const texts = ps.map((p) => p.text);
    expect(texts).toContain('Quận 5, ngày 01 tháng 02 năm 2026');
    expect(texts).toContain('Số:      /BC-MTTQ-BTT');
    expect(look(find(ps, 'BAN THƯỜNG TRỰC'))).toMatchObject({ bold: true });
    expect(look(find(ps, 'TM. BAN THƯỜNG TRỰC'))).toMatchObject({ bold: true });
    expect(texts).toContain('- Ban Thường trực Ủy ban MTTQ Việt Nam Thành phố;');
  });
});

/** The cells of a worksheet by reference, with the style each has. */
function cells(sheetXml: string, strings: string[]) {
  const out = new Map<string, { s: number; t: string | null; v: string | null; text: string | number | null }>();
  for (const m of sheetXml.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const attrs = attributes(m[2] ?? '');
    const v = /<v>([^<]*)<\/v>/.exec(m[3] ?? '')?.[1] ?? null;
    const t = attrs.t ?? null;
    const text = v === null ? null : t === 's' ? strings[Number(v)] ?? null : Number(v);
    out.set(m[1]!, { s: Number(attrs.s ?? 0), t, v, text });
  }
  return out;
}

function workbook(bytes: Uint8Array) {
  const read = unzip(bytes);
  const strings = [...read('xl/sharedStrings.xml').matchAll(/<si><t[^>]*>([^<]*)<\/t><\/si>/g)].map((m) => decode(m[1]!));
  const styles = read('xl/styles.xml');
  const formats = new Map([...styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"\/>/g)].map((m) => [Number(m[1]), decode(m[2]!)]));
  const fills = [...(/<fills[^>]*>([\s\S]*?)<\/fills>/.exec(styles)?.[1] ?? '').matchAll(/<fill>([\s\S]*?)<\/fill>/g)].map(
    (m) => /<fgColor rgb="FF([0-9A-F]{6})"/.exec(m[1]!)?.[1] ?? null,
  );
  const xfs = [...(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '').matchAll(/<xf\b[^>]*>/g)].map((m) => attributes(m[0]));
  const style = (s: number) => {
    const xf = xfs[s] ?? {};
    const id = Number(xf.numFmtId ?? 0);
    return { format: formats.get(id) ?? { 0: 'General', 3: '#,##0', 4: '#,##0.00', 2: '0.00' }[id] ?? String(id), fill: fills[Number(xf.fillId ?? 0)] ?? null };
  };
  const sheet = (n: number) => cells(read(`xl/worksheets/sheet${n}.xml`), strings);
  return { read, strings, style, sheet };
}

/** The row of the cell whose text is `name`, and the column of the header cell whose text starts with `header`. */
function rowOf(sheet: ReturnType<typeof cells>, name: string): number {
  for (const [at, c] of sheet) if (c.text === name) return Number(/\d+/.exec(at)![0]);
  throw new Error(`no cell "${name}"`);
}
function columnOf(sheet: ReturnType<typeof cells>, header: string): string {
  for (const [at, c] of sheet) if (typeof c.text === 'string' && c.text.startsWith(header)) return /[A-Z]+/.exec(at)![0];
  throw new Error(`no header "${header}"`);
}

describe('rollupXlsx: Duy Tiên over its communes (seed 004)', () => {
  const model = duyTienWorkbook();
  const book = workbook(rollupXlsx(model));
  const summary = book.sheet(1);
  /** Columns: the rate's value, then numerator and denominator beside it. */
  const staff = columnOf(summary, 'Tỷ lệ cán bộ, công chức');
  const next = (col: string, by = 1) => String.fromCharCode(col.charCodeAt(0) + by);
  const at = (unit: string, col: string) => summary.get(`${col}${rowOf(summary, unit)}`);

  it('names the two sheets', () => {
    const sheets = [...book.read('xl/workbook.xml').matchAll(/<sheet name="([^"]*)"/g)].map((m) => decode(m[1]!));
    expect(sheets).toEqual(['Tổng hợp', 'Tình hình nộp']);
    expect(book.read('[Content_Types].xml')).toContain('/xl/worksheets/sheet2.xml');
  });

  it('has the header block in Vietnamese, intact', () => {
    expect(book.strings).toContain('Kế hoạch số KH-CQTT/DT: Triển khai thực hiện nhân rộng mô hình “Chính quyền thân thiện vì Nhân dân phục vụ”');
    expect(book.strings).toContain('Kỳ báo cáo: Năm 2026');
    expect(book.strings).toContain('Đơn vị tổng hợp: Thị xã Duy Tiên');
    expect(book.strings).toContain('Thời điểm xuất: 10:30 ngày 16/12/2026');
    expect(book.strings).toContain('Chỉ tiêu: đạt 100 %');
    expect(book.strings.every((s) => s === s.normalize('NFC'))).toBe(true);
  });

  it('writes figures as numeric cells, a percent as a fraction with a percent format', () => {
    const rate = at('Phường Bạch Thượng', staff)!;
    expect(rate.t === null || rate.t === 'n').toBe(true);
    expect(rate.text).toBe(1);
    expect(book.style(rate.s).format).toContain('%');
    expect(at('Phường Bạch Thượng', next(staff))?.text).toBe(18);
    expect(at('Phường Bạch Thượng', next(staff, 2))?.text).toBe(18);
    const count = at('Phường Bạch Thượng', columnOf(summary, 'Số hội nghị quán triệt'))!;
    expect(count).toMatchObject({ t: null, text: 1 });
    expect(at('Phường Châu Giang', staff)?.text).toBeCloseTo(18 / 19, 12);
  });

  it('colours met green and not met red', () => {
    expect(book.style(at('Phường Bạch Thượng', staff)!.s).fill).toBe('C6EFCE');
    expect(book.style(at('Phường Châu Giang', staff)!.s).fill).toBe('FFC7CE');
  });

  it('leaves no data empty and writes "Không áp dụng" where it does not apply', () => {
    const missing = at('Phường Yên Bắc', staff)!;
    expect(missing.v).toBeNull();
    const satisfaction = columnOf(summary, 'Tỷ lệ phiếu khảo sát hài lòng');
    expect(at('Phường Đồng Văn', satisfaction)).toMatchObject({ t: 's', text: 'Không áp dụng' });
  });

  it('has a totals row that is the sum of the children', () => {
    const total = rowOf(summary, 'Tổng cộng');
    const first = rowOf(summary, model.rows[0]!.name);
    for (const col of [columnOf(summary, 'Số hội nghị quán triệt'), next(staff), next(staff, 2), columnOf(summary, 'Số phiếu khảo sát')]) {
      let sum = 0;
      for (let r = first; r < total; r++) {
        const v = summary.get(`${col}${r}`)?.text;
        if (typeof v === 'number') sum += v;
      }
      expect(summary.get(`${col}${total}`)?.text).toBe(sum);
    }
    const n = summary.get(`${next(staff)}${total}`)?.text as number;
    const d = summary.get(`${next(staff, 2)}${total}`)?.text as number;
    expect(summary.get(`${staff}${total}`)?.text).toBeCloseTo(n / d, 12);
  });

  it('freezes the header rows and the unit names', () => {
    expect(book.read('xl/worksheets/sheet1.xml')).toMatch(/<pane xSplit="2" ySplit="9" topLeftCell="C10" activePane="bottomRight" state="frozen"\/>/);
    expect(book.read('xl/worksheets/sheet2.xml')).toMatch(/<pane [^>]*state="frozen"\/>/);
  });

  it('lists every unit on "Tình hình nộp"', () => {
    const sheet = book.sheet(2);
    expect(sheet.get(`C${rowOf(sheet, 'Xã Tiên Sơn')}`)?.text).toBe('Quá hạn');
    expect(sheet.get(`F${rowOf(sheet, 'Xã Trác Văn')}`)?.text).toBe('Trễ hạn');
    expect(sheet.get(`F${rowOf(sheet, 'Phường Bạch Thượng')}`)?.text).toBe('Đúng hạn');
    expect(sheet.get(`D${rowOf(sheet, 'Phường Bạch Thượng')}`)?.text).toBe('chậm nhất 23:59 ngày 14/12/2026');
    expect(model.submissions).toHaveLength(15);
  });
});

describe('rollupXlsx with compare=previousYear', () => {
  const base = duyTienWorkbook();
  const staffCode = base.indicators.find((i) => i.name.startsWith('Tỷ lệ cán bộ, công chức'))!.code;
  const first = base.rows[0]!;
  const model = {
    ...base,
    previousPeriod: 'Năm 2025',
    rows: base.rows.map((r, i) => ({
      ...r,
      cells: Object.fromEntries(Object.entries(r.cells).map(([code, c]) => [code, { ...c, previous: i === 1 ? null : 0.5, previousApproximate: i === 0 }])),
    })),
  };
  const book = workbook(rollupXlsx(model));
  const summary = book.sheet(1);
  const staff = columnOf(summary, 'Tỷ lệ cán bộ, công chức');
  const prev = String.fromCharCode(staff.charCodeAt(0) + 1);
  const row = (name: string) => rowOf(summary, name);

  it('puts "Cùng kỳ Năm 2025" right after each value, in the same percent format, and says so in the header block', () => {
    expect(summary.get(`${prev}${row(first.name) - 1}`)?.text).toBe('Cùng kỳ Năm 2025');
    expect(book.strings).toContain('Kỳ báo cáo: Năm 2026 (so với cùng kỳ Năm 2025)');
    const cell = summary.get(`${prev}${row(first.name)}`)!;
    expect(cell.text).toBe(0.5);
    expect(book.style(cell.s).format).toContain('%');
    expect(summary.get(`${prev}${row(base.rows[1]!.name)}`)?.v).toBeNull();
    // the numerator still follows the comparison column
    expect(summary.get(`${String.fromCharCode(prev.charCodeAt(0) + 1)}${row(first.name) - 1}`)?.text).toMatch(/^Tử số/);
    expect(first.cells[staffCode]).toBeDefined();
  });

  it('italicises an approximate comparison and explains it', () => {
    const styles = book.read('xl/styles.xml');
    const fonts = [...(/<fonts[^>]*>([\s\S]*?)<\/fonts>/.exec(styles)?.[1] ?? '').matchAll(/<font>([\s\S]*?)<\/font>|<font\/>/g)].map((m) => m[1] ?? '');
    const xfs = [...(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '').matchAll(/<xf\b[^>]*fontId="(\d+)"/g)].map((m) => Number(m[1]));
    const italic = (r: number) => fonts[xfs[summary.get(`${prev}${r}`)!.s]!]!.includes('<i/>');
    expect(italic(row(first.name))).toBe(true);
    expect(italic(row(base.rows[2]!.name))).toBe(false);
    expect(book.strings.some((s) => s.includes('in nghiêng là ước tính'))).toBe(true);
  });
});
