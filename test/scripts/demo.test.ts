import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../scripts/seed.mjs';
import { startLocalWorker, type LocalWorker } from '../browser/local-worker';

/** What `npm start` loads (scripts/seed.mjs), against a real local Cascade: both worlds of the 2025 reform. */
let w: LocalWorker;
let first: Awaited<ReturnType<typeof seedDemo>>;
const tokensFile = join(mkdtempSync(join(tmpdir(), 'cascade-demo-')), 'demo-tokens.json');
const as = async (token: string, method: string, path: string, body?: unknown) => {
  const res = await fetch(w.base + path, {
    method, headers: { authorization: `Bearer ${token}`, 'accept-language': 'vi', ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, json: (await res.json()) as any };
};

beforeAll(async () => {
  w = await startLocalWorker();
  first = await seedDemo(w.base, w.admin, { tokensFile });
}, 240_000);
afterAll(async () => w?.stop());

describe('the demo of npm start', () => {
  it('loads the old map, the seed plans, the reform and the live plan once; a second start changes nothing', async () => {
    const demoUnits = readFileSync(join(import.meta.dirname, '..', '..', 'worker', 'demo', 'units.csv'), 'utf8').trim().split('\n').length - 1;
    expect(first.units).toMatchObject({ total: demoUnits, created: demoUnits });
    expect(first.plans.count).toBe(5);
    expect(first.reform!.closed).toBeGreaterThan(0);
    expect(Object.keys(first.tokens).sort()).toEqual(['hcmManager', 'hoaHungSubmitter', 'q10Manager']);
    const owed = async () => (await as(w.admin, 'GET', `/v1/obligations?plan=${first.live.id}&limit=1000`)).json.items.map((o: any) => `${o.unit}/${o.period}/${o.status}`).sort();
    const before = await owed();
    const again = await seedDemo(w.base, w.admin, { tokensFile });
    expect(again.units.total).toBe(0);
    expect(again.reform).toBeNull();
    expect(again.tokens).toEqual(first.tokens);
    expect(await owed()).toEqual(before);
  }, 120_000);

  it("Phường Hòa Hưng sees its quarters in words, and its history names Phường 15 before it", async () => {
    const mine = await as(first.tokens.hoaHungSubmitter, 'GET', `/v1/obligations?plan=${first.live.id}&limit=100`);
    expect(mine.status).toBe(200);
    expect(new Set(mine.json.items.map((o: any) => o.unit))).toEqual(new Set(['27163']));
    expect(mine.json.items.find((o: any) => o.period === '2025Q3')).toMatchObject({ periodLabel: 'Quý III/2025', status: expect.stringMatching(/submitted|late|accepted/) });
    const history = await as(first.tokens.hoaHungSubmitter, 'GET', '/v1/units/27163/history');
    expect(history.json.versions.map((v: any) => v.name)).toEqual(['Phường 15', 'Phường Hòa Hưng']);
  });

  it('Quận 10, closed on 1 July 2025, still reads its wards as they were, and writes nothing', async () => {
    const q10 = first.tokens.q10Manager;
    const tree = await as(q10, 'GET', '/v1/units/771/tree?depth=1&at=2025-06-30');
    expect(tree.status).toBe(200);
    expect(tree.json.children.map((c: any) => c.name)).toContain('Phường 15');
    const token = await as(q10, 'POST', '/v1/tokens', { unit: '771', role: 'submitter', label: 'Phường mới' });
    expect(token.status).toBe(409);
    expect(token.json.detail).toContain('Quận 10 đã kết thúc hoạt động');
  });

  it('Sở Nội vụ TP.HCM compares 2026Q2 on the new map with 2025Q2 on the old one', async () => {
    const r = await as(first.tokens.hcmManager, 'GET', `/v1/rollups?plan=${first.live.id}&period=2026Q2&unit=79&compare=previousYear`);
    expect(r.status).toBe(200);
    expect(r.json.periodLabel).toBe('Quý II/2026');
    const hoaHung = r.json.children.find((c: any) => c.unit === '27163');
    expect(hoaHung.name).toBe('Phường Hòa Hưng');
    const rate = r.json.indicators.find((i: any) => i.code === 'TTHC_DUNG_HAN');
    expect(rate.previous).toMatchObject({ period: '2025Q2' });
    expect(rate.previous.denominator).toBeGreaterThan(0);
  });
});
