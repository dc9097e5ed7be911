import { z } from 'zod';
import { Rollup, RollupQuery } from '../../../schemas';
import { createRouter } from '../app';
import { rollupCsv } from '../domain/exports';
import { defineRoute } from '../http';
import { DOCX, rollupDocument, rollupWorkbook, XLSX } from '../flows/documents';
import { rollup } from '../flows/rollups';

const app = createRouter();

app.openapi(
  defineRoute({
    method: 'get', path: '/rollups', tags: ['Roll-ups'], operationId: 'getRollup', problems: [404],
    summary: "A plan's reports for one period, rolled up over a subtree, with one row per child",
    description:
      'Completeness (expected, submitted, on time, late, returned, missing codes) and, per indicator, the exact aggregate: ' +
      'counts and numbers summed (or avg, min, max as the schedule chooses), percent and ratio as Σnumerator/Σdenominator, ' +
      'booleans as units answering yes over units reporting; units that answered "not applicable" and flagged outliers are counted. ' +
      '`unit` defaults to the plan\'s issuer (admin) or your token\'s unit. `format=csv` gives a spreadsheet (UTF-8 with BOM, Vietnamese headers; ' +
      '`locale=vi` for ";" and decimal commas); `format=xlsx` a workbook for Excel and Sheets; `format=docx` the compiled report as a Decree 30 Word document.',
    request: { query: RollupQuery },
    responses: {
      200: {
        description: 'The roll-up',
        content: {
          'application/json': { schema: Rollup }, 'text/csv': { schema: z.string() },
          [XLSX]: { schema: z.string().meta({ format: 'binary' }) }, [DOCX]: { schema: z.string().meta({ format: 'binary' }) },
        },
      },
    },
  }),
  async (c) => {
    const q = c.req.valid('query');
    if (q.format === 'docx' || q.format === 'xlsx') {
      const file = q.format === 'docx' ? await rollupDocument(c.env, c.get('principal'), q) : await rollupWorkbook(c.env, c.get('principal'), q);
      return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, { 'content-type': q.format === 'docx' ? DOCX : XLSX, 'content-disposition': file.disposition });
    }
    const { root, rollup: r } = await rollup(c.env, c.get('principal'), q);
    if (q.format === 'csv') {
      return c.body(rollupCsv(r, q.locale === 'vi' ? 'vi' : 'default'), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="tong-hop-${root.code}-${q.period}.csv"`,
      });
    }
    return c.json(r, 200);
  },
);

export default app;
