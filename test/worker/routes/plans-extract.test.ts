import { env } from 'cloudflare:test';
import { Document, Packer, Paragraph } from 'docx';
import { beforeAll, describe, expect, it } from 'vitest';
import seed000 from '../../../data/seeds/000_444dceb2c9fb8e9f.txt?raw';
import seed001 from '../../../data/seeds/001_fe314e84e693002c.txt?raw';
import seed002 from '../../../data/seeds/002_27a88d545d297959.txt?raw';
import seed003 from '../../../data/seeds/003_01449c1526a0dd33.txt?raw';
import seed004 from '../../../data/seeds/004_e6192a37d55f158a.txt?raw';
import demoUnits from '../../../worker/demo/units.csv?raw';
import demoPlans from '../../../worker/demo/plans.json';
import { filled } from '../extract-fill';
import { ADMIN, api, BASE, issueToken, resetDb } from '../helpers';

/** POST /v1/plans/extract (DESIGN §11) through the Worker: the five seeds, read, completed, posted and activated. */
const SEEDS = { seed000, seed001, seed002, seed003, seed004 } as const;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

beforeAll(async () => {
  await resetDb();
  await api('POST', '/v1/units/import', { csv: demoUnits });
});

/** Every obligation of a plan as (unit, period, due instant): what activation made, whatever the schedule codes. */
async function owed(planId: string): Promise<string[]> {
  const { results } = await env.DB.prepare('SELECT unit_code, period, due_at FROM obligations WHERE plan_id = ? ORDER BY 1, 2, 3').bind(planId).all<{ unit_code: string; period: string; due_at: string }>();
  return results.map((r) => `${r.unit_code} ${r.period} ${r.due_at}`);
}

describe('the five seeds round-trip through the Worker', () => {
  for (const demo of demoPlans) {
    it(`${demo.key}: extract → fill only what is unresolved → POST /v1/plans → activate: the obligations of worker/demo/plans.json`, async () => {
      const { key: _k, basis: _b, ...handMade } = demo;
      const reference = (await api('POST', '/v1/plans', { body: { ...handMade, number: `${handMade.number} (mẫu)` } })).json;
      expect((await api('POST', `/v1/plans/${reference.id}/activate`)).status).toBe(200);

      const manager = await issueToken(demo.issuer, 'manager');
      const res = await api('POST', '/v1/plans/extract', { token: manager, body: SEEDS[demo.key as keyof typeof SEEDS], headers: { 'content-type': 'text/plain; charset=utf-8' } });
      expect(res.status, res.text).toBe(200);
      expect(res.json.draft.issuer).toBe(demo.issuer);
      const plan = filled(demo, res.json);
      const created = await api('POST', '/v1/plans', { token: manager, body: plan });
      expect(created.status, created.text).toBe(201);
      expect((await api('POST', `/v1/plans/${created.json.id}/activate`, { token: manager })).status).toBe(200);
      expect(await owed(created.json.id)).toEqual(await owed(reference.id));
    });
  }
});

describe('POST /v1/plans/extract', () => {
  it('takes the text as JSON and as text/plain, writes nothing, and says where each value came from', async () => {
    const before = await env.DB.prepare('SELECT count(*) AS n FROM plans').first<{ n: number }>();
    const asJson = await api('POST', '/v1/plans/extract?issuer=771', { body: { text: seed002 } });
    const asText = await api('POST', '/v1/plans/extract?issuer=771', { body: seed002, headers: { 'content-type': 'text/plain' } });
    expect(asJson.status).toBe(200);
    expect(asText.json.draft).toEqual(asJson.json.draft);
    for (const f of asJson.json.findings) expect(seed002.slice(f.start, f.end)).toBe(f.text);
    expect(asJson.json.draft.schedules.map((s: any) => [s.periodType, s.due])).toContainEqual(['half', { rule: 'fixedDate', month: 5, day: 15, before: true }]);
    expect((await env.DB.prepare('SELECT count(*) AS n FROM plans').first<{ n: number }>())!.n).toBe(before!.n);
  });

  it('reads a .docx: paragraphs in order, the same draft as from the text', async () => {
    const doc = new Document({ sections: [{ children: seed004.split('\n').map((line) => new Paragraph(line)) }] });
    const bytes = new Uint8Array(await Packer.toArrayBuffer(doc));
    const res = await fetchRaw('/v1/plans/extract?issuer=349', bytes, DOCX);
    expect(res.status).toBe(200);
    const body = await res.json() as any;
    const fromText = (await api('POST', '/v1/plans/extract?issuer=349', { body: { text: seed004 } })).json;
    expect(body.draft.schedules).toEqual(fromText.draft.schedules);
    for (const f of body.findings) expect(body.text.slice(f.start, f.end)).toBe(f.text);
  });

  it('a file that is not a plan gets a 200 with an almost empty draft and an unresolved item saying so, never a 500', async () => {
    for (const text of ['Cách nấu phở bò: ninh xương 8 tiếng, thêm quế, hồi, thảo quả.', '', '\u0000\u0001 ☃']) {
      const res = await api('POST', '/v1/plans/extract?issuer=771', { body: { text } });
      expect(res.status, text).toBe(200);
      expect(res.json.draft).toEqual({ issuer: '771' });
      expect(res.json.unresolved[0].message).toMatch(/Không nhận ra kế hoạch/);
    }
    const notDocx = await fetchRaw('/v1/plans/extract?issuer=771', new Uint8Array([0x50, 0x4b, 1, 2, 3]), DOCX);
    expect(notDocx.status).toBe(400);
  });

  it('is for the administrator and managers; a submitter cannot; over 1 MB is 413', async () => {
    const ward = await issueToken('27163', 'submitter');
    expect((await api('POST', '/v1/plans/extract', { token: ward, body: { text: seed002 } })).status).toBe(403);
    expect((await api('POST', '/v1/plans/extract', { body: { text: seed002 } })).status).toBe(400); // the administrator names the issuer
    const q5 = await issueToken('774', 'manager');
    expect((await api('POST', '/v1/plans/extract?issuer=771', { token: q5, body: { text: seed002 } })).status).toBe(403);
    expect((await api('POST', '/v1/plans/extract?issuer=771', { body: { text: 'x'.repeat(1_100_000) } })).status).toBe(413);
  });
});

async function fetchRaw(path: string, body: Uint8Array, type: string) {
  const { SELF } = await import('cloudflare:test');
  return SELF.fetch(BASE + path, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': type }, body });
}
