/** @jsxImportSource hono/jsx */
import { WebPreviewQuery } from '../../../../schemas';
import { createRouter } from '../../app';
import { zoneOf } from '../../env';
import { defineRoute, html } from '../../http';
import { previewActivation, visiblePlan } from '../../flows/plans';
import { planList, type PlanEntry } from '../../flows/webapp';
import { PlansView, PreviewView, type PlanItem } from '../../views/plans';

const app = createRouter();

const item = (e: PlanEntry, basisNames: Map<string, string>): PlanItem => ({
  id: e.row.id, number: e.row.number, title: e.row.title, status: e.row.status, years: e.years, basis: e.row.basis_id,
  basisNumber: e.row.basis_id ? (basisNames.get(e.row.basis_id) ?? null) : null, issuedOn: e.row.issued_on,
  obligations: e.summary?.obligations ?? 0, nextDue: e.summary?.next_due ?? null, overdue: e.summary?.overdue ?? 0, returned: e.summary?.returned ?? 0,
});

app.openapi(
  defineRoute({
    method: 'get', path: '/v1/dashboard/plans', tags: ['Web app'], operationId: 'appPlans',
    summary: "Kế hoạch: the unit's plans (status, years, obligations, next deadline) and the plans above it to cascade (HTML fragment)",
    responses: { 200: html('The plans') },
  }),
  async (c) => {
    const now = new Date();
    const l = await planList(c.env, c.get('principal'), now);
    return c.html(
      <PlansView
        unitName={l.unit?.name ?? 'mọi đơn vị'} manager={l.manager} now={now} tz={zoneOf(c.env)}
        own={l.own.map((e) => item(e, l.basisNames))}
        above={l.above.map((e) => ({
          ...item(e, l.basisNames), issuerName: l.issuerNames.get(e.row.issuer_code) ?? '', applies: e.applies,
          derived: e.derived ? { id: e.derived.id, number: e.derived.number, status: e.derived.status } : null,
        }))}
      />,
      200,
    );
  },
);

app.openapi(
  defineRoute({
    method: 'get', path: '/v1/dashboard/preview', tags: ['Web app'], operationId: 'appPreview', problems: [404],
    summary: 'Ban hành: what activating a draft would do — obligations per schedule and the first deadlines (HTML fragment)',
    request: { query: WebPreviewQuery }, responses: { 200: html('The preview') },
  }),
  async (c) => {
    const p = c.get('principal');
    const id = c.req.valid('query').plan;
    const row = await visiblePlan(c.env, p, id);
    const preview = await previewActivation(c.env, p, id);
    return c.html(<PreviewView plan={{ id: row.id, number: row.number, title: row.title, status: row.status }} preview={preview} />, 200);
  },
);

export default app;
