/**
 * The documents as a reader sees them: built in Node, converted with LibreOffice (.docx → PDF, .xlsx → CSV), read
 * back with poppler (pdftotext -layout, pdfinfo) and rendered to PNG (pdftoppm) for a person to look at. PDFs and
 * PNGs are kept in test-artifacts/documents/. Skipped when LibreOffice or poppler is not installed.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportDocx, rollupXlsx } from '../../worker/src/domain/documents';
import { duyTienCompiled, duyTienWorkbook, fiftyIndicatorReport, frontReport, twentyFourWards, wardReport } from './fixtures';
import { libreoffice, missingTools as missing, run } from './office';

const OUT = new URL('../../test-artifacts/documents/', import.meta.url).pathname;

/** Milliseconds: the first build (which loads the docx library) and the median of the next five. */
async function timed(label: string, build: () => Promise<Uint8Array> | Uint8Array): Promise<Uint8Array> {
  let t = performance.now();
  const bytes = await build();
  const first = performance.now() - t;
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    t = performance.now();
    await build();
    times.push(performance.now() - t);
  }
  const median = times.sort((a, b) => a - b)[2] ?? NaN;
  console.log(`[documents] ${label}: first ${first.toFixed(1)} ms, then ${median.toFixed(1)} ms (median of 5); ${(bytes.length / 1024).toFixed(1)} kB`);
  return bytes;
}

type Rendered = { pages: number; text: string; lines: string[] };
const DOCUMENTS = ['ward', 'compiled', 'front', 'fifty'] as const;
const rendered = {} as Record<(typeof DOCUMENTS)[number], Rendered>;
let csvLog = '';

/** One line of CSV: each field with whether it was quoted (LibreOffice quotes text and leaves numbers bare). */
function csvFields(line: string): { value: string; quoted: boolean }[] {
  const out: { value: string; quoted: boolean }[] = [];
  for (let i = 0; i <= line.length; ) {
    if (line[i] === '"') {
      let value = '';
      for (i++; i < line.length; i++) {
        if (line[i] === '"' && line[i + 1] === '"') value += line[++i];
        else if (line[i] === '"') break;
        else value += line[i];
      }
      out.push({ value, quoted: true });
      i += 2;
    } else {
      const end = line.indexOf(',', i) === -1 ? line.length : line.indexOf(',', i);
      out.push({ value: line.slice(i, end), quoted: false });
      i = end + 1;
    }
  }
  return out;
}
const csv = (name: string) => readFileSync(join(OUT, name), 'utf8').split(/\r?\n/).filter(Boolean).map(csvFields);
/** A bare CSV field as the number it stands for; a percent cell is written "94.7368421052632%". */
const numberOf = (v: string) => (v.endsWith('%') ? Number(v.slice(0, -1)) / 100 : Number(v));

describe.skipIf(missing.length > 0)('documents rendered by LibreOffice', () => {
  beforeAll(async () => {
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    const files: Record<string, Uint8Array> = {
      'ward.docx': await reportDocx(wardReport()),
      'compiled.docx': await reportDocx(duyTienCompiled()),
      'front.docx': await reportDocx(frontReport()),
      'fifty.docx': await timed('50-indicator report .docx', () => reportDocx(fiftyIndicatorReport())),
      'rollup.xlsx': rollupXlsx(duyTienWorkbook()),
    };
    await timed('24-unit district roll-up .docx', () => reportDocx(duyTienCompiled(twentyFourWards(), 'Quận 10')));
    await timed('24-unit district roll-up .xlsx', () => rollupXlsx(duyTienWorkbook(twentyFourWards(), 'Quận 10')));
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(OUT, name), bytes);

    libreoffice(['--convert-to', 'pdf', '--outdir', OUT, ...DOCUMENTS.map((d) => join(OUT, `${d}.docx`))]);
    // Every sheet (-1) as UTF-8 (76), text quoted (true) and numbers as stored rather than as shown (false).
    csvLog = libreoffice(['--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true,false,false,false,-1', '--outdir', OUT, join(OUT, 'rollup.xlsx')]);
    for (const d of DOCUMENTS) {
      const pdf = join(OUT, `${d}.pdf`);
      const text = run('pdftotext', ['-layout', pdf, '-']);
      const pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [pdf]))?.[1]);
      rendered[d] = { pages, text, lines: text.split('\n') };
      run('pdftoppm', ['-png', '-r', '80', pdf, join(OUT, d)]);
    }
  });

  it('keeps a PDF and a PNG of every page', () => {
    const kept = readdirSync(OUT);
    for (const d of DOCUMENTS) {
      expect(kept).toContain(`${d}.pdf`);
      expect(kept.filter((f) => f.startsWith(`${d}-`) && f.endsWith('.png'))).toHaveLength(rendered[d].pages);
    }
  });

  it('fits a short report on one page', () => {
    expect(rendered.ward.pages).toBe(1);
    expect(rendered.compiled.pages).toBe(1);
  });

  it('sets the header in two columns: bodies on the left, motto on the right, number beside the date', () => {
    const { lines } = rendered.ward;
    const top = lines.find((l) => l.includes('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')) ?? '';
    expect(top.indexOf('ỦY BAN NHÂN DÂN QUẬN 10')).toBeGreaterThanOrEqual(0);
    expect(top.indexOf('ỦY BAN NHÂN DÂN QUẬN 10')).toBeLessThan(top.indexOf('CỘNG HÒA'));
    const motto = lines.find((l) => l.includes('Độc lập - Tự do - Hạnh phúc')) ?? '';
    expect(motto.indexOf('ỦY BAN NHÂN DÂN')).toBeLessThan(motto.indexOf('Độc lập'));
    const number = lines.find((l) => l.includes('Số:')) ?? '';
    expect(number).toMatch(/Số:\s+\/BC-UBND\s{4,}Phường 15, ngày 05 tháng 6 năm 2026/);
    expect(lines.findIndex((l) => l.includes('PHƯỜNG 15'))).toBeLessThan(lines.indexOf(number));
  });

  it('centres "BÁO CÁO" over its summary, after the header and before the body', () => {
    const { lines } = rendered.ward;
    const centre = (s: string) => {
      const l = lines.find((x) => x.includes(s)) ?? '';
      return l.indexOf(s) + s.length / 2;
    };
    expect(Math.abs(centre('BÁO CÁO') - centre(wardReport().summary))).toBeLessThan(3);
    const at = (s: string) => lines.findIndex((l) => l.includes(s));
    expect(at('Số:')).toBeLessThan(at('BÁO CÁO'));
    expect(at('BÁO CÁO')).toBeLessThan(at('I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ'));
    expect(at('I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ')).toBeLessThan(at('II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU'));
  });

  it('reads the indicator table row by row under its header', () => {
    const { lines } = rendered.ward;
    const at = (s: string) => lines.findIndex((l) => l.includes(s));
    const head = lines.find((l) => /STT\s+Chỉ tiêu\s+.*Kết quả/.test(l));
    expect(head).toBeDefined();
    expect(lines.indexOf(head!)).toBeGreaterThan(at('II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU'));
    const row = lines.find((l) => l.includes('289/300')) ?? '';
    expect(row).toMatch(/hồ sơ\s+289\/300\s+trên 95 %\s+Đạt\s+281\/310/);
    expect(lines.indexOf(row)).toBeLessThan(at('Nơi nhận:'));
  });

  it('puts "Nơi nhận:" at the left beside the signature block, ending with "Lưu: VT."', () => {
    const { lines } = rendered.ward;
    const line = lines.find((l) => l.includes('Nơi nhận:')) ?? '';
    expect(line.indexOf('Nơi nhận:')).toBeLessThanOrEqual(1);
    expect(line.indexOf('TM. ỦY BAN NHÂN DÂN')).toBeGreaterThan(35);
    const from = lines.indexOf(line);
    expect(lines[from + 1]).toMatch(/^\s?- Ủy ban nhân dân Quận 10;\s+CHỦ TỊCH$/);
    expect(lines[from + 2]?.trim()).toBe('- Phòng Nội vụ Quận 10;');
    expect(lines[from + 3]?.trim()).toBe('- Lưu: VT.');
  });

  it('heads the compiled report and the Front report with their own bodies and dates', () => {
    expect(rendered.compiled.lines.find((l) => l.includes('Số:'))).toMatch(/Số:\s+\/BC-UBND\s+Duy Tiên, ngày 15 tháng 12 năm 2026/);
    expect(rendered.compiled.text).toMatch(/THỊ XÃ DUY TIÊN/);
    expect(rendered.compiled.text).toMatch(/- Chưa nộp báo cáo: 2 đơn vị: Phường Yên Bắc, Xã Tiên Sơn\./);
    expect(rendered.front.lines.find((l) => l.includes('Số:'))).toMatch(/Số:\s+\/BC-MTTQ-BTT\s+Quận 5, ngày 01 tháng 02 năm 2026/);
    expect(rendered.front.lines.find((l) => l.includes('Nơi nhận:'))).toMatch(/Nơi nhận:\s+TM\. BAN THƯỜNG TRỰC/);
  });

  it('numbers the pages from the second and repeats the table header on each', () => {
    const pages = rendered.fifty.text.split('\f').filter((p) => p.trim());
    expect(pages.length).toBe(rendered.fifty.pages);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]!.trim().split('\n')[0]).toContain('CỘNG HÒA');
    pages.slice(1).forEach((page, i) => {
      const [first, ...rest] = page.split('\n').filter((l) => l.trim());
      expect(first?.trim()).toBe(String(i + 2));
      expect(rest.slice(0, 4).some((l) => /STT\s+Chỉ tiêu/.test(l))).toBe(true);
    });
  });

  it('reads the workbook back as numbers, the totals the sum of the children', (ctx) => {
    if (!csvLog.includes('Writing sheet')) {
      console.warn(`[documents] skipping the workbook check: LibreOffice could not open the .xlsx (is libreoffice-calc installed?)\n${csvLog}`);
      ctx.skip();
    }
    const rows = csv('rollup-Tổng hợp.csv');
    const head = rows.findIndex((r) => r[0]?.value === 'STT');
    const sub = rows[head + 2]!.map((f) => f.value);
    const total = rows.findIndex((r) => r[1]?.value === 'Tổng cộng');
    const children = rows.slice(head + 3, total);
    expect(children.map((r) => r[1]?.value)).toEqual(duyTienWorkbook().rows.map((r) => r.name));
    for (let c = 2; c < sub.length; c++) {
      const figures = children.map((r) => r[c]!).filter((f) => f.value !== '');
      for (const f of figures) {
        if (f.quoted) expect(f.value).toBe('Không áp dụng');
        else expect(Number.isFinite(numberOf(f.value))).toBe(true);
      }
      const sum = figures.filter((f) => !f.quoted).reduce((s, f) => s + numberOf(f.value), 0);
      const totals = rows[total]!;
      const value = numberOf(totals[c]!.value);
      expect(totals[c]!.quoted).toBe(false);
      // A rate's total is Σnumerator/Σdenominator, from the two columns beside it; everything else adds up.
      if (sub[c] === 'Tỷ lệ' || sub[c] === 'Tỷ số') expect(value).toBeCloseTo(numberOf(totals[c + 1]!.value) / numberOf(totals[c + 2]!.value), 10);
      else expect(value).toBeCloseTo(sum, 10);
    }
    const submissions = csv('rollup-Tình hình nộp.csv');
    expect(submissions.filter((r) => /^\d+$/.test(r[0]?.value ?? '') && !r[0]!.quoted)).toHaveLength(15);
  });
});
