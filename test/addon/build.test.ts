import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { apiOrigin, buildAddon, DEFAULT_API_URL } from '../../scripts/build-addon.mjs';
import { createFakes } from './fakes';

/**
 * The build: Code.js small enough for Apps Script's editor and quick to load (no zod: the add-on shares the pure
 * checker, not the schemas), and the API address set once, at build time, for both the manifest and the Connect dialog.
 */
const temp = mkdtempSync(join(tmpdir(), 'cascade-addon-build-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function connectDialog(code: string) {
  const fakes = createFakes();
  const context: Record<string, unknown> = { ...fakes.globals };
  runInNewContext(code, context);
  (context.showConnect as () => void)();
  return fakes.screen.dialogs.at(-1)!.html;
}

describe('npm run addon:build', () => {
  it('takes the address from CASCADE_API_URL (or --api-url) into the manifest and the Connect default', () => {
    const env = { ...process.env, CASCADE_API_URL: 'https://cascade.hcmc.gov.vn/' };
    execFileSync(process.execPath, ['scripts/build-addon.mjs'], { env, stdio: 'pipe' });
    expect(JSON.parse(readFileSync('addon/build/appsscript.json', 'utf8')).urlFetchWhitelist).toEqual(['https://cascade.hcmc.gov.vn/']);
    expect(connectDialog(readFileSync('addon/build/Code.js', 'utf8'))).toContain('value="https://cascade.hcmc.gov.vn"');
    execFileSync(process.execPath, ['scripts/build-addon.mjs', '--api-url', 'https://bao-cao.danang.gov.vn'], { env, stdio: 'pipe' });
    expect(JSON.parse(readFileSync('addon/build/appsscript.json', 'utf8')).urlFetchWhitelist).toEqual(['https://bao-cao.danang.gov.vn/']);
  });

  it('keeps no hand-edited address in addon/appsscript.json, and refuses an address Apps Script could not use', async () => {
    expect(JSON.parse(readFileSync('addon/appsscript.json', 'utf8'))).not.toHaveProperty('urlFetchWhitelist');
    expect(apiOrigin('https://gov.vn/cascade/')).toBe('https://gov.vn/cascade');
    expect(() => apiOrigin('cascade.gov.vn')).toThrow(/absolute address/);
    expect(() => apiOrigin('ftp://cascade.gov.vn')).toThrow(/http\(s\)/);
    expect(() => apiOrigin('https://cascade.gov.vn/?token=x')).toThrow(/without query/);
    const { manifestFile } = await buildAddon({ apiUrl: 'https://cascade.hue.gov.vn', outDir: temp });
    expect(JSON.parse(readFileSync(manifestFile, 'utf8')).urlFetchWhitelist).toEqual(['https://cascade.hue.gov.vn/']);
  });

  it('writes addon/build/Code.js of at most 100 KB, with no zod in it, for the default address', async () => {
    const { file, bytes } = await buildAddon({ apiUrl: DEFAULT_API_URL });
    expect(file).toBe(join(process.cwd(), 'addon', 'build', 'Code.js'));
    expect(statSync('addon/build/Code.js').size).toBe(bytes);
    expect(bytes).toBeLessThanOrEqual(100 * 1024);
    const code = readFileSync(file, 'utf8');
    expect(code).not.toMatch(/ZodError|\$ZodType|zod/i);
    expect(JSON.parse(readFileSync('addon/build/appsscript.json', 'utf8')).urlFetchWhitelist).toEqual([`${DEFAULT_API_URL}/`]);
    expect(connectDialog(code)).toContain(`value="${DEFAULT_API_URL}"`);
  });
});
