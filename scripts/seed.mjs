// Loads the demo data (units and the five plans of the seeds) into a running Cascade through its
// public API, idempotently: units are upserted, demo tokens are reused while they still work.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const DEMO_TOKENS = join(root, '.wrangler', 'demo-tokens.json');

/** One JSON API call that fails loudly (seeding, and the end-to-end tests, must not go wrong silently). */
export async function call(base, token, method, path, body, contentType = 'application/json') {
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

/**
 * The seed plans are from 2020–2021, so today all their reports are overdue. This current-year plan of Quận 10
 * (seed 002's PAPI indicators, quarterly) gives the dashboard something live: a few wards have reported
 * (late for past quarters, on time for the current one), the rest are overdue or not yet due. Idempotent: the
 * plan is found by its number, reports already submitted are skipped, and each is sent with an Idempotency-Key.
 */
async function currentYearDemo(base, admin) {
  const year = new Date().getFullYear();
  const number = `KH-PAPI/Q10/${year}`;
  const listed = await call(base, admin, 'GET', `/v1/plans?issuer=771&limit=1000`);
  let plan = listed.items.find((p) => p.number === number && p.status !== 'archived');
  if (!plan) {
    plan = await call(base, admin, 'POST', '/v1/plans', {
      number, title: `Nâng cao Chỉ số PAPI trên địa bàn Quận 10 năm ${year} (bản trình diễn)`, issuer: '771', issuedOn: `${year}-01-05`, years: [year],
      tasks: [{ code: 'T1', title: 'Tham gia của người dân ở cấp cơ sở', assignees: { level: 'commune' } }],
      indicators: [
        { code: 'TTHC_DUNG_HAN', name: 'Tỷ lệ hồ sơ TTHC giải quyết đúng hạn', kind: 'percent', target: { op: '>', value: 95 } },
        { code: 'HOI_NGHI', name: 'Số hội nghị tuyên truyền', kind: 'count', unit: 'hội nghị' },
      ],
      schedules: [{ code: 'QUY', name: 'Báo cáo quý', periodType: 'quarter', due: { rule: 'dayOfLastMonth', day: 15 },
        appliesTo: { level: 'commune' }, reportTo: '771', via: '771-NV', reminders: { before: [7, 1], after: [1, 7] } }],
    });
  }
  await call(base, admin, 'POST', `/v1/plans/${plan.id}/activate`);
  const full = await call(base, admin, 'GET', `/v1/plans/${plan.id}`);
  const schedule = full.schedules[0].id;
  const wards = ['27163', '27166', '27169', '27172', '27178'];
  // Reports already in (from an earlier start, however long ago) are left as they are.
  const owed = await call(base, admin, 'GET', `/v1/obligations?plan=${plan.id}&unit=771&limit=1000`);
  const sent = new Set(owed.items.filter((o) => o.submittedAt).map((o) => `${o.unit}/${o.period}`));
  const quarter = Math.floor(new Date().getMonth() / 3) + 1;
  for (let q = 1; q <= quarter; q++) {
    for (const [i, unit] of wards.entries()) {
      if ((i + q) % 3 === 0 || sent.has(`${unit}/${year}Q${q}`)) continue; // some wards have not reported
      const values = [{ indicator: 'TTHC_DUNG_HAN', numerator: 90 + ((i * 3 + q) % 11), denominator: 100 }, { indicator: 'HOI_NGHI', value: 1 + ((i + q) % 4) }];
      const res = await fetch(`${base}/v1/reports/${unit}/${schedule}/${year}Q${q}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json', 'idempotency-key': `demo-${unit}-${year}Q${q}` },
        body: JSON.stringify({ values, submit: true }),
      });
      if (!res.ok && res.status !== 409) throw new Error(`demo report ${unit} ${year}Q${q}: ${res.status} ${await res.text()}`);
    }
  }
  return plan;
}

export async function seedDemo(base, admin) {
  const csv = readFileSync(join(root, 'worker', 'demo', 'units.csv'), 'utf8');
  const units = await call(base, admin, 'POST', '/v1/units/import', csv, 'text/csv');
  const plans = await demoPlans(base, admin);
  const current = await currentYearDemo(base, admin);
  const tokens = await demoTokens(base, admin);
  return { units, plans, current, tokens };
}
