import { beforeEach, describe, expect, it } from 'vitest';
import demoUnits from '../../../worker/demo/units.csv?raw';
import { api, issueToken, resetDb } from '../helpers';

/**
 * Public holidays are data an administrator loads each year (Tết moves), and "shiftToWorkingDay" moves a due day off
 * them (DESIGN §3, Civil Code 2015 art. 148). Quận 10 wants its wards' implementation plans "chậm nhất ngày 16/02/2021".
 */
beforeEach(async () => {
  await resetDb();
  await api('POST', '/v1/units/import', { csv: demoUnits });
});

const TET_2021 = ['2021-02-10', '2021-02-11', '2021-02-12', '2021-02-15', '2021-02-16'].map((date) => ({ date, name: 'Tết Nguyên Đán' }));
const plan = (number: string, shiftToWorkingDay: boolean) => ({
  number, title: 'Triển khai Kế hoạch PAPI tại phường', issuer: '771', issuedOn: '2021-01-05', years: [2021],
  indicators: [{ code: 'HOI_NGHI', name: 'Số hội nghị', kind: 'count' }],
  schedules: [{ code: 'KH', name: 'Kế hoạch triển khai', periodType: 'once', due: { rule: 'date', date: '2021-02-16', before: false }, shiftToWorkingDay,
    appliesTo: { units: ['27163'] }, reportTo: '771' }],
});
async function activeDeadline(body: unknown) {
  const created = (await api('POST', '/v1/plans', { body })).json;
  expect((await api('POST', `/v1/plans/${created.id}/activate`)).status).toBe(200);
  return (await api('GET', `/v1/obligations?plan=${created.id}`)).json.items[0];
}

describe('holidays', () => {
  it("a year's list is replaced whole and read back in date order", async () => {
    await api('PUT', '/v1/holidays/2021', { body: { holidays: [{ date: '2021-09-02', name: 'Quốc khánh' }, ...TET_2021] } });
    const replaced = await api('PUT', '/v1/holidays/2021', { body: { holidays: [{ date: '2021-05-01', name: 'Quốc tế Lao động' }, { date: '2021-04-30', name: 'Ngày Giải phóng miền Nam' }] } });
    expect(replaced.json.holidays.map((h: any) => h.date)).toEqual(['2021-04-30', '2021-05-01']);
    expect((await api('GET', '/v1/holidays/2021')).json).toEqual(replaced.json);
    expect((await api('GET', '/v1/holidays/2022')).json).toEqual({ holidays: [] });
  });

  it('a date of another year is refused naming it, and nothing is replaced', async () => {
    await api('PUT', '/v1/holidays/2021', { body: { holidays: TET_2021 } });
    const res = await api('PUT', '/v1/holidays/2021', { body: { holidays: [{ date: '2021-09-02', name: 'Quốc khánh' }, { date: '2022-01-01', name: 'Tết Dương lịch' }] } });
    expect(res.status).toBe(400);
    expect(res.json.errors.map((e: any) => e.path)).toEqual(['holidays[1].date']);
    expect((await api('GET', '/v1/holidays/2021')).json.holidays).toHaveLength(TET_2021.length);
  });

  it('only the administrator loads them; anyone with a token reads them', async () => {
    const q10 = await issueToken('771', 'manager');
    expect((await api('PUT', '/v1/holidays/2021', { token: q10, body: { holidays: TET_2021 } })).status).toBe(403);
    expect((await api('GET', '/v1/holidays/2021', { token: q10 })).status).toBe(200);
  });

  it('a deadline on the last day of Tết moves to the next working day only when the plan asks', async () => {
    await api('PUT', '/v1/holidays/2021', { body: { holidays: TET_2021 } });
    expect((await activeDeadline(plan('1/KH', true))).deadline).toBe('chậm nhất 23:59 ngày 17/02/2021');
    expect((await activeDeadline(plan('2/KH', false))).deadline).toBe('chậm nhất 23:59 ngày 16/02/2021');
  });

  it('holidays loaded after activation leave the deadlines already given as they were; a plan activated afterwards gets them', async () => {
    const before = await activeDeadline(plan('3/KH', true));
    expect(before.deadline).toBe('chậm nhất 23:59 ngày 16/02/2021'); // a Tuesday, no holiday known yet
    await api('PUT', '/v1/holidays/2021', { body: { holidays: TET_2021 } });
    const again = (await api('GET', `/v1/obligations?plan=${before.plan}`)).json.items[0];
    expect(again.dueAt).toBe(before.dueAt);
    expect((await activeDeadline(plan('4/KH', true))).dueAt).toBe('2021-02-17T17:00:00.000Z');
  });
});
