import { env, SELF } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fx, path, q10Plan, q10Quarterly } from '../fixtures';
import { ADMIN, api, BASE, fingerprint, issueToken } from '../helpers';

/** DESIGN §13: text is valid UTF-8 stored in NFC; §4: a token is the token, exactly. */
beforeEach(q10Quarterly);
afterEach(() => vi.useRealTimers());

const utf8 = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** Sends `body` as it is, byte for byte. */
async function send(method: string, to: string, body: Uint8Array | string, contentType = 'application/json') {
  const res = await SELF.fetch(BASE + to, { method, headers: { authorization: `Bearer ${ADMIN}`, 'content-type': contentType }, body });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text, headers: res.headers };
}

const WARD = { code: '27999', level: 'commune', parent: '771' };
const HOA_HUNG = 'Phường Hòa Hưng';

describe('a body that is not valid text is refused, never stored as U+FFFD', () => {
  const brokenBytes: [string, Uint8Array][] = [
    ['a lone continuation byte', new Uint8Array([0x80])],
    ['a truncated sequence', new Uint8Array([0xe1, 0xbb])],
    ['an overlong encoding', new Uint8Array([0xc0, 0xaf])],
    ['Latin-1 bytes (Windows-1258 style "ờ")', new Uint8Array([0xf2])],
    ['an encoded surrogate (CESU-8)', new Uint8Array([0xed, 0xa0, 0x80])],
  ];

  it.each(brokenBytes)('invalid UTF-8 in JSON: %s → 400', async (_, bad) => {
    const before = await fingerprint();
    const body = concat(utf8(`{"units":[{"code":"27999","name":"Phường `), bad, utf8(`","level":"commune","parent":"771"}]}`));
    const res = await send('POST', '/v1/units/import', body);
    expect(res.status, res.text).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.json.errors).toEqual([{ path: '(body)', message: 'invalid UTF-8' }]);
    expect(await fingerprint()).toBe(before);
  });

  it('invalid UTF-8 in a CSV import and in a report → 400', async () => {
    const csv = concat(utf8('code,name,level,parent\r\n27999,Phường '), new Uint8Array([0xff, 0xfe]), utf8(',commune,771\r\n'));
    expect((await send('POST', '/v1/units/import', csv, 'text/csv')).status).toBe(400);
    const report = concat(utf8('{"values":[{"indicator":"GHI_CHU","value":"Đã họp '), new Uint8Array([0xc3]), utf8('"}],"submit":false}'));
    expect((await send('PUT', path('27163'), report)).status).toBe(400);
    expect((await api('GET', path('27163'))).status).toBe(404);
  });

  it('a lone surrogate escape (\\ud800, \\udfff) → 400 naming the field; a paired one is an emoji and fine', async () => {
    const before = await fingerprint();
    for (const escape of ['\\ud800', '\\udfff', '\\udc00\\ud800', 'x\\ud83d']) {
      const res = await send('POST', '/v1/units/import', `{"units":[{"code":"27999","name":"Phường ${escape}","level":"commune","parent":"771"}]}`);
      expect(res.status, `${escape}: ${res.text}`).toBe(400);
      expect(res.json.errors.map((e: any) => e.path)).toEqual(['units[0].name']);
    }
    const note = await send('PUT', path('27163'), '{"values":[{"indicator":"GHI_CHU","value":"ok","note":"\\udead"}],"submit":false}');
    expect(note.status).toBe(400);
    expect(note.json.errors.map((e: any) => e.path)).toEqual(['values[0].note']);
    expect(await fingerprint()).toBe(before);

    const emoji = await send('POST', '/v1/units/import', '{"units":[{"code":"27999","name":"Phường \\ud83c\\udf38","level":"commune","parent":"771"}]}');
    expect(emoji.status, emoji.text).toBe(200);
    expect((await api('GET', '/v1/units/27999')).json.name).toBe('Phường 🌸');
  });
});

describe('names are stored in NFC: the same name typed two ways is one name', () => {
  it('a unit name sent with combining accents reads back precomposed, and the precomposed import changes nothing', async () => {
    const decomposed = HOA_HUNG.normalize('NFD');
    expect(decomposed).not.toBe(HOA_HUNG);
    const first = await api('POST', '/v1/units/import', { body: { units: [{ ...WARD, name: decomposed }] } });
    expect(first.json).toMatchObject({ created: 1 });
    expect((await api('GET', '/v1/units/27999')).json.name).toBe(HOA_HUNG);
    const row = await env.DB.prepare('SELECT name FROM units WHERE code = ?').bind('27999').first<{ name: string }>();
    expect(row!.name).toBe(HOA_HUNG);

    const again = await api('POST', '/v1/units/import', { body: { units: [{ ...WARD, name: HOA_HUNG }] } });
    expect(again.json).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    const csv = await api('POST', '/v1/units/import', { csv: `code,name,level,parent\r\n27999,${decomposed},commune,771\r\n` });
    expect(csv.json).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    const versions = await env.DB.prepare('SELECT count(*) AS n FROM unit_versions WHERE code = ?').bind('27999').first<{ n: number }>();
    expect(versions!.n).toBeLessThanOrEqual(1);
  });

  it('so are a plan title, a report text and a return reason', async () => {
    const title = 'Kế hoạch tuyên truyền cải cách hành chính Phường Hòa Hưng';
    const plan = await api('POST', '/v1/plans', { body: { ...q10Plan, number: 'NFD/KH', title: title.normalize('NFD') } });
    expect(plan.status, plan.text).toBe(201);
    expect(plan.json.title).toBe(title);

    const text = 'Đã tổ chức 3 buổi đối thoại với người dân';
    await api('PUT', path('27163'), { body: { values: [{ indicator: 'GHI_CHU', value: text.normalize('NFD') }], submit: true } });
    expect((await api('GET', path('27163'))).json.values).toEqual([{ indicator: 'GHI_CHU', value: text }]);
    const rollup = (await api('GET', `/v1/rollups?plan=${fx.planId}&period=2021Q1&unit=771`)).json;
    expect(rollup.indicators.find((i: any) => i.code === 'GHI_CHU').texts).toEqual([{ unit: '27163', text }]);

    const reason = 'Thiếu số liệu hồ sơ đất đai';
    await api('POST', `${path('27163')}/return`, { body: { reason: reason.normalize('NFD') } });
    expect((await api('GET', path('27163'))).json.returnReason).toBe(reason);
  });
});

describe("a plan's text sent decomposed", () => {
  it('is read as NFC: the same draft as the precomposed text, and every finding points into the text the answer returns', async () => {
    const text = 'ỦY BAN NHÂN DÂN QUẬN 10\nSố: 25/KH-UBND\nQuận 10, ngày 10 tháng 01 năm 2021\nKẾ HOẠCH\nTuyên truyền cải cách hành chính năm 2021\n';
    const extract = (body: string) => api('POST', '/v1/plans/extract?issuer=771', { body, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    const [composed, decomposed] = await Promise.all([extract(text), extract(text.normalize('NFD'))]);
    expect(decomposed.status, decomposed.text).toBe(200);
    expect(decomposed.json.draft).toEqual(composed.json.draft);
    expect(decomposed.json.draft).toMatchObject({ number: '25/KH-UBND', title: 'Tuyên truyền cải cách hành chính năm 2021', issuedOn: '2021-01-10' });
    expect(decomposed.json.text).toBe(text);
    for (const f of decomposed.json.findings) expect(decomposed.json.text.slice(f.start, f.end), f.path).toBe(f.text);
  });
});

describe('a token is compared exactly', () => {
  it('with a no-break space or an ideographic space around it, it is not the token: 401, never a 500', async () => {
    const ward = await issueToken('27163', 'submitter');
    expect((await api('GET', '/v1/units/27163', { token: ward })).status).toBe(200);
    // workerd sends a non-ASCII header value as its UTF-8 bytes, as a client pasting from a document would (it warns so).
    const headers = [
      ...['\u00a0', '\u3000'].flatMap((space) => [`Bearer ${ward}${space}`, `Bearer ${space}${ward}`]),
      `Bearer ${ward.slice(0, -1)}\u00a0${ward.slice(-1)}`,
      `Bearer ${ADMIN}\u00a0`, `Bearer ${ADMIN}\u3000`,
    ];
    for (const header of headers) {
      const res = await SELF.fetch(`${BASE}/v1/units/27163`, { headers: { authorization: header } });
      const body = await res.text();
      expect(res.status, `${JSON.stringify(header)} → ${body}`).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
  });

  it('a token with a different case or a character more or less is not the token', async () => {
    const ward = await issueToken('27163', 'submitter');
    for (const token of [ward.toUpperCase(), `${ward}x`, ward.slice(0, -1), ADMIN.toUpperCase() === ADMIN ? `${ADMIN}x` : ADMIN.toUpperCase()]) {
      expect((await api('GET', '/v1/units/27163', { token })).status, token).toBe(401);
    }
  });
});
