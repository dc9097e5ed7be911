import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import vn from '../../../data/vn/vn-units-2025-03-01.csv?raw';
import { runScheduled, sweepReminders } from '../../../worker/src/flows/reminders';
import { api, issueToken, resetDb } from '../helpers';
import { activePlan, at, cron, DAY, drainQueue, DUE, freshWithHooks, hooks, q10Plan, restore, subscribe, types } from '../webhook-harness';

beforeEach(freshWithHooks);
afterEach(restore);

const sent = (rows: { kind: string; days: number; round: number }[]) => rows.map((r) => `${r.kind}${r.days}${r.round ? `/r${r.round}` : ''}`).sort();
const claims = async () => (await env.DB.prepare('SELECT kind, days, round FROM reminders_sent').all<{ kind: string; days: number; round: number }>()).results;

describe('reminders, exactly once (DESIGN §5, §14)', () => {
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
    for (const [offset, n] of runs) expect((await cron(at(offset))).sent, `at ${at(offset).toISOString()}`).toBe(n);
    const { results } = await env.DB.prepare('SELECT type, unit_code, count(*) AS n FROM events GROUP BY type, unit_code ORDER BY type, unit_code').all();
    expect(results).toEqual([
      { type: 'obligation.due_soon', unit_code: '27163', n: 2 },
      { type: 'obligation.due_soon', unit_code: '27166', n: 2 },
      { type: 'obligation.overdue', unit_code: '27163', n: 2 },
      { type: 'obligation.overdue', unit_code: '27166', n: 2 },
      { type: 'plan.activated', unit_code: '771', n: 1 },
    ]);
    await drainQueue();
    expect(hooks.received.filter((r) => r.url.endsWith('/27163'))).toHaveLength(4);
    expect(hooks.received.filter((r) => r.url.endsWith('/771'))).toHaveLength(8);
    expect(new Set(hooks.received.map((r) => `${r.url} ${r.headers['webhook-id']}`)).size).toBe(12);
  });

  it('holds when cron runs overlap', async () => {
    await activePlan();
    await subscribe('771', ['obligation.due_soon']);
    const results = await Promise.all([1, 2, 3, 4].map(() => sweepReminders(env, at(-DAY + 60_000))));
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(2);
    expect((await env.DB.prepare('SELECT count(*) AS n FROM deliveries').first<{ n: number }>())!.n).toBe(2);
  });

  it('sends only the nearest reminder when several have come at once (a plan activated 12 hours before its deadline)', async () => {
    await activePlan();
    expect((await cron(at(-12 * 3600_000))).sent).toBe(2);
    expect(sent(await claims())).toEqual(['before1', 'before1']);
    // Long past every offset: each ward gets the one overdue reminder that is nearest, never a flood of old ones.
    expect((await cron(at(20 * DAY))).sent).toBe(2);
    expect(sent(await claims())).toEqual(['after7', 'after7', 'before1', 'before1']);
    expect((await cron(at(21 * DAY))).sent).toBe(0);
  });

  it('a district activates a plan two days after a deadline: its overdue wards are warned at the next run', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(at(2 * DAY));
    await activePlan(q10Plan(['27163', '27166'], { after: [1] }));
    await subscribe('27163', ['obligation.overdue']);
    expect((await cron(at(2 * DAY + 900_000))).sent).toBe(2);
    await drainQueue();
    expect(types(hooks.received)).toEqual(['obligation.overdue']);
    expect((await cron(at(3 * DAY))).sent).toBe(0);
  });

  it('a weekend without the cron loses nothing: the next run sends each ward its nearest reminder once', async () => {
    await activePlan();
    expect((await cron(at(-8 * DAY))).sent).toBe(0);
    // Nothing ran from 8 days before the deadline until 2 days after it.
    expect((await cron(at(2 * DAY))).sent).toBe(2);
    expect(sent(await claims())).toEqual(['after1', 'after1']);
    expect((await cron(at(8 * DAY))).sent).toBe(2);
  });

  it('stops reminding a ward once it has submitted, and reminds it again after its report is returned', async () => {
    const plan = await activePlan();
    const report = `/v1/reports/27163/${plan.schedules[0].id}/2021S1`;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(at(-3 * DAY));
    await api('PUT', report, { body: { values: [{ indicator: 'HOI_NGHI', value: 2 }], submit: true } });
    expect((await cron(at(-DAY + 60_000))).sent).toBe(1);
    expect((await env.DB.prepare("SELECT unit_code FROM events WHERE type = 'obligation.due_soon'").all()).results).toEqual([{ unit_code: '27166' }]);
    vi.setSystemTime(at(-DAY + 120_000));
    const q10 = await issueToken('771', 'manager');
    expect((await api('POST', `${report}/return`, { token: q10, body: { reason: 'Thiếu số liệu hội nghị quý II' } })).status).toBe(200);
    expect((await cron(at(DAY + 60_000))).sent).toBe(2); // both overdue now: the returned one counts as not submitted
    const rounds = (await env.DB.prepare("SELECT o.unit_code, r.kind, r.days, r.round FROM reminders_sent r JOIN obligations o ON o.id = r.obligation_id WHERE r.kind = 'after'").all()).results;
    expect(rounds).toContainEqual({ unit_code: '27163', kind: 'after', days: 1, round: 1 });
  });

  it('escalates an overdue report to the units it reports to, outside its own branch (seed 004: two recipients)', async () => {
    await activePlan({
      number: 'KH-CQTT/DT', title: 'Chính quyền thân thiện', issuer: '349', issuedOn: '2021-01-05', years: [2021],
      indicators: [{ code: 'HOI_NGHI', name: 'Hội nghị', kind: 'count' }],
      schedules: [{ code: '6T', name: 'Báo cáo 6 tháng', periodType: 'half', only: ['S1'], due: { rule: 'fixedDate', month: 6, day: 15 },
        appliesTo: { units: ['13321'] }, reportTo: ['349-TU-DV', '349-NV'], via: '349-NV', reminders: { before: [1], after: [1] } }],
    });
    await subscribe('349-NV', ['obligation.due_soon', 'obligation.overdue']);
    const due = Date.parse('2021-06-14T17:00:00Z');
    await sweepReminders(env, new Date(due - DAY + 60_000));
    await sweepReminders(env, new Date(due + DAY + 60_000));
    await drainQueue();
    expect(types(hooks.received)).toEqual(['obligation.overdue']);
  });
});

describe('the scheduled steps', () => {
  it('forget Idempotency-Keys older than two days (the contract keeps them at least one), in a step of their own', async () => {
    const stamp = (hours: number) => new Date(Date.UTC(2030, 0, 10) - hours * 3600_000).toISOString();
    await env.DB.batch(['old', 'young'].map((key, i) => env.DB.prepare(
      "INSERT INTO idempotency_keys (unit_code, key, request_hash, status, response_json, created_at) VALUES ('27163', ?, 'h', 200, '{}', ?)",
    ).bind(key, stamp(i === 0 ? 49 : 30))));
    const run = await runScheduled(env, new Date(Date.UTC(2030, 0, 10)));
    expect(run.idempotencyKeysPurged).toBe(1);
    const { results } = await env.DB.prepare('SELECT key FROM idempotency_keys').all<{ key: string }>();
    expect(results.map((r) => r.key)).toEqual(['young']);
  });
});

describe('the sweep reads what is due, not every obligation', () => {
  it("200,940 obligations: near a deadline it reads that deadline's rows; between deadlines, almost none", async () => {
    restore();
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
    // Activated in 2026 for 2025: every commune is warned once of each quarter it owes, over as many runs as that takes.
    let backlog = 0;
    for (let run = 0; run < 5; run++) backlog += (await sweepReminders(env, new Date('2026-05-20T00:00:00Z'))).sent;
    expect(backlog).toBe(5 * 10_047); // 2025Q1 … 2026Q1
    const quiet = await sweepReminders(env, new Date('2026-05-20T00:15:00Z')); // Q2's deadline is 10/07: nothing near
    expect(quiet.sent).toBe(0);
    expect(quiet.rowsRead).toBeLessThan(100);
    let t0 = Date.now();
    const busy = await sweepReminders(env, new Date('2026-07-08T12:00:00Z')); // before "trước ngày 10/07"
    console.log(`sweep over 200,940 obligations: ${busy.sent} reminders in ${Date.now() - t0} ms, ${busy.rowsRead} rows read`);
    expect(busy.sent).toBe(10_047);
    // Each due obligation costs a handful of reads (it, its unit, the unit's parent, schedule, plan): proportional to what is due.
    expect(busy.rowsRead).toBeLessThan(6 * 10_047);
    t0 = Date.now();
    const next = await sweepReminders(env, new Date('2026-07-08T12:15:00Z'));
    expect(next.sent).toBe(0);
    expect(next.rowsRead).toBeLessThan(100);
    console.log(`the next run, nothing new: ${Date.now() - t0} ms, ${next.rowsRead} rows read`);
  }, 120_000);
});
