import { env } from 'cloudflare:test';
import demoPlans from '../../../worker/demo/plans.json';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fx, onTimeFiles, path, phuHuu, q10Quarterly, submit, WARDS, WARDS_BY_NAME } from '../fixtures';
import { ADMIN, api, BASE, issueToken, resetDb } from '../helpers';

beforeEach(q10Quarterly);
afterEach(() => vi.useRealTimers());

describe('scores (seed 000: five criteria × 2 points = 10)', () => {
  it('a manager above scores units on the criteria and ranks them', async () => {
    const s000 = demoPlans.find((p) => p.key === 'seed000')!;
    const { key: _k, basis: _b, ...body } = s000;
    const plan = (await api('POST', '/v1/plans', { body })).json;
    const q5 = await issueToken('774', 'manager');
    expect((await api('PUT', `/v1/scores/27325/${plan.id}/2020`, { token: q5, body: { criteria: [{ code: plan.criteria[0].code, points: 1 }] } })).status).toBe(409); // still a draft
    await api('POST', `/v1/plans/${plan.id}/activate`);
    const codes = plan.criteria.map((c: any) => c.code);
    const full = codes.map((code: string) => ({ code, points: 2 }));
    expect((await api('PUT', `/v1/scores/27325/${plan.id}/2020`, { token: q5, body: { criteria: full } })).json.items[0]).toMatchObject({ total: 10, max: 10 });
    await api('PUT', `/v1/scores/27301/${plan.id}/2020`, { token: q5, body: { criteria: full.map((c: any, i: number) => ({ ...c, points: i === 0 ? 1 : 2 })) } });
    await api('PUT', `/v1/scores/27304/${plan.id}/2020`, { token: q5, body: { criteria: full.map((c: any, i: number) => ({ ...c, points: i === 0 ? 1 : 2 })) } });
    const over = await api('PUT', `/v1/scores/27307/${plan.id}/2020`, { token: q5, body: { criteria: [{ code: codes[0], points: 3 }] } });
    expect(over.status).toBe(400);
    expect(over.json.errors[0]).toEqual({ path: 'criteria[0].points', message: `at most 2 points for ${codes[0]}` });
    expect((await api('PUT', `/v1/scores/774/${plan.id}/2020`, { token: q5, body: { criteria: full } })).status).toBe(403);
    const ranking = (await api('GET', `/v1/scores?plan=${plan.id}&period=2020&unit=774`, { token: q5 })).json.items;
    expect(ranking.map((r: any) => [r.unit, r.total, r.rank])).toEqual([['27325', 10, 1], ['27301', 9, 2], ['27304', 9, 2]]);
    // A score given once over the whole plan.
    expect((await api('PUT', `/v1/scores/27325/${plan.id}/ONCE`, { token: q5, body: { criteria: full } })).status).toBe(200);
  });

  it('only scores units the plan reaches, in its own periods, by managers who can see it', async () => {
    const { key: _k, basis: _b, ...body } = demoPlans.find((p) => p.key === 'seed000')!;
    const plan = (await api('POST', '/v1/plans', { body: { ...body, number: `${body.number}-b` } })).json;
    await api('POST', `/v1/plans/${plan.id}/activate`);
    const criteria = [{ code: plan.criteria[0].code, points: 1 }];
    const put = (unit: string, period: string, token?: string) => api('PUT', `/v1/scores/${unit}/${plan.id}/${period}`, { token, body: { criteria } });
    const before = await env.DB.prepare('SELECT count(*) AS n FROM scores').first<{ n: number }>();
    expect((await put('27163', '2020')).status).toBe(403); // a Quận 10 ward: outside the Quận 5 plan
    expect((await put('79', '2020')).status).toBe(403); // above the issuer
    const period = await put('27325', 'abc');
    expect(period.status).toBe(400);
    expect(period.json.errors[0].path).toBe('period');
    expect((await put('27325', '2099')).status).toBe(400);
    const q10 = await issueToken('771', 'manager');
    const foreign = await api('PUT', `/v1/scores/27163/${plan.id}/2020`, { token: q10, body: { criteria: [{ code: 'ZZ', points: 1 }] } });
    expect(foreign.status).toBe(403);
    expect(foreign.text).not.toContain(plan.criteria[0].code); // the plan's criteria stay private
    await api('POST', `/v1/plans/${plan.id}/archive`);
    expect((await put('27325', '2020')).status).toBe(409);
    expect((await env.DB.prepare('SELECT count(*) AS n FROM scores').first<{ n: number }>())!.n).toBe(before!.n);
  });
});
