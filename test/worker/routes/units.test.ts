import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { api, HCM_TREE, importUnits, resetDb, syntheticNation, type UnitIn } from '../helpers';

beforeEach(resetDb);

describe('POST /v1/units/import', () => {
  it('imports a tree given children before parents, and reads it back with Vietnamese names intact', async () => {
    const reversed = [...HCM_TREE].reverse();
    const res = await api('POST', '/v1/units/import', { body: { units: reversed } });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ dryRun: false, total: 7, created: 7, updated: 0, unchanged: 0, moved: 0 });

    const ward = await api('GET', '/v1/units/27163');
    expect(ward.status).toBe(200);
    expect(ward.json).toMatchObject({ code: '27163', name: 'Phường 15', level: 'commune', parent: '771', ancestors: ['79', '771'], depth: 2 });
    const city = await api('GET', '/v1/units/79');
    expect(city.json.name).toBe('Thành phố Hồ Chí Minh');
    expect(city.json.parent).toBeNull();
  });

  it('is an upsert: the same import twice changes nothing, a renamed unit is updated and audited', async () => {
    await importUnits(HCM_TREE);
    const again = await api('POST', '/v1/units/import', { body: { units: HCM_TREE } });
    expect(again.json).toMatchObject({ created: 0, updated: 0, unchanged: 7 });

    const renamed = HCM_TREE.map((u) => (u.code === '27166' ? { ...u, name: 'Phường 13 (mới)' } : u));
    const res = await api('POST', '/v1/units/import', { body: { units: renamed } });
    expect(res.json).toMatchObject({ created: 0, updated: 1, unchanged: 6 });
    expect((await api('GET', '/v1/units/27166')).json.name).toBe('Phường 13 (mới)');

    const audit = await env.DB.prepare(
      "SELECT action, before_json, after_json, actor FROM audit_log WHERE entity_id = '27166' ORDER BY id",
    ).all<{ action: string; before_json: string | null; after_json: string; actor: string }>();
    expect(audit.results.map((r) => r.action)).toEqual(['unit.create', 'unit.update']);
    expect(JSON.parse(audit.results[1]!.before_json!).name).toBe('Phường 13');
    expect(JSON.parse(audit.results[1]!.after_json).name).toBe('Phường 13 (mới)');
    expect(audit.results[1]!.actor).toBe('admin');
  });

  it('accepts CSV with a BOM, CRLF line ends and quoted names containing commas', async () => {
    const csv =
      '\uFEFFcode,name,level,parent\r\n' +
      '83,Tỉnh Bến Tre,province,\r\n' +
      '834,Huyện Giồng Trôm,district,83\r\n' +
      '28993,"Xã Mỹ Thạnh, Giồng Trôm",commune,834\r\n' +
      '28993-A1,"Ấp ""Mỹ Hòa""",hamlet,28993\r\n';
    const res = await api('POST', '/v1/units/import', { csv });
    expect(res.status).toBe(200);
    expect(res.json.created).toBe(4);
    expect((await api('GET', '/v1/units/28993')).json.name).toBe('Xã Mỹ Thạnh, Giồng Trôm');
    expect((await api('GET', '/v1/units/28993-A1')).json).toMatchObject({ name: 'Ấp "Mỹ Hòa"', ancestors: ['83', '834', '28993'] });
  });

  it('moves a whole subtree when a unit changes parent (the 2025 reform)', async () => {
    await importUnits(HCM_TREE);
    // Quận 10 dissolves: its wards now report straight to the city.
    const res = await api('POST', '/v1/units/import', {
      body: { units: [{ code: '771', name: 'Quận 10', level: 'district', parent: '774' }] },
    });
    expect(res.json).toMatchObject({ updated: 1, moved: 1 });
    expect((await api('GET', '/v1/units/27163')).json.ancestors).toEqual(['79', '774', '771']);
    const tree = await api('GET', '/v1/units/774/tree?depth=5');
    expect(tree.json.children.map((c: { code: string }) => c.code).sort()).toEqual(['27325', '771']);
  });

  it('dryRun reports what would change and writes nothing', async () => {
    const res = await api('POST', '/v1/units/import?dryRun=true', { body: { units: HCM_TREE } });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ dryRun: true, total: 7, created: 7, updated: 0, unchanged: 0, moved: 0 });
    expect((await api('GET', '/v1/units/79')).status).toBe(404);
  });

  describe('rejects the whole import, naming every bad row, and writes nothing', () => {
    const cases: { name: string; units: UnitIn[]; errors: { path: string; message: RegExp }[] }[] = [
      {
        name: 'an unknown parent',
        units: [{ code: '79', name: 'TP.HCM', level: 'province' }, { code: '771', name: 'Quận 10', level: 'district', parent: '99' }],
        errors: [{ path: 'units[1].parent', message: /unknown parent 99/ }],
      },
      {
        name: 'a cycle',
        units: [
          { code: 'A', name: 'A', level: 'district', parent: 'B' },
          { code: 'B', name: 'B', level: 'district', parent: 'A' },
          { code: 'C', name: 'C', level: 'commune', parent: 'A' },
        ],
        errors: [
          { path: 'units[0].parent', message: /cycle: A → B → A/ },
          { path: 'units[1].parent', message: /cycle/ },
        ],
      },
      {
        name: 'a unit that is its own parent',
        units: [{ code: 'X', name: 'X', level: 'district', parent: 'X' }],
        errors: [{ path: 'units[0].parent', message: /cycle: X → X/ }],
      },
      {
        name: 'a duplicate code',
        units: [{ code: '79', name: 'A', level: 'province' }, { code: '79', name: 'B', level: 'province' }],
        errors: [{ path: 'units[1].code', message: /duplicate code 79 \(also at units\[0\]\)/ }],
      },
      {
        name: 'bad rows',
        units: [
          { code: '7 9', name: 'A', level: 'province' },
          { code: '80', name: '  ', level: 'province' },
          { code: '81', name: 'C', level: 'Province!' },
        ],
        errors: [
          { path: 'units[0].code', message: /letters, digits/ },
          { path: 'units[1].name', message: /empty/ },
          { path: 'units[2].level', message: /lowercase word/ },
        ],
      },
    ];
    for (const c of cases) {
      it(c.name, async () => {
        const res = await api('POST', '/v1/units/import', { body: { units: c.units } });
        expect(res.status).toBe(400);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
        expect(res.json.errors).toHaveLength(c.errors.length);
        for (const [i, e] of c.errors.entries()) {
          expect(res.json.errors[i].path).toBe(e.path);
          expect(res.json.errors[i].message).toMatch(e.message);
        }
        const count = await env.DB.prepare('SELECT count(*) AS n FROM units').first<{ n: number }>();
        expect(count!.n).toBe(0);
      });
    }

    it('a cycle through units already stored', async () => {
      await importUnits(HCM_TREE);
      const res = await api('POST', '/v1/units/import', {
        body: { units: [{ code: '79', name: 'TP.HCM', level: 'province', parent: '27163' }] },
      });
      expect(res.status).toBe(400);
      expect(res.json.errors[0]).toEqual({ path: 'units[0].parent', message: 'cycle: 79 → 27163 → 771 → 79' });
      expect((await api('GET', '/v1/units/79')).json.parent).toBeNull();
    });

    it('CSV problems point at file lines', async () => {
      const csv = 'code,name,level,parent\n79,TP.HCM,province,\n771,,district,79\n772,Quận 11,district,00\n';
      const res = await api('POST', '/v1/units/import', { csv });
      expect(res.status).toBe(400);
      expect(res.json.errors).toEqual([
        { path: 'line 3.name', message: 'must not be empty' },
        { path: 'line 4.parent', message: 'unknown parent 00: it is neither in this import nor stored' },
      ]);
    });

    it('a CSV without the required header or with an unclosed quote', async () => {
      const noHeader = await api('POST', '/v1/units/import', { csv: 'ma,ten\n79,TP.HCM\n' });
      expect(noHeader.status).toBe(400);
      expect(noHeader.json.detail).toMatch(/missing: code, name, level, parent/);
      const unclosed = await api('POST', '/v1/units/import', { csv: 'code,name,level,parent\n79,"TP.HCM,province,\n' });
      expect(unclosed.status).toBe(400);
      expect(unclosed.json.detail).toMatch(/never closed/);
    });

    it('malformed JSON, a wrong content type, an empty list', async () => {
      const bad = await api('POST', '/v1/units/import', { body: '{"units": [' });
      expect(bad.status).toBe(400);
      expect(bad.json.detail).toMatch(/not valid JSON/);
      const xml = await api('POST', '/v1/units/import', { body: '<units/>', headers: { 'content-type': 'application/xml' } });
      expect(xml.status).toBe(415);
      expect(xml.json.title).toBe('Unsupported Media Type');
      const empty = await api('POST', '/v1/units/import', { body: { units: [] } });
      expect(empty.status).toBe(400);
      expect(empty.json.errors[0]).toEqual({ path: 'units', message: 'must list at least one unit' });
    });
  });

  it('imports a whole synthetic nation (63 × 11 × 16 = 11,844 units) in one request', async () => {
    const nation = syntheticNation(63, 11, 16);
    expect(nation.length).toBe(11_844);
    const t0 = Date.now();
    const res = await api('POST', '/v1/units/import', { body: { units: nation.reverse() } });
    console.log(`national import of ${nation.length} units: ${Date.now() - t0} ms`);
    expect(res.status).toBe(200);
    expect(res.json.created).toBe(11_844);
    const tree = await api('GET', '/v1/units/63/tree?depth=2');
    expect(tree.json.children).toHaveLength(11);
    expect(tree.json.children[10].children).toHaveLength(16);
    const audit = await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'unit.create'").first<{ n: number }>();
    expect(audit!.n).toBe(11_844);
  });
});

describe('reading units', () => {
  it('lists children by code with a cursor, filtered by level', async () => {
    await importUnits(HCM_TREE);
    const page1 = await api('GET', '/v1/units/771/children?limit=2');
    expect(page1.json.items.map((u: { code: string }) => u.code)).toEqual(['27163', '27166']);
    expect(page1.json.nextCursor).toBeTypeOf('string');
    const page2 = await api('GET', `/v1/units/771/children?limit=2&cursor=${page1.json.nextCursor}`);
    expect(page2.json.items.map((u: { code: string }) => u.code)).toEqual(['771-NV']);
    expect(page2.json.nextCursor).toBeNull();
    const depts = await api('GET', '/v1/units/771/children?level=department');
    expect(depts.json.items.map((u: { code: string }) => u.code)).toEqual(['771-NV']);
    const badCursor = await api('GET', '/v1/units/771/children?cursor=zzz');
    expect(badCursor.status).toBe(400);
  });

  it('returns the tree to the requested depth', async () => {
    await importUnits(HCM_TREE);
    const d0 = await api('GET', '/v1/units/79/tree?depth=0');
    expect(d0.json).toEqual({ code: '79', name: 'Thành phố Hồ Chí Minh', level: 'province', children: [] });
    const d1 = await api('GET', '/v1/units/79/tree');
    expect(d1.json.children.map((c: { code: string }) => c.code)).toEqual(['771', '774']);
    expect(d1.json.children[0].children).toEqual([]);
    const bad = await api('GET', '/v1/units/79/tree?depth=99');
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].path).toBe('query.depth');
  });

  it('404s an unknown unit with a problem document', async () => {
    const res = await api('GET', '/v1/units/00000');
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ status: 404, title: 'Not Found', detail: 'No unit with code 00000.' });
  });

  it('reads subtrees through the path index, not a scan', async () => {
    const plan = await env.DB.prepare(
      "EXPLAIN QUERY PLAN SELECT code FROM units WHERE path >= '/79/' AND path < '/790' AND depth <= 3",
    ).all<{ detail: string }>();
    expect(plan.results.map((r) => r.detail).join(' ')).toMatch(/USING INDEX .*path/);
  });
});
