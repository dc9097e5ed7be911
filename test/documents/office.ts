// LibreOffice and poppler, as the document tests use them (Debian: libreoffice-writer-nogui, libreoffice-calc-nogui,
// poppler-utils). In CI a missing tool fails the run (.ci/run installs them); elsewhere the suites say so and skip.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TOOLS = ['libreoffice', 'pdftotext', 'pdftoppm', 'pdfinfo'];
export const missingTools = TOOLS.filter((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0);
if (missingTools.length && process.env.CI) {
  throw new Error(`[documents] ${missingTools.join(', ')} not installed; .ci/run installs libreoffice-writer-nogui, libreoffice-calc-nogui, poppler-utils`);
}
if (missingTools.length) {
  console.warn(`[documents] skipping the rendering tests: ${missingTools.join(', ')} not installed (Debian: libreoffice-writer-nogui, libreoffice-calc-nogui, poppler-utils)`);
}

/** LibreOffice with a profile of its own, so that parallel runs do not wait on each other's lock. */
export function libreoffice(args: string[]): string {
  const profile = mkdtempSync(join(tmpdir(), 'lo-'));
  try {
    const r = spawnSync('libreoffice', [`-env:UserInstallation=file://${profile}`, '--headless', ...args], { encoding: 'utf8', timeout: 120_000 });
    return `${r.stdout}${r.stderr}`;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

export const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' }).stdout;

/** A .docx in `dir` as a reader sees it: converted to PDF, its text laid out, its page count, a PNG per page. */
export function render(dir: string, name: string): { pages: number; text: string; lines: string[]; plain: string } {
  libreoffice(['--convert-to', 'pdf', '--outdir', dir, join(dir, `${name}.docx`)]);
  const pdf = join(dir, `${name}.pdf`);
  const text = run('pdftotext', ['-layout', pdf, '-']);
  const pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [pdf]))?.[1]);
  run('pdftoppm', ['-png', '-r', '80', pdf, join(dir, name)]);
  // `text` keeps the layout (columns side by side); `plain` follows the reading order (a table cell's words together)
  return { pages, text, lines: text.split('\n'), plain: run('pdftotext', [pdf, '-']) };
}
