import { createExecutionContext, createMessageBatch, env, getQueueResult, waitOnExecutionContext } from 'cloudflare:test';
import { Webhook as Verifier } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import demoUnits from '../../worker/demo/units.csv?raw';
import worker from '../../worker/src/index';
import { runReminders } from '../../worker/src/cron';
import { api, issueToken, resetDb } from './helpers';

const DUE = Date.parse('2021-05-14T17:00:00Z'); // Quận 10's 6-month report: "trước ngày 15/5/2021"
const DAY = 86_400_000;
const at = (offsetMs: number) => new Date(DUE + offsetMs);

/** Quận 10's PAPI plan (seed 002), cut to two wards and the 6-month report, with its reminders. */
const q10Plan = (units = ['27163', '27166'], reminders = { before: [7, 1], after: [1, 7] }) => ({
  number: 'KH-PAPI/Q10', title: 'Nâng cao Chỉ số PAPI', issuer: '771', issuedOn: '2020-09-01', years: [2021],
  indicators: [{ code: 'HOI_NGHI', name: 'Số hội nghị tuyên truyền', kind: 'count' }],
  schedules: [{ code: '6T', name: 'Báo cáo 6 tháng', periodType: 'half', only: ['S1'], due: { rule: 'fixedDate', month: 5, day: 15 },
    appliesTo: { units }, reportTo: '771', via: '771-NV', reminders }],
});

/** The subscriber's end: a stand-in for the chat tool or mail gateway, recording what Cascade sends. */
type Received = { url: string; headers: Record<string, string>; body: string };
let received: Received[] = [];
let answer = 200;
const realFetch = globalThis.fetch;

beforeEach(async () => {
  await resetDb();
  await api('POST', '/v1/units/import', { csv: demoUnits });
  received = [];
  answer = 200;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith('https://hooks.example.vn/')) return realFetch(input, init);
    received.push({ url, headers: Object.fromEntries(new Headers(init?.headers).entries()), body: String(init?.body) });
    return new Response(answer === 200 ? 'ok' : 'nope', { status: answer });
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

async function activePlan(body = q10Plan()) {
  const plan = (await api('POST', '/v1/plans', { body })).json;
  await api('POST', `/v1/plans/${plan.id}/activate`);
  return plan;
}

async function subscribe(unit: string, events: string[], extra: Record<string, unknown> = {}) {
  const res = await api('POST', '/v1/webhooks', { body: { unit, url: `https://hooks.example.vn/${unit}`, events, ...extra } });
  expect(res.status, res.text).toBe(201);
  return res.json as { id: string; secret: string };
}

/** Runs the queue consumer on every pending delivery, as the Queue would; returns the queue's verdict. */
async function drainQueue(attempts = 1) {
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

async function cron(time: Date) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(time);
  return runReminders(env, time);
}

const types = (rs: Received[]) => rs.map((r) => JSON.parse(r.body).type);

describe('signed deliveries (Standard Webhooks)', () => {
  it('a receiver verifies each delivery with an off-the-shelf library', async () => {
    const plan = await activePlan();
    const sub = await subscribe('771', ['report.submitted', 'report.returned']);
    expect(sub.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    const res = await api('PUT', `/v1/reports/27163/${plan.schedules[0].id}/2021S1`, { body: { values: [{ indicator: 'HOI_NGHI', value: 2 }], submit: true } });
    expect(res.status).toBe(200);
    await drainQueue();
    expect(received).toHaveLength(1);
    const [r] = received;
    expect(r!.headers['cascade-event']).toBe('report.submitted');
    const payload = new Verifier(sub.secret).verify(r!.body, r!.headers) as any;
    expect(payload).toMatchObject({ id: r!.headers['webhook-id'], type: 'report.submitted' });
    expect(payload.data).toMatchObject({ unit: { code: '27163', name: 'Phường 15', parentName: 'Quận 10' }, obligation: { period: '2021S1' }, version: 1 });
    expect(() => new Verifier(sub.secret).verify(r!.body.replace('27163', '27166'), r!.headers)).toThrow();
  });

  it('a rotated secret signs from then on; the old one no longer verifies', async () => {
    const sub = await subscribe('771', ['report.submitted']);
    const rotated = await api('POST', `/v1/webhooks/${sub.id}/rotate-secret`);
    expect(rotated.json.secret).not.toBe(sub.secret);
    const ping = await api('POST', `/v1/webhooks/${sub.id}/ping`);
    expect(ping.status).toBe(202);
    await drainQueue();
    const r = received[0]!;
    expect(JSON.parse(r.body).type).toBe('webhook.ping');
    expect(() => new Verifier(sub.secret).verify(r.body, r.headers)).toThrow();
    expect(new Verifier(rotated.json.secret).verify(r.body, r.headers)).toMatchObject({ type: 'webhook.ping' });
  });
});

describe('reminders, exactly once', () => {
  it('a ward is reminded 7 and 1 days before its deadline and after it; the district hears of both wards, each once', async () => {
    await activePlan();
    await subscribe('27163', ['obligation.due_soon', 'obligation.overdue']);
    await subscribe('771', ['obligation.due_soon', 'obligation.overdue']);
    const runs: [number, number][] = [
      [-8 * DAY, 0],
      [-7 * DAY + 3600_000, 2],
      [-7 * DAY + 2 * 3600_000, 0], // the same offset again: nothing
      [-DAY + 900_000, 2],
      [-DAY + 1800_000, 0],
      [3600_000, 0], // past the deadline: no due-soon any more, and 1 day late has not come
      [DAY + 900_000, 2],
      [7 * DAY + 900_000, 2],
      [30 * DAY, 0],
    ];
    for (const [offset, sent] of runs) expect((await cron(at(offset))).sent, `at ${at(offset).toISOString()}`).toBe(sent);
    const { results } = await env.DB.prepare('SELECT type, unit_code, count(*) AS n FROM events GROUP BY type, unit_code ORDER BY type, unit_code').all();
    expect(results).toEqual([
      { type: 'obligation.due_soon', unit_code: '27163', n: 2 },
      { type: 'obligation.due_soon', unit_code: '27166', n: 2 },
      { type: 'obligation.overdue', unit_code: '27163', n: 2 },
      { type: 'obligation.overdue', unit_code: '27166', n: 2 },
      { type: 'plan.activated', unit_code: '771', n: 1 },
    ]);
    await drainQueue();
    const toWard = received.filter((r) => r.url.endsWith('/27163'));
    const toDistrict = received.filter((r) => r.url.endsWith('/771'));
    expect(toWard).toHaveLength(4);
    expect(toDistrict).toHaveLength(8);
    expect(new Set(received.map((r) => `${r.url} ${r.headers['webhook-id']}`)).size).toBe(12);
  });

  it('holds when cron runs overlap', async () => {
    await activePlan();
    await subscribe('771', ['obligation.due_soon']);
    const results = await Promise.all([1, 2, 3, 4].map(() => runReminders(env, at(-DAY + 60_000))));
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(2);
    const count = await env.DB.prepare("SELECT count(*) AS n FROM deliveries").first<{ n: number }>();
    expect(count!.n).toBe(2);
  });

  it('sends only the nearest reminder when several have come at once (a plan activated 12 hours before its deadline)', async () => {
    await activePlan();
    expect((await cron(at(-12 * 3600_000))).sent).toBe(2);
    const { results } = await env.DB.prepare('SELECT kind, days FROM reminders_sent').all();
    expect(new Set(results.map((r) => `${r.kind}${r.days}`))).toEqual(new Set(['before1']));
    expect((await cron(at(20 * DAY))).sent).toBe(0); // long past every offset: no flood of old reminders
  });

  it('also forgets Idempotency-Keys older than two days (the contract keeps them at least one)', async () => {
    const stamp = (hours: number) => new Date(Date.UTC(2030, 0, 10) - hours * 3600_000).toISOString();
    await env.DB.batch(['old', 'young'].map((key, i) => env.DB.prepare(
      "INSERT INTO idempotency_keys (unit_code, key, request_hash, status, response_json, created_at) VALUES ('27163', ?, 'h', 200, '{}', ?)",
    ).bind(key, stamp(i === 0 ? 49 : 30))));
    await runReminders(env, new Date(Date.UTC(2030, 0, 10)));
    const { results } = await env.DB.prepare('SELECT key FROM idempotency_keys').all<{ key: string }>();
    expect(results.map((r) => r.key)).toEqual(['young']);
  });

  it('stops reminding a ward once it has submitted', async () => {
    const plan = await activePlan();
    await api('PUT', `/v1/reports/27163/${plan.schedules[0].id}/2021S1`, { body: { values: [], submit: true } });
    expect((await cron(at(-DAY + 60_000))).sent).toBe(1);
    const e = await env.DB.prepare("SELECT unit_code FROM events WHERE type = 'obligation.due_soon'").all();
    expect(e.results).toEqual([{ unit_code: '27166' }]);
  });

  it('escalates an overdue report to the units it reports to, outside its own branch (seed 004: two recipients)', async () => {
    await activePlan({
      number: 'KH-CQTT/DT', title: 'Chính quyền thân thiện', issuer: '349', issuedOn: '2021-01-05', years: [2021],
      indicators: [{ code: 'HOI_NGHI', name: 'Hội nghị', kind: 'count' }],
      schedules: [{ code: '6T', name: 'Báo cáo 6 tháng', periodType: 'half', only: ['S1'], due: { rule: 'fixedDate', month: 6, day: 15 },
        appliesTo: { units: ['13321'] }, reportTo: ['349-TU-DV', '349-NV'], via: '349-NV', reminders: { before: [1], after: [1] } }],
    } as any);
    await subscribe('349-NV', ['obligation.due_soon', 'obligation.overdue']);
    const due = Date.parse('2021-06-14T17:00:00Z');
    await runReminders(env, new Date(due - DAY + 60_000));
    await runReminders(env, new Date(due + DAY + 60_000));
    await drainQueue();
    expect(types(received)).toEqual(['obligation.overdue']);
  });
});

describe('formats and digests', () => {
  it('a chat webhook gets one Vietnamese line', async () => {
    await activePlan(q10Plan(['27163']));
    await subscribe('771', ['obligation.overdue'], { format: 'text' });
    await cron(at(DAY + 60_000));
    await drainQueue();
    expect(JSON.parse(received[0]!.body)).toEqual({
      text: 'Phường 15 (Quận 10) chưa nộp Báo cáo 6 tháng kỳ 2021S1 — chậm nhất 23:59 ngày 14/05/2021, đã trễ 1 ngày',
    });
  });

  it('a district with many late wards can take one digest per cron run instead of one message each', async () => {
    await activePlan(q10Plan(['27163', '27166', '27169', '27172']));
    await subscribe('771', ['obligation.overdue'], { format: 'text', delivery: 'digest' });
    await cron(at(DAY + 60_000));
    await drainQueue();
    expect(received).toHaveLength(1);
    const text = JSON.parse(received[0]!.body).text as string;
    expect(text.split('\n')[0]).toBe('Nhắc việc: 4 báo cáo quá hạn, 0 báo cáo sắp đến hạn');
    expect(text).toContain('• Phường 15 (Quận 10) chưa nộp Báo cáo 6 tháng');
  });
});

describe('retries, dead deliveries, the log and redelivery', () => {
  it('retries a failing subscriber with growing delays, then gives up; a manager can see every attempt and redeliver', async () => {
    const sub = await subscribe('771', ['report.submitted']); // a ping goes to any subscription
    answer = 503;
    await api('POST', `/v1/webhooks/${sub.id}/ping`);
    const delays: number[] = [];
    for (let i = 1; i <= 8; i++) {
      const result = await drainQueue(i);
      if (result.retryMessages.length) delays.push(...result.delays);
      else expect(result.explicitAcks).toHaveLength(1);
    }
    expect(delays).toEqual([30, 60, 120, 240, 480, 960, 1920]);
    const log = (await api('GET', `/v1/webhooks/${sub.id}/deliveries`)).json.items;
    expect(log[0]).toMatchObject({ status: 'dead', eventType: 'webhook.ping' });
    expect(log[0].attempts).toHaveLength(8);
    expect(log[0].attempts[0]).toMatchObject({ attempt: 1, statusCode: 503, error: 'HTTP 503' });
    expect(received).toHaveLength(8);
    expect(new Set(received.map((r) => r.headers['webhook-id'])).size).toBe(1); // the same event id every time

    answer = 200;
    const again = await api('POST', `/v1/webhooks/${sub.id}/deliveries/${log[0].id}/redeliver`);
    expect(again.status).toBe(202);
    await drainQueue();
    const after = (await api('GET', `/v1/webhooks/${sub.id}/deliveries`)).json.items[0];
    expect(after.status).toBe('delivered');
    expect(after.attempts.at(-1)).toMatchObject({ attempt: 9, statusCode: 200, error: null });
  });

  it('a message the queue hands out twice is sent once', async () => {
    const sub = await subscribe('771', ['report.submitted']);
    await api('POST', `/v1/webhooks/${sub.id}/ping`);
    const { id } = (await env.DB.prepare('SELECT id FROM deliveries').first<{ id: string }>())!;
    const batch = createMessageBatch('cascade-deliveries', [1, 2].map((n) => ({ id: `dup${n}`, timestamp: new Date(), attempts: 1, body: { deliveryId: id } })));
    const ctx = createExecutionContext();
    await worker.queue!(batch as never, env, ctx);
    await waitOnExecutionContext(ctx);
    expect(received).toHaveLength(1);
  });
});

describe('subscriptions', () => {
  it('refuse URLs that are not https or point inside a network (SSRF)', async () => {
    for (const url of ['http://hooks.example.vn/x', 'https://127.0.0.1/x', 'https://10.0.0.5/x', 'https://192.168.1.10/', 'https://169.254.169.254/latest',
      'https://[::1]/x', 'https://localhost:8787/x', 'https://[fd00::1]/', 'https://user:pw@hooks.example.vn/', 'ftp://hooks.example.vn/']) {
      const res = await api('POST', '/v1/webhooks', { body: { unit: '771', url, events: ['report.submitted'] } });
      expect(res.status, url).toBe(400);
      expect(res.json.errors[0].path).toBe('url');
    }
  });

  it('are for managers of the unit; a submitter or another district cannot subscribe', async () => {
    const ward = await issueToken('27163', 'submitter');
    const q5 = await issueToken('774', 'manager');
    const body = { unit: '771', url: 'https://hooks.example.vn/x', events: ['report.submitted'] };
    expect((await api('POST', '/v1/webhooks', { token: ward, body: { ...body, unit: '27163' } })).status).toBe(403);
    expect((await api('POST', '/v1/webhooks', { token: q5, body })).status).toBe(403);
    const q10 = await issueToken('771', 'manager');
    const created = await api('POST', '/v1/webhooks', { token: q10, body });
    expect(created.status).toBe(201);
    expect((await api('GET', '/v1/webhooks', { token: q10 })).json.items).toHaveLength(1);
    expect((await api('GET', `/v1/webhooks/${created.json.id}`, { token: q5 })).status).toBe(403);
    const paused = await api('PATCH', `/v1/webhooks/${created.json.id}`, { token: q10, body: { active: false } });
    expect(paused.json.active).toBe(false);
    expect((await api('DELETE', `/v1/webhooks/${created.json.id}`, { token: q10 })).json.active).toBe(false);
  });
});

describe('the sweep reads what is due, not every obligation', () => {
  it('200,940 obligations: near a deadline it reads that deadline\'s rows; between deadlines, almost none', async () => {
    const vn = (await import('../../../shared/data/vn-units-2025-03-01.csv?raw')).default;
    await resetDb();
    await api('POST', '/v1/units/import', { csv: vn });
    const provinces = vn.split('\n').filter((l) => l.endsWith(',province,')).map((l) => ({ code: l.split(',')[0]!, name: l.split(',')[1]!, level: 'province', parent: 'VN' }));
    await api('POST', '/v1/units/import', { body: { units: [{ code: 'VN', name: 'Việt Nam', level: 'nation' }, ...provinces] } });
    const plan = (await api('POST', '/v1/plans', { body: {
      number: '01/KH-QG', title: 'Toàn quốc', issuer: 'VN', issuedOn: '2025-01-02', years: [2025, 2026, 2027, 2028, 2029],
      indicators: [{ code: 'SO', name: 'Số', kind: 'count' }],
      schedules: [{ code: 'QUY', name: 'Báo cáo quý', periodType: 'quarter', due: { rule: 'afterPeriodEnd', days: 10 }, appliesTo: { level: 'commune' }, reportTo: 'VN', reminders: { before: [7, 1], after: [1] } }],
    } })).json;
    expect((await api('POST', `/v1/plans/${plan.id}/activate`)).json.obligations).toBe(200_940);
    const quiet = await runReminders(env, new Date('2026-05-20T00:00:00Z')); // Q2's deadline is 10/07: nothing near
    expect(quiet.sent).toBe(0);
    expect(quiet.rowsRead).toBeLessThan(100);
    let t0 = Date.now();
    const busy = await runReminders(env, new Date('2026-07-08T12:00:00Z')); // 1 day before "trước ngày 10/07"
    console.log(`sweep over 200,940 obligations: ${busy.sent} reminders in ${Date.now() - t0} ms, ${busy.rowsRead} rows read`);
    expect(busy.sent).toBe(10_047);
    // Each due obligation costs a handful of reads (it, its unit, the unit's parent, schedule, plan): proportional to what is due.
    expect(busy.rowsRead).toBeLessThan(6 * 10_047);
    t0 = Date.now();
    expect((await runReminders(env, new Date('2026-07-08T12:15:00Z'))).sent).toBe(0);
    console.log(`the next run, nothing new: ${Date.now() - t0} ms`);
  });
});
