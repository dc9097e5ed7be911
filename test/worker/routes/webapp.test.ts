import { beforeAll, describe, expect, it } from 'vitest';
import { api, HCM_TREE, importUnits, issueToken, resetDb } from '../helpers';

/**
 * The web app's HTML fragments inside workerd: who may read each (the same scope rules as the JSON API), and that
 * what they say is Vietnamese — periods, deadlines and statuses in words, no raw period code.
 * Phường 15 (27163) of Quận 10 (771); Quận 5 (774) is a foreign subtree.
 */
type Who = 'anonymous' | 'admin' | 'managerIn' | 'managerOut' | 'submitterOwn' | 'submitterOther';
const WHO: Who[] = ['anonymous', 'admin', 'managerIn', 'managerOut', 'submitterOwn', 'submitterOther'];
const tokens = {} as Record<Who, string | null | undefined>;
let plan = '';
let schedule = '';
let draft = '';
const RAW = /\b20\d\d(Q[1-4]|S[12]|N9)\b|\bONCE\b/;

const q10Plan = (number: string) => ({
  number, title: 'Nâng cao Chỉ số PAPI', issuer: '771', issuedOn: '2020-09-01', years: [2021],
  tasks: [{ code: 'T1', title: 'Tham gia của người dân ở cấp cơ sở', assignees: { level: 'commune' } }],
  indicators: [
    { code: 'TTHC', name: 'Tỷ lệ hồ sơ đúng hạn', kind: 'percent', unit: 'hồ sơ', target: { op: '>', value: 95 } },
    { code: 'HOI_NGHI', name: 'Số hội nghị tuyên truyền', kind: 'count' },
  ],
  schedules: [{ code: 'QUY', name: 'Báo cáo quý', periodType: 'quarter', due: { rule: 'afterPeriodEnd', days: 10 }, appliesTo: { level: 'commune' }, reportTo: '771' }],
  criteria: [{ code: 'C1', name: 'Phối hợp tuyên truyền', maxPoints: 2 }],
});

beforeAll(async () => {
  await resetDb();
  await importUnits(HCM_TREE);
  const created = await api('POST', '/v1/plans', { body: q10Plan('KH-PAPI/Q10') });
  plan = created.json.id;
  schedule = created.json.schedules[0].id;
  await api('POST', `/v1/plans/${plan}/activate`);
  draft = (await api('POST', '/v1/plans', { body: q10Plan('DU-THAO/Q10') })).json.id;
  await api('PUT', `/v1/reports/27163/${schedule}/2021Q1`, {
    body: { values: [{ indicator: 'TTHC', numerator: 289, denominator: 300 }, { indicator: 'HOI_NGHI', na: true, note: 'Không tổ chức trong quý' }], submit: true },
  });
  await api('POST', `/v1/reports/27163/${schedule}/2021Q1/return`, { body: { reason: 'Bổ sung số liệu hồ sơ trễ hạn' } });
  Object.assign(tokens, {
    anonymous: null, admin: undefined,
    managerIn: await issueToken('771', 'manager'), managerOut: await issueToken('774', 'manager'),
    submitterOwn: await issueToken('27163', 'submitter'), submitterOther: await issueToken('27166', 'submitter'),
  });
});

const all = (s: number): Record<Who, number> => ({ anonymous: 401, admin: s, managerIn: s, managerOut: s, submitterOwn: s, submitterOther: s });
const inScope: Record<Who, number> = { anonymous: 401, admin: 200, managerIn: 200, managerOut: 403, submitterOwn: 200, submitterOther: 403 };
const managers: Record<Who, number> = { anonymous: 401, admin: 200, managerIn: 200, managerOut: 200, submitterOwn: 403, submitterOther: 403 };
const planRead: Record<Who, number> = { anonymous: 401, admin: 200, managerIn: 200, managerOut: 403, submitterOwn: 200, submitterOther: 200 };

const ROWS: { path: () => string; expect: Record<Who, number> }[] = [
  { path: () => '/v1/dashboard/session', expect: all(200) },
  { path: () => '/v1/dashboard/plans', expect: all(200) },
  { path: () => `/v1/dashboard/preview?plan=${draft}`, expect: planRead },
  { path: () => '/v1/dashboard/units', expect: managers },
  { path: () => '/v1/dashboard/units?unit=27163', expect: { ...managers, managerOut: 403 } },
  { path: () => '/v1/dashboard/reminders', expect: managers },
  { path: () => '/v1/dashboard/reminders?unit=771', expect: { ...managers, managerOut: 403 } },
  { path: () => '/v1/dashboard/owed', expect: { ...all(200), admin: 200 } },
  { path: () => '/v1/dashboard/owed?unit=27163', expect: inScope },
  { path: () => `/v1/dashboard/form?unit=27163&schedule=${schedule}&period=2021Q1`, expect: inScope },
  { path: () => `/v1/dashboard/calendar?plan=${plan}&unit=27163&period=2021Q1`, expect: inScope },
  { path: () => `/v1/dashboard/scores?plan=${plan}&unit=27163`, expect: inScope },
];

describe('who may read each fragment', () => {
  for (const row of ROWS) {
    for (const who of WHO) {
      it(`${row.path().replace(/pl_\w+|sc_[\w-]+/g, '…')} as ${who} → ${row.expect[who]}`, async () => {
        const res = await api('GET', row.path(), { token: tokens[who] });
        expect(res.status, res.text).toBe(row.expect[who]);
        expect(res.headers.get('content-type')).toContain(res.status === 200 ? 'text/html' : 'application/problem+json');
      });
    }
  }
});

describe('what the fragments say', () => {
  it('the session header: a manager gets the workbench with the plan, a submitter the ward view', async () => {
    const m = await api('GET', '/v1/dashboard/session', { token: tokens.managerIn });
    expect(m.text).toContain('data-role="manager"');
    expect(m.text).toContain(`data-default-plan="${plan}"`);
    expect(m.text).toContain('Quận 10 · Cán bộ quản lý');
    const s = await api('GET', '/v1/dashboard/session', { token: tokens.submitterOwn });
    expect(s.text).toContain('data-role="submitter"');
    expect(s.text).toContain('Việc phải nộp');
    expect(s.text).not.toContain('data-view="units"');
  });

  it('the ward form: the reason in full at the top, each indicator with its target, what was sent', async () => {
    const res = await api('GET', `/v1/dashboard/form?unit=27163&schedule=${schedule}&period=2021Q1`, { token: tokens.submitterOwn });
    expect(res.text).toContain('Báo cáo bị trả lại. Lý do:</strong> Bổ sung số liệu hồ sơ trễ hạn');
    expect(res.text).toContain('Chỉ tiêu: trên 95 % · đơn vị tính: hồ sơ');
    expect(res.text).toContain('value="289"');
    expect(res.text).toContain('Quý I/2021');
    expect(res.text.replace(/data-[\w-]+="[^"]*"/g, '')).not.toMatch(RAW);
  });

  it('the owed list puts a returned report first, with its reason', async () => {
    const res = await api('GET', '/v1/dashboard/owed', { token: tokens.submitterOwn });
    const returned = res.text.indexOf('Bị trả lại, cần sửa và nộp lại');
    expect(returned).toBeGreaterThan(-1);
    expect(returned).toBeLessThan(res.text.indexOf('Cần nộp ('));
    expect(res.text).toContain('Lý do trả lại:</strong> Bổ sung số liệu hồ sơ trễ hạn');
  });

  it('a unit that owes nothing is told so once, without empty headings', async () => {
    const res = await api('GET', '/v1/dashboard/owed', { token: tokens.managerOut }); // Quận 5: no plan of its own
    expect(res.text).toContain('Đơn vị chưa được giao báo cáo nào.');
    expect(res.text).not.toContain('Cần nộp (');
  });

  it('the report view shows a not-applicable answer with its note, and the return in its history', async () => {
    const res = await api('GET', `/v1/dashboard/report?unit=27163&schedule=${schedule}&period=2021Q1`, { token: tokens.managerIn });
    expect(res.text).toContain('289/300 hồ sơ (96,3 %)');
    expect(res.text).toContain('Không áp dụng — Không tổ chức trong quý');
    expect(res.text).toContain('lý do: <q>Bổ sung số liệu hồ sơ trễ hạn</q>');
    expect(res.text.replace(/(data-[\w-]+|href)="[^"]*"/g, '')).not.toMatch(RAW);
  });

  it('the preview says what activation would make', async () => {
    const res = await api('GET', `/v1/dashboard/preview?plan=${draft}`, { token: tokens.managerIn });
    expect(res.text).toContain('8 kỳ báo cáo'); // two wards × four quarters
    expect(res.text).toContain('Quý I/2021: chậm nhất 23:59 ngày 09/04/2021');
    expect(res.text).toContain('Chưa đặt nhắc việc: các đơn vị sẽ không được nhắc hạn'); // the plan sets no reminders
    expect(res.text).not.toContain('bắt đầu nhắc hạn'); // no promise of reminders the plan does not set
  });
});
