/** Public holidays, data an administrator loads each year (Tết moves), for shiftToWorkingDay. */
import { auditStatement } from '../db/audit';
import { replaceHolidaysStatements, yearHolidays, type Holiday } from '../db/holidays';
import type { Env } from '../env';
import { badRequest, t } from '../errors';
import { assertAdmin, type Principal } from '../policy';

export async function holidaysOf(env: Env, year: number) {
  return { holidays: await yearHolidays(env.DB, year) };
}

export async function replaceHolidays(env: Env, p: Principal, year: number, holidays: Holiday[]) {
  assertAdmin(p);
  const wrong = holidays.map((h, i) => ({ h, i })).filter(({ h }) => !h.date.startsWith(`${year}-`));
  if (wrong.length) {
    throw badRequest(t(`Every date must lie in ${year}.`, `Mọi ngày phải thuộc năm ${year}.`),
      wrong.map(({ h, i }) => ({ path: `holidays[${i}].date`, message: t(`${h.date} is not in ${year}`, `${h.date} không thuộc năm ${year}`) })));
  }
  const before = await holidaysOf(env, year);
  await env.DB.batch([
    ...replaceHolidaysStatements(env.DB, year, holidays),
    auditStatement(env.DB, p, new Date(), { action: 'holidays.replace', entityType: 'holidays', entityId: String(year), unit: null, before, after: { holidays } }),
  ]);
  return holidaysOf(env, year);
}
