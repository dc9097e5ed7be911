import { Scalar } from '@scalar/hono-api-reference';
import { createRouter } from '../app';
import { declaration, defineRoute, html, json } from '../http';
import { z } from 'zod';

/** The contract for people who connect other systems: the OpenAPI document, and an interactive reference of it. */
const app = createRouter();

app.openAPIRegistry.registerPath(declaration(defineRoute({
  method: 'get', path: '/v1/openapi.json', tags: ['Meta'], operationId: 'openapi', auth: false,
  summary: 'This OpenAPI 3.1 document, generated from the zod schemas in schemas/',
  responses: { 200: json(z.object({}).passthrough(), 'The document') },
})));

app.openapi(
  defineRoute({
    method: 'get', path: '/docs', tags: ['Meta'], operationId: 'apiReference', auth: false,
    summary: 'The interactive API reference (Scalar), read from /v1/openapi.json',
    responses: { 200: html('The reference page') },
  }),
  Scalar({ url: '/v1/openapi.json', pageTitle: 'Cascade API' }) as never,
);

export default app;
