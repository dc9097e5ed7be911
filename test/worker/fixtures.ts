import { vi } from 'vitest';
import demoUnits from '../../worker/demo/units.csv?raw';
import demoPlans from '../../worker/demo/plans.json';
import { api, resetDb } from './helpers';

/**
 * Quận 10 adopts Phú Hữu's targets (seed 001) for its 11 wards, reporting every quarter before the 15th of the
 * quarter's last month. Phú Hữu answers every indicator; here a ward may send part of its figures.
 */
export const phuHuu = demoPlans.find((p) => p.key === 'seed001')!;
export const q10Plan = {
  number: '25/KH-UBND', title: 'Tuyên truyền cải cách hành chính các phường Quận 10 năm 2021', issuer: '771', issuedOn: '2021-01-10', years: [2021],
  tasks: [{ code: 'T1', title: 'Tuyên truyền CCHC', assignees: { level: 'commune' } }],
  indicators: [...phuHuu.indicators.map((i) => ({ ...i, required: false })), { code: 'GHI_CHU', name: 'Ý kiến khác', kind: 'text', required: false }],
  validationRules: [{ left: 'LOP_TAP_HUAN', op: '<=', right: 'BAI_PHAT_THANH', message: 'Số lớp tập huấn không vượt quá số bài phát thanh' }],
  schedules: [{ code: 'QUY', name: 'Báo cáo quý', periodType: 'quarter', due: { rule: 'dayOfLastMonth', day: 15 }, appliesTo: { level: 'commune' }, reportTo: '771', via: '771-NV' }],
};
export const WARDS = ['27163', '27166', '27169', '27172', '27178', '27181', '27184', '27187', '27190', '27193', '27202'];
/** The same wards in the order people count them (Phường 1, 2, 4, … 15). */
export const WARDS_BY_NAME = ['27184', '27190', '27193', '27202', '27187', '27181', '27178', '27172', '27166', '27169', '27163'];

export const fx = { planId: '', scheduleId: '' };
export const path = (unit: string, period = '2021Q1') => `/v1/reports/${unit}/${fx.scheduleId}/${period}`;
export const onTimeFiles = (n: number, d: number) => ({ indicator: 'TTHC_DUNG_HAN', numerator: n, denominator: d });

export async function submit(unit: string, values: unknown[], opts: { token?: string; headers?: Record<string, string>; submit?: boolean; period?: string } = {}) {
  return api('PUT', path(unit, opts.period), { token: opts.token, headers: opts.headers, body: { values, tasks: [], submit: opts.submit ?? true } });
}

/** The demo tree and Quận 10's quarterly plan, active; the clock at 10/03/2021, before the Q1 deadline. */
export async function q10Quarterly() {
  await resetDb();
  await api('POST', '/v1/units/import', { csv: demoUnits });
  const plan = (await api('POST', '/v1/plans', { body: q10Plan })).json;
  fx.planId = plan.id;
  fx.scheduleId = plan.schedules[0].id;
  await api('POST', `/v1/plans/${fx.planId}/activate`);
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2021-03-10T03:00:00Z'));
}
