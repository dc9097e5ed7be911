import { api, HCM_TREE, importUnits, resetDb } from '../helpers';

/**
 * Every write route with a request it accepts in one scene — Quận 10's PAPI plan (seed 002), cut down to Phường 15
 * and Phường 13 — as the starting point the hardening tests break. They fail for a write route the OpenAPI document
 * lists and this table lacks.
 */
export type Refusal = { path: string; body?: unknown; headers?: Record<string, string> };
export type WriteRoute = {
  /** path parameters under which `body` (or no body) is accepted */
  params: () => Record<string, string>;
  body?: () => unknown;
  /** keys whose values name stored things (units, indicators, tasks…): a name that exists nowhere is refused */
  refs?: string[];
  /** well-formed requests refused for what is stored: a state, or a rule the schema cannot express */
  refusals?: () => Refusal[];
};

export const scene = { plan: '', schedule: '', halfSchedule: '', draft: '', archived: '', token: '', webhook: '', delivery: '', retired: '', retiredDelivery: '' };

const papiPlan = () => ({
  number: 'KH-PAPI/Q10', title: 'Nâng cao Chỉ số PAPI trên địa bàn Quận 10', issuer: '771', issuedOn: '2020-09-01', years: [2021],
  tasks: [
    { code: 'T1', title: 'Tham gia của người dân ở cấp cơ sở', assignees: { level: 'commune' } },
    { code: 'T2', title: 'Công khai, minh bạch', description: 'Niêm yết thủ tục hành chính tại trụ sở', assignees: { units: ['27163', '27166'] } },
  ],
  indicators: [
    { code: 'TTHC_DUNG_HAN', name: 'Tỷ lệ hồ sơ TTHC giải quyết đúng hạn', kind: 'percent', unit: 'hồ sơ', target: { op: '>', value: 95 } },
    { code: 'HOI_NGHI', name: 'Số hội nghị tuyên truyền', kind: 'count', unit: 'hội nghị', target: { op: '>=', value: 2 }, required: true },
    { code: 'TIEP_NHAN', name: 'Số hồ sơ tiếp nhận', kind: 'count' },
    { code: 'DA_GIAI_QUYET', name: 'Số hồ sơ đã giải quyết', kind: 'count' },
  ],
  schedules: [
    { code: '6T', name: 'Báo cáo 6 tháng', periodType: 'half', only: ['S1'], due: { rule: 'fixedDate', month: 5, day: 15 },
      appliesTo: { level: 'commune' }, reportTo: '771', via: '771-NV', reminders: { before: [7, 1], after: [1, 7] } },
    { code: 'NAM', name: 'Báo cáo năm', periodType: 'year', due: { rule: 'fixedDate', month: 10, day: 15, before: false },
      shiftToWorkingDay: true, dataWindow: 'decree09', appliesTo: { units: ['27163', '27166'] }, reportTo: ['771'] },
  ],
  criteria: [{ code: 'C1', name: 'Phối hợp tuyên truyền', maxPoints: 2 }],
  validationRules: [{ left: 'DA_GIAI_QUYET', op: '<=', right: 'TIEP_NHAN', message: 'Số hồ sơ đã giải quyết không vượt số tiếp nhận' }],
});
const planPatch = () => {
  const { issuer: _, ...rest } = papiPlan();
  return { ...rest, number: 'DU-THAO/Q10', title: 'Dự thảo: nâng cao Chỉ số PAPI' };
};
const PLAN_REFS = ['reportTo', 'via', 'level', 'units', 'left', 'right'];

const papiReport = () => ({
  values: [
    { indicator: 'TTHC_DUNG_HAN', numerator: 97, denominator: 100, note: 'Số liệu đến 14/12' },
    { indicator: 'HOI_NGHI', value: 3 },
    { indicator: 'TIEP_NHAN', value: 120 },
    { indicator: 'DA_GIAI_QUYET', value: 118 },
  ],
  tasks: [{ task: 'T1', status: 'done', result: 'Đã tổ chức 3 hội nghị', difficulties: null, proposals: 'Bổ sung kinh phí tuyên truyền' }],
  submit: true,
});
const withValue = (indicator: string, entry: Record<string, unknown>) => {
  const r = papiReport();
  return { ...r, values: r.values.map((v) => (v.indicator === indicator ? { indicator, ...entry } : v)) };
};
const report = (unit = '27163', scheduleId = scene.schedule, period = '2021') => ({ unit, scheduleId, period });
const reportPath = ({ unit, scheduleId, period }: ReturnType<typeof report>, action = '') => `/v1/reports/${unit}/${scheduleId}/${period}${action}`;
const HOOK = { unit: '771', url: 'https://hooks.example.vn/q10', events: ['report.submitted', 'obligation.overdue'], format: 'text', delivery: 'each' };

export const WRITE_ROUTES: Record<string, WriteRoute> = {
  'POST /v1/units/import': {
    params: () => ({}),
    body: () => ({ units: [{ code: '27169', name: 'Phường 14', level: 'commune', parent: '771' }] }),
    refs: ['parent'],
    refusals: () => [
      { path: '/v1/units/import?dryRun=co', body: { units: [{ code: '27169', name: 'Phường 14', level: 'commune', parent: '771' }] } },
      { path: '/v1/units/import', body: { units: [
        { code: '27170', name: 'Phường 12', level: 'commune', parent: '27171' }, { code: '27171', name: 'Phường 11', level: 'commune', parent: '27170' }] } },
      { path: '/v1/units/import', body: { units: [{ code: '771', name: 'Quận 10', level: 'district', parent: '27163' }] } }, // under its own ward
    ],
  },
  'POST /v1/units/reorganise': {
    // Phường 13 merges into Phường 15 (the 2025 reform in small); dryRun, so the scene stays as it is.
    params: () => ({ '?': 'dryRun=true' }),
    body: () => ({
      effective: '2025-07-01',
      units: HCM_TREE.filter((u) => u.code !== '27166').map((u) => ({ ...u, parent: u.parent ?? null })),
      successions: [{ from: '27166', to: '27163', type: 'full' }],
    }),
    refs: ['parent', 'from', 'to'],
    refusals: () => [
      { path: '/v1/units/reorganise?dryRun=co', body: { effective: '2025-07-01', units: HCM_TREE, successions: [] } },
      { path: '/v1/units/reorganise?dryRun=true', body: { effective: '2025-07-01', units: HCM_TREE, successions: [{ from: '27166', to: '27325', type: 'partial' }, { from: '27166', to: '27325', type: 'partial' }] } },
      { path: '/v1/units/reorganise?dryRun=true', body: { effective: '2025-02-30', units: HCM_TREE, successions: [] } },
    ],
  },
  'POST /v1/tokens': {
    params: () => ({}),
    body: () => ({ unit: '27163', role: 'submitter', label: 'Cán bộ văn phòng Phường 15', expiresAt: '2099-12-31T17:00:00Z' }),
    refs: ['unit'],
    refusals: () => [{ path: '/v1/tokens', body: { unit: '27163', role: 'submitter', label: 'Đã hết hạn', expiresAt: '2020-01-01T00:00:00Z' } }],
  },
  'DELETE /v1/tokens/{id}': { params: () => ({ id: scene.token }) },
  'POST /v1/plans': {
    params: () => ({}),
    body: papiPlan,
    refs: ['issuer', ...PLAN_REFS],
    refusals: () => [
      { path: '/v1/plans', body: { ...papiPlan(), indicators: [{ code: 'TY_LE', name: 'Tỷ lệ', kind: 'percent', target: { op: '>', value: 120 } }] } },
      { path: '/v1/plans', body: { ...papiPlan(), years: [2021, 2021] } },
    ],
  },
  'POST /v1/plans/extract': {
    params: () => ({ '?': 'issuer=771' }),
    body: () => ({ text: 'KẾ HOẠCH\nNâng cao Chỉ số PAPI trên địa bàn Quận 10 năm 2021\nBáo cáo 6 tháng gửi về Ủy ban nhân dân quận trước ngày 15 tháng 5.' }),
  },
  'PATCH /v1/plans/{id}': {
    params: () => ({ id: scene.draft }),
    body: planPatch,
    refs: PLAN_REFS,
    refusals: () => [
      { path: `/v1/plans/${scene.plan}`, body: { title: 'Đã ban hành' } }, // only a draft changes
      { path: `/v1/plans/${scene.draft}`, body: { title: 'Bản cũ' }, headers: { 'if-match': '7' } },
    ],
  },
  'POST /v1/plans/{id}/activate': { params: () => ({ id: scene.draft }), refusals: () => [{ path: `/v1/plans/${scene.archived}/activate` }] },
  'POST /v1/plans/{id}/archive': { params: () => ({ id: scene.draft }) },
  'POST /v1/plans/{id}/derive': {
    params: () => ({ id: scene.plan }),
    body: () => ({ issuer: '27163' }),
    refs: ['issuer'],
    refusals: () => [
      { path: `/v1/plans/${scene.draft}/derive`, body: { issuer: '27163' } }, // only an active plan cascades
      { path: `/v1/plans/${scene.plan}/derive`, body: { issuer: '27325' } }, // Phường 1 of Quận 5: the plan does not reach it
    ],
  },
  'PUT /v1/holidays/{year}': {
    params: () => ({ year: '2021' }),
    body: () => ({ holidays: [{ date: '2021-04-30', name: 'Ngày Giải phóng miền Nam' }, { date: '2021-09-02', name: 'Quốc khánh' }] }),
    refusals: () => [{ path: '/v1/holidays/2021', body: { holidays: [{ date: '2022-01-01', name: 'Tết Dương lịch' }] } }],
  },
  'PUT /v1/reports/{unit}/{scheduleId}/{period}': {
    params: report,
    body: papiReport,
    refs: ['indicator', 'task'],
    refusals: (): Refusal[] => [
      { path: reportPath(report()), body: papiReport(), headers: { 'if-match': '7' } },
      { path: reportPath(report()), body: { ...papiReport(), submit: false }, headers: { 'idempotency-key': 'bao-cao-nam-27163' } }, // key used with another body
      { path: reportPath(report('27166')), body: papiReport() }, // accepted: locked until returned
      { path: reportPath(report()), body: withValue('HOI_NGHI', { value: -1 }) },
      { path: reportPath(report()), body: withValue('HOI_NGHI', { value: 'ba' }) },
      { path: reportPath(report()), body: withValue('TTHC_DUNG_HAN', { numerator: 101, denominator: 100 }) },
      { path: reportPath(report()), body: withValue('TTHC_DUNG_HAN', { value: 97 }) }, // a percent takes numerator and denominator
      { path: reportPath(report()), body: withValue('DA_GIAI_QUYET', { value: 130 }) }, // breaks the plan's validation rule
      { path: reportPath(report()), body: { values: [], submit: true } }, // HOI_NGHI is required to submit
    ],
  },
  'POST /v1/reports/{unit}/{scheduleId}/{period}/return': {
    params: report,
    body: () => ({ reason: 'Bổ sung số liệu quý IV' }),
    refusals: () => [
      { path: reportPath(report('27163', scene.halfSchedule, '2021S1'), '/return'), body: { reason: 'Chưa nộp' } }, // nothing to return
      { path: reportPath(report(), '/return'), body: { reason: '   ' } },
    ],
  },
  'POST /v1/reports/{unit}/{scheduleId}/{period}/accept': {
    params: report,
    refusals: () => [
      { path: reportPath(report('27166'), '/accept') }, // already accepted
      { path: reportPath(report('27163', scene.halfSchedule, '2021S1'), '/accept') }, // never submitted
    ],
  },
  'POST /v1/reports/{unit}/{scheduleId}/{period}/compile': {
    params: report,
    refusals: () => [{ path: reportPath(report(), '/compile') }], // Phường 15 derived no plan to compile from
  },
  'POST /v1/reports/{unit}/{scheduleId}/{period}/document-link': {
    params: report,
    body: () => ({ version: 1 }),
    refusals: () => [{ path: reportPath(report('27163', scene.halfSchedule, '2021S1'), '/document-link'), body: {} }], // nothing saved yet
  },
  'PUT /v1/scores/{unit}/{planId}/{period}': {
    params: () => ({ unit: '27163', planId: scene.plan, period: '2021' }),
    body: () => ({ criteria: [{ code: 'C1', points: 2 }] }),
    refs: ['code'],
    refusals: () => [
      { path: `/v1/scores/27163/${scene.plan}/2021`, body: { criteria: [{ code: 'C1', points: 2.5 }] } }, // above its maxPoints
      { path: `/v1/scores/27163/${scene.plan}/2021`, body: { criteria: [{ code: 'C1', points: 1 }, { code: 'C1', points: 1 }] } },
      // Not a period of the plan; a unit the plan does not reach; plans that are not active.
      ...['abc', '2099'].map((period) => ({ path: `/v1/scores/27163/${scene.plan}/${period}`, body: { criteria: [{ code: 'C1', points: 1 }] } })),
      ...['27325', '79'].map((unit) => ({ path: `/v1/scores/${unit}/${scene.plan}/2021`, body: { criteria: [{ code: 'C1', points: 1 }] } })),
      ...[scene.draft, scene.archived].map((id) => ({ path: `/v1/scores/27163/${id}/2021`, body: { criteria: [{ code: 'C1', points: 1 }] } })),
    ],
  },
  'POST /v1/webhooks': {
    params: () => ({}),
    body: () => HOOK,
    refs: ['unit'],
    refusals: () => ['http://hooks.example.vn/q10', 'https://10.0.0.7/hook', 'https://can-bo:mat-khau@hooks.example.vn/q10']
      .map((url) => ({ path: '/v1/webhooks', body: { ...HOOK, url } })),
  },
  'PATCH /v1/webhooks/{id}': {
    params: () => ({ id: scene.webhook }),
    body: () => ({ url: 'https://chat.example.vn/hooks/q10', events: ['report.submitted'], format: 'cascade', delivery: 'digest', active: true }),
    refusals: () => [{ path: `/v1/webhooks/${scene.webhook}`, body: { url: 'https://127.0.0.1/hook' } }],
  },
  'DELETE /v1/webhooks/{id}': { params: () => ({ id: scene.webhook }) },
  'POST /v1/webhooks/{id}/rotate-secret': { params: () => ({ id: scene.webhook }) },
  'POST /v1/webhooks/{id}/ping': { params: () => ({ id: scene.webhook }), refusals: () => [{ path: `/v1/webhooks/${scene.retired}/ping` }] },
  'POST /v1/webhooks/{id}/deliveries/{deliveryId}/redeliver': {
    params: () => ({ id: scene.webhook, deliveryId: scene.delivery }),
    refusals: () => [
      { path: `/v1/webhooks/${scene.retired}/deliveries/${scene.retiredDelivery}/redeliver` }, // the subscription is inactive
      { path: `/v1/webhooks/${scene.webhook}/deliveries/${scene.retiredDelivery}/redeliver` }, // another subscription's delivery
    ],
  },
};

/** "PUT /v1/holidays/{year}" → "/v1/holidays/2021"; a `?` parameter is the query the route needs. */
export function pathOf(route: string, params: Record<string, string>): string {
  const path = route.split(' ')[1]!.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name]!));
  return params['?'] ? `${path}?${params['?']}` : path;
}

async function must(method: string, path: string, body?: unknown, headers?: Record<string, string>) {
  const res = await api(method, path, { body, headers });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
  return res.json;
}

/**
 * The scene: an active plan with Phường 15's annual report submitted and Phường 13's accepted, a draft and an archived
 * plan, a token, and two subscriptions with a ping each (one since deleted). Subscriptions come last, so no report
 * above raised a delivery.
 */
export async function setUpScene() {
  await resetDb();
  await importUnits(HCM_TREE);
  const plan = await must('POST', '/v1/plans', papiPlan());
  scene.plan = plan.id;
  scene.halfSchedule = plan.schedules.find((s: { code: string }) => s.code === '6T').id;
  scene.schedule = plan.schedules.find((s: { code: string }) => s.code === 'NAM').id;
  await must('POST', `/v1/plans/${scene.plan}/activate`);
  scene.draft = (await must('POST', '/v1/plans', { ...papiPlan(), number: 'DU-THAO/Q10' })).id;
  scene.archived = (await must('POST', '/v1/plans', { ...papiPlan(), number: 'LUU-TRU/Q10' })).id;
  await must('POST', `/v1/plans/${scene.archived}/archive`);
  await must('PUT', reportPath(report()), papiReport(), { 'idempotency-key': 'bao-cao-nam-27163' });
  await must('PUT', reportPath(report('27166')), papiReport());
  await must('POST', reportPath(report('27166'), '/accept'));
  scene.token = (await must('POST', '/v1/tokens', { unit: '27163', role: 'submitter', label: 'Cán bộ đã nghỉ' })).id;
  scene.webhook = (await must('POST', '/v1/webhooks', HOOK)).id;
  scene.delivery = (await must('POST', `/v1/webhooks/${scene.webhook}/ping`)).items[0].id;
  scene.retired = (await must('POST', '/v1/webhooks', { ...HOOK, url: 'https://hooks.example.vn/cu' })).id;
  scene.retiredDelivery = (await must('POST', `/v1/webhooks/${scene.retired}/ping`)).items[0].id;
  await must('DELETE', `/v1/webhooks/${scene.retired}`);
}
