import { ScoreList, ScoreParams, ScorePut, ScoreQuery } from '../../../schemas';
import { createRouter } from '../app';
import { defineRoute, json } from '../http';
import { putScore, ranking } from '../flows/scores';

const app = createRouter();

app.openapi(
  defineRoute({
    method: 'put', path: '/scores/{unit}/{planId}/{period}', tags: ['Scores'], operationId: 'putScore', problems: [404, 409],
    summary: "Score a unit on the plan's criteria (each at most its maxPoints)",
    description: 'By a manager of a unit above the scored unit, or the administrator, on an active plan (409 otherwise). Replaces the unit\'s points for that period.',
    request: { params: ScoreParams, body: { required: true, content: { 'application/json': { schema: ScorePut } } } },
    responses: { 200: json(ScoreList, "The unit's score") },
  }),
  async (c) => c.json({ items: await putScore(c.env, c.get('principal'), c.req.valid('param'), c.req.valid('json').criteria), nextCursor: null }, 200),
);

app.openapi(
  defineRoute({
    method: 'get', path: '/scores', tags: ['Scores'], operationId: 'listScores', problems: [404],
    summary: 'The ranking of the scored units of a subtree for a plan and period, best first',
    request: { query: ScoreQuery },
    responses: { 200: json(ScoreList, 'The ranking') },
  }),
  async (c) => c.json({ items: (await ranking(c.env, c.get('principal'), c.req.valid('query'))).ranking, nextCursor: null }, 200),
);

export default app;
