/** @jsxImportSource hono/jsx */
import { createRoute } from '@hono/zod-openapi';
import type { Child } from 'hono/jsx';
import { z } from 'zod';
import { Code } from '../../../schemas';
import { createRouter } from '../app';
import { assertCanSee, type Principal, visibleUnit } from '../auth';
import { listObligations, obligationStatus, submittedOnTime, type ObligationRow } from '../db/obligations';
import { planDoc } from '../db/plans';
import type { Env } from '../env';
import { contextPlan, contextReport, getObligationContext } from '../db/reports';
import { DEFAULT_TZ, formatDeadline } from '../domain/periods';
import { subtreeEnd } from '../domain/units';
import { notFound } from '../errors';
import { authed, problems } from './shared';
import { computeRollup, rollupScope } from './rollups';
import { CLIENT_SCRIPT } from './dashboard-client';

const app = createRouter();
const html = (description: string) => ({ description, content: { 'text/html': { schema: z.string() } } });

const STYLE = `
:root { font-family: system-ui, sans-serif; color: #1f2933; }
[hidden] { display: none !important; }
svg { max-width: 44rem; display: block; }
body { margin: 0; } header { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; padding: .5rem 1rem; background: #0b4f8a; color: #fff; }
header h1 { font-size: 1.1rem; margin: 0 1rem 0 0; } select, input, button, textarea { font: inherit; max-width: 100%; }
#plan { min-width: 0; flex: 1 1 12rem; }
#views { display: flex; flex-wrap: wrap; gap: .25rem; } #views button[aria-current=true] { background: #ffd166; }
main { padding: 1rem; overflow-x: auto; } table { border-collapse: collapse; } th, td { border: 1px solid #ccd; padding: .25rem .4rem; text-align: center; }
td.unit, th.unit { text-align: left; white-space: nowrap; } caption { text-align: left; font-weight: 600; padding: .3rem 0; }
.ontime { background: #2e7d32; color: #fff; } .late { background: #f9a825; } .overdue { background: #c62828; color: #fff; }
.open { background: #e3eaf2; } .returned { background: #8e24aa; color: #fff; } .accepted { background: #1b5e20; color: #fff; }
td[data-report] { cursor: pointer; } .legend span { display: inline-block; padding: .1rem .4rem; margin: .1rem; }
.miss { color: #c62828; font-weight: 600; } .versions { display: flex; gap: 1rem; flex-wrap: wrap; } .version { border: 1px solid #ccd; padding: .5rem; }
#signin { max-width: 28rem; margin: 3rem auto; display: grid; gap: .5rem; } #signin-error, #notice { color: #c62828; }
@media (max-width: 600px) { main { padding: .5rem; } th, td { padding: .2rem; font-size: .85rem; } }
`;

const Shell = () => (
  <html lang="vi">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>Cascade — Theo dõi báo cáo</title>
      <style>{STYLE}</style>
    </head>
    <body>
      <form id="signin">
        <h1>Cascade — Theo dõi kế hoạch và báo cáo</h1>
        <label for="token">Mã truy cập (token) của đơn vị</label>
        <input id="token" name="token" type="password" autocomplete="off" required />
        <button type="submit">Đăng nhập</button>
        <p id="signin-error" role="alert"></p>
      </form>
      <div id="app" hidden>
        <header>
          <h1>Cascade</h1>
          <select id="plan" aria-label="Kế hoạch"></select>
          <nav id="views">
            <button type="button" data-view="matrix">Tình hình nộp báo cáo</button>
            <button type="button" data-view="indicators">Chỉ tiêu</button>
            <button type="button" data-view="calendar">Lịch</button>
            <button type="button" data-view="scores">Điểm</button>
          </nav>
          <button type="button" id="signout">Đăng xuất</button>
        </header>
        <p id="notice" role="status"></p>
        <main id="view"></main>
      </div>
      <script dangerouslySetInnerHTML={{ __html: CLIENT_SCRIPT }} />
    </body>
  </html>
);

app.openAPIRegistry.registerPath({
  method: 'get', path: '/app', tags: ['Dashboard'], summary: 'The dashboard (sign in with a unit token)', responses: { 200: html('The page') },
});
app.get('/app', (c) => c.html(`<!doctype html>${(<Shell />).toString()}`));

const REPORT_STATUS: Record<string, string> = {
  draft: 'Bản nháp', submitted: 'Đã nộp', returned: 'Bị trả lại', accepted: 'Đã tiếp nhận', open: 'Chưa nộp', overdue: 'Quá hạn',
};
const CELL_TEXT: Record<string, string> = { ontime: 'Đúng hạn', late: 'Trễ hạn', overdue: 'Quá hạn', open: 'Chưa đến hạn', returned: 'Bị trả lại', accepted: 'Đã tiếp nhận' };
const fmt = (iso: string | null, tz: string) =>
  iso ? new Intl.DateTimeFormat('vi-VN', { timeZone: tz, dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso)) : '';

function cellClass(o: ObligationRow, now: Date): string {
  const s = obligationStatus(o, now);
  if (s === 'submitted') return submittedOnTime(o.first_submitted_at, o.due_at) ? 'ontime' : 'late';
  return s;
}

const Legend = () => (
  <p class="legend">{Object.entries(CELL_TEXT).map(([k, v]) => <span class={k}>{v}</span>)}</p>
);

const PlanQuery = z.object({ plan: z.string().max(64), unit: Code.optional(), period: z.string().max(10).optional(), schedule: z.string().max(64).optional() });

/** The same scope as the roll-up route: the plan, and a unit in reach of both the token and the plan. */
async function scope(c: { env: Env; get: (k: 'principal') => Principal }, q: { plan: string; unit?: string }) {
  const { plan, root } = await rollupScope(c.env, c.get('principal'), q.plan, q.unit);
  return { plan, unit: root, doc: planDoc(plan) };
}

app.openapi(
  createRoute({
    method: 'get', path: '/v1/dashboard/matrix', tags: ['Dashboard'], ...authed,
    summary: 'Tình hình nộp báo cáo: units × periods of a plan, coloured by status (HTML fragment)',
    request: { query: PlanQuery }, responses: { 200: html('The matrix'), ...problems(400, 401, 403, 404) },
  }),
  async (c) => {
    const { plan, unit } = await scope(c, c.req.valid('query'));
    const now = new Date();
    const tz = c.env.TZ_NAME || DEFAULT_TZ;
    const rows = await listObligations(c.env.DB, { rootPath: unit.path, plan: plan.id, limit: 20_000 }, now);
    const columns = [...new Map(rows.map((o) => [`${o.schedule_code} ${o.period}`, o])).values()];
    const units = [...new Map(rows.map((o) => [o.unit_code, o.unit_name])).entries()].sort((a, b) => a[0].localeCompare(b[0]));
    const cell = new Map(rows.map((o) => [`${o.unit_code}|${o.schedule_code} ${o.period}`, o]));
    const summary = (key: string) => {
      const col = rows.filter((o) => `${o.schedule_code} ${o.period}` === key);
      const sent = col.filter((o) => o.state === 'submitted' || o.state === 'accepted');
      const onTime = sent.filter((o) => submittedOnTime(o.first_submitted_at, o.due_at));
      return `${sent.length}/${col.length} đã nộp · ${onTime.length} đúng hạn`;
    };
    return c.html(
      <section id="matrix">
        <Legend />
        <table class="matrix">
          <caption>Tình hình nộp báo cáo — {unit.name}</caption>
          <thead>
            <tr><th class="unit">Đơn vị</th>{columns.map((o) => <th data-column={`${o.schedule_code} ${o.period}`}>{o.schedule_code} {o.period}<br /><small>{formatDeadline(new Date(o.due_at), tz)}</small></th>)}</tr>
          </thead>
          <tbody>
            {units.map(([code, name]) => (
              <tr data-unit={code}>
                <td class="unit">{name}</td>
                {columns.map((col) => {
                  const o = cell.get(`${code}|${col.schedule_code} ${col.period}`);
                  if (!o) return <td>—</td>;
                  const cls = cellClass(o, now);
                  const title = `Hạn: ${formatDeadline(new Date(o.due_at), tz)}${o.submitted_at ? `\nNộp lúc: ${fmt(o.submitted_at, tz)}` : ''}`;
                  const report = o.state === 'pending' ? undefined : `${o.unit_code}|${o.schedule_id}|${o.period}`;
                  return <td class={cls} data-status={cls} title={title} data-report={report}>{CELL_TEXT[cls]}</td>;
                })}
              </tr>
            ))}
          </tbody>
          <tfoot><tr><th class="unit">Tổng hợp</th>{columns.map((o) => <td class="summary">{summary(`${o.schedule_code} ${o.period}`)}</td>)}</tr></tfoot>
        </table>
      </section>,
    );
  },
);

/** One horizontal bar per child unit against the target line; units missing the target in red. */
function Bars(props: { items: { name: string; value: number | null; met: boolean | null }[]; target: number | null; percent: boolean }): Child {
  const max = Math.max(props.percent ? 100 : 0, props.target ?? 0, ...props.items.map((i) => i.value ?? 0)) || 1;
  const w = 320;
  const rowH = 18;
  const height = props.items.length * rowH + 20;
  return (
    <svg width="100%" viewBox={`0 0 ${w + 180} ${height}`} role="img" aria-label="Biểu đồ theo đơn vị">
      {props.items.map((it, i) => {
        const len = ((it.value ?? 0) / max) * w;
        return (
          <g>
            <text x="0" y={i * rowH + 13} font-size="11">{it.name}</text>
            <rect x="150" y={i * rowH + 3} width={len} height={rowH - 6} fill={it.met === false ? '#c62828' : '#2e7d32'} data-met={String(it.met)} />
            <text x={155 + len} y={i * rowH + 13} font-size="11">{it.value === null ? 'không có số liệu' : Math.round(it.value * 10) / 10}</text>
          </g>
        );
      })}
      {props.target !== null ? <line x1={150 + (props.target / max) * w} x2={150 + (props.target / max) * w} y1="0" y2={height - 10} stroke="#0b4f8a" stroke-dasharray="4 2" /> : null}
    </svg>
  );
}

app.openapi(
  createRoute({
    method: 'get', path: '/v1/dashboard/indicators', tags: ['Dashboard'], ...authed,
    summary: 'Chỉ tiêu: each indicator rolled up against its target, with a bar per child unit (HTML fragment)',
    request: { query: PlanQuery }, responses: { 200: html('The indicators'), ...problems(400, 401, 403, 404) },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const { plan, unit, doc } = await scope(c, q);
    // One report at a time: a schedule and a period (two one-off schedules both have the period ONCE).
    const { results: periods } = await c.env.DB.prepare(
      `SELECT o.schedule_id, s.code, o.period, min(o.due_at) AS due FROM obligations o JOIN schedules s ON s.id = o.schedule_id
       WHERE o.plan_id = ? GROUP BY o.schedule_id, o.period ORDER BY due`,
    ).bind(plan.id).all<{ schedule_id: string; code: string; period: string; due: string }>();
    // Default: the latest report whose deadline has passed, else the first.
    const nowIso = new Date().toISOString();
    const chosen = periods.find((p) => p.schedule_id === q.schedule && p.period === q.period)
      ?? [...periods].reverse().find((p) => p.due <= nowIso) ?? periods[0];
    const period = chosen?.period ?? '';
    const rollup = await computeRollup(c.env, plan, period, unit, chosen?.schedule_id ?? null);
    return c.html(
      <section id="indicators">
        <label>Kỳ báo cáo <select name="period">{periods.map((p) => <option value={`${p.schedule_id}|${p.period}`} selected={p === chosen}>{p.code} {p.period}</option>)}</select></label>
        <p>{rollup.completeness.submitted}/{rollup.completeness.expected} đơn vị đã nộp · {rollup.completeness.onTime} đúng hạn · {rollup.completeness.late} trễ hạn</p>
        {rollup.indicators.filter((i) => i.kind !== 'text').map((ind) => {
          const def = doc.indicators.find((d) => d.code === ind.code);
          const missing = (rollup.children ?? []).filter((ch) => ch.indicators.find((i) => i.code === ind.code)?.met === false);
          return (
            <article class="indicator" data-indicator={ind.code}>
              <h3>{ind.name}</h3>
              <p>
                Tổng hợp: <strong>{ind.value === null ? 'chưa có số liệu' : `${Math.round(ind.value * 100) / 100}${ind.kind === 'percent' ? ' %' : ''}`}</strong>
                {ind.target ? <> · chỉ tiêu {ind.target.op} {ind.target.value}{ind.kind === 'percent' ? ' %' : ''} · <span class={ind.met === false ? 'miss' : ''}>{ind.met === null ? '—' : ind.met ? 'Đạt' : 'Không đạt'}</span> · {ind.unitsMeetingTarget}/{ind.unitsReporting} đơn vị đạt</> : null}
                {def?.unit ? ` (${def.unit})` : ''}
              </p>
              {missing.length ? <p class="miss" data-missing={missing.map((m) => m.unit).join(' ')}>Chưa đạt: {missing.map((m) => m.name).join(', ')}</p> : null}
              <Bars
                items={(rollup.children ?? []).map((ch) => { const i = ch.indicators.find((x) => x.code === ind.code)!; return { name: ch.name, value: i.value, met: i.met }; })}
                target={ind.target?.value ?? null}
                percent={ind.kind === 'percent'}
              />
            </article>
          );
        })}
      </section>,
    );
  },
);

const ReportQuery = z.object({ plan: z.string().max(64).optional(), unit: Code, schedule: z.string().max(64), period: z.string().max(10) });

app.openapi(
  createRoute({
    method: 'get', path: '/v1/dashboard/report', tags: ['Dashboard'], ...authed,
    summary: 'Báo cáo: one report with its versions side by side, and return/accept for a manager above (HTML fragment)',
    request: { query: ReportQuery }, responses: { 200: html('The report'), ...problems(400, 401, 403, 404) },
  }),
  async (c) => {
    const p = c.get('principal');
    const q = c.req.valid('query');
    const o = await getObligationContext(c.env.DB, q.unit, q.schedule, q.period);
    if (!o) throw notFound('No such report.');
    assertCanSee(p, { code: o.unit_code, path: o.unit_path });
    const tz = c.env.TZ_NAME || DEFAULT_TZ;
    const report = contextReport(o);
    // Every version with its content in one query (side by side).
    const { results: versions } = await c.env.DB.prepare(
      'SELECT version, submitted, created_at, body_json FROM report_versions WHERE obligation_id = ? ORDER BY version',
    ).bind(o.id).all<{ version: number; submitted: number; created_at: string; body_json: string }>();
    const plan = contextPlan(o);
    const reviewer = p.kind === 'admin' || (p.role === 'manager' && o.unit_path.startsWith(p.path) && o.unit_path !== p.path);
    const cell = (body: { values: { indicator: string; value?: unknown; numerator?: number; denominator?: number }[] } | undefined, code: string) => {
      const v = body?.values.find((x) => x.indicator === code);
      if (!v) return '';
      return v.numerator !== undefined && v.numerator !== null ? `${v.numerator}/${v.denominator}` : String(v.value ?? '');
    };
    const parsed = versions.map((v) => JSON.parse(v.body_json));
    const status = obligationStatus(o, new Date());
    return c.html(
      <section class="report" data-unit={o.unit_code} data-period={o.period} data-status={report?.status ?? 'none'}>
        <h2>{o.unit_name} — {o.schedule_code} {o.period}</h2>
        <p>Hạn: {formatDeadline(new Date(o.due_at), tz)} · Trạng thái: <strong id="report-status" data-status={report?.status ?? status}>{REPORT_STATUS[report?.status ?? status]}</strong>{o.submitted_at ? ` · nộp lúc ${fmt(o.submitted_at, tz)}` : ''}</p>
        <table>
          <thead><tr><th class="unit">Chỉ tiêu</th>{versions.map((v) => <th class="version" data-version={v.version}>Phiên bản {v.version}{v.submitted ? ' (nộp)' : ' (nháp)'}<br /><small>{fmt(v.created_at, tz)}</small></th>)}</tr></thead>
          <tbody>{plan.indicators.map((ind) => <tr><td class="unit">{ind.name}</td>{parsed.map((b) => <td>{cell(b, ind.code)}</td>)}</tr>)}</tbody>
        </table>
        {reviewer && report && (report.status === 'submitted' || report.status === 'accepted') ? (
          <div class="actions">
            <label>Lý do trả lại <textarea id="reason" rows={2}></textarea></label>
            <button type="button" data-action="return">Trả lại</button>
            {report.status === 'submitted' ? <button type="button" data-action="accept">Tiếp nhận</button> : null}
          </div>
        ) : null}
      </section>,
    );
  },
);

app.openapi(
  createRoute({
    method: 'get', path: '/v1/dashboard/calendar', tags: ['Dashboard'], ...authed,
    summary: "Lịch: the unit's overdue, returned and upcoming obligations (HTML fragment)",
    request: { query: z.object({ plan: z.string().max(64).optional(), unit: Code.optional() }) }, responses: { 200: html('The calendar'), ...problems(400, 401, 403, 404) },
  }),
  async (c) => {
    const p = c.get('principal');
    const q = c.req.valid('query');
    const root = q.unit ? await visibleUnit(c.env.DB, p, q.unit) : null;
    const rootPath = root?.path ?? (p.kind === 'admin' ? null : p.path);
    const now = new Date();
    const tz = c.env.TZ_NAME || DEFAULT_TZ;
    const [overdue, returned, open] = await Promise.all([
      listObligations(c.env.DB, { rootPath, status: 'overdue', limit: 200 }, now),
      listObligations(c.env.DB, { rootPath, status: 'returned', limit: 200 }, now),
      listObligations(c.env.DB, { rootPath, status: 'open', limit: 200 }, now),
    ]);
    const List = (props: { rows: ObligationRow[]; cls: string }) => (
      <ul class={props.cls}>{props.rows.map((o) => <li data-unit={o.unit_code}>{o.unit_name} — {o.schedule_code} {o.period}: {formatDeadline(new Date(o.due_at), tz)}</li>)}</ul>
    );
    return c.html(
      <section id="calendar">
        <h2>Quá hạn ({overdue.length})</h2>
        <List rows={overdue} cls="overdue-list" />
        <h2>Bị trả lại, phải nộp lại ({returned.length})</h2>
        <List rows={returned} cls="returned-list" />
        <h2>Sắp đến hạn ({open.length})</h2>
        <List rows={open} cls="open-list" />
      </section>,
    );
  },
);

app.openapi(
  createRoute({
    method: 'get', path: '/v1/dashboard/scores', tags: ['Dashboard'], ...authed,
    summary: "Điểm: the score ranking where the plan has criteria (HTML fragment)",
    request: { query: PlanQuery }, responses: { 200: html('The ranking'), ...problems(400, 401, 403, 404) },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const { plan, unit, doc } = await scope(c, q);
    if (!doc.criteria?.length) return c.html(<section id="scores"><p>Kế hoạch này không có tiêu chí chấm điểm.</p></section>);
    const { results } = await c.env.DB.prepare(
      `SELECT u.code, u.name, s.period, sum(s.points) AS total FROM units u JOIN scores s ON s.unit_code = u.code
       WHERE u.path >= ?1 AND u.path < ?2 AND s.plan_id = ?3 GROUP BY u.code, s.period ORDER BY s.period DESC, total DESC, u.code`,
    ).bind(unit.path, subtreeEnd(unit.path), plan.id).all<{ code: string; name: string; period: string; total: number }>();
    const max = doc.criteria.reduce((n, cr) => n + cr.maxPoints, 0);
    return c.html(
      <section id="scores">
        <table>
          <caption>Chấm điểm ({doc.criteria.length} tiêu chí, tối đa {max} điểm)</caption>
          <thead><tr><th>Kỳ</th><th class="unit">Đơn vị</th><th>Điểm</th></tr></thead>
          <tbody>{results.map((r) => <tr data-unit={r.code}><td>{r.period}</td><td class="unit">{r.name}</td><td>{r.total}/{max}</td></tr>)}</tbody>
        </table>
        {results.length === 0 ? <p>Chưa có đơn vị nào được chấm điểm.</p> : null}
      </section>,
    );
  },
);

export default app;
