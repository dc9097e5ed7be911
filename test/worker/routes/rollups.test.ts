import { env, SELF } from 'cloudflare:test';
import { VALUES_SQL } from '../../../worker/src/db/rollups';
import { parseCsv } from '../../../worker/src/domain/csv';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fx, onTimeFiles, path, phuHuu, q10Quarterly, submit, WARDS, WARDS_BY_NAME } from '../fixtures';
import { ADMIN, api, BASE, issueToken, resetDb } from '../helpers';

beforeEach(q10Quarterly);
afterEach(() => vi.useRealTimers());

describe('roll-ups', () => {
  it("adds numerators and denominators: wards at 10/10 and 90/100 are 100/110 = 90.9 %, not 95 %", async () => {
    await submit('27163', [onTimeFiles(10, 10), { indicator: 'BAI_PHAT_THANH', value: 3 }, { indicator: 'GHI_CHU', value: 'Đã tổ chức 3 buổi' }]);
    vi.setSystemTime(new Date('2021-03-16T00:00:00Z'));
    await submit('27166', [onTimeFiles(90, 100), { indicator: 'BAI_PHAT_THANH', value: 5 }]);
    const res = await api('GET', `/v1/rollups?plan=${fx.planId}&period=2021Q1&unit=771`);
    expect(res.status, res.text).toBe(200);
    const r = res.json;
    expect(r).toMatchObject({ unit: '771', name: 'Quận 10', period: '2021Q1' });
    expect(r.completeness).toEqual({ expected: 11, submitted: 2, onTime: 1, late: 1, returned: 0, missing: WARDS.filter((w) => !['27163', '27166'].includes(w)) });
    const rate = r.indicators.find((i: any) => i.code === 'TTHC_DUNG_HAN');
    expect(rate).toMatchObject({ kind: 'percent', numerator: 100, denominator: 110, target: { op: '>', value: 95 }, met: false, unitsReporting: 2, unitsMeetingTarget: 1 });
    expect(rate.value).toBeCloseTo(90.909, 3);
    expect(r.indicators.find((i: any) => i.code === 'BAI_PHAT_THANH')).toMatchObject({ value: 8, unitsReporting: 2 });
    expect(r.indicators.find((i: any) => i.code === 'GHI_CHU').texts).toEqual([{ unit: '27163', text: 'Đã tổ chức 3 buổi' }]);
    expect(r.children.map((c: any) => c.unit)).toEqual(WARDS_BY_NAME); // Phường 1, 2, 4, … 15: as people count them, not by code
    const p15 = r.children.find((c: any) => c.unit === '27163');
    expect(p15.indicators.find((i: any) => i.code === 'TTHC_DUNG_HAN')).toMatchObject({ value: 100, met: true });

    const city = (await api('GET', `/v1/rollups?plan=${fx.planId}&period=2021Q1&unit=79`)).json;
    expect(city.children.map((c: any) => c.unit)).toEqual(['771']);
    expect(city.children[0].completeness.expected).toBe(11);
    expect(city.indicators.find((i: any) => i.code === 'TTHC_DUNG_HAN')).toMatchObject({ numerator: 100, denominator: 110 });
  });

  it('exports CSV with a BOM and Vietnamese headers, leaving no-data cells empty', async () => {
    await submit('27163', [onTimeFiles(10, 10), { indicator: 'BAI_PHAT_THANH', value: 0 }]);
    const res = await api('GET', `/v1/rollups?plan=${fx.planId}&period=2021Q1&unit=771&format=csv`);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const raw = new Uint8Array(await (await SELF.fetch(`${BASE}/v1/rollups?plan=${fx.planId}&period=2021Q1&unit=771&format=csv`, {
      headers: { authorization: `Bearer ${ADMIN}` },
    })).arrayBuffer());
    expect([...raw.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the UTF-8 BOM (text() strips it)
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toMatch(/^Mã đơn vị,Đơn vị,Kỳ báo cáo,Phải nộp,Đã nộp,Đúng hạn,Trễ hạn,Bị trả lại,Chưa nộp,/);
    expect(lines).toHaveLength(1 + 11 + 1);
    const rows = parseCsv(res.text).map((r) => r.cells);
    const header = rows[0]!;
    const p15 = rows.find((r) => r[0] === '27163')!;
    const p13 = rows.find((r) => r[0] === '27166')!;
    const bai = header.indexOf(phuHuu.indicators.find((i) => i.code === 'BAI_PHAT_THANH')!.name);
    expect(p15[bai]).toBe('0');
    expect(p13[bai]).toBe('');
    expect(lines[lines.length - 1]).toMatch(/^771,Tổng cộng: Quận 10,Quý I\/2021,11,1,1,0,0,10,/);
    expect(res.text).not.toMatch(/2021Q1/); // the period as people read it, never its code
  });

  it('a ward cannot read the district roll-up; a plan must be known', async () => {
    const ward = await issueToken('27163', 'submitter');
    expect((await api('GET', `/v1/rollups?plan=${fx.planId}&period=2021Q1&unit=771`, { token: ward })).status).toBe(403);
    expect((await api('GET', `/v1/rollups?plan=${fx.planId}&period=2021Q1`, { token: ward })).json.unit).toBe('27163');
    expect((await api('GET', '/v1/rollups?plan=pl_nope&period=2021Q1')).status).toBe(404);
    expect((await api('GET', `/v1/rollups?plan=${fx.planId}`)).status).toBe(400);
  });

  it('reads through the obligations path index and the values primary key, not a scan', async () => {
    const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${VALUES_SQL}`)
      .bind('771', fx.planId, '2021Q1', null, '2021-03-31')
      .all<{ detail: string }>();
    const details = plan.results.map((r) => r.detail).join(' | ');
    // The plan's period over the subtree, by the path each obligation was made with: one index range.
    expect(details).toMatch(/SEARCH o USING INDEX obligations_path \(plan_id=\? AND period=\? AND unit_path>\? AND unit_path<\?\)/);
    expect(details).toMatch(/SEARCH v USING PRIMARY KEY \(obligation_id=\?\)/);
    expect(details).not.toMatch(/SCAN (o|v|obligations|report_values)\b/);
  });
});

