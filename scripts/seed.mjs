// Loads the demo data (units and the five plans of the seeds) into a running Cascade through its
// public API, idempotently: units are upserted, demo tokens are reused while they still work.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const DEMO_TOKENS = join(root, '.wrangler', 'demo-tokens.json');

async function call(base, token, method, path, body, contentType = 'application/json') {
  const res = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': contentType } : {}) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
  return json;
}

/** Demo tokens people can try at once; kept in .wrangler/ (git-ignored) and reissued if revoked. */
const DEMO_TOKEN_SPECS = [
  { key: 'q10Manager', unit: '771', role: 'manager', label: 'Demo: cán bộ Phòng Nội vụ Quận 10' },
  { key: 'p15Submitter', unit: '27163', role: 'submitter', label: 'Demo: cán bộ Phường 15, Quận 10' },
];

async function demoTokens(base, admin) {
  const saved = existsSync(DEMO_TOKENS) ? JSON.parse(readFileSync(DEMO_TOKENS, 'utf8')) : {};
  const out = {};
  for (const spec of DEMO_TOKEN_SPECS) {
    const known = saved[spec.key];
    if (known) {
      const probe = await fetch(`${base}/v1/units/${spec.unit}`, { headers: { authorization: `Bearer ${known}` } });
      if (probe.ok) {
        out[spec.key] = known;
        continue;
      }
    }
    out[spec.key] = (await call(base, admin, 'POST', '/v1/tokens', { unit: spec.unit, role: spec.role, label: spec.label })).token;
  }
  mkdirSync(dirname(DEMO_TOKENS), { recursive: true });
  writeFileSync(DEMO_TOKENS, JSON.stringify(out, null, 2));
  return out;
}

/** The five seed plans, created and activated once: a plan already there (same issuer and number) is left alone. */
async function demoPlans(base, admin) {
  const plans = JSON.parse(readFileSync(join(root, 'worker', 'demo', 'plans.json'), 'utf8'));
  const ids = {};
  let obligations = 0;
  for (const { key, basis, ...plan } of plans) {
    const listed = await call(base, admin, 'GET', `/v1/plans?issuer=${encodeURIComponent(plan.issuer)}&limit=1000`);
    let found = listed.items.find((p) => p.number === plan.number && p.status !== 'archived');
    if (!found) found = await call(base, admin, 'POST', '/v1/plans', { ...plan, basis: basis ? ids[basis.key] : null });
    ids[key] = found.id;
    obligations += (await call(base, admin, 'POST', `/v1/plans/${found.id}/activate`)).obligations;
  }
  return { count: plans.length, obligations, ids };
}

export async function seedDemo(base, admin) {
  const csv = readFileSync(join(root, 'worker', 'demo', 'units.csv'), 'utf8');
  const units = await call(base, admin, 'POST', '/v1/units/import', csv, 'text/csv');
  const plans = await demoPlans(base, admin);
  const tokens = await demoTokens(base, admin);
  return { units, plans, tokens };
}
