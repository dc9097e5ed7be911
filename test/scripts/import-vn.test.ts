import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorker, type LocalWorker } from '../browser/local-worker';

/** `npm run import:vn` as an administrator runs it, against a real local Cascade. */
const root = join(import.meta.dirname, '..', '..');
const run = async (...args: string[]) => {
  try {
    const { stdout } = await promisify(execFile)('node', [join(root, 'scripts', 'import-vn.mjs'), '--url', w.base, ...args], { cwd: root });
    return { code: 0, out: stdout };
  } catch (e: any) {
    return { code: e.code as number, out: `${e.stdout}${e.stderr}` };
  }
};
let w: LocalWorker;
const get = async (path: string) => (await fetch(w.base + path, { headers: { authorization: `Bearer ${w.admin}` } })).json() as Promise<any>;

beforeAll(async () => {
  w = await startLocalWorker();
});
afterAll(async () => w?.stop());

describe('npm run import:vn', () => {
  it('loads the 2025-03-01 map under a national unit, then applies the reform, keeping the offices and the national unit', async () => {
    const old = await run('--token', w.admin, '--date', '2025-03-01', '--root', 'VN');
    expect(old.out).toContain('Imported the map of 2025-03-01');
    expect(old.out).toContain('10807 units (10807 new');
    // a Sở of a continuing province, which the national files do not list
    const office = await fetch(`${w.base}/v1/units/import`, {
      method: 'POST', headers: { authorization: `Bearer ${w.admin}`, 'content-type': 'text/csv' },
      body: 'code,name,level,parent\n79-SNV,Sở Nội vụ Thành phố Hồ Chí Minh,department,79\n',
    });
    expect(office.status).toBe(200);

    const dry = await run('--token', w.admin, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('Dry run (nothing written)');
    expect((await get('/v1/units/771')).validTo).toBeNull();

    const reform = await run('--token', w.admin);
    expect(reform.code, reform.out).toBe(0);
    expect(reform.out).toContain('Keeping the national unit VN (Việt Nam) on top.');
    expect(reform.out).toContain('Keeping 1 offices');
    expect(reform.out).toMatch(/5 new; 7456 closed/);
    expect(await get('/v1/units/01')).toMatchObject({ parent: 'VN', validTo: null });
    expect(await get('/v1/units/79-SNV')).toMatchObject({ parent: '79', validTo: null });
    expect(await get('/v1/units/771')).toMatchObject({ name: 'Quận 10', validTo: '2025-07-01' });
    expect((await get('/v1/units/02')).successors).toEqual([expect.objectContaining({ code: '08', type: 'full' })]);
    expect((await get('/v1/units/79/children?limit=1000&level=commune')).items).toHaveLength(168);
  }, 120_000);

  it('on the new map fills in without closing anything, and refuses to lay the old map over it', async () => {
    const again = await run('--token', w.admin);
    expect(again.out).toContain('3356 units (0 new, 0 updated)');
    expect(await get('/v1/units/79-SNV')).toMatchObject({ validTo: null });
    const back = await run('--token', w.admin, '--date', '2025-03-01');
    expect(back.code).toBe(1);
    expect(back.out).toContain('would undo the reform');
  }, 60_000);

  it('says what to fix: no token, a wrong token, an unknown date, nothing listening', async () => {
    expect((await run()).out).toContain('Give the admin token');
    expect((await run('--token', 'wrong')).out).toContain('refused (401)');
    expect((await run('--token', w.admin, '--date', '2024-01-01')).out).toContain('--date must be one of 2025-03-01, 2025-07-01');
    const nowhere = await promisify(execFile)('node', [join(root, 'scripts', 'import-vn.mjs'), '--url', 'http://127.0.0.1:9', '--token', 'x']).catch((e) => e);
    expect(`${nowhere.stderr}`).toContain('Cannot reach Cascade');
  }, 60_000);
});
