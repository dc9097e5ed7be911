import { HolidayYearParam, Holidays } from '../../../schemas';
import { createRouter } from '../app';
import { defineRoute, json } from '../http';
import { holidaysOf, replaceHolidays } from '../flows/holidays';

const app = createRouter();

app.openapi(
  defineRoute({
    method: 'get', path: '/holidays/{year}', tags: ['Holidays'], operationId: 'getHolidays',
    summary: "A year's public holidays (used by shiftToWorkingDay)",
    request: { params: HolidayYearParam },
    responses: { 200: json(Holidays, 'The holidays') },
  }),
  async (c) => c.json(await holidaysOf(c.env, c.req.valid('param').year), 200),
);

app.openapi(
  defineRoute({
    method: 'put', path: '/holidays/{year}', tags: ['Holidays'], operationId: 'replaceHolidays',
    summary: "Replace a year's public holidays (Tết moves every year, so they are data)",
    description: 'Administrator only. Deadlines of plans already activated keep the instants they were given.',
    request: { params: HolidayYearParam, body: { required: true, content: { 'application/json': { schema: Holidays } } } },
    responses: { 200: json(Holidays, 'The holidays now stored') },
  }),
  async (c) => c.json(await replaceHolidays(c.env, c.get('principal'), c.req.valid('param').year, c.req.valid('json').holidays), 200),
);

export default app;
