import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { Report, ReportHistory, ReportParams, ReportPut, ReportQuery, ReportReceipt, ReturnBody, type EventType } from '../../../schemas';
import { createRouter } from '../app';
import { assertCanSee, type Principal, sha256Hex } from '../auth';
import { auditStatement } from '../db/audit';
import { obligationStatus, submittedOnTime } from '../db/obligations';
import {
  contextPlan,
  contextReport,
  contextSchedule,
  getIdempotent,
  getObligationContext,
  getVersion,
  idempotencyStatement,
  listReportEvents,
  listVersions,
  saveStatements,
  transitionStatements,
  type ObligationContext,
  type ReportRow,
} from '../db/reports';
import { DEFAULT_TZ, formatDeadline } from '../domain/periods';
import { checkReport, type ValueRow } from '../domain/reports';
import { obligationEventData } from '../domain/webhooks';
import type { AppEnv, Env } from '../env';
import { ApiError, badRequest, conflict, forbidden, notFound, unprocessable } from '../errors';
import { enqueueDeliveries, eventStatements, newDeliveries, type NewEvent } from '../events';
import { randomId } from '../ids';
import { authed, json, problems } from './shared';
import { compileFromChildren } from './compile';

const app = createRouter();
const PATH = '/reports/{unit}/{scheduleId}/{period}';

async function obligationFor(env: Env, p: Principal, params: { unit: string; scheduleId: string; period: string }, idempotencyKey: string | null = null) {
  const o = await getObligationContext(env.DB, params.unit, params.scheduleId, params.period, idempotencyKey);
  if (!o) throw notFound(`${params.unit} owes no report for schedule ${params.scheduleId}, period ${params.period}.`);
  assertCanSee(p, { code: o.unit_code, path: o.unit_path });
  return o;
}

export function receipt(o: ObligationContext, report: Pick<ReportRow, 'status' | 'current_version'>, tz: string, firstSubmittedAt: string | null, submittedAt: string | null) {
  return {
    reportId: `rp_${o.id}`,
    version: report.current_version,
    status: report.status,
    submittedAt,
    onTime: submittedOnTime(firstSubmittedAt, o.due_at),
    dueAt: o.due_at,
    deadline: formatDeadline(new Date(o.due_at), tz),
  };
}

function reportEvent(o: ObligationContext, tz: string, type: EventType, id: string, at: string, extra: Record<string, unknown>): NewEvent {
  const data = obligationEventData(o, contextSchedule(o), contextPlan(o), tz);
  return { id, type, occurredAt: at, unit: o.unit_code, anchors: [o.unit_path], data: { ...data, ...extra } };
}

/** The unit's own staff (submitter or manager) and the administrator write a unit's report. */
function assertMayWrite(p: Principal, o: ObligationContext) {
  if (p.kind === 'unit' && p.unit !== o.unit_code) {
    throw forbidden(`Only ${o.unit_code}'s own tokens may write its report; yours is for ${p.unit}.`);
  }
}

/** Managers above the unit, managers of a recipient (reportTo) and the administrator review a report. */
function assertMayReview(p: Principal, o: ObligationContext) {
  if (p.kind === 'admin') return;
  const recipients = [contextSchedule(o).reportTo].flat();
  const above = o.unit_path.startsWith(p.path) && o.unit_path !== p.path;
  if (p.role !== 'manager' || !(above || recipients.includes(p.unit))) {
    throw forbidden('Only a manager of a unit above this one, or of a unit it reports to, may return or accept its report.');
  }
}

const UNIQUE_FAILURE = /UNIQUE constraint failed|SQLITE_CONSTRAINT/i;

app.openapi(
  createRoute({
    method: 'put', path: PATH, tags: ['Reports'], ...authed,
    summary: 'Save (submit: false) or submit (submit: true) a report; every call is a new version',
    description:
      'Header `Idempotency-Key`: the same key with the same body replays the first response without a new version; with a different body → 422. ' +
      'Optional `If-Match: <version>`: 409 unless it is the current version (0 or absent for the first). A late submission is accepted and flagged onTime: false.',
    request: { params: ReportParams, body: { required: true, content: { 'application/json': { schema: ReportPut } } } },
    responses: { 200: json(ReportReceipt, 'The receipt'), ...problems(400, 401, 403, 404, 409, 422) },
  }),
  async (c) => {
    const p = c.get('principal');
    const params = c.req.valid('param');
    const body = c.req.valid('json');
    const key = c.req.header('idempotency-key');
    if (key !== undefined && (key.length < 1 || key.length > 200)) throw badRequest('Idempotency-Key must be 1–200 characters.');
    const o = await obligationFor(c.env, p, params, key ?? null);
    assertMayWrite(p, o);
    const hash = key ? await sha256Hex(`PUT ${c.req.path}\n${JSON.stringify(body)}`) : '';
    if (key && o.idem_hash !== null) return replay(c, { request_hash: o.idem_hash, status: o.idem_status!, response_json: o.idem_response! }, hash);
    const plan = contextPlan(o);
    const checked = checkReport(plan, body, body.submit);
    if (checked.problems.length) {
      throw badRequest(`The report has ${checked.problems.length} problem(s), listed in errors; nothing was saved.`, checked.problems);
    }
    const ifMatch = c.req.header('if-match')?.replace(/"/g, '').trim();
    try {
      const response = await saveReport(c.env, p, o, { values: body.values, tasks: body.tasks }, checked.values, body.submit, {
        ifMatch,
        defer: (work) => c.executionCtx.waitUntil(work),
        extra: key ? (r, at) => [idempotencyStatement(c.env.DB, o.unit_code, key, hash, 200, r, at)] : undefined,
      });
      return c.json(response, 200);
    } catch (e) {
      // A racing request with the same key won: answer as it did.
      const stored = key && e instanceof ApiError && e.status === 409 ? await getIdempotent(c.env.DB, o.unit_code, key) : null;
      if (stored) return replay(c, stored, hash);
      throw e;
    }
  },
);

/**
 * Writes one new version. The version row's primary key is the optimistic lock: a writer that loses a race re-reads
 * and writes again (no update is lost), unless it asked for a specific version with If-Match (then 409).
 */
export async function saveReport(
  env: Env,
  p: Principal,
  o: ObligationContext,
  content: { values: unknown[]; tasks: unknown[] },
  values: ValueRow[],
  submit: boolean,
  opts: { ifMatch?: string; extra?: (response: ReportReceipt, at: string) => D1PreparedStatement[]; defer?: (work: Promise<unknown>) => void } = {},
): Promise<ReportReceipt> {
  const tz = env.TZ_NAME || DEFAULT_TZ;
  for (let attempt = 0; attempt < 30; attempt++) {
    // Back off a little, with jitter, when several writers collide; then read the head the winner left.
    if (attempt > 0) {
      await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
      Object.assign(o, await getObligationContext(env.DB, o.unit_code, o.schedule_id, o.period));
    }
    const current = contextReport(o);
    const currentVersion = current?.current_version ?? 0;
    if (opts.ifMatch !== undefined && opts.ifMatch !== String(currentVersion)) {
      throw conflict(`The report is at version ${currentVersion}, not ${opts.ifMatch}; reload it before saving.`);
    }
    if (current?.status === 'accepted') throw conflict('This report has been accepted; a manager must return it before it can change.');
    const now = new Date();
    const at = now.toISOString();
    const version = currentVersion + 1;
    const status = submit ? 'submitted' : (current?.status ?? 'draft');
    const response = receipt(o, { status, current_version: version }, tz, submit ? (o.first_submitted_at ?? at) : o.first_submitted_at, submit ? at : o.submitted_at);
    const stmts = [
      ...saveStatements(env.DB, o, { version, submit, at, actor: p.actor, body: content, values }),
      auditStatement(env.DB, p, now, {
        action: submit ? 'report.submit' : 'report.save', entityType: 'report', entityId: String(o.id), unit: o.unit_code,
        before: current ? { version: currentVersion, status: current.status } : undefined,
        after: { version, status, onTime: response.onTime },
      }),
      ...(opts.extra?.(response, at) ?? []),
      ...eventStatements(env.DB, submit
        ? [reportEvent(o, tz, 'report.submitted', `evt_sub_${o.id}_v${version}`, at, { version, submittedAt: at, onTime: response.onTime })]
        : []),
    ];
    try {
      const deliveries = newDeliveries(await env.DB.batch(stmts));
      // A slow or failing subscriber never slows a submission: the queue is told after the response.
      if (deliveries.length) opts.defer?.(enqueueDeliveries(env, deliveries));
      return response;
    } catch (e) {
      if (!UNIQUE_FAILURE.test(String((e as Error).message))) throw e;
      if (opts.ifMatch !== undefined || opts.extra) throw conflict('Someone saved this report at the same moment; reload it before saving.');
    }
  }
  throw conflict('The report is being saved by several writers at once; try again.');
}

function replay(c: Context<AppEnv>, stored: { request_hash: string; status: number; response_json: string }, hash: string) {
  if (stored.request_hash !== hash) {
    throw unprocessable('This Idempotency-Key was already used with a different body; use a new key for a new request.');
  }
  return c.json(JSON.parse(stored.response_json), stored.status as 200, { 'idempotent-replayed': 'true' });
}

app.openapi(
  createRoute({
    method: 'get', path: PATH, tags: ['Reports'], ...authed,
    summary: 'A report: its latest version, or ?version=N',
    request: { params: ReportParams, query: ReportQuery },
    responses: { 200: json(Report, 'The report'), ...problems(400, 401, 403, 404) },
  }),
  async (c) => {
    const p = c.get('principal');
    const o = await obligationFor(c.env, p, c.req.valid('param'));
    const report = contextReport(o);
    if (!report) throw notFound(`${o.unit_code} has not saved this report yet.`);
    const n = c.req.valid('query').version ?? report.current_version;
    const v = await getVersion(c.env.DB, o.id, n);
    if (!v) throw notFound(`Version ${n} does not exist; the latest is ${report.current_version}.`);
    const tz = c.env.TZ_NAME || DEFAULT_TZ;
    const content = JSON.parse(v.body_json);
    return c.json({
      ...receipt(o, report, tz, o.first_submitted_at, o.submitted_at),
      version: v.version,
      unit: o.unit_code, plan: o.plan_id, schedule: o.schedule_id, scheduleCode: o.schedule_code, period: o.period,
      obligationStatus: obligationStatus(o, new Date()),
      versionSubmitted: v.submitted === 1,
      versionCreatedAt: v.created_at,
      latestVersion: report.current_version,
      values: content.values,
      tasks: content.tasks,
    }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'get', path: `${PATH}/history`, tags: ['Reports'], ...authed,
    summary: 'Every version and every return/accept of a report; nothing is ever overwritten',
    request: { params: ReportParams },
    responses: { 200: json(ReportHistory, 'The history'), ...problems(400, 401, 403, 404) },
  }),
  async (c) => {
    const o = await obligationFor(c.env, c.get('principal'), c.req.valid('param'));
    const [versions, events] = await Promise.all([listVersions(c.env.DB, o.id), listReportEvents(c.env.DB, o.id)]);
    if (versions.length === 0) throw notFound(`${o.unit_code} has not saved this report yet.`);
    return c.json({
      versions: versions.map((v) => ({ version: v.version, submitted: v.submitted === 1, createdAt: v.created_at, actor: v.actor })),
      events: events.map((e) => ({ action: e.action, at: e.at, actor: e.actor, reason: (e.after_json && JSON.parse(e.after_json).reason) ?? null })),
    }, 200);
  },
);

for (const action of ['return', 'accept'] as const) {
  app.openapi(
    createRoute({
      method: 'post', path: `${PATH}/${action}`, tags: ['Reports'], ...authed,
      summary: action === 'return'
        ? 'Send a report back with a reason: the unit must resubmit (it counts as not submitted); reopens an accepted report'
        : 'Accept a submitted report; it is locked until returned',
      request: { params: ReportParams, ...(action === 'return' ? { body: { required: true, content: { 'application/json': { schema: ReturnBody } } } } : {}) },
      responses: { 200: json(ReportReceipt, 'The receipt after the transition'), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const p = c.get('principal');
      const o = await obligationFor(c.env, p, c.req.valid('param'));
      assertMayReview(p, o);
      const report = contextReport(o);
      const allowed = action === 'return' ? ['submitted', 'accepted'] : ['submitted'];
      if (!report || !allowed.includes(report.status)) {
        throw conflict(`Only a ${allowed.join(' or ')} report can be ${action === 'return' ? 'returned' : 'accepted'}; this one is ${report?.status ?? 'not saved yet'}.`);
      }
      const to = action === 'return' ? 'returned' : 'accepted';
      const reason = action === 'return' ? (await c.req.json<{ reason: string }>()).reason.trim() : null;
      const now = new Date();
      const tz = c.env.TZ_NAME || DEFAULT_TZ;
      const event = reportEvent(o, tz, `report.${to}`, randomId(`evt_${action}_`), now.toISOString(), { reason, version: report.current_version });
      const deliveries = newDeliveries(await c.env.DB.batch([
        ...transitionStatements(c.env.DB, o.id, to, now.toISOString()),
        ...eventStatements(c.env.DB, [event]),
        auditStatement(c.env.DB, p, now, { action: `report.${action}`, entityType: 'report', entityId: String(o.id), unit: o.unit_code,
          before: { status: report.status }, after: { status: to, ...(reason ? { reason } : {}) } }),
      ]));
      if (deliveries.length) c.executionCtx.waitUntil(enqueueDeliveries(c.env, deliveries));
      return c.json(receipt(o, { ...report, status: to }, tz, o.first_submitted_at, o.submitted_at), 200);
    },
  );
}

app.openapi(
  createRoute({
    method: 'post', path: `${PATH}/compile`, tags: ['Reports'], ...authed,
    summary: "Compile upward: a draft of this unit's own report, pre-filled from its children's roll-up",
    description:
      'For a unit that derived this plan (or a plan based on it) for its own subtree: the indicators whose codes match are ' +
      "filled from the roll-up of the derived plan's reports for the same period. The draft is a new version; review and submit it.",
    request: { params: ReportParams },
    responses: { 200: json(ReportReceipt, 'The draft saved'), ...problems(400, 401, 403, 404, 409) },
  }),
  async (c) => {
    const p = c.get('principal');
    const o = await obligationFor(c.env, p, c.req.valid('param'));
    assertMayWrite(p, o);
    const content = await compileFromChildren(c.env, p, o);
    return c.json(await saveReport(c.env, p, o, content, [], false), 200);
  },
);

export default app;
