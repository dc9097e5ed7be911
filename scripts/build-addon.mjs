// Bundles the add-on (addon/src, TypeScript) into addon/build/Code.js for Apps Script's V8 runtime: one file, no
// module syntax, and every export of addon/src/index.ts a top-level function the manifest, the menu and
// google.script.run can call. The manifest is copied beside it; clasp pushes addon/build.
import { build } from 'esbuild';
import { runInNewContext } from 'node:vm';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'addon', 'build');

export async function buildAddon() {
  const result = await build({
    entryPoints: [join(root, 'addon', 'src', 'index.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'CascadeAddon',
    platform: 'browser',
    target: 'es2020',
    loader: { '.html': 'text' },
    write: false,
    legalComments: 'none',
    minifyWhitespace: true,
    minifySyntax: true,
  });
  const bundle = result.outputFiles[0].text;
  // The entry points are whatever addon/src/index.ts exports (the bundle defines them and calls nothing at load).
  const entryPoints = Object.keys(runInNewContext(`${bundle}; CascadeAddon`, {}));
  const stubs = entryPoints.map((name) => `function ${name}() {\n  return CascadeAddon.${name}.apply(this, arguments);\n}`).join('\n');
  const code = `// Built from addon/src by scripts/build-addon.mjs — do not edit.\n${bundle}\n${stubs}\n`;
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'Code.js'), code);
  copyFileSync(join(root, 'addon', 'appsscript.json'), join(out, 'appsscript.json'));
  return { file: join(out, 'Code.js'), entryPoints, bytes: code.length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { file, entryPoints, bytes } = await buildAddon();
  console.log(`${file}: ${Math.round(bytes / 1024)} KB, entry points: ${entryPoints.join(', ')}`);
}
