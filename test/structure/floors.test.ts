import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { cruise } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

/**
 * The floors of the code (STYLE.md): the rules in .dependency-cruiser.cjs (`npm run lint` applies them to the real
 * tree on every `npm test`), proven to bite on a small fixture that breaks each of them; and every SQL statement in db/.
 */
const root = join(import.meta.dirname, '..', '..');
const config = createRequire(import.meta.url)(join(root, '.dependency-cruiser.cjs'));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

describe('the import rules', () => {
  it('refuse a route importing a route, I/O in the domain, a Principal in db/, the add-on reaching into the Worker, and cycles', async () => {
    const fixture = join(import.meta.dirname, 'fixture');
    const cwd = process.cwd();
    process.chdir(fixture);
    try {
      const result = await cruise(['worker', 'addon'], { ruleSet: { forbidden: config.forbidden }, validate: true, tsPreCompilationDeps: true, baseDir: fixture });
      const output = result.output as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
      const found = output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
      expect(found).toEqual(expect.arrayContaining([
        'addon-apart-from-worker: addon/sheet.ts → worker/src/domain/periods.ts',
        'db-knows-no-callers: worker/src/db/holidays.ts → worker/src/policy.ts',
        'domain-is-pure: worker/src/domain/periods.ts → worker/src/db/holidays.ts',
        'routes-import-no-routes: worker/src/routes/plans.ts → worker/src/routes/units.ts',
      ]));
      expect(found.some((v) => v.startsWith('no-circular: worker/src/audit.ts'))).toBe(true);
    } finally {
      process.chdir(cwd);
    }
  });
});

describe('the database floor', () => {
  it('holds every SQL statement: no prepare( outside worker/src/db/', () => {
    const outside = files(join(root, 'worker', 'src'))
      .filter((f) => /\.tsx?$/.test(f) && !relative(root, f).startsWith(join('worker', 'src', 'db')))
      .filter((f) => /\.prepare\(/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f));
    expect(outside).toEqual([]);
  });
});
