import { SELF } from 'cloudflare:test';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fx, onTimeFiles, path, q10Quarterly, submit } from '../fixtures';
import { ADMIN, api, BASE, issueToken } from '../helpers';

/** The documents people file (DESIGN §12), through the Worker: a ward's report and Quận 10's roll-up. */
beforeEach(q10Quarterly);
afterEach(() => vi.useRealTimers());

async function download(url: string, token: string | null = ADMIN) {
  const res = await SELF.fetch(url.startsWith('http') ? url : BASE + url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}
const xml = (bytes: Uint8Array, file: string) => strFromU8(unzipSync(bytes)[file]!);
/** The text of a Word document's paragraphs, runs joined (the builder keeps "96,3 %" together with a no-break space). */
const docText = (bytes: Uint8Array) => xml(bytes, 'word/document.xml')
  .replace(/<w:p[ >].*?<\/w:p>/gs, (p) => `${p.replace(/<[^>]+>/g, '')}\n`).replace(/<[^>]+>/g, '').replace(/\u00a0/g, ' ');

describe("a ward's report as a Decree 30 Word document", () => {
  it('carries the header, the values in their three states, the date line, the signature and the recipients', async () => {
    vi.setSystemTime(new Date('2021-03-05T03:00:00Z')); // 5 March: "ngày 05 tháng 3"
    await submit('27163', [onTimeFiles(289, 300), { indicator: 'BAI_PHAT_THANH', value: 0 }, { indicator: 'HS_TRUC_TUYEN', na: true, note: 'Phường chưa có dịch vụ công mức 4' }]);
    const { res, bytes } = await download(`${path('27163')}/document`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="bao-cao-27163-2021Q1.docx"; filename*=UTF-8''${encodeURIComponent('Báo cáo Phường 15 - Quý I/2021.docx')}`);
    const text = docText(bytes);
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toMatch(/ỦY BAN NHÂN DÂN\s*PHƯỜNG 15/);
    expect(text).toMatch(/Số:\s+\/BC-UBND/);
    expect(text).toContain('Phường 15, ngày 05 tháng 3 năm 2021');
    expect(text).toContain('BÁO CÁO');
    expect(text).toContain('Kết quả thực hiện Kế hoạch số 25/KH-UBND — Quý I/2021');
    expect(text).toContain('289/300 (96,3 %)');
    expect(text).toContain('Không áp dụng — Phường chưa có dịch vụ công mức 4');
    expect(text).toContain('Chưa có số liệu');
    expect(text).toContain('trên 95 %');
    expect(text).toContain('Nơi nhận:');
    expect(text).toContain('Quận 10');
    expect(text).toContain('Phòng Nội vụ Quận 10');
    expect(text).toContain('Lưu: VT');
    expect(text).not.toMatch(/2021Q1/);
    const document = xml(bytes, 'word/document.xml');
    expect(document).toContain('w:w="11906" w:h="16838"'); // A4
    expect(xml(bytes, 'word/styles.xml') + document).toContain('Times New Roman');
    expect(document.normalize('NFC')).toBe(document); // Vietnamese kept in NFC
  });

  it('opens from a signed link without a token, for a while, and not once the link is tampered with', async () => {
    await submit('27163', [onTimeFiles(10, 10)]);
    const ward = await issueToken('27163', 'submitter');
    const link = await api('POST', `${path('27163')}/document-link`, { token: ward, body: {} });
    expect(link.status, link.text).toBe(201);
    expect(link.json.url).toMatch(/\/document\?by=tok_.*&expires=\d+&signature=/);
    const opened = await download(link.json.url, null);
    expect(opened.res.status).toBe(200);
    expect(docText(opened.bytes)).toContain('PHƯỜNG 15');
    expect((await download(link.json.url.replace(/signature=.../, 'signature=xyz'), null)).res.status).toBe(401);
    expect((await download(link.json.url.replace('/27163/', '/27166/'), null)).res.status).toBe(401); // another report
    vi.setSystemTime(new Date(Date.parse(link.json.expiresAt) + 1000));
    expect((await download(link.json.url, null)).res.status).toBe(401);
  });

  it('a report never saved has no document', async () => {
    expect((await download(`${path('27166')}/document`)).res.status).toBe(404);
  });
});

describe("Quận 10's roll-up as a compiled report and as a workbook", () => {
  it('the compiled report names who reported and who is missing, with the exact aggregates', async () => {
    await submit('27163', [onTimeFiles(10, 10)]);
    vi.setSystemTime(new Date('2021-03-16T00:00:00Z'));
    await submit('27166', [onTimeFiles(90, 100)]);
    const { res, bytes } = await download(`/v1/rollups?plan=${fx.planId}&period=2021Q1&unit=771&format=docx`);
    expect(res.status).toBe(200);
    const text = docText(bytes);
    expect(text).toMatch(/ỦY BAN NHÂN DÂN\s*QUẬN 10/);
    expect(text).toContain('100/110 (90,9 %)'); // Σnumerators / Σdenominators, never a mean of percentages
    expect(text).toContain('Phường 1'); // a ward still missing, by name
    expect(text).not.toContain('27184');
  });

  it('the workbook has numbers as numbers, percents as fractions with a percent format, a frozen header and the submissions sheet', async () => {
    await submit('27163', [onTimeFiles(10, 10), { indicator: 'BAI_PHAT_THANH', value: 4 }]);
    await submit('27166', [onTimeFiles(90, 100), { indicator: 'BAI_PHAT_THANH', value: 5 }]);
    const { res, bytes } = await download(`/v1/rollups?plan=${fx.planId}&period=2021Q1&unit=771&format=xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('filename="tong-hop-771-2021Q1.xlsx"');
    const files = unzipSync(bytes);
    const workbook = strFromU8(files['xl/workbook.xml']!);
    expect(workbook).toContain('Tình hình nộp');
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
    expect(sheet).toMatch(/state="frozen"/);
    expect(sheet).toMatch(/<c [^>]*><v>0\.909090909/); // 100/110 as a fraction
    expect(sheet).toMatch(/<c [^>]*><v>9<\/v>/); // 4 + 5 bài phát thanh
    expect(strFromU8(files['xl/styles.xml']!)).toMatch(/0[.,]0%|0\.0%/);
  });

  it('with compare=previousYear the workbook gains "Cùng kỳ" columns (no data a year before the plan: empty, not zero)', async () => {
    await submit('27163', [onTimeFiles(10, 10)]);
    const { res, bytes } = await download(`/v1/rollups?plan=${fx.planId}&period=2021Q1&unit=771&format=xlsx&compare=previousYear`);
    expect(res.status).toBe(200);
    const strings = xml(bytes, 'xl/sharedStrings.xml');
    expect(strings).toContain('Cùng kỳ Quý I/2020');
    expect(strings).toContain('Kỳ báo cáo: Quý I/2021 (so với cùng kỳ Quý I/2020)');
    const plain = await download(`/v1/rollups?plan=${fx.planId}&period=2021Q1&unit=771&format=xlsx`);
    expect(xml(plain.bytes, 'xl/sharedStrings.xml')).not.toContain('Cùng kỳ');
  });

  it('a Vietnamese CSV uses ";" between cells and "," as the decimal mark', async () => {
    await submit('27163', [onTimeFiles(1, 3)]);
    const res = await api('GET', `/v1/rollups?plan=${fx.planId}&period=2021Q1&unit=771&format=csv&locale=vi`);
    const lines = res.text.split('\r\n');
    expect(lines[0]).toMatch(/^Mã đơn vị;Đơn vị;Kỳ báo cáo;/);
    expect(lines.find((l) => l.startsWith('27163;'))).toMatch(/;33,33;1;3;/);
  });
});
