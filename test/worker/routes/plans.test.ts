import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import demoUnits from '../../../worker/demo/units.csv?raw';
import demoPlans from '../../../worker/demo/plans.json';
import { api, issueToken, resetDb } from '../helpers';

type DemoPlan = (typeof demoPlans)[number];
const seed = (key: string) => {
  const { key: _key, basis: _basis, ...plan } = demoPlans.find((p) => p.key === key) as DemoPlan;
  return structuredClone(plan) as Record<string, any>;
};

async function createPlan(plan: unknown, token?: string) {
  const res = await api('POST', '/v1/plans', { body: plan, token });
  expect(res.status, res.text).toBe(201);
  return res.json;
}

async function activate(id: string, token?: string) {
  const res = await api('POST', `/v1/plans/${id}/activate`, { token });
  expect(res.status, res.text).toBe(200);
  return res.json;
}

async function obligations(query: string, token?: string) {
  const res = await api('GET', `/v1/obligations?${query}`, { token });
  expect(res.status, res.text).toBe(200);
  return res.json.items as any[];
}

beforeEach(async () => {
  await resetDb();
  expect((await api('POST', '/v1/units/import', { csv: demoUnits })).status).toBe(200);
});
afterEach(() => vi.useRealTimers());

describe('the five seed plans, activated on the demo units', () => {
  it("seed 002: Quận 10's wards and offices owe a 6-month PAPI report before 15 May, an annual one before 15 October, and their implementation plan before 1 Feb 2021", async () => {
    const plan = await createPlan(seed('seed002'));
    expect(plan.status).toBe('draft');
    expect(plan.schedules.map((s: { id: string }) => s.id)).toEqual([expect.stringMatching(/^sc_/), expect.stringMatching(/^sc_/), expect.stringMatching(/^sc_/)]);
    const res = await activate(plan.id);
    // 18 units × (1 one-off + S1 of 2020 and 2021 + the years 2020 and 2021)
    expect(res).toEqual({ obligations: 18 * 5, created: 18 * 5, status: 'active' });

    const ward = await obligations(`unit=27163&plan=${plan.id}`);
    expect(ward.map((o) => [o.scheduleCode, o.period, o.dueAt])).toEqual([
      ['6T', '2020S1', '2020-05-14T17:00:00.000Z'],
      ['NAM', '2020', '2020-10-14T17:00:00.000Z'],
      ['KH', 'ONCE', '2021-01-31T17:00:00.000Z'],
      ['6T', '2021S1', '2021-05-14T17:00:00.000Z'],
      ['NAM', '2021', '2021-10-14T17:00:00.000Z'],
    ]);
    expect(ward[3]).toMatchObject({ unit: '27163', unitName: 'Phường 15', plan: plan.id, deadline: 'chậm nhất 23:59 ngày 14/05/2021', onTime: null, submittedAt: null });
  });

  it('seed 000: the ten wards of Quận 5 report before 20 November', async () => {
    const plan = await createPlan(seed('seed000'));
    expect((await activate(plan.id)).obligations).toBe(10);
    const all = await obligations(`plan=${plan.id}`);
    expect(new Set(all.map((o) => o.dueAt))).toEqual(new Set(['2020-11-19T17:00:00.000Z']));
    expect(plan.criteria.reduce((n: number, c: { maxPoints: number }) => n + c.maxPoints, 0)).toBe(10);
  });

  it('seed 001: Phường Phú Hữu reports each quarter, 6 months, 9 months and year to Thủ Đức', async () => {
    const plan = await createPlan(seed('seed001'));
    expect((await activate(plan.id)).obligations).toBe(4);
    const all = await obligations(`plan=${plan.id}`);
    expect(all.map((o) => [o.period, o.dueAt])).toEqual([
      ['2020Q1', '2020-03-20T17:00:00.000Z'],
      ['2020S1', '2020-06-20T17:00:00.000Z'],
      ['2020N9', '2020-09-20T17:00:00.000Z'],
      ['2020', '2020-12-20T17:00:00.000Z'],
    ]);
    const targets = Object.fromEntries(plan.indicators.map((i: any) => [i.code, i.target]));
    expect(targets.TTHC_DUNG_HAN).toEqual({ op: '>', value: 95 });
    expect(targets.TTHC_NHA_DAT).toEqual({ op: '>=', value: 98 });
  });

  it("seed 003: Mỹ Thạnh's six hamlets nominate by 25 November and the commune sends to Giồng Trôm by 10 December, 2015–2020", async () => {
    const plan = await createPlan(seed('seed003'));
    expect((await activate(plan.id)).obligations).toBe(6 * 6 + 6);
    const hamlet = await obligations(`unit=28993-A1&plan=${plan.id}&period=2015`);
    expect(hamlet.map((o) => o.dueAt)).toEqual(['2015-11-25T17:00:00.000Z']);
    const commune = (await obligations(`unit=28993&plan=${plan.id}&period=2020`)).filter((o) => o.unit === '28993');
    expect(commune.map((o) => [o.scheduleCode, o.dueAt])).toEqual([['XA_HUYEN', '2020-12-10T17:00:00.000Z']]);
  });

  it("seed 004: Duy Tiên's communes send a first-results report in March 2021, then 6-month and annual reports before 15/6 and 15/12 to two recipients", async () => {
    const plan = await createPlan(seed('seed004'));
    expect(plan.schedules[1].reportTo).toEqual(['349-TU-DV', '349-NV']);
    expect((await activate(plan.id)).obligations).toBe(15 * 3);
    const one = await obligations(`unit=13321&plan=${plan.id}`);
    expect(one.map((o) => [o.period, o.dueAt])).toEqual([
      ['ONCE', '2021-03-31T17:00:00.000Z'],
      ['2021S1', '2021-06-14T17:00:00.000Z'],
      ['2021', '2021-12-14T17:00:00.000Z'],
    ]);
  });
});

describe('activation', () => {
  it('is exactly-once however often it is called', async () => {
    const plan = await createPlan(seed('seed004'));
    const first = await activate(plan.id);
    const again = await activate(plan.id);
    expect(again).toEqual({ obligations: first.obligations, created: 0, status: 'active' });
    const n = await env.DB.prepare('SELECT count(*) AS n FROM obligations WHERE plan_id = ?').bind(plan.id).first<{ n: number }>();
    expect(n!.n).toBe(45);
  });

  it('moves a due day off a weekend or public holiday when asked (Tết 2021)', async () => {
    const put = await api('PUT', '/v1/holidays/2021', {
      body: { holidays: ['2021-02-10', '2021-02-11', '2021-02-12', '2021-02-15', '2021-02-16'].map((date) => ({ date, name: 'Tết Nguyên Đán' })) },
    });
    expect(put.status, put.text).toBe(200);
    const plan = seed('seed002');
    plan.schedules = [{ ...plan.schedules[0], code: 'KH', due: { rule: 'date', date: '2021-02-11', before: false }, shiftToWorkingDay: true }];
    const created = await createPlan(plan);
    await activate(created.id);
    const [o] = await obligations(`unit=27163&plan=${created.id}`);
    // Thursday 11/02 is Tết; Fri 12 is too, then a weekend, then Mon 15 and Tue 16: due by the end of Wednesday 17/02.
    expect(o.dueAt).toBe('2021-02-17T17:00:00.000Z');
    expect(o.deadline).toBe('chậm nhất 23:59 ngày 17/02/2021');
  });

  it('is for a manager of the issuer; an archived plan cannot be activated', async () => {
    const plan = await createPlan(seed('seed002'));
    const ward = await issueToken('27163', 'manager');
    expect((await api('POST', `/v1/plans/${plan.id}/activate`, { token: ward })).status).toBe(403);
    const archived = await api('POST', `/v1/plans/${plan.id}/archive`);
    expect(archived.json.status).toBe('archived');
    const res = await api('POST', `/v1/plans/${plan.id}/activate`);
    expect(res.status).toBe(409);
  });
});

describe('obligation status is computed from the clock at read time', () => {
  it('open before the deadline, overdue from the deadline on', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const plan = await createPlan(seed('seed002'));
    await activate(plan.id);
    vi.setSystemTime(new Date('2021-05-14T16:59:59Z')); // 23:59:59 on 14/05 in Hà Nội time
    const before = await obligations(`unit=27163&plan=${plan.id}&period=2021S1`);
    expect(before[0].status).toBe('open');
    vi.setSystemTime(new Date('2021-05-14T17:00:00Z')); // 00:00 on 15/05: "trước ngày 15/5" has passed
    const after = await obligations(`unit=27163&plan=${plan.id}&period=2021S1`);
    expect(after[0].status).toBe('overdue');
    const overdue = await obligations(`unit=771&plan=${plan.id}&status=overdue&limit=1000`);
    // 18 units: the 2020 S1 and year, the one-off and the 2021 S1 are past due
    expect(overdue).toHaveLength(18 * 4);
    const open = await obligations(`unit=771&plan=${plan.id}&status=open&limit=1000`);
    expect(open.map((o) => o.period)).toEqual(Array(18).fill('2021'));
  });

  it('filters by due window and pages with a cursor', async () => {
    const plan = await createPlan(seed('seed002'));
    await activate(plan.id);
    const window = await obligations(`plan=${plan.id}&dueAfter=2021-01-01T00:00:00Z&dueBefore=2021-06-01T00:00:00Z&limit=1000`);
    expect(new Set(window.map((o) => o.scheduleCode))).toEqual(new Set(['KH', '6T']));
    expect(window).toHaveLength(36);
    const seen = new Set<string>();
    let cursor: string | null = '';
    while (cursor !== null) {
      const res = await api('GET', `/v1/obligations?plan=${plan.id}&limit=25${cursor ? `&cursor=${cursor}` : ''}`);
      res.json.items.forEach((o: { id: string }) => seen.add(o.id));
      cursor = res.json.nextCursor;
    }
    expect(seen.size).toBe(90);
  });

  it("a ward's token sees its own obligations only; the district's sees its wards'", async () => {
    const plan = await createPlan(seed('seed002'));
    await activate(plan.id);
    const ward = await issueToken('27163', 'submitter');
    const mine = await obligations(`plan=${plan.id}`, ward);
    expect(new Set(mine.map((o) => o.unit))).toEqual(new Set(['27163']));
    expect((await api('GET', '/v1/obligations?unit=27166', { token: ward })).status).toBe(403);
    const district = await issueToken('771', 'manager');
    expect(await obligations(`plan=${plan.id}&limit=1000`, district)).toHaveLength(90);
    const q5 = await issueToken('774', 'manager');
    expect(await obligations(`plan=${plan.id}`, q5)).toHaveLength(0);
  });
});

describe('plan validation', () => {
  it('checks the shape first, naming every bad field', async () => {
    const bad = seed('seed002');
    bad.years = [];
    bad.schedules[0].due = { rule: 'date', date: '2021-02-30' };
    bad.schedules[1].periodType = 'fortnight';
    bad.indicators[1].kind = 'money';
    const res = await api('POST', '/v1/plans', { body: bad });
    expect(res.status).toBe(400);
    expect(res.json.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'indicators[1].kind', 'schedules[0].due.date', 'schedules[1].periodType', 'years',
    ]);
    expect(res.json.errors.find((e: { path: string }) => e.path === 'schedules[0].due.date').message).toBe('must be a real calendar date, YYYY-MM-DD');
  });

  it('then checks the plan against the hierarchy, naming every problem, before writing anything', async () => {
    const bad = seed('seed002');
    bad.tasks[0].assignees = { units: ['27325', '99999'] }; // a Quận 5 ward, and no such unit
    bad.tasks.push({ ...bad.tasks[1], assignees: { level: 'commune' } });
    bad.indicators[0].target = { op: '>', value: 120 }; // TTHC_DUNG_HAN is a percent
    bad.schedules[2].appliesTo = { level: 'hamlet' };
    bad.schedules[2].via = '771-XX';
    bad.validationRules = [{ left: 'KHONG_CO', op: '<=', right: 'TIEP_CONG_DAN' }];
    const res = await api('POST', '/v1/plans', { body: bad });
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([
      { path: `tasks[${bad.tasks.length - 1}].code`, message: 'duplicate task code T2 (also at tasks[1])' },
      { path: 'tasks[0].assignees.units[0]', message: "27325 is outside the issuer's subtree (771)" },
      { path: 'tasks[0].assignees.units[1]', message: 'unknown unit 99999' },
      { path: 'indicators[0].target.value', message: 'a percent target must lie between 0 and 100' },
      { path: 'schedules[2].appliesTo.level', message: 'no unit of level "hamlet" under 771' },
      { path: 'schedules[2].via', message: 'unknown unit 771-XX' },
      { path: 'validationRules[0].left', message: 'unknown indicator KHONG_CO' },
    ]);
    const count = await env.DB.prepare('SELECT count(*) AS n FROM plans').first<{ n: number }>();
    expect(count!.n).toBe(0);
  });

  it('rejects fixedDate 30 February and an `only` that does not fit the period type', async () => {
    const bad = seed('seed002');
    bad.schedules[2].due = { rule: 'fixedDate', month: 2, day: 30 };
    bad.schedules[1].only = ['Q1'];
    const res = await api('POST', '/v1/plans', { body: bad });
    expect(res.status).toBe(400);
    expect(res.json.errors.map((e: { path: string }) => e.path).sort()).toEqual(['schedules[1].only', 'schedules[2].due']);
  });

  it('only a manager of the issuer may create one', async () => {
    const ward = await issueToken('27163', 'manager');
    expect((await api('POST', '/v1/plans', { body: seed('seed002'), token: ward })).status).toBe(403);
    const submitter = await issueToken('771', 'submitter');
    expect((await api('POST', '/v1/plans', { body: seed('seed002'), token: submitter })).status).toBe(403);
    const manager = await issueToken('771', 'manager');
    expect((await api('POST', '/v1/plans', { body: seed('seed002'), token: manager })).status).toBe(201);
  });
});

describe('drafts, listing, and the cascade', () => {
  it('a draft can be changed (If-Match guards against lost edits); an active plan cannot', async () => {
    const plan = await createPlan(seed('seed002'));
    const indicators = plan.indicators.map((i: any) => (i.code === 'TTHC_DUNG_HAN' ? { ...i, target: { op: '>=', value: 98 } } : i));
    const stale = await api('PATCH', `/v1/plans/${plan.id}`, { body: { indicators }, headers: { 'if-match': '7' } });
    expect(stale.status).toBe(409);
    const ok = await api('PATCH', `/v1/plans/${plan.id}`, { body: { indicators }, headers: { 'if-match': '1' } });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.json.version).toBe(2);
    expect(ok.json.indicators[0].target).toEqual({ op: '>=', value: 98 });
    expect(ok.json.schedules.map((s: any) => s.id)).toEqual(plan.schedules.map((s: any) => s.id));
    await activate(plan.id);
    expect((await api('PATCH', `/v1/plans/${plan.id}`, { body: { title: 'x' } })).status).toBe(409);
  });

  it('lists by issuer, year and status; a ward sees the plans of the units above it', async () => {
    const q10 = await createPlan(seed('seed002'));
    await createPlan(seed('seed004'));
    await activate(q10.id);
    const byIssuer = await api('GET', '/v1/plans?issuer=771');
    expect(byIssuer.json.items.map((p: any) => p.id)).toEqual([q10.id]);
    expect((await api('GET', '/v1/plans?year=2021&status=active')).json.items).toHaveLength(1);
    expect((await api('GET', '/v1/plans?year=2019')).json.items).toHaveLength(0);
    const ward = await issueToken('27163', 'submitter');
    const seen = await api('GET', '/v1/plans', { token: ward });
    expect(seen.json.items.map((p: any) => p.number)).toEqual(['KH-PAPI/Q10']);
    expect((await api('GET', `/v1/plans/${q10.id}`, { token: ward })).status).toBe(200);
  });

  it('the city issues, Quận 10 derives its own plan for its wards, tightens a target and activates it', async () => {
    const city = await createPlan({
      number: '135/KH-UBND', title: 'Cải cách hành chính TP.HCM 2021', issuer: '79', issuedOn: '2021-01-05', years: [2021],
      tasks: [{ code: 'T1', title: 'Giải quyết hồ sơ đúng hạn', assignees: { level: 'district' } }],
      indicators: [{ code: 'TTHC_DUNG_HAN', name: 'Tỷ lệ hồ sơ TTHC giải quyết đúng hạn', kind: 'percent', target: { op: '>', value: 95 } }],
      schedules: [{ code: 'Q', name: 'Báo cáo quý', periodType: 'quarter', due: { rule: 'dayOfLastMonth', day: 20 }, appliesTo: { level: 'district' }, reportTo: '79' }],
    });
    await activate(city.id);
    const q10 = await issueToken('771', 'manager');
    expect((await api('POST', `/v1/plans/${city.id}/derive`, { body: { issuer: '27163' } })).status).toBe(400); // a ward: not a district
    const res = await api('POST', `/v1/plans/${city.id}/derive`, { body: { issuer: '771' }, token: q10 });
    expect(res.status, res.text).toBe(201);
    const derived = res.json;
    expect(derived).toMatchObject({ issuer: '771', basis: city.id, status: 'draft', number: '/KH-UBND' }); // blank for the register, no unit code
    expect(derived.basisChain).toEqual([{ id: city.id, number: '135/KH-UBND', title: 'Cải cách hành chính TP.HCM 2021', issuer: '79' }]);
    expect(derived.schedules[0]).toMatchObject({ appliesTo: { level: 'commune' }, reportTo: '771', via: null });
    expect(derived.tasks[0].assignees).toEqual({ level: 'commune' });
    expect((await api('POST', `/v1/plans/${city.id}/derive`, { body: { issuer: '771' }, token: q10 })).status).toBe(409);

    const tightened = await api('PATCH', `/v1/plans/${derived.id}`, {
      token: q10, body: { indicators: [{ ...derived.indicators[0], target: { op: '>=', value: 98 } }] },
    });
    expect(tightened.status, tightened.text).toBe(200);
    expect((await activate(derived.id, q10)).obligations).toBe(11 * 4);
    const list = await api('GET', `/v1/plans/${city.id}/derived`);
    expect(list.json.items.map((p: any) => p.issuer)).toEqual(['771']);
  });
});

describe('national scale', () => {
  it('activates a plan for every commune in Vietnam (10,047 × 8 periods = 80,376 obligations) in one request', async () => {
    await resetDb();
    const csv = (await import('../../../data/vn/vn-units-2025-03-01.csv?raw')).default;
    expect((await api('POST', '/v1/units/import', { csv })).status).toBe(200);
    const provinces = csv.split('\n').filter((l) => l.endsWith(',province,')).map((l) => {
      const [code, name] = l.split(',');
      return { code, name, level: 'province', parent: 'VN' };
    });
    const root = await api('POST', '/v1/units/import', { body: { units: [{ code: 'VN', name: 'Việt Nam', level: 'nation' }, ...provinces] } });
    expect(root.json.moved).toBe(63);
    const schedules = [
      { code: 'QUY', periodType: 'quarter', due: { rule: 'afterPeriodEnd', days: 10 } },
      { code: '6T', periodType: 'half', due: { rule: 'dayOfLastMonth', day: 15 } },
      { code: '9T', periodType: 'nine_months', due: { rule: 'dayOfLastMonth', day: 15 } },
      { code: 'NAM', periodType: 'year', due: { rule: 'fixedDate', month: 12, day: 15 } },
    ].map((s) => ({ ...s, appliesTo: { level: 'commune' }, reportTo: 'VN' }));
    const plan = await createPlan({
      number: '01/KH-QG', title: 'Kế hoạch cải cách hành chính toàn quốc', issuer: 'VN', issuedOn: '2025-01-02', years: [2025],
      indicators: [{ code: 'TTHC_DUNG_HAN', name: 'Tỷ lệ hồ sơ đúng hạn', kind: 'percent', target: { op: '>', value: 95 } }],
      schedules,
    });
    const t0 = Date.now();
    const res = await activate(plan.id);
    console.log(`national activation: ${res.created} obligations in ${Date.now() - t0} ms`);
    expect(res).toEqual({ obligations: 80_376, created: 80_376, status: 'active' });
    const hcm = await obligations('unit=79&period=2025Q2&limit=1000');
    expect(hcm.length).toBe(273); // TP.HCM's 273 communes and wards of March 2025
    expect(hcm[0].dueAt).toBe('2025-07-09T17:00:00.000Z'); // 10 days after 30/06, "trước ngày 10/07"
  });
});
