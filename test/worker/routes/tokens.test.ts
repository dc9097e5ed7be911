import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, HCM_TREE, importUnits, issueToken, resetDb } from '../helpers';

beforeEach(async () => {
  await resetDb();
  await importUnits(HCM_TREE);
});
afterEach(() => vi.useRealTimers());

describe('unit tokens', () => {
  it('are shown once, recognisable, and stored only as a SHA-256 hash', async () => {
    const res = await api('POST', '/v1/tokens', { body: { unit: '771', role: 'manager', label: 'Phòng Nội vụ Quận 10' } });
    expect(res.status).toBe(201);
    const { token, id } = res.json;
    expect(token).toMatch(/^csc_[A-Za-z0-9_-]{43}$/);
    expect(id).toMatch(/^tok_/);
    expect(res.json).toMatchObject({ unit: '771', role: 'manager', label: 'Phòng Nội vụ Quận 10', prefix: token.slice(0, 10), revokedAt: null });

    const row = await env.DB.prepare('SELECT * FROM tokens WHERE id = ?').bind(id).first<Record<string, string>>();
    expect(JSON.stringify(row)).not.toContain(token);
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
    expect(row!.hash).toBe([...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join(''));

    const listed = await api('GET', '/v1/tokens?unit=771');
    expect(listed.json.items).toHaveLength(1);
    expect(listed.text).not.toContain(token);
    expect((await api('GET', '/v1/units/27163', { token })).status).toBe(200);
  });

  it('revocation takes effect at once', async () => {
    const issued = await api('POST', '/v1/tokens', { body: { unit: '27163', role: 'submitter', label: 'cán bộ phường 15' } });
    const { token, id } = issued.json;
    expect((await api('GET', '/v1/units/27163', { token })).status).toBe(200);
    const revoked = await api('DELETE', `/v1/tokens/${id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.json.revokedAt).toBeTypeOf('string');
    const after = await api('GET', '/v1/units/27163', { token });
    expect(after.status).toBe(401);
    expect(after.json.detail).toMatch(/revoked/);
    const audit = await env.DB.prepare("SELECT action FROM audit_log WHERE entity_id = ? ORDER BY id").bind(id).all();
    expect(audit.results.map((r) => r.action)).toEqual(['token.create', 'token.revoke']);
  });

  it('expire at expiresAt, which must lie in the future', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2021-05-01T00:00:00Z'));
    const past = await api('POST', '/v1/tokens', {
      body: { unit: '27163', role: 'submitter', label: 'x', expiresAt: '2021-04-30T00:00:00Z' },
    });
    expect(past.status).toBe(400);
    expect(past.json.errors).toEqual([{ path: 'expiresAt', message: 'must be in the future' }]);
    const res = await api('POST', '/v1/tokens', {
      body: { unit: '27163', role: 'submitter', label: 'x', expiresAt: '2021-05-02T00:00:00+07:00' },
    });
    expect(res.json.expiresAt).toBe('2021-05-01T17:00:00.000Z');
    expect((await api('GET', '/v1/units/27163', { token: res.json.token })).status).toBe(200);
    vi.setSystemTime(new Date('2021-05-01T17:00:00Z'));
    const expired = await api('GET', '/v1/units/27163', { token: res.json.token });
    expect(expired.status).toBe(401);
    expect(expired.json.detail).toMatch(/expired/);
  });

  it('record when they were last used', async () => {
    const issued = await api('POST', '/v1/tokens', { body: { unit: '27163', role: 'submitter', label: 'x' } });
    expect(issued.json.lastUsedAt).toBeNull();
    await api('GET', '/v1/units/27163', { token: issued.json.token });
    await vi.waitFor(async () => {
      const row = await env.DB.prepare('SELECT last_used_at FROM tokens WHERE id = ?').bind(issued.json.id).first<{ last_used_at: string | null }>();
      expect(row!.last_used_at).not.toBeNull();
    });
  });

  it('a manager issues and revokes tokens for its own subtree only', async () => {
    const q10 = await issueToken('771', 'manager');
    expect((await api('POST', '/v1/tokens', { token: q10, body: { unit: '27163', role: 'submitter', label: 'P15' } })).status).toBe(201);
    expect((await api('POST', '/v1/tokens', { token: q10, body: { unit: '771', role: 'manager', label: 'deputy' } })).status).toBe(201);
    const outside = await api('POST', '/v1/tokens', { token: q10, body: { unit: '27325', role: 'submitter', label: 'Q5 P1' } });
    expect(outside.status).toBe(403);
    const up = await api('POST', '/v1/tokens', { token: q10, body: { unit: '79', role: 'manager', label: 'city' } });
    expect(up.status).toBe(403);

    const q5 = await api('POST', '/v1/tokens', { body: { unit: '774', role: 'manager', label: 'Q5' } });
    expect((await api('DELETE', `/v1/tokens/${q5.json.id}`, { token: q10 })).status).toBe(403);
    const listed = await api('GET', '/v1/tokens', { token: q10 });
    expect(listed.json.items.map((t: { unit: string }) => t.unit).sort()).toEqual(['27163', '771', '771']);
  });

  it('a submitter cannot issue, list or revoke tokens', async () => {
    const p15 = await issueToken('27163', 'submitter');
    expect((await api('POST', '/v1/tokens', { token: p15, body: { unit: '27163', role: 'submitter', label: 'x' } })).status).toBe(403);
    expect((await api('GET', '/v1/tokens', { token: p15 })).status).toBe(403);
  });

  it('lists newest first with a cursor', async () => {
    for (let i = 0; i < 5; i++) await issueToken('27163', 'submitter');
    const p1 = await api('GET', '/v1/tokens?unit=771&limit=3');
    expect(p1.json.items).toHaveLength(3);
    const p2 = await api('GET', `/v1/tokens?unit=771&limit=3&cursor=${p1.json.nextCursor}`);
    expect(p2.json.items).toHaveLength(2);
    expect(p2.json.nextCursor).toBeNull();
    const ids = [...p1.json.items, ...p2.json.items].map((t: { id: string }) => t.id);
    expect(new Set(ids).size).toBe(5);
  });

  it('names each bad field', async () => {
    const res = await api('POST', '/v1/tokens', { body: { unit: '', role: 'boss', label: '' } });
    expect(res.status).toBe(400);
    expect(res.json.errors.map((e: { path: string }) => e.path).sort()).toEqual(['label', 'role', 'unit']);
    const unknown = await api('POST', '/v1/tokens', { body: { unit: '99999', role: 'submitter', label: 'x' } });
    expect(unknown.status).toBe(404);
  });
});

describe('authentication', () => {
  it('401s a missing, malformed or unknown token with a problem document and WWW-Authenticate', async () => {
    for (const token of [null, 'csc_nope', 'not-even-a-prefix']) {
      const res = await api('GET', '/v1/units/79', { token });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(res.json).toMatchObject({ status: 401, title: 'Unauthorized' });
    }
  });
});
