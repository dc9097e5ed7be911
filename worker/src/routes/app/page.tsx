/** @jsxImportSource hono/jsx */
import { createRouter } from '../../app';
import { defineRoute, html } from '../../http';
import { Page } from '../../views/page';

const app = createRouter();

app.openapi(
  defineRoute({ method: 'get', path: '/app', tags: ['Web app'], operationId: 'webApp', auth: false, summary: 'The web app (sign in with a unit token)', responses: { 200: html('The page') } }),
  // The same for everyone (no token, no data in it): a phone on a slow connection may keep it for a while.
  (c) => c.html(`<!doctype html>${(<Page />).toString()}`, 200, { 'cache-control': 'public, max-age=600' }),
);

export default app;
