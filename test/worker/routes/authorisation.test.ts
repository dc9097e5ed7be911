import { beforeAll, describe, expect, it } from 'vitest';
import { api, HCM_TREE, importUnits, issueToken, resetDb } from '../helpers';

/**
 * DESIGN §4 as one table: every route × every kind of caller → the status it must get.
 * The scene: Phường 15 (27163) of Quận 10 (771); Quận 5 (774) is a foreign subtree.
 * A route without a row fails the completeness test below.
 */
type Who = 'anonymous' | 'admin' | 'managerIn' | 'managerOut' | 'submitterOwn' | 'submitterOther' | 'revoked';
const WHO: Who[] = ['anonymous', 'admin', 'managerIn', 'managerOut', 'submitterOwn', 'submitterOther', 'revoked'];
type Req = { method: string; path: string; body?: unknown };
type Row = { route: string; request: () => Promise<Req> | Req; expect: Record<Who, number> };

const everyone = (status: number): Record<Who, number> =>
  Object.fromEntries(WHO.map((w) => [w, status])) as Record<Who, number>;
const authed = (s: Omit<Record<Who, number>, 'anonymous' | 'revoked'>): Record<Who, number> => ({ anonymous: 401, revoked: 401, ...s });
const allAuthed = authed({ admin: 200, managerIn: 200, managerOut: 200, submitterOwn: 200, submitterOther: 200 });
const planRead = authed({ admin: 200, managerIn: 200, managerOut: 403, submitterOwn: 200, submitterOther: 200 });
const inScopeRead = authed({ admin: 200, managerIn: 200, managerOut: 403, submitterOwn: 200, submitterOther: 403 });
/** A request that writes nothing the others can see (a download link): anyone who may read the report. */
const inScopeWrite = authed({ admin: 201, managerIn: 201, managerOut: 403, submitterOwn: 201, submitterOther: 403 });
const managerWrite = (ok: number) => authed({ admin: ok, managerIn: ok, managerOut: 403, submitterOwn: 403, submitterOther: 403 });

const q10Plan = () => ({
  number: 'KH-PAPI/Q10', title: 'Nâng cao Chỉ số PAPI', issuer: '771', issuedOn: '2020-09-01', years: [2021],
  tasks: [{ code: 'T1', title: 'Tham gia của người dân ở cấp cơ sở', assignees: { level: 'commune' } }],
  indicators: [{ code: 'HOI_NGHI', name: 'Số hội nghị tuyên truyền', kind: 'count' }],
  schedules: [{ code: 'NAM', periodType: 'year', due: { rule: 'fixedDate', month: 10, day: 15 }, appliesTo: { level: 'commune' }, reportTo: '771' }],
  criteria: [{ code: 'C1', name: 'Phối hợp tuyên truyền', maxPoints: 2 }],
});
const cityPlan = () => ({ ...q10Plan(), number: '01/KH-UBND', issuer: '79', tasks: [], schedules: [{ ...q10Plan().schedules[0], appliesTo: { level: 'district' }, reportTo: '79' }] });
const freshPlan = async (body: unknown = q10Plan(), activate = false) => {
  const res = await api('POST', '/v1/plans', { body });
  if (activate) await api('POST', `/v1/plans/${res.json.id}/activate`);
  return res.json.id as string;
};
let activePlan = '';
let activeSchedule = '';
const report = () => `/v1/reports/27163/${activeSchedule}/2021`;
const SUBMISSION = { values: [{ indicator: 'HOI_NGHI', value: 2 }], submit: true };
/** A report of Phường 15 just submitted, on a plan of its own, so each call starts from the same state. */
const freshReport = async () => {
  const plan = (await api('GET', `/v1/plans/${await freshPlan(q10Plan(), true)}`)).json;
  const path = `/v1/reports/27163/${plan.schedules[0].id}/2021`;
  await api('PUT', path, { body: SUBMISSION });
  return path;
};
const HOOK = { unit: '27163', url: 'https://hooks.example.vn/matrix', events: ['report.submitted'] };
const freshWebhook = async () => (await api('POST', '/v1/webhooks', { body: HOOK })).json.id as string;
let webhook = '';
const reviewer = authed({ admin: 200, managerIn: 200, managerOut: 403, submitterOwn: 403, submitterOther: 403 });

export const MATRIX: Row[] = [
  { route: 'GET /v1/health', request: () => ({ method: 'GET', path: '/v1/health' }), expect: everyone(200) },
  { route: 'GET /v1/openapi.json', request: () => ({ method: 'GET', path: '/v1/openapi.json' }), expect: everyone(200) },
  { route: 'GET /docs', request: () => ({ method: 'GET', path: '/docs' }), expect: everyone(200) },
  {
    route: 'POST /v1/units/import',
    request: () => ({ method: 'POST', path: '/v1/units/import', body: { units: [HCM_TREE[2]] } }),
    expect: authed({ admin: 200, managerIn: 403, managerOut: 403, submitterOwn: 403, submitterOther: 403 }),
  },
  { route: 'GET /v1/units/{code}', request: () => ({ method: 'GET', path: '/v1/units/27163' }), expect: inScopeRead },
  { route: 'GET /v1/units/{code}/history', request: () => ({ method: 'GET', path: '/v1/units/27163/history' }), expect: inScopeRead },
  {
    route: 'POST /v1/units/reorganise',
    request: () => ({ method: 'POST', path: '/v1/units/reorganise?dryRun=true', body: {
      effective: '2025-07-01', units: HCM_TREE.filter((u) => u.code !== '27166'), successions: [{ from: '27166', to: '27163', type: 'full' }],
    } }),
    expect: authed({ admin: 200, managerIn: 403, managerOut: 403, submitterOwn: 403, submitterOther: 403 }),
  },
  { route: 'GET /v1/units/{code}/children', request: () => ({ method: 'GET', path: '/v1/units/27163/children' }), expect: inScopeRead },
  { route: 'GET /v1/units/{code}/tree', request: () => ({ method: 'GET', path: '/v1/units/27163/tree' }), expect: inScopeRead },
  {
    route: 'POST /v1/tokens',
    request: () => ({ method: 'POST', path: '/v1/tokens', body: { unit: '27163', role: 'submitter', label: 'matrix' } }),
    expect: managerWrite(201),
  },
  { route: 'GET /v1/tokens', request: () => ({ method: 'GET', path: '/v1/tokens?unit=27163' }), expect: managerWrite(200) },
  {
    route: 'DELETE /v1/tokens/{id}',
    request: async () => {
      const res = await api('POST', '/v1/tokens', { body: { unit: '27163', role: 'submitter', label: 'to revoke' } });
      return { method: 'DELETE', path: `/v1/tokens/${res.json.id}` };
    },
    expect: managerWrite(200),
  },
  { route: 'POST /v1/plans', request: () => ({ method: 'POST', path: '/v1/plans', body: q10Plan() }), expect: managerWrite(201) },
  {
    route: 'POST /v1/plans/extract',
    request: () => ({ method: 'POST', path: '/v1/plans/extract?issuer=27163', body: { text: 'KẾ HOẠCH\nTuyên truyền cải cách hành chính năm 2021' } }),
    expect: managerWrite(200),
  },
  { route: 'GET /v1/plans', request: () => ({ method: 'GET', path: '/v1/plans' }), expect: allAuthed },
  { route: 'GET /v1/plans/{id}', request: () => ({ method: 'GET', path: `/v1/plans/${activePlan}` }), expect: planRead },
  { route: 'GET /v1/plans/{id}/preview', request: () => ({ method: 'GET', path: `/v1/plans/${activePlan}/preview` }), expect: planRead },
  {
    route: 'PATCH /v1/plans/{id}',
    request: async () => ({ method: 'PATCH', path: `/v1/plans/${await freshPlan()}`, body: { title: 'Kế hoạch sửa đổi' } }),
    expect: managerWrite(200),
  },
  { route: 'POST /v1/plans/{id}/activate', request: async () => ({ method: 'POST', path: `/v1/plans/${await freshPlan()}/activate` }), expect: managerWrite(200) },
  { route: 'POST /v1/plans/{id}/archive', request: async () => ({ method: 'POST', path: `/v1/plans/${await freshPlan()}/archive` }), expect: managerWrite(200) },
  {
    route: 'POST /v1/plans/{id}/derive',
    request: async () => ({ method: 'POST', path: `/v1/plans/${await freshPlan(cityPlan(), true)}/derive`, body: { issuer: '771' } }),
    expect: managerWrite(201),
  },
  { route: 'GET /v1/plans/{id}/derived', request: () => ({ method: 'GET', path: `/v1/plans/${activePlan}/derived` }), expect: planRead },
  { route: 'GET /v1/obligations', request: () => ({ method: 'GET', path: '/v1/obligations?unit=27163' }), expect: inScopeRead },
  { route: 'GET /v1/holidays/{year}', request: () => ({ method: 'GET', path: '/v1/holidays/2021' }), expect: allAuthed },
  {
    route: 'PUT /v1/holidays/{year}',
    request: () => ({ method: 'PUT', path: '/v1/holidays/2021', body: { holidays: [{ date: '2021-09-02', name: 'Quốc khánh' }] } }),
    expect: authed({ admin: 200, managerIn: 403, managerOut: 403, submitterOwn: 403, submitterOther: 403 }),
  },
  {
    route: 'PUT /v1/reports/{unit}/{scheduleId}/{period}',
    request: () => ({ method: 'PUT', path: report(), body: SUBMISSION }),
    expect: authed({ admin: 200, managerIn: 403, managerOut: 403, submitterOwn: 200, submitterOther: 403 }),
  },
  { route: 'GET /v1/reports/{unit}/{scheduleId}/{period}', request: () => ({ method: 'GET', path: report() }), expect: inScopeRead },
  { route: 'GET /v1/reports/{unit}/{scheduleId}/{period}/history', request: () => ({ method: 'GET', path: `${report()}/history` }), expect: inScopeRead },
  {
    route: 'POST /v1/reports/{unit}/{scheduleId}/{period}/return',
    request: async () => ({ method: 'POST', path: `${await freshReport()}/return`, body: { reason: 'Bổ sung số liệu' } }),
    expect: reviewer,
  },
  { route: 'POST /v1/reports/{unit}/{scheduleId}/{period}/accept', request: async () => ({ method: 'POST', path: `${await freshReport()}/accept` }), expect: reviewer },
  {
    // Allowed callers get 409: Phường 15 derived no plan to compile from.
    route: 'POST /v1/reports/{unit}/{scheduleId}/{period}/compile',
    request: () => ({ method: 'POST', path: `${report()}/compile` }),
    expect: authed({ admin: 409, managerIn: 403, managerOut: 403, submitterOwn: 409, submitterOther: 403 }),
  },
  { route: 'GET /v1/reports/{unit}/{scheduleId}/{period}/document', request: () => ({ method: 'GET', path: `${report()}/document` }), expect: inScopeRead },
  { route: 'POST /v1/reports/{unit}/{scheduleId}/{period}/document-link', request: () => ({ method: 'POST', path: `${report()}/document-link`, body: {} }), expect: inScopeWrite },
  { route: 'GET /v1/rollups', request: () => ({ method: 'GET', path: `/v1/rollups?plan=${activePlan}&period=2021&unit=27163` }), expect: inScopeRead },
  {
    route: 'PUT /v1/scores/{unit}/{planId}/{period}',
    request: () => ({ method: 'PUT', path: `/v1/scores/27163/${activePlan}/2021`, body: { criteria: [{ code: 'C1', points: 2 }] } }),
    expect: reviewer,
  },
  { route: 'GET /v1/scores', request: () => ({ method: 'GET', path: `/v1/scores?plan=${activePlan}&period=2021&unit=27163` }), expect: inScopeRead },
  { route: 'POST /v1/webhooks', request: () => ({ method: 'POST', path: '/v1/webhooks', body: HOOK }), expect: managerWrite(201) },
  { route: 'GET /v1/webhooks', request: () => ({ method: 'GET', path: '/v1/webhooks?unit=27163' }), expect: managerWrite(200) },
  { route: 'GET /v1/webhooks/{id}', request: () => ({ method: 'GET', path: `/v1/webhooks/${webhook}` }), expect: managerWrite(200) },
  { route: 'PATCH /v1/webhooks/{id}', request: () => ({ method: 'PATCH', path: `/v1/webhooks/${webhook}`, body: { format: 'text' } }), expect: managerWrite(200) },
  { route: 'DELETE /v1/webhooks/{id}', request: async () => ({ method: 'DELETE', path: `/v1/webhooks/${await freshWebhook()}` }), expect: managerWrite(200) },
  { route: 'POST /v1/webhooks/{id}/rotate-secret', request: () => ({ method: 'POST', path: `/v1/webhooks/${webhook}/rotate-secret` }), expect: managerWrite(200) },
  { route: 'POST /v1/webhooks/{id}/ping', request: () => ({ method: 'POST', path: `/v1/webhooks/${webhook}/ping` }), expect: managerWrite(202) },
  { route: 'GET /v1/webhooks/{id}/deliveries', request: () => ({ method: 'GET', path: `/v1/webhooks/${webhook}/deliveries` }), expect: managerWrite(200) },
  {
    route: 'POST /v1/webhooks/{id}/deliveries/{deliveryId}/redeliver',
    request: async () => {
      const id = await freshWebhook();
      const ping = await api('POST', `/v1/webhooks/${id}/ping`);
      return { method: 'POST', path: `/v1/webhooks/${id}/deliveries/${ping.json.items[0].id}/redeliver` };
    },
    expect: managerWrite(202),
  },
  { route: 'GET /app', request: () => ({ method: 'GET', path: '/app' }), expect: everyone(200) },
  ...(['matrix', 'indicators', 'scores'] as const).map((view) => ({
    route: `GET /v1/dashboard/${view}`,
    request: () => ({ method: 'GET', path: `/v1/dashboard/${view}?plan=${activePlan}&unit=27163` }),
    expect: inScopeRead,
  })),
  { route: 'GET /v1/dashboard/calendar', request: () => ({ method: 'GET', path: '/v1/dashboard/calendar?unit=27163' }), expect: inScopeRead },
  {
    route: 'GET /v1/dashboard/report',
    request: () => ({ method: 'GET', path: `/v1/dashboard/report?unit=27163&schedule=${activeSchedule}&period=2021` }),
    expect: inScopeRead,
  },
  // The web app's header and the ward's list: about the caller's own unit, so every signed-in caller gets its own.
  ...(['session', 'plans', 'owed'] as const).map((view) => ({ route: `GET /v1/dashboard/${view}`, request: () => ({ method: 'GET', path: `/v1/dashboard/${view}` }), expect: allAuthed })),
  { route: 'GET /v1/dashboard/preview', request: () => ({ method: 'GET', path: `/v1/dashboard/preview?plan=${activePlan}` }), expect: planRead },
  // Tokens and reminders are a manager's work: a submitter sees neither, a manager only its own subtree's.
  ...(['units', 'reminders'] as const).map((view) => ({ route: `GET /v1/dashboard/${view}`, request: () => ({ method: 'GET', path: `/v1/dashboard/${view}?unit=27163` }), expect: managerWrite(200) })),
  {
    route: 'GET /v1/dashboard/form',
    request: () => ({ method: 'GET', path: `/v1/dashboard/form?unit=27163&schedule=${activeSchedule}&period=2021` }),
    expect: inScopeRead,
  },
];

const tokens = {} as Record<Who, string | null>;

beforeAll(async () => {
  await resetDb();
  await importUnits(HCM_TREE);
  const revoked = await api('POST', '/v1/tokens', { body: { unit: '771', role: 'manager', label: 'revoked' } });
  await api('DELETE', `/v1/tokens/${revoked.json.id}`);
  activePlan = await freshPlan(q10Plan(), true);
  activeSchedule = (await api('GET', `/v1/plans/${activePlan}`)).json.schedules[0].id;
  webhook = await freshWebhook();
  await api('PUT', report(), { body: SUBMISSION });
  Object.assign(tokens, {
    anonymous: null,
    admin: undefined,
    managerIn: await issueToken('771', 'manager'),
    managerOut: await issueToken('774', 'manager'),
    submitterOwn: await issueToken('27163', 'submitter'),
    submitterOther: await issueToken('27166', 'submitter'),
    revoked: revoked.json.token,
  });
});

describe('authorisation matrix (DESIGN §4)', () => {
  for (const row of MATRIX) {
    for (const who of WHO) {
      it(`${row.route} as ${who} → ${row.expect[who]}`, async () => {
        const req = await row.request();
        const res = await api(req.method, req.path, { token: tokens[who] ?? (who === 'admin' ? undefined : null), body: req.body });
        expect(res.status, res.text).toBe(row.expect[who]);
        if (res.status >= 400) expect(res.headers.get('content-type')).toContain('application/problem+json');
        if (res.status === 200 && (row.route.includes('dashboard') || row.route === 'GET /app' || row.route === 'GET /docs')) expect(res.headers.get('content-type')).toContain('text/html');
      });
    }
  }

  it('every status in the table is one the route declares in the OpenAPI document', async () => {
    const doc = (await api('GET', '/v1/openapi.json')).json;
    const undeclared = MATRIX.flatMap((row) => {
      const [method, path] = row.route.split(' ') as [string, string];
      const declared = Object.keys(doc.paths[path]?.[method.toLowerCase()]?.responses ?? {});
      return [...new Set(Object.values(row.expect))].filter((s) => !declared.includes(String(s))).map((s) => `${row.route} ${s}`);
    });
    expect(undeclared).toEqual([]);
  });

  it('has a row for every route the API documents', async () => {
    const doc = (await api('GET', '/v1/openapi.json')).json;
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(MATRIX.map((r) => r.route).sort()).toEqual(documented.sort());
  });
});
