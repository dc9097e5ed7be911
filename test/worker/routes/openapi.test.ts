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
