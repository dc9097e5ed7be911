import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import demoUnits from '../../../worker/demo/units.csv?raw';
import vn2025march from '../../../data/vn/vn-units-2025-03-01.csv?raw';
import vn2025july from '../../../data/vn/vn-units-2025-07-01.csv?raw';
import { api, resetDb } from '../helpers';

beforeEach(resetDb);

describe('real administrative data', () => {
  it('loads the demo hierarchy built from the seeds', async () => {
    const res = await api('POST', '/v1/units/import', { csv: demoUnits });
    expect(res.status, res.text).toBe(200);
    const q10 = await api('GET', '/v1/units/771/children?level=commune');
    expect(q10.json.items).toHaveLength(11); // Quận 10's wards as of 2025 (15 in the 2020 plan)
    const hamlets = await api('GET', '/v1/units/28993/children?level=hamlet');
    expect(hamlets.json.items).toHaveLength(6); // Mỹ Thạnh's six ấp, seed 003
    expect((await api('GET', '/v1/units/28993')).json.ancestors).toEqual(['83', '834']);
  });

  it("imports all of Vietnam (10,806 units, 1 March 2025) as CSV, then the 1 July 2025 reform on top", async () => {
    let t0 = Date.now();
    const march = await api('POST', '/v1/units/import', { csv: vn2025march });
    console.log(`import 10,806 real units (CSV): ${Date.now() - t0} ms`);
    expect(march.status, march.text.slice(0, 500)).toBe(200);
    expect(march.json).toMatchObject({ total: 10_806, created: 10_806 });
    const byLevel = await env.DB.prepare('SELECT level, count(*) AS n FROM units GROUP BY level ORDER BY level').all();
    expect(byLevel.results).toEqual([
      { level: 'commune', n: 10_047 },
      { level: 'district', n: 696 },
      { level: 'province', n: 63 },
    ]);
    expect((await api('GET', '/v1/units/00004')).json).toMatchObject({ name: 'Phường Trúc Bạch', ancestors: ['01', '001'] });

    // The reform: districts disappear, communes merge and hang straight under 34 provinces.
    t0 = Date.now();
    const july = await api('POST', '/v1/units/import', { csv: vn2025july });
    console.log(`apply the 2025 reform (3,355 units, moves): ${Date.now() - t0} ms`);
    expect(july.status, july.text.slice(0, 500)).toBe(200);
    expect(july.json.total).toBe(3_355);
    expect(july.json.moved).toBeGreaterThan(1000);
    expect((await api('GET', '/v1/units/00004')).json).toMatchObject({ name: 'Phường Ba Đình', parent: '01', ancestors: ['01'] });
    // No path is left pointing at a stale parent.
    const broken = await env.DB.prepare(
      `SELECT count(*) AS n FROM units c JOIN units p ON p.code = c.parent_code
       WHERE c.path <> p.path || c.code || '/' OR c.depth <> p.depth + 1`,
    ).first<{ n: number }>();
    expect(broken!.n).toBe(0);
  });
});
