// Loads the demo into a running Cascade through its public API, idempotently: the 2020–2025 hierarchy of the five
// seed plans (which stay as history), the reform of 1 July 2025 applied to it from the real files, and a live plan
// of UBND Thành phố Hồ Chí Minh run on the two-level map, with reports from both sides of the reform.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { csvRows } from './vn.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const DEMO_TOKENS = join(root, '.wrangler', 'demo-tokens.json');

/** One JSON API call that fails loudly (seeding, and the end-to-end tests, must not go wrong silently). */
export async function call(base, token, method, path, body, contentType = 'application/json') {
  const res = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'accept-language': 'vi', ...(body ? { 'content-type': contentType } : {}) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
  return json;
}

/** The rows of a CSV file in the repository (the demo's and data/vn's). */
const csv = (file) => csvRows(readFileSync(file, 'utf8'));

const EFFECTIVE = '2025-07-01';

/**
 * The 2025 reform as it touched the demo's units, from the real files (data/vn): the new communes the demo's
 * communes went into, with their provinces; the provinces that continue keep their offices (79-SNV); provinces
 * merged into another pass on to it.
 */
export function demoReform() {
  const demo = csv(join(root, 'worker', 'demo', 'units.csv'));
  const july = new Map(csv(join(root, 'data', 'vn', 'vn-units-2025-07-01.csv')).map((u) => [u.code, u]));
  const byCode = new Map(demo.map((u) => [u.code, u]));
  const provinceOf = (code) => {
    let u = byCode.get(code);
    while (u?.parent) u = byCode.get(u.parent);
    return u?.code;
  };
  const communes = new Set(demo.filter((u) => u.level === 'commune').map((u) => u.code));
  const mapping = csv(join(root, 'data', 'vn', 'vn-communes-merged-2025-07-01.csv')).filter((m) => communes.has(m.old_code));
  const newCommunes = [...new Set(mapping.map((m) => m.new_code))].map((code) => july.get(code));
  const provinces = [...new Set(newCommunes.map((c) => c.parent))].map((code) => july.get(code));
  const offices = demo.filter((u) => u.level === 'department' && provinces.some((p) => p.code === u.parent));
  const provinceMoves = new Map();
  for (const m of mapping) {
    const from = provinceOf(m.old_code);
    const to = july.get(m.new_code).parent;
    if (from !== to && !provinces.some((p) => p.code === from)) provinceMoves.set(from, to);
  }
  return {
    effective: EFFECTIVE,
    units: [...provinces, ...offices, ...newCommunes].map(({ code, name, level, parent }) => ({ code, name, level, parent: parent || null })),
    successions: [
      ...mapping.map((m) => ({ from: m.old_code, to: m.new_code, type: m.type })),
      ...[...provinceMoves].map(([from, to]) => ({ from, to, type: 'full' })),
    ],
  };
}

/** Demo tokens people can try at once; kept in .wrangler/ (git-ignored) and reissued if revoked. */
const DEMO_TOKEN_SPECS = [
  { key: 'hcmManager', unit: '79', role: 'manager', label: 'Demo: cán bộ Sở Nội vụ TP.HCM' },
  { key: 'hoaHungSubmitter', unit: '27163', role: 'submitter', label: 'Demo: cán bộ Phường Hòa Hưng' },
  { key: 'q10Manager', unit: '771', role: 'manager', label: 'Demo: cán bộ Phòng Nội vụ Quận 10 (đến 30/6/2025)', closedByReform: true },
];

async function demoTokens(base, admin, keys, file) {
  const saved = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const out = {};
  for (const { key, closedByReform, ...spec } of DEMO_TOKEN_SPECS.filter((s) => keys.includes(s.key))) {
    const known = saved[key];
    if (known) {
      const probe = await fetch(`${base}/v1/units/${spec.unit}`, { headers: { authorization: `Bearer ${known}` } });
      if (probe.ok) {
        out[key] = known;
        continue;
      }
    }
    // A token for a unit the reform closed is issued before the reform (afterwards no new one is): see seedDemo.
    const issued = await fetch(`${base}/v1/tokens`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify(spec) });
    if (!issued.ok && closedByReform) continue; // its unit is closed now and its old token is gone: nothing to offer
    if (!issued.ok) throw new Error(`POST /v1/tokens (${key}) → ${issued.status}: ${await issued.text()}`);
    out[key] = (await issued.json()).token;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ ...saved, ...out }, null, 2));
  return out;
}

/** The five seed plans, created and activated once: a plan already there (same issuer and number) is left alone. */
async function demoPlans(base, admin) {
  const plans = JSON.parse(readFileSync(join(root, 'worker', 'demo', 'plans.json'), 'utf8'));
  const ids = {};
  let obligations = 0;
  for (const { key, basis, ...plan } of plans) {
    const listed = await call(base, admin, 'GET', `/v1/plans?issuer=${encodeURIComponent(plan.issuer)}&limit=1000`);
    let found = listed.items.find((p) => p.number === plan.number);
    if (!found) found = await call(base, admin, 'POST', '/v1/plans', { ...plan, basis: basis ? ids[basis.key] : null });
    ids[key] = found.id;
    if (found.status === 'draft' || !found.status) obligations += (await call(base, admin, 'POST', `/v1/plans/${found.id}/activate`)).obligations;
  }
  return { count: plans.length, obligations, ids };
}

const LIVE = {
  number: 'KH-CCHC/TPHCM-2025', title: 'Cải cách hành chính trên địa bàn Thành phố Hồ Chí Minh năm 2025–2026 (bản trình diễn)',
  issuer: '79', issuedOn: '2025-01-06', years: [2025, 2026],
  tasks: [{ code: 'T1', title: 'Giải quyết thủ tục hành chính đúng hạn, công khai', assignees: { level: 'commune' } }],
  indicators: [
    { code: 'TTHC_DUNG_HAN', name: 'Tỷ lệ hồ sơ TTHC giải quyết đúng hạn', kind: 'percent', unit: 'hồ sơ', target: { op: '>', value: 95 } },
    { code: 'HOI_NGHI', name: 'Số hội nghị tuyên truyền cải cách hành chính', kind: 'count', unit: 'hội nghị' },
    { code: 'DVC_TRUC_TUYEN', name: 'Tỷ lệ hồ sơ nộp trực tuyến', kind: 'percent', unit: 'hồ sơ', target: { op: '>=', value: 30 } },
  ],
  // "Chậm nhất ngày 20 của tháng cuối quý": 2025Q2 was due 20 June, before the reform.
  schedules: [{ code: 'QUY', name: 'Báo cáo quý', periodType: 'quarter', due: { rule: 'dayOfLastMonth', day: 20, before: false },
    appliesTo: { level: 'commune' }, reportTo: '79', via: '79-SNV', reminders: { before: [7, 1], after: [1, 7] } }],
};

const QUARTERS = ['2025Q1', '2025Q2', '2025Q3', '2025Q4', '2026Q1', '2026Q2', '2026Q3'];

/** A unit's figures for a quarter, the same on every run: a spread around the target, the odd quarter not applicable. */
function figures(unit, period) {
  const k = (Number(unit) % 17) + QUARTERS.indexOf(period) * 3;
  const files = 120 + (k % 40);
  return [
    { indicator: 'TTHC_DUNG_HAN', numerator: files - (k % 9), denominator: files },
    { indicator: 'HOI_NGHI', value: 1 + (k % 4) },
    k % 7 === 0 ? { indicator: 'DVC_TRUC_TUYEN', na: true, note: 'Chưa triển khai dịch vụ công trực tuyến toàn trình trong quý' }
      : { indicator: 'DVC_TRUC_TUYEN', numerator: 20 + (k % 25), denominator: 100 },
  ];
}

async function report(base, admin, unit, schedule, period) {
  const res = await fetch(`${base}/v1/reports/${unit}/${schedule}/${period}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json', 'idempotency-key': `demo-${unit}-${period}` },
    body: JSON.stringify({ values: figures(unit, period), submit: true }),
  });
  if (!res.ok && res.status !== 409) throw new Error(`demo report ${unit} ${period}: ${res.status} ${await res.text()}`);
}

/** Which units have reported a period already (from an earlier start, however long ago): they are left as they are. */
async function reported(base, admin, planId) {
  const owed = await call(base, admin, 'GET', `/v1/obligations?plan=${planId}&limit=1000`);
  return new Set(owed.items.filter((o) => o.submittedAt).map((o) => `${o.unit}/${o.period}`));
}

/**
 * The live plan, both worlds: activated on the old map, the old wards report 2025Q1–Q2 (some late, as the demo runs
 * long after), the reform applies, and the new wards report 2025Q3 on (a ward or quarter missing here and there);
 * 2026Q4 is still open. Phường Hòa Hưng's 2026Q2 then compares with the 2025Q2 of Phường 15, 13, 12 and part of 14.
 */
async function livePlan(base, admin, reformed) {
  const listed = await call(base, admin, 'GET', '/v1/plans?issuer=79&limit=1000');
  let plan = listed.items.find((p) => p.number === LIVE.number);
  if (!plan) plan = await call(base, admin, 'POST', '/v1/plans', LIVE);
  if (plan.status === 'draft') await call(base, admin, 'POST', `/v1/plans/${plan.id}/activate`);
  const full = await call(base, admin, 'GET', `/v1/plans/${plan.id}`);
  const schedule = full.schedules[0].id;
  const done = await reported(base, admin, plan.id);
  if (!reformed) {
    const old = csv(join(root, 'worker', 'demo', 'units.csv')).filter((u) => u.level === 'commune' && ['771', '774', '769'].includes(u.parent));
    for (const [i, u] of old.entries()) {
      for (const period of ['2025Q1', '2025Q2']) if ((i + period.length) % 5 !== 0 && !done.has(`${u.code}/${period}`)) await report(base, admin, u.code, schedule, period);
    }
  }
  return { plan: full, schedule };
}

async function newWardReports(base, admin, live) {
  const done = await reported(base, admin, live.plan.id);
  const wards = ['27163', '27169', '27190', '27301', '27316', '27343', '26860'];
  for (const [i, unit] of wards.entries()) {
    for (const [q, period] of QUARTERS.slice(2).entries()) if ((i + q) % 4 !== 3 && !done.has(`${unit}/${period}`)) await report(base, admin, unit, live.schedule, period);
  }
}

/** `tokensFile`: where the demo tokens are kept between starts (default .wrangler/demo-tokens.json). */
export async function seedDemo(base, admin, { tokensFile = DEMO_TOKENS } = {}) {
  const q10 = await fetch(`${base}/v1/units/771`, { headers: { authorization: `Bearer ${admin}` } });
  const reformed = q10.ok && (await q10.json()).validTo !== null;
  let units = { total: 0, created: 0, updated: 0 };
  // The old map is loaded only until the reform has been applied: importing it again would undo the reform's moves.
  if (!reformed) units = await call(base, admin, 'POST', '/v1/units/import', readFileSync(join(root, 'worker', 'demo', 'units.csv'), 'utf8'), 'text/csv');
  const plans = await demoPlans(base, admin);
  const live = await livePlan(base, admin, reformed);
  // Quận 10's token is issued while Quận 10 still exists (a closed unit gets no new token); the others after the reform.
  const before = reformed ? {} : await demoTokens(base, admin, ['q10Manager'], tokensFile);
  const reform = reformed ? null : await call(base, admin, 'POST', '/v1/units/reorganise', demoReform());
  const tokens = { ...before, ...(await demoTokens(base, admin, DEMO_TOKEN_SPECS.map((s) => s.key).filter((k) => !(k in before)), tokensFile)) };
  await newWardReports(base, admin, live);
  return { units, plans, live: live.plan, reform, tokens };
}
