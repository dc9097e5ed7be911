import { createRoute } from '@hono/zod-openapi';
import { HolidayYearParam, Holidays } from '../../../schemas';
import { createRouter } from '../app';
import { assertAdmin } from '../auth';
import { auditStatement } from '../db/audit';
import { badRequest } from '../errors';
import { authed, json, problems } from './shared';

const app = createRouter();

async function yearHolidays(db: D1Database, year: number) {
  const { results } = await db.prepare('SELECT date, name FROM holidays WHERE year = ? ORDER BY date').bind(year).all<{ date: string; name: string }>();
  return { holidays: results };
}

app.openapi(
  createRoute({
    method: 'get', path: '/holidays/{year}', tags: ['Holidays'], ...authed,
    summary: "A year's public holidays (used by shiftToWorkingDay)",
    request: { params: HolidayYearParam },
    responses: { 200: json(Holidays, 'The holidays'), ...problems(400, 401) },
  }),
  async (c) => c.json(await yearHolidays(c.env.DB, c.req.valid('param').year), 200),
);

app.openapi(
  createRoute({
    method: 'put', path: '/holidays/{year}', tags: ['Holidays'], ...authed,
    summary: "Replace a year's public holidays (Tết moves every year, so they are data)",
    description: 'Administrator only. Deadlines of plans already activated keep the instants they were given.',
    request: { params: HolidayYearParam, body: { required: true, content: { 'application/json': { schema: Holidays } } } },
    responses: { 200: json(Holidays, 'The holidays now stored'), ...problems(400, 401, 403) },
  }),
  async (c) => {
    const p = c.get('principal');
    assertAdmin(p);
    const { year } = c.req.valid('param');
    const { holidays } = c.req.valid('json');
    const wrong = holidays.map((h, i) => ({ h, i })).filter(({ h }) => !h.date.startsWith(`${year}-`));
    if (wrong.length) {
      throw badRequest(`Every date must lie in ${year}.`, wrong.map(({ h, i }) => ({ path: `holidays[${i}].date`, message: `${h.date} is not in ${year}` })));
    }
    const before = await yearHolidays(c.env.DB, year);
    await c.env.DB.batch([
      c.env.DB.prepare('DELETE FROM holidays WHERE year = ?').bind(year),
      c.env.DB.prepare(
        `INSERT INTO holidays (date, year, name) SELECT value ->> '$.date', ?1, value ->> '$.name' FROM json_each(?2) WHERE true
         ON CONFLICT (date) DO UPDATE SET name = excluded.name`,
      ).bind(year, JSON.stringify(holidays)),
      auditStatement(c.env.DB, p, new Date(), { action: 'holidays.replace', entityType: 'holidays', entityId: String(year), unit: null, before, after: { holidays } }),
    ]);
    return c.json(await yearHolidays(c.env.DB, year), 200);
  },
);

export default app;
