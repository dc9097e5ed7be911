/** Unit lists arrive as CSV, often saved from Excel: BOM, CRLF, quoted names with commas. */
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../worker/src/domain/csv';

const cells = (text: string) => parseCsv(text).map((r) => r.cells);

describe('parseCsv', () => {
  it('reads the header and rows of a unit list', () => {
    expect(parseCsv('code,name,level,parent\n771,Quận 10,district,79\n27163,Phường 15,commune,771\n')).toEqual([
      { line: 1, cells: ['code', 'name', 'level', 'parent'] },
      { line: 2, cells: ['771', 'Quận 10', 'district', '79'] },
      { line: 3, cells: ['27163', 'Phường 15', 'commune', '771'] },
    ]);
  });

  it('drops the UTF-8 BOM Excel writes', () => {
    const [header] = parseCsv('\uFEFFcode,name\r\n79,Thành phố Hồ Chí Minh\r\n');
    expect(header!.cells[0]).toBe('code');
  });

  it.each([
    ['LF', '79,TP.HCM\n771,Quận 10\n'],
    ['CRLF', '79,TP.HCM\r\n771,Quận 10\r\n'],
    ['CR', '79,TP.HCM\r771,Quận 10\r'],
    ['no final line break', '79,TP.HCM\r\n771,Quận 10'],
  ])('reads %s line ends alike', (_, text) => {
    expect(parseCsv(text)).toEqual([
      { line: 1, cells: ['79', 'TP.HCM'] },
      { line: 2, cells: ['771', 'Quận 10'] },
    ]);
  });

  it.each([
    ['a comma', '771-TCKH,"Phòng Tài chính, Kế hoạch"', ['771-TCKH', 'Phòng Tài chính, Kế hoạch']],
    ['a doubled quote', '771-TTVH,"Trung tâm Văn hóa ""Hòa Bình"""', ['771-TTVH', 'Trung tâm Văn hóa "Hòa Bình"']],
    ['a line break', '771-VP,"Văn phòng HĐND\nvà UBND"', ['771-VP', 'Văn phòng HĐND\nvà UBND']],
    ['nothing', '79,""', ['79', '']],
  ])('keeps a quoted field holding %s', (_, text, row) => {
    expect(cells(text)).toEqual([row]);
  });

  it('keeps empty cells, as for a root without a parent', () => {
    expect(cells('79,Thành phố Hồ Chí Minh,province,\n')).toEqual([['79', 'Thành phố Hồ Chí Minh', 'province', '']]);
    expect(cells(',,\n')).toEqual([['', '', '']]);
  });

  it('skips blank lines but keeps counting them', () => {
    expect(parseCsv('code,name\n\n79,TP.HCM\r\n\r\n\n771,Quận 10\n\n')).toEqual([
      { line: 1, cells: ['code', 'name'] },
      { line: 3, cells: ['79', 'TP.HCM'] },
      { line: 6, cells: ['771', 'Quận 10'] },
    ]);
  });

  it('numbers a row after a quoted line break by the line it starts on', () => {
    expect(parseCsv('code,name\n771-VP,"Văn phòng\nHĐND và UBND"\n771-NV,Phòng Nội vụ\n').map((r) => r.line)).toEqual([1, 2, 4]);
    expect(parseCsv('a,"x\r\ny\r\nz"\r\nb,c').map((r) => r.line)).toEqual([1, 4]);
  });

  it('reads nothing from an empty file', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\uFEFF')).toEqual([]);
    expect(parseCsv('\n\r\n')).toEqual([]);
  });

  it('refuses a quote that is never closed, naming the line it opens on', () => {
    expect(() => parseCsv('code,name\n771,"Quận 10\n27163,Phường 15\n')).toThrow(SyntaxError);
    expect(() => parseCsv('code,name\n771,"Quận 10\n27163,Phường 15\n')).toThrow(/line 2/);
  });
});
