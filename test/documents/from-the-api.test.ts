/**
 * The two documents of issue "Documents people file", made by the real Worker from the demo's data and rendered by
 * LibreOffice: Phường Hòa Hưng's report for Quý III/2025 (the live plan of TP.HCM, after the reform) and Quận 10's
 * compiled 6-month report of 2021 (seed 002, KH-PAPI/Q10, from its wards' reports before the reform). PDFs and PNGs
 * are kept in test-artifacts/documents-api/ for a person to look at.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../scripts/seed.mjs';
import { startLocalWorker, type LocalWorker } from '../browser/local-worker';
import { missingTools, render } from './office';

const OUT = new URL('../../test-artifacts/documents-api/', import.meta.url).pathname;
const root = join(import.meta.dirname, '..', '..');
let w: LocalWorker;
const rendered: Record<string, ReturnType<typeof render>> = {};

async function call(method: string, path: string, body?: unknown, type = 'application/json') {
  const res = await fetch(w.base + path, {
    method, headers: { authorization: `Bearer ${w.admin}`, 'accept-language': 'vi', ...(body ? { 'content-type': type } : {}) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
  return res;
}
const json = async (method: string, path: string, body?: unknown, type?: string) => (await call(method, path, body, type)).json() as Promise<any>;

/** A ward's answers to seed 002's indicators, different per ward and never contradicting the plan's rules. */
function answers(plan: any, k: number) {
  return plan.indicators.map((ind: any) => {
    if (ind.kind === 'percent') return { indicator: ind.code, numerator: 80 + k, denominator: 90 + k };
    if (ind.kind === 'boolean') return { indicator: ind.code, value: k % 3 !== 0 };
    if (ind.code === 'KNTC_DA_GIAI_QUYET') return { indicator: ind.code, value: 2 + (k % 3) };
    if (ind.code === 'KNTC_TIEP_NHAN') return { indicator: ind.code, value: 4 + (k % 3) };
    return { indicator: ind.code, value: 1 + ((k * 7) % 5) };
  });
}

beforeAll(async () => {
  if (missingTools.length) return;
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  w = await startLocalWorker();
  // The old map and seed 002, and nine of Quận 10's eleven wards reporting their 6 months of 2021 before the reform.
  await call('POST', '/v1/units/import', readFileSync(join(root, 'worker', 'demo', 'units.csv'), 'utf8'), 'text/csv');
  const seed = JSON.parse(readFileSync(join(root, 'worker', 'demo', 'plans.json'), 'utf8')).find((p: any) => p.key === 'seed002');
  const { key: _key, basis: _basis, ...body } = seed;
  const plan = await json('POST', '/v1/plans', body);
  await json('POST', `/v1/plans/${plan.id}/activate`);
  const sixMonths = plan.schedules.find((s: any) => s.code === '6T').id;
  const wards = ['27163', '27166', '27169', '27172', '27178', '27181', '27184', '27187', '27190'];
  for (const [k, unit] of wards.entries()) {
    await json('PUT', `/v1/reports/${unit}/${sixMonths}/2021S1`, {
      submit: true, values: answers(plan, k),
      tasks: [{ task: 'T2', status: 'done', result: 'Tổ chức 2 hội nghị đối thoại với Nhân dân; tiếp nhận và trả lời 14 ý kiến.' }],
    });
  }
  // Then the rest of the demo: the live plan of TP.HCM, the reform, the new wards' quarters.
  const demo = await seedDemo(w.base, w.admin, { tokensFile: join(mkdtempSync(join(tmpdir(), 'cascade-docs-')), 'tokens.json') });
  const quarter = demo.live.id;
  const live = await json('GET', `/v1/plans/${quarter}`);
  const files = {
    'ward-q3': await call('GET', `/v1/reports/27163/${live.schedules[0].id}/2025Q3/document`),
    'quan10-6-thang': await call('GET', `/v1/rollups?plan=${plan.id}&period=2021S1&unit=771&format=docx`),
  };
  for (const [name, res] of Object.entries(files)) {
    writeFileSync(join(OUT, `${name}.docx`), new Uint8Array(await res.arrayBuffer()));
    rendered[name] = render(OUT, name);
  }
}, 300_000);
afterAll(async () => w?.stop());

const squash = (s: string) => s.replace(/\s+/g, ' ');

describe.skipIf(missingTools.length > 0)('documents made by the Worker from the demo', () => {
  it("Phường Hòa Hưng's Quý III/2025 report: its bodies, the motto, the summary, the figures and the recipients on one page", () => {
    const { pages, plain } = rendered['ward-q3']!;
    const flat = squash(plain);
    expect(pages).toBe(1);
    expect(flat).toContain('THÀNH PHỐ HỒ CHÍ MINH');
    expect(flat).toContain('PHƯỜNG HÒA HƯNG');
    expect(flat).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(flat).toContain('Kết quả thực hiện Kế hoạch số KH-CCHC/TPHCM-2025 — Quý III/2025');
    expect(flat).toMatch(/Hòa Hưng, ngày \d{2} tháng \d{1,2} năm 20\d\d/); // Decree 30: a named ward's place is its name
    expect(flat).toContain('Ủy ban nhân dân Phường Hòa Hưng báo cáo kết quả thực hiện Kế hoạch số KH-CCHC/TPHCM-2025');
    expect(flat).toContain('trong quý III/2025 như sau:');
    expect(flat).toContain('Chưa có nội dung báo cáo.'); // the task the report said nothing about
    expect(flat).toContain('Tỷ lệ hồ sơ TTHC giải quyết đúng hạn');
    expect(flat).toContain('Nơi nhận:');
    expect(flat).toContain('- Ủy ban nhân dân Thành phố Hồ Chí Minh;');
    expect(flat).toContain('- Sở Nội vụ Thành phố Hồ Chí Minh;');
    expect(flat).toContain('Lưu: VT');
    expect(flat).not.toMatch(/2025Q3|27163|sc_/);
  });

  it("Quận 10's compiled 6-month report of 2021 names who reported, who did not, and the exact aggregates", () => {
    const { plain } = rendered['quan10-6-thang']!;
    const flat = squash(plain);
    expect(flat).toContain('QUẬN 10');
    expect(flat).toContain('Tổng hợp kết quả thực hiện Kế hoạch số KH-PAPI/Q10 — 6 tháng đầu năm 2021');
    expect(flat).toContain('- Ủy ban nhân dân Quận 10;');
    expect(flat).toMatch(/Ủy ban nhân dân Quận 10 tổng hợp kết quả thực hiện Kế hoạch số KH-?PAPI\/Q10/); // pdftotext drops a hyphen at a line end
    expect(flat).toContain('trong 6 tháng đầu năm 2021 của các đơn vị như sau:');
    expect(flat).toContain('Số đơn vị phải báo cáo: 18');
    expect(flat).toMatch(/Đã nộp báo cáo: 9\/18 đơn vị/);
    expect(flat).toMatch(/Chưa nộp báo cáo: .*Phường 4.*Phường 6/); // by name, counted as people count
    // Σ numerators / Σ denominators over the nine wards: 80..88 of 90..98
    const n = [0, 1, 2, 3, 4, 5, 6, 7, 8].reduce((s, k) => s + 80 + k, 0);
    const d = [0, 1, 2, 3, 4, 5, 6, 7, 8].reduce((s, k) => s + 90 + k, 0);
    expect(flat).toContain(`${n}/${d.toLocaleString('vi-VN')}`);
    expect(flat).not.toMatch(/2021S1|pl_|sc_/);
  });
});
