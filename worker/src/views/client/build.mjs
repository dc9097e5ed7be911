// Bundles the web app's client script (views/client/*.mts, with schemas/labels.ts and schemas/report-check.ts, so the
// page words numbers, dates and deadlines with the very functions the server uses) into one minified script, written
// as the string CLIENT_SCRIPT in views/client.ts, which the page inlines. Run after changing the client:
//   node worker/src/views/client/build.mjs
// test/browser/client-bundle.test.ts fails when views/client.ts is not what this script makes.
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const OUTPUT = join(here, '..', 'client.ts');

export async function buildClient() {
  const result = await build({
    entryPoints: [join(here, 'main.mts')],
    bundle: true, format: 'iife', platform: 'browser', target: 'es2020', charset: 'utf8',
    minify: true, legalComments: 'none', write: false, logLevel: 'silent',
  });
  const js = result.outputFiles[0].text.trim();
  if (/<\/script/i.test(js)) throw new Error('the client script must not contain "</script" (it is inlined into the page)');
  return js;
}

export function clientModule(js) {
  return `// Built from views/client/*.mts by views/client/build.mjs — do not edit; run \`node worker/src/views/client/build.mjs\`.\n`
    + `/** The web app's only client script, inlined into /app. */\nexport const CLIENT_SCRIPT = ${JSON.stringify(js)};\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const js = await buildClient();
  writeFileSync(OUTPUT, clientModule(js));
  console.log(`views/client.ts: ${js.length} bytes of script`);
}
