import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { expect, vi } from 'vitest';
import demoUnits from '../../worker/demo/units.csv?raw';
import worker from '../../worker/src/index';
import { runScheduled } from '../../worker/src/flows/reminders';
import { api, resetDb } from './helpers';

export const DUE = Date.parse('2021-05-14T17:00:00Z'); // Quận 10's 6-month report: "trước ngày 15/5/2021"
export const DAY = 86_400_000;
export const at = (offsetMs: number) => new Date(DUE + offsetMs);

/** Quận 10's PAPI plan (seed 002), cut to two wards and the 6-month report, with its reminders. */
export const q10Plan = (units = ['27163', '27166'], reminders: { before?: number[]; after?: number[] } = { before: [7, 1], after: [1, 7] }) => ({
  number: 'KH-PAPI/Q10', title: 'Nâng cao Chỉ số PAPI', issuer: '771', issuedOn: '2020-09-01', years: [2021],
  indicators: [{ code: 'HOI_NGHI', name: 'Số hội nghị tuyên truyền', kind: 'count' }],
  schedules: [{ code: '6T', name: 'Báo cáo 6 tháng', periodType: 'half', only: ['S1'], due: { rule: 'fixedDate', month: 5, day: 15 },
    appliesTo: { units }, reportTo: '771', via: '771-NV', reminders }],
});

/** The subscriber's end: a stand-in for the chat tool or mail gateway, recording what Cascade sends. */
export type Received = { url: string; headers: Record<string, string>; body: string };
export const hooks = { received: [] as Received[], answer: 200 };
const realFetch = globalThis.fetch;

/** A clean database with the demo units, and every https://hooks.example.vn/ call captured. */
export async function freshWithHooks() {
  await resetDb();
  await api('POST', '/v1/units/import', { csv: demoUnits });
  hooks.received = [];
  hooks.answer = 200;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith('https://hooks.example.vn/')) return realFetch(input, init);
    hooks.received.push({ url, headers: Object.fromEntries(new Headers(init?.headers).entries()), body: String(init?.body) });
    return new Response(hooks.answer === 200 ? 'ok' : 'nope', { status: hooks.answer });
  });
}

export function restore() {
  vi.restoreAllMocks();
  vi.useRealTimers();
}

export async function activePlan(body: object = q10Plan()) {
  const plan = (await api('POST', '/v1/plans', { body })).json;
  const activated = await api('POST', `/v1/plans/${plan.id}/activate`);
  expect(activated.status, activated.text).toBe(200);
  return plan;
}

export async function subscribe(unit: string, events: string[], extra: Record<string, unknown> = {}) {
  const res = await api('POST', '/v1/webhooks', { body: { unit, url: `https://hooks.example.vn/${unit}`, events, ...extra } });
  expect(res.status, res.text).toBe(201);
  return res.json as { id: string; secret: string };
}

/** Runs the queue consumer on every pending delivery, as the Queue would; returns the queue's verdict and the delays asked for. */
export async function drainQueue(attempts = 1) {
  const { results } = await env.DB.prepare("SELECT id FROM deliveries WHERE status = 'pending' ORDER BY created_at, id").all<{ id: string }>();
  const batch = createMessageBatch('cascade-deliveries', results.map((r, i) => ({ id: `m${i}`, timestamp: new Date(), attempts, body: { deliveryId: r.id } })));
  // The retry delays the consumer asks the Queue for (getQueueResult records that a retry happened, not its delay).
  const delays: number[] = [];
  for (const m of batch.messages) {
    const retry = m.retry.bind(m);
    m.retry = (options) => {
      delays.push(options?.delaySeconds ?? 0);
      retry(options);
    };
  }
  const ctx = createExecutionContext();
  await worker.queue!(batch as never, env, ctx);
  return { ...(await getQueueResult(batch, ctx)), delays };
}

/** The Cron Trigger at `time`, with the clock set to it. */
export async function cron(time: Date) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(time);
  return runScheduled(env, time);
}

export const types = (rs: Received[]) => rs.map((r) => JSON.parse(r.body).type);
