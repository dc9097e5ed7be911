import { SELF } from 'cloudflare:test';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fx, onTimeFiles, path, q10Plan, q10Quarterly, submit } from '../fixtures';
import { ADMIN, api, BASE, issueToken } from '../helpers';

/**
 * DESIGN §9: a problem document keeps its English `title` and, when the request says `Accept-Language: vi`, its
 * `detail` and every field message are Vietnamese; without the header they are English. One table of the refusals
 * a ward or a district meets, each asked both ways.
 */
const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵđ]/i;
const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict',
  413: 'Content Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Content',
};

type Answer = { status: number; headers: Headers; json: any; text: string };
type Ask = (headers: Record<string, string>) => Promise<Answer>;

/** The raw bytes of a body, for what JSON.stringify cannot send (invalid UTF-8). */
async function raw(method: string, to: string, bytes: Uint8Array, headers: Record<string, string>): Promise<Answer> {
  const res = await SELF.fetch(BASE + to, { method, headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json', ...headers }, body: bytes });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: JSON.parse(text), text };
}

const tokens = { ward: '', revoked: '' };
/** A plan of Quận 10 with scoring criteria, still a draft. */
const draft = { id: '' };

beforeAll(async () => {
  await q10Quarterly();
  tokens.ward = await issueToken('27163', 'submitter');
  const revoked = await api('POST', '/v1/tokens', { body: { unit: '27166', role: 'submitter', label: 'Cán bộ đã chuyển công tác' } });
  await api('DELETE', `/v1/tokens/${revoked.json.id}`);
  tokens.revoked = revoked.json.token;
  draft.id = (await api('POST', '/v1/plans', { body: { ...q10Plan, number: '26/KH-UBND', criteria: [{ code: 'C1', name: 'Phối hợp tuyên truyền', maxPoints: 2 }] } })).json.id;
  // Phường 15 has submitted version 1 under the key "p15-q1"; Phường 13 has saved nothing.
  expect((await submit('27163', [onTimeFiles(10, 10)], { headers: { 'idempotency-key': 'p15-q1' } })).status).toBe(200);
});
afterAll(() => vi.useRealTimers());

const CASES: [string, number, Ask][] = [
  ['a plan body with wrong and missing fields', 400, (h) => api('POST', '/v1/plans', { headers: h, body: { number: '', title: 5, schedules: 'quý' } })],
  ['a plan that names a unit outside the hierarchy', 400, (h) => api('POST', '/v1/plans', { headers: h, body: {
    number: '1/KH', title: 'Kế hoạch', issuer: '771', issuedOn: '2021-01-04', years: [2021, 2021],
    schedules: [{ code: 'QUY', periodType: 'quarter', due: { rule: 'dayOfLastMonth', day: 15 }, appliesTo: { units: ['99999'] }, reportTo: '774' }],
  } })],
  ['a report with bad values against the plan', 400, (h) => submit('27166', [
    { indicator: 'TTHC_DUNG_HAN', numerator: 11, denominator: 10 },
    { indicator: 'BAI_PHAT_THANH', value: 2.5 },
    { indicator: 'KHONG_CO', value: 1 },
    { indicator: 'HS_TRUC_TUYEN', na: true },
  ], { headers: h })],
  ['a return without a reason', 400, (h) => api('POST', `${path('27163')}/return`, { headers: h, body: { reason: '   ' } })],
  ['a units import with an unknown parent', 400, (h) => api('POST', '/v1/units/import', { headers: h, body: { units: [{ code: '27999', name: 'Phường Mới', level: 'commune', parent: 'KHONG_CO' }] } })],
  ['a webhook to a loopback address', 400, (h) => api('POST', '/v1/webhooks', { headers: h, body: { unit: '771', url: 'https://localhost./hook', events: ['report.submitted'] } })],
  ['holidays of another year', 400, (h) => api('PUT', '/v1/holidays/2021', { headers: h, body: { holidays: [{ date: '2022-01-01', name: 'Tết Dương lịch' }] } })],
  ['a reorganisation whose succession names a unit not in force', 400, (h) => api('POST', '/v1/units/reorganise?dryRun=true', { headers: h, body: {
    effective: '2025-07-01', units: [{ code: '79', name: 'Thành phố Hồ Chí Minh', level: 'province' }], successions: [{ from: '771', to: 'KHONG_CO', type: 'full' }],
  } })],
  ['scoring a plan that has no criteria', 400, (h) => api('PUT', `/v1/scores/27163/${fx.planId}/2021Q1`, { headers: h, body: { criteria: [{ code: 'C1', points: 2 }] } })],
  ['a bad query', 400, (h) => api('GET', '/v1/obligations?limit=-1&status=late', { headers: h })],
  ['a cursor the API never gave out', 400, (h) => api('GET', '/v1/obligations?cursor=zzz', { headers: h })],
  ['malformed JSON', 400, (h) => api('POST', '/v1/tokens', { headers: h, body: '{"unit":' })],
  ['a body that is not UTF-8', 400, (h) => raw('POST', '/v1/tokens', new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]), h)],
  ['no token', 401, (h) => api('GET', '/v1/units/79', { token: null, headers: h })],
  ['an unknown token', 401, (h) => api('GET', '/v1/units/79', { token: 'csc_khongco', headers: h })],
  ['a revoked token', 401, (h) => api('GET', '/v1/units/79', { token: tokens.revoked, headers: h })],
  ["a ward reading its district's roll-up", 403, (h) => api('GET', `/v1/rollups?plan=${fx.planId}&period=2021Q1&unit=771`, { token: tokens.ward, headers: h })],
  ["a ward writing another ward's report", 403, (h) => submit('27166', [onTimeFiles(1, 1)], { token: tokens.ward, headers: h })],
  ['a submitter issuing a token', 403, (h) => api('POST', '/v1/tokens', { token: tokens.ward, headers: h, body: { unit: '27163', role: 'manager', label: 'Tự cấp' } })],
  ['an unknown unit', 404, (h) => api('GET', '/v1/units/99999', { headers: h })],
  ['an unknown route', 404, (h) => api('GET', '/v1/khong-co', { headers: h })],
  ['a report never saved', 404, (h) => api('GET', path('27166'), { headers: h })],
  ['a stale If-Match', 409, (h) => submit('27163', [onTimeFiles(9, 10)], { headers: { ...h, 'if-match': '0' } })],
  ['scoring a draft plan', 409, (h) => api('PUT', `/v1/scores/27163/${draft.id}/2021Q1`, { headers: h, body: { criteria: [{ code: 'C1', points: 2 }] } })],
  ['accepting a report never submitted', 409, (h) => api('POST', `${path('27166')}/accept`, { headers: h })],
  ['a body over 1 MB', 413, (h) => api('POST', '/v1/tokens', { headers: h, body: { unit: '79', role: 'manager', label: 'x'.repeat(1_100_000) } })],
  ['a plan sent as text/plain', 415, (h) => api('POST', '/v1/plans', { headers: { ...h, 'content-type': 'text/plain' }, body: '{}' })],
  ['a report sent as XML', 415, (h) => api('PUT', path('27163'), { headers: { ...h, 'content-type': 'application/xml' }, body: '<baocao/>' })],
  ['an Idempotency-Key reused with another body', 422, (h) => submit('27163', [onTimeFiles(9, 10)], { headers: { ...h, 'idempotency-key': 'p15-q1' } })],
];

/** Every sentence a person may read in a problem document: its detail and each field message. */
const sentences = (res: Answer): string[] => [res.json.detail, ...(res.json.errors ?? []).map((e: { message: string }) => e.message)];

describe('problem documents speak the language asked for (DESIGN §9)', () => {
  describe.each(CASES)('%s', (_, status, ask) => {
    it(`with Accept-Language: vi, the detail and every field message are Vietnamese; the title stays English (${status})`, async () => {
      const en = await ask({});
      for (const header of ['vi', 'vi-VN,vi;q=0.9,en;q=0.8']) {
        const res = await ask({ 'accept-language': header });
        expect(res.status, res.text).toBe(status);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
        expect(res.headers.get('content-language')).toBe('vi');
        expect(res.json).toMatchObject({ status, title: TITLES[status] });
        expect(res.json.errors?.map((e: { path: string }) => e.path)).toEqual(en.json.errors?.map((e: { path: string }) => e.path));
        const [vi, english] = [sentences(res), sentences(en)];
        vi.forEach((s, i) => {
          expect(s, `${header}: ${res.text}`).toMatch(VIETNAMESE);
          expect(s).not.toBe(english[i]);
        });
      }
    });

    it(`without it, or asking for English, everything is English (${status})`, async () => {
      for (const headers of [{}, { 'accept-language': 'en-US,en;q=0.9' }, { 'accept-language': 'fr' }] as Record<string, string>[]) {
        const res = await ask(headers);
        expect(res.status, res.text).toBe(status);
        expect(res.headers.get('content-language')).toBe('en');
        expect(res.json).toMatchObject({ status, title: TITLES[status] });
        expect(res.json.detail).toBeTypeOf('string');
        for (const s of sentences(res)) expect(s, res.text).not.toMatch(VIETNAMESE);
      }
    });
  });

  it('names every field a 400 lists in both languages, one message per field', async () => {
    const [en, vi] = await Promise.all([CASES[0]![2]({}), CASES[0]![2]({ 'accept-language': 'vi' })]);
    expect(vi.json.errors.length).toBeGreaterThanOrEqual(4);
    expect(vi.json.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['number', 'title', 'issuer', 'schedules']));
    expect(vi.json.errors).toHaveLength(en.json.errors.length);
  });
});
