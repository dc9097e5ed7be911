// Bundles the add-on (addon/src, TypeScript) into addon/build/Code.js for Apps Script's V8 runtime: one file, no
// module syntax, and every export of addon/src/index.ts a top-level function the manifest, the menu and
// google.script.run can call. The manifest is written beside it with the API's address in its urlFetchWhitelist;
// clasp pushes addon/build.
//
// The API address is one build-time setting: CASCADE_API_URL (or --api-url), default https://cascade.example.gov.vn.
// Apps Script fetches only what the manifest whitelists, so the address is fixed per installation; it is also the
// Connect dialog's pre-filled default.
import { build } from 'esbuild';
import { runInNewContext } from 'node:vm';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_API_URL = 'https://cascade.example.gov.vn';

/** `https://host[/path]` without a trailing slash, or an error saying what is wrong. */
export function apiOrigin(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`CASCADE_API_URL must be an absolute address such as ${DEFAULT_API_URL}; got "${url}"`);
  }
  if (!/^https?:$/.test(u.protocol) || u.search || u.hash || u.username || u.password) {
    throw new Error(`CASCADE_API_URL must be a plain http(s) address without query, fragment or credentials; got "${url}"`);
  }
  return `${u.origin}${u.pathname}`.replace(/\/+$/, '');
}

/** The manifest as pushed: addon/appsscript.json plus the one address the add-on may fetch. */
function manifest(apiUrl) {
  const source = JSON.parse(readFileSync(join(root, 'addon', 'appsscript.json'), 'utf8'));
  if ('urlFetchWhitelist' in source) throw new Error('addon/appsscript.json must not list urlFetchWhitelist: the build writes it from CASCADE_API_URL');
  return { ...source, urlFetchWhitelist: [`${apiUrl}/`] };
}

export async function buildAddon({ apiUrl = process.env.CASCADE_API_URL || DEFAULT_API_URL, outDir = join(root, 'addon', 'build') } = {}) {
  const origin = apiOrigin(apiUrl);
  const result = await build({
    entryPoints: [join(root, 'addon', 'src', 'index.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'CascadeAddon',
    platform: 'browser',
    target: 'es2020',
    charset: 'utf8', // Vietnamese as it is, not \u escapes (a third of the size)
    loader: { '.html': 'text' },
    define: { CASCADE_API_URL: JSON.stringify(origin) },
    write: false,
    legalComments: 'none',
    minifyWhitespace: true,
    minifySyntax: true,
  });
  const bundle = result.outputFiles[0].text;
  // The entry points are whatever addon/src/index.ts exports (the bundle defines them and calls nothing at load).
  const entryPoints = Object.keys(runInNewContext(`${bundle}; CascadeAddon`, {}));
  const stubs = entryPoints.map((name) => `function ${name}() {\n  return CascadeAddon.${name}.apply(this, arguments);\n}`).join('\n');
  const code = `// Built from addon/src by scripts/build-addon.mjs for ${origin} — do not edit.\n${bundle}\n${stubs}\n`;
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, 'Code.js');
  const manifestFile = join(outDir, 'appsscript.json');
  writeFileSync(file, code);
  writeFileSync(manifestFile, `${JSON.stringify(manifest(origin), null, 2)}\n`);
  return { file, manifestFile, apiUrl: origin, entryPoints, bytes: Buffer.byteLength(code) };
}

/** `--api-url https://…` or `--api-url=https://…` */
function flag(argv, name) {
  const i = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return undefined;
  return argv[i].includes('=') ? argv[i].slice(name.length + 1) : argv[i + 1];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const apiUrl = flag(process.argv.slice(2), '--api-url');
  const { file, entryPoints, bytes, apiUrl: origin } = await buildAddon(apiUrl ? { apiUrl } : {});
  console.log(`${file}: ${Math.round(bytes / 1024)} KB for ${origin}, entry points: ${entryPoints.join(', ')}`);
  if (!origin.startsWith('https://')) console.warn(`Warning: Apps Script fetches only https:// addresses; ${origin} works in the tests, not in Google Sheets.`);
  if (origin === DEFAULT_API_URL) console.warn(`Note: built for the placeholder ${DEFAULT_API_URL}; set CASCADE_API_URL=https://… for a real installation.`);
}
