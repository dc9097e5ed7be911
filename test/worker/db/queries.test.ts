import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { claimRemindersStatement, dueForReminder, moveRemindersStatement, unitPaths } from '../../../worker/src/db/reminders';
import { listObligationsStatement } from '../../../worker/src/db/obligations';
import { getSubmissionContext } from '../../../worker/src/db/reports';
import { fx, onTimeFiles, path, q10Quarterly, submit, WARDS } from '../fixtures';
import { api, syntheticNation } from '../helpers';

/** The SQL of worker/src/db/ called directly, against the migrated schema: what each query returns at its edges, and the index it reads. */
beforeEach(q10Quarterly);
afterEach(() => vi.useRealTimers());

const ONLINE = 'HS_TRUC_TUYEN';
const sorted = (xs: number[] | undefined) => [...(xs ?? [])].sort((a, b) => a - b);
const obligationId = async (unit: string, period: string) =>
  (await env.DB.prepare('SELECT id FROM obligations WHERE unit_code = ? AND schedule_id = ? AND period = ?').bind(unit, fx.scheduleId, period).first<{ id: number }>())!.id;

describe('db/reports: getSubmissionContext, what outliers are judged by', () => {
  it("own history is the unit's earlier submitted periods; peers are its siblings' submissions this period; drafts, returns and \"not applicable\" count in neither", async () => {
    await submit('27163', [onTimeFiles(60, 100), { indicator: ONLINE, na: true, note: 'Chưa có tài khoản dịch vụ công' }], { period: '2021Q1' });
    await submit('27163', [onTimeFiles(62, 100), { indicator: ONLINE, numerator: 3, denominator: 10 }], { period: '2021Q2' });
    await submit('27163', [onTimeFiles(70, 100)], { period: '2021Q3', submit: false }); // a draft
    await submit('27163', [onTimeFiles(99, 100)], { period: '2021Q4' }); // this period itself
    await submit('27166', [onTimeFiles(50, 100)], { period: '2021Q4' });
    await submit('27169', [onTimeFiles(40, 100), { indicator: ONLINE, na: true, note: 'Không phát sinh' }], { period: '2021Q4' });
    await submit('27172', [onTimeFiles(30, 100)], { period: '2021Q4', submit: false });
    await submit('27178', [onTimeFiles(20, 100)], { period: '2021Q3' }); // a sibling, another period

    const { o, history } = await getSubmissionContext(env.DB, '27163', fx.scheduleId, '2021Q4', null);
    expect(o).toMatchObject({ unit_code: '27163', period: '2021Q4', report_version: 1, report_status: 'submitted', idem_hash: null });
    expect(sorted(history.get('TTHC_DUNG_HAN')?.own)).toEqual([60, 62]);
    expect(sorted(history.get('TTHC_DUNG_HAN')?.peers)).toEqual([40, 50]);
    expect(sorted(history.get(ONLINE)?.own)).toEqual([30]);
    expect(history.get(ONLINE)?.peers ?? []).toEqual([]);

    await api('POST', `${path('27163', '2021Q2')}/return`, { body: { reason: 'Số liệu quý II chưa khớp' } });
    const after = await getSubmissionContext(env.DB, '27163', fx.scheduleId, '2021Q4', null);
    expect(sorted(after.history.get('TTHC_DUNG_HAN')?.own)).toEqual([60]);
  });

  it('a unit, schedule or period that owes nothing gives no context and no history', async () => {
    for (const [unit, schedule, period] of [['99999', fx.scheduleId, '2021Q1'], ['27163', 'sc_khongco', '2021Q1'], ['27163', fx.scheduleId, '2022Q1']]) {
      const { o, history } = await getSubmissionContext(env.DB, unit!, schedule!, period!, null);
      expect(o).toBeNull();
      expect(history.size).toBe(0);
    }
  });

  it('carries the answer stored under an Idempotency-Key of the same unit, and only of that unit', async () => {
    await submit('27163', [onTimeFiles(1, 1)], { headers: { 'idempotency-key': 'k-27163' } });
    expect((await getSubmissionContext(env.DB, '27163', fx.scheduleId, '2021Q1', 'k-27163')).o).toMatchObject({ idem_status: 200, idem_hash: expect.any(String) });
    expect((await getSubmissionContext(env.DB, '27166', fx.scheduleId, '2021Q1', 'k-27163')).o!.idem_hash).toBeNull();
  });
});

describe('db/reminders', () => {
  it('dueForReminder gives the obligations whose next reminder has come, unsubmitted or returned, earliest first, at most `limit`', async () => {
    const ids = await Promise.all(WARDS.slice(0, 4).map((w) => obligationId(w, '2021Q1')));
    await moveRemindersStatement(env.DB, [
      { id: ids[0]!, next: '2021-03-01T00:00:00.000Z' },
      { id: ids[1]!, next: '2021-03-05T00:00:00.000Z' },
      { id: ids[2]!, next: '2021-03-20T00:00:00.000Z' }, // not yet
      { id: ids[3]!, next: '2021-03-02T00:00:00.000Z' },
    ]).run();
    await submit(WARDS[3]!, [onTimeFiles(1, 1)]); // a submission clears it
    const now = new Date('2021-03-10T00:00:00Z');
    const { rows } = await dueForReminder(env.DB, now, 100);
    expect(rows.map((r) => r.id)).toEqual([ids[0], ids[1]]);
    expect(rows[0]).toMatchObject({ unit_code: WARDS[0], period: '2021Q1', round: 0, plan_live: 1, report_to: '"771"' });
    expect((await dueForReminder(env.DB, now, 1)).rows.map((r) => r.id)).toEqual([ids[0]]);
    // Through the partial index on next_reminder_at: a handful of rows per due obligation, not the 44 that exist.
    const all = (await env.DB.prepare('SELECT count(*) AS n FROM obligations').first<{ n: number }>())!.n;
    expect(all).toBe(44);
    expect((await dueForReminder(env.DB, now, 100)).rowsRead).toBeLessThan(all / 2);

    await submit(WARDS[0]!, [onTimeFiles(1, 1)]);
    await api('POST', `${path(WARDS[0]!)}/return`, { body: { reason: 'Bổ sung số liệu' } });
    await moveRemindersStatement(env.DB, [{ id: ids[0]!, next: '2021-03-09T00:00:00.000Z' }]).run();
    const returned = (await dueForReminder(env.DB, now, 100)).rows.find((r) => r.id === ids[0]);
    expect(returned).toMatchObject({ round: 1 });
  });

  it('moveRemindersStatement sets and clears many instants in one statement', async () => {
    const ids = await Promise.all(WARDS.map((w) => obligationId(w, '2021Q2')));
    await moveRemindersStatement(env.DB, ids.map((id, i) => ({ id, next: i % 2 ? null : '2021-06-01T00:00:00.000Z' }))).run();
    const { results } = await env.DB.prepare(`SELECT id, next_reminder_at FROM obligations WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`)
      .bind(JSON.stringify(ids)).all<{ id: number; next_reminder_at: string | null }>();
    expect(results.map((r) => r.next_reminder_at)).toEqual([...ids].sort((a, b) => a - b).map((id) => (ids.indexOf(id) % 2 ? null : '2021-06-01T00:00:00.000Z')));
  });

  it('claimRemindersStatement returns only the claims it inserted: a second claim of the same offset and round gets nothing, a new round does', async () => {
    const id = await obligationId('27163', '2021Q1');
    const claim = (round: number) => claimRemindersStatement(env.DB, [{ id, kind: 'after', days: 1, round }], '2021-03-16T00:00:00.000Z').all();
    expect((await claim(0)).results).toEqual([{ obligation_id: id, kind: 'after', days: 1, round: 0 }]);
    expect((await claim(0)).results).toEqual([]);
    expect((await claim(1)).results).toEqual([{ obligation_id: id, kind: 'after', days: 1, round: 1 }]);
    expect((await claimRemindersStatement(env.DB, [], '2021-03-16T00:00:00.000Z').all()).results).toEqual([]);
  });

  it('claims a whole chunk (500) in one statement, past D1\'s 100 bound parameters', async () => {
    const ids = await Promise.all(WARDS.map((w) => obligationId(w, '2021Q3')));
    const claims = Array.from({ length: 500 }, (_, i) => ({ id: ids[i % ids.length]!, kind: i % 2 ? 'after' : 'before', days: Math.floor(i / ids.length), round: 0 }));
    const { results } = await claimRemindersStatement(env.DB, claims, '2021-09-01T00:00:00.000Z').all();
    expect(results).toHaveLength(new Set(claims.map((c) => `${c.id}/${c.kind}/${c.days}`)).size);
  });

  it('unitPaths takes any number of codes in one bound parameter and skips the unknown ones', async () => {
    const codes = [...WARDS, ...Array.from({ length: 300 }, (_, i) => `X${i}`), '771'];
    const paths = await unitPaths(env.DB, codes);
    expect([...paths.keys()].sort()).toEqual([...WARDS, '771'].sort());
    for (const w of WARDS) expect(paths.get(w)!.startsWith(paths.get('771')!)).toBe(true);
    expect((await unitPaths(env.DB, [])).size).toBe(0);
  });
});

describe('db/obligations: listObligations from a subtree', () => {
  it("reads a unit's own few obligations of the plan, not the whole period of the plan once per unit", async () => {
    // A province of 40 districts × 250 communes, a plan of four schedules over its 10,000 communes: one district asks for a quarter.
    await resetNation();
    const plan = (await api('POST', '/v1/plans', { body: {
      number: '01/KH-UBND', title: 'Báo cáo quý toàn tỉnh', issuer: '01', issuedOn: '2021-01-04', years: [2021],
      indicators: [{ code: 'SO', name: 'Số hội nghị', kind: 'count' }],
      schedules: (['quarter', 'half', 'nine_months', 'year'] as const).map((periodType) => (
        { code: periodType.toUpperCase(), periodType, due: { rule: 'afterPeriodEnd', days: 10 }, appliesTo: { level: 'commune' }, reportTo: '01' })),
    } })).json;
    expect((await api('POST', `/v1/plans/${plan.id}/activate`)).json.obligations).toBe(10_000 * 8);
    const district = (await env.DB.prepare("SELECT path FROM units WHERE code = '0101'").first<{ path: string }>())!.path;
    const { results, meta } = await listObligationsStatement(env.DB, { rootPath: district, plan: plan.id, period: '2021Q2', limit: 1000 }, new Date('2021-05-01T00:00:00Z')).all();
    expect(results).toHaveLength(250);
    // 251 units of the district, their 8 obligations each, and the schedule rows: far from 251 × 10,000
    console.log(`listObligations, one district of a 10,000-commune plan, one quarter: ${meta.rows_read} rows read`);
    expect(meta.rows_read).toBeLessThan(251 * 8 * 2);
  });
});

async function resetNation() {
  await env.DB.batch(['DELETE FROM report_values', 'DELETE FROM report_versions', 'DELETE FROM reports', 'DELETE FROM obligations'].map((q) => env.DB.prepare(q)));
  const units = syntheticNation(1, 40, 250);
  expect((await api('POST', '/v1/units/import', { body: { units } })).status).toBe(200);
}
