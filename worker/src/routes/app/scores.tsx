/** @jsxImportSource hono/jsx */
import { WebScoresQuery } from '../../../../schemas';
import { createRouter } from '../../app';
import { defineRoute, html } from '../../http';
import { scoreBoard } from '../../flows/webapp';
import { ScoresView } from '../../views/scores';

const app = createRouter();

app.openapi(
  defineRoute({
    method: 'get', path: '/v1/dashboard/scores', tags: ['Web app'], operationId: 'appScores', problems: [404],
    summary: "Chấm điểm: the ranking for a period with each criterion's points and the maximum, and scoring a unit below (HTML fragment)",
    request: { query: WebScoresQuery }, responses: { 200: html('The ranking') },
  }),
  async (c) => {
    const s = await scoreBoard(c.env, c.get('principal'), c.req.valid('query'));
    return c.html(
      <ScoresView plan={s.plan} rootName={s.root.name} criteria={s.criteria} max={s.max} period={s.period} periods={s.periods} ranking={s.ranking} scorable={s.scorable} />,
      200,
    );
  },
);

export default app;
