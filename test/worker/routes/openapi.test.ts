import { describe, expect, it } from 'vitest';
import { app } from '../../../worker/src/index';
import { api } from '../helpers';

describe('GET /v1/openapi.json', () => {
  it('is an OpenAPI 3.1 document covering every route the Worker serves', async () => {
    const res = await api('GET', '/v1/openapi.json', { token: null });
    expect(res.status).toBe(200);
    const doc = res.json;
    expect(doc.openapi).toBe('3.1.0');
    const documented = new Set(
      Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
      ),
    );
    const served = new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`));
    expect([...served].sort()).toEqual([...documented].sort());
  });

  it('describes problem documents and bearer auth', async () => {
    const doc = (await api('GET', '/v1/openapi.json', { token: null })).json;
    expect(doc.components.schemas.Problem).toBeDefined();
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const importOp = doc.paths['/v1/units/import'].post;
    expect(Object.keys(importOp.requestBody.content).sort()).toEqual(['application/json', 'text/csv']);
    expect(importOp.responses['400'].content['application/problem+json']).toBeDefined();
  });
});

describe('the document declares every answer a route can give', () => {
  type Op = { operationId?: string; security?: unknown[]; responses: Record<string, unknown>; parameters?: { in: string; name: string; required?: boolean }[]; requestBody?: { content: Record<string, unknown> } };
  const operations = async () => {
    const doc = (await api('GET', '/v1/openapi.json', { token: null })).json;
    return Object.entries(doc.paths as Record<string, Record<string, Op>>).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, method, op })));
  };
  const PUBLIC = ['GET /v1/health', 'GET /v1/openapi.json', 'GET /docs', 'GET /app'];

  it('every operation has its own operationId', async () => {
    const ops = await operations();
    expect(ops.filter((o) => !o.op.operationId).map((o) => o.route)).toEqual([]);
    expect(new Set(ops.map((o) => o.op.operationId)).size).toBe(ops.length);
  });

  it('the public routes say so with security: []; every other route needs the bearer token and declares 401 and 403', async () => {
    for (const { route, op } of await operations()) {
      if (PUBLIC.includes(route)) {
        expect(op.security, route).toEqual([]);
        continue;
      }
      expect(op.security, route).toContainEqual({ bearer: [] });
      expect(Object.keys(op.responses), route).toEqual(expect.arrayContaining(['401', '403']));
    }
  });

  it('every write declares 413, and every write with a body 400 and 415', async () => {
    for (const { route, method, op } of await operations()) {
      if (method === 'get') continue;
      const statuses = Object.keys(op.responses);
      expect(statuses, route).toContain('413');
      if (op.requestBody) expect(statuses, route).toEqual(expect.arrayContaining(['400', '415']));
    }
  });

  it('the conditional and idempotent writes declare their headers as parameters, and the conflicts they cause', async () => {
    const ops = new Map((await operations()).map((o) => [o.route, o.op]));
    const headers = (route: string) => (ops.get(route)!.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name.toLowerCase()).sort();
    const put = 'PUT /v1/reports/{unit}/{scheduleId}/{period}';
    expect(headers(put)).toEqual(['idempotency-key', 'if-match']);
    expect(Object.keys(ops.get(put)!.responses)).toEqual(expect.arrayContaining(['409', '422']));
    expect(headers('PATCH /v1/plans/{id}')).toEqual(['if-match']);
    expect(Object.keys(ops.get('PATCH /v1/plans/{id}')!.responses)).toContain('409');
    expect(Object.keys(ops.get('PUT /v1/scores/{unit}/{planId}/{period}')!.responses)).toContain('409');
  });

  it('a problem document always has its detail', async () => {
    const doc = (await api('GET', '/v1/openapi.json', { token: null })).json;
    expect(doc.components.schemas.Problem.required).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail']));
  });
});

describe('/docs', () => {
  it('is the interactive reference, in HTML, read from the same document, for anyone', async () => {
    const res = await api('GET', '/docs', { token: null });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.text).toContain('/v1/openapi.json');
    expect(res.text).toContain('Cascade API');
  });

  it('is linked from the web app, for the IT staff who connect other systems', async () => {
    const app = await api('GET', '/app', { token: null });
    expect(app.text).toMatch(/<a href="\/docs">Tài liệu API<\/a>/);
  });
});

describe('problem documents', () => {
  it('404s an unknown route as a problem document, with or without a token', async () => {
    for (const token of [null, undefined]) {
      const res = await api('GET', '/v1/nothing-here', { token });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.json).toMatchObject({ status: 404, title: 'Not Found', detail: 'No route GET /v1/nothing-here' });
    }
  });

  it('413s an oversized body', async () => {
    const res = await api('POST', '/v1/tokens', { body: { unit: '79', role: 'manager', label: 'x'.repeat(1_100_000) } });
    expect(res.status).toBe(413);
    expect(res.json.title).toBe('Content Too Large');
  });
});
