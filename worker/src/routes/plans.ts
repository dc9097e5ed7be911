import { z } from 'zod';
import { ActivateResult, DeriveBody, ExtractBody, ExtractQuery, IfMatchHeaders, ifMatchVersion, Plan, PlanExtract, PlanIdParam, PlanInput, PlanList, PlanListQuery, PlanPatch, PlanPreview } from '../../../schemas';
import { createRouter } from '../app';
import { decodeCursor, defineRoute, json, page } from '../http';
import { DOCX } from '../flows/documents';
import { activatePlan, archivePlan, createPlan, derive, derivedPlans, extractDraft, patchPlan, planResponse, plansOf, planSummary, previewActivation, visiblePlan } from '../flows/plans';

const app = createRouter();

app.openapi(
  defineRoute({
    method: 'post', path: '/plans', tags: ['Plans'], operationId: 'createPlan', problems: [404],
    summary: 'Create a draft plan with tasks, indicators, schedules and criteria',
    description: 'By the administrator or a manager of the issuer. Every problem is listed in one 400; nothing is written then.',
    request: { body: { required: true, content: { 'application/json': { schema: PlanInput } } } },
    responses: { 201: json(Plan, 'The plan, with an id for it and for every schedule') },
  }),
  async (c) => c.json(await createPlan(c.env, c.get('principal'), c.req.valid('json')), 201),
);

app.openapi(
  defineRoute({
    method: 'post', path: '/plans/extract', tags: ['Plans'], operationId: 'extractPlan', problems: [404],
    summary: 'Read a plan from its text (or its .docx) into a draft for POST /v1/plans; writes nothing',
    description:
      'By the administrator (with `?issuer=`) or a manager (default: its own unit). `findings` say which words each value came from ' +
      '(character offsets into `text`); `unresolved` names what the text says but the draft could not fill, in Vietnamese. ' +
      'A file that is not a plan gets an almost empty draft and an `unresolved` saying so. At most 1 MB.',
    request: {
      query: ExtractQuery,
      // Not `required`: a required body makes the JSON validator refuse the text and .docx bodies it also takes.
      body: {
        required: false,
        content: {
          'application/json': { schema: ExtractBody },
          'text/plain': { schema: z.string().meta({ description: "the plan's text" }) },
          [DOCX]: { schema: z.string().meta({ format: 'binary', description: 'the plan as a Word document' }) },
        },
      },
    },
    responses: { 200: json(PlanExtract, 'The draft, where each value came from, and what is left to fill') },
  }),
  async (c) => {
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    const source = type === DOCX ? { docx: new Uint8Array(await c.req.arrayBuffer()) }
      : type === 'text/plain' ? { text: await c.req.text() } : { text: (c.req.valid('json') as { text?: string }).text ?? '' };
    return c.json(await extractDraft(c.env, c.get('principal'), source, c.req.valid('query').issuer), 200);
  },
);

app.openapi(
  defineRoute({
    method: 'get', path: '/plans/{id}', tags: ['Plans'], operationId: 'getPlan', summary: 'A plan, with its basis chain', problems: [404],
    request: { params: PlanIdParam },
    responses: { 200: json(Plan, 'The plan') },
  }),
  async (c) => c.json(await planResponse(c.env, await visiblePlan(c.env, c.get('principal'), c.req.valid('param').id)), 200),
);

const ListCursor = z.tuple([z.string(), z.string()]);

app.openapi(
  defineRoute({
    method: 'get', path: '/plans', tags: ['Plans'], operationId: 'listPlans', problems: [404],
    summary: 'Plans you can see: issued in your subtree or by the units above you',
    request: { query: PlanListQuery },
    responses: { 200: json(PlanList, 'One page of plans, newest first') },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const rows = await plansOf(c.env, c.get('principal'), { ...q, before: decodeCursor(q.cursor, ListCursor) });
    const { items, nextCursor } = page(rows, q.limit, (last) => [last.created_at, last.id]);
    return c.json({ items: items.map(planSummary), nextCursor }, 200);
  },
);

app.openapi(
  defineRoute({
    method: 'patch', path: '/plans/{id}', tags: ['Plans'], operationId: 'patchPlan', problems: [404, 409],
    summary: 'Change a draft plan (arrays replace whole lists); optional If-Match: <version>',
    request: { params: PlanIdParam, headers: IfMatchHeaders, body: { required: true, content: { 'application/json': { schema: PlanPatch } } } },
    responses: { 200: json(Plan, 'The changed plan') },
  }),
  async (c) => c.json(await patchPlan(c.env, c.get('principal'), c.req.valid('param').id, c.req.valid('json'), ifMatchVersion(c.req.valid('header')['if-match'])), 200),
);

app.openapi(
  defineRoute({
    method: 'post', path: '/plans/{id}/activate', tags: ['Plans'], operationId: 'activatePlan', problems: [404, 409],
    summary: 'Activate: materialise every obligation (unit × schedule × period) exactly once',
    request: { params: PlanIdParam },
    responses: { 200: json(ActivateResult, 'How many obligations the plan has') },
  }),
  async (c) => c.json(await activatePlan(c.env, c.get('principal'), c.req.valid('param').id), 200),
);

app.openapi(
  defineRoute({
    method: 'get', path: '/plans/{id}/preview', tags: ['Plans'], operationId: 'previewActivation', problems: [404],
    summary: 'What activating would do: per schedule the units, the obligations and the first deadlines',
    request: { params: PlanIdParam },
    responses: { 200: json(PlanPreview, 'The preview') },
  }),
  async (c) => c.json(await previewActivation(c.env, c.get('principal'), c.req.valid('param').id), 200),
);

app.openapi(
  defineRoute({
    method: 'post', path: '/plans/{id}/archive', tags: ['Plans'], operationId: 'archivePlan', problems: [404],
    summary: 'Archive a plan: it stays readable, with its obligations and reports',
    request: { params: PlanIdParam },
    responses: { 200: json(Plan, 'The archived plan') },
  }),
  async (c) => c.json(await archivePlan(c.env, c.get('principal'), c.req.valid('param').id), 200),
);

app.openapi(
  defineRoute({
    method: 'post', path: '/plans/{id}/derive', tags: ['Plans'], operationId: 'derivePlan', problems: [404, 409],
    summary: 'The cascade: a draft plan for a unit this plan applies to, based on it',
    description:
      'Tasks, indicators, criteria and schedules are copied for the new issuer\'s own subtree: unit lists keep the units inside it, ' +
      'a level is kept if it occurs there, otherwise the commonest level of its children is used; reports go to the new issuer. ' +
      'The unit may then tighten targets (PATCH) and activate.',
    request: { params: PlanIdParam, body: { required: true, content: { 'application/json': { schema: DeriveBody } } } },
    responses: { 201: json(Plan, 'The derived draft') },
  }),
  async (c) => c.json(await derive(c.env, c.get('principal'), c.req.valid('param').id, c.req.valid('json').issuer), 201),
);

app.openapi(
  defineRoute({
    method: 'get', path: '/plans/{id}/derived', tags: ['Plans'], operationId: 'listDerivedPlans', problems: [404],
    summary: 'Plans derived from this one (that you can see)',
    request: { params: PlanIdParam },
    responses: { 200: json(PlanList, 'The derived plans') },
  }),
  async (c) => c.json({ items: (await derivedPlans(c.env, c.get('principal'), c.req.valid('param').id)).map(planSummary), nextCursor: null }, 200),
);

export default app;
