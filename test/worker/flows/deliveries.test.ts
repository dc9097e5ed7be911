import { createExecutionContext, createMessageBatch, env, waitOnExecutionContext } from 'cloudflare:test';
import { Webhook as Verifier } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import worker from '../../../worker/src/index';
import { api } from '../helpers';
import { activePlan, at, cron, DAY, drainQueue, freshWithHooks, hooks, q10Plan, restore, subscribe } from '../webhook-harness';

beforeEach(freshWithHooks);
afterEach(restore);

describe('signed deliveries (Standard Webhooks)', () => {
  it('a receiver verifies each delivery with an off-the-shelf library', async () => {
    const plan = await activePlan();
    const sub = await subscribe('771', ['report.submitted', 'report.returned']);
    expect(sub.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    const res = await api('PUT', `/v1/reports/27163/${plan.schedules[0].id}/2021S1`, { body: { values: [{ indicator: 'HOI_NGHI', value: 2 }], submit: true } });
    expect(res.status).toBe(200);
    await drainQueue();
    expect(hooks.received).toHaveLength(1);
    const [r] = hooks.received;
    expect(r!.headers['cascade-event']).toBe('report.submitted');
    const payload = new Verifier(sub.secret).verify(r!.body, r!.headers) as any;
    expect(payload).toMatchObject({ id: r!.headers['webhook-id'], type: 'report.submitted' });
    expect(payload.data).toMatchObject({
      unit: { code: '27163', name: 'Phường 15', parentName: 'Quận 10' }, obligation: { period: '2021S1', periodLabel: '6 tháng đầu năm 2021' }, version: 1,
    });
    expect(() => new Verifier(sub.secret).verify(r!.body.replace('27163', '27166'), r!.headers)).toThrow();
  });

  it('a rotated secret signs from then on; the old one no longer verifies', async () => {
    const sub = await subscribe('771', ['report.submitted']);
    const rotated = await api('POST', `/v1/webhooks/${sub.id}/rotate-secret`);
    expect(rotated.json.secret).not.toBe(sub.secret);
    const ping = await api('POST', `/v1/webhooks/${sub.id}/ping`);
    expect(ping.status).toBe(202);
    expect(ping.json.items).toHaveLength(1);
    await drainQueue();
    const r = hooks.received[0]!;
    expect(JSON.parse(r.body).type).toBe('webhook.ping');
    expect(() => new Verifier(sub.secret).verify(r.body, r.headers)).toThrow();
    expect(new Verifier(rotated.json.secret).verify(r.body, r.headers)).toMatchObject({ type: 'webhook.ping' });
  });
});

describe('texts people read (DESIGN §14)', () => {
  it('a Google Chat or Slack webhook gets the message an official would send, with the period and deadline in words', async () => {
    await activePlan(q10Plan(['27163']));
    await subscribe('771', ['obligation.overdue'], { format: 'text' });
    await cron(at(DAY + 60_000));
    await drainQueue();
    const body = JSON.parse(hooks.received[0]!.body);
    expect(Object.keys(body)).toEqual(['text']);
    expect(body.text).toBe('Quá hạn: Phường 15 (Quận 10) chưa nộp Báo cáo 6 tháng — 6 tháng đầu năm 2021 theo Kế hoạch số KH-PAPI/Q10. '
      + 'Hạn nộp đã qua: chậm nhất 23:59 ngày 14/05/2021 (đã quá hạn 1 ngày). Đề nghị khẩn trương nộp báo cáo.');
    expect(body.text).not.toMatch(/2021S1/);
  });

  it('a Telegram bot gets {"chat_id","text"} for its sendMessage', async () => {
    await activePlan(q10Plan(['27163']));
    await subscribe('771', ['obligation.due_soon'], { format: 'telegram', chatId: '-1001234567890' });
    await cron(at(-9 * 3600_000));
    await drainQueue();
    const body = JSON.parse(hooks.received[0]!.body);
    expect(body).toEqual({ chat_id: '-1001234567890', text: expect.stringContaining('(còn 9 giờ)') });
  });

  it('a returned report reaches the ward with its reason', async () => {
    const plan = await activePlan(q10Plan(['27163']));
    await subscribe('27163', ['report.returned'], { format: 'text' });
    const report = `/v1/reports/27163/${plan.schedules[0].id}/2021S1`;
    await api('PUT', report, { body: { values: [{ indicator: 'HOI_NGHI', value: 2 }], submit: true } });
    await api('POST', `${report}/return`, { body: { reason: 'Số hội nghị chưa khớp với biên bản' } });
    await drainQueue();
    expect(JSON.parse(hooks.received[0]!.body).text).toBe(
      'Báo cáo 6 tháng — 6 tháng đầu năm 2021 của Phường 15 (Quận 10) bị trả lại. Lý do: Số hội nghị chưa khớp với biên bản. Đề nghị đơn vị chỉnh sửa và nộp lại.');
  });

  it('a district with many late wards can take one digest per cron run instead of one message each', async () => {
    await activePlan(q10Plan(['27163', '27166', '27169', '27172']));
    await subscribe('771', ['obligation.overdue'], { format: 'text', delivery: 'digest' });
    await cron(at(DAY + 60_000));
    await drainQueue();
    expect(hooks.received).toHaveLength(1);
    const text = JSON.parse(hooks.received[0]!.body).text as string;
    expect(text.split('\n')[0]).toBe('Nhắc việc: 4 báo cáo quá hạn, 0 báo cáo sắp đến hạn');
    expect(text).toContain('• Quá hạn: Phường 15 (Quận 10) chưa nộp Báo cáo 6 tháng — 6 tháng đầu năm 2021');
  });
});

describe('retries, dead deliveries, the log and redelivery', () => {
  it('retries a failing subscriber with growing delays, then gives up; a manager can see every attempt and redeliver', async () => {
    const sub = await subscribe('771', ['report.submitted']); // a ping goes to any subscription
    hooks.answer = 503;
    await api('POST', `/v1/webhooks/${sub.id}/ping`);
    const delays: number[] = [];
    for (let i = 1; i <= 8; i++) {
      const result = await drainQueue(i);
      if (result.retryMessages.length) delays.push(...result.delays);
      else expect(result.explicitAcks).toHaveLength(1);
    }
    expect(delays).toEqual([30, 60, 120, 240, 480, 960, 1920]);
    const log = (await api('GET', `/v1/webhooks/${sub.id}/deliveries`)).json.items;
    expect(log[0]).toMatchObject({ status: 'dead', eventType: 'webhook.ping' });
    expect(log[0].attempts).toHaveLength(8);
    expect(log[0].attempts[0]).toMatchObject({ attempt: 1, statusCode: 503, error: 'HTTP 503' });
    expect(hooks.received).toHaveLength(8);
    expect(new Set(hooks.received.map((r) => r.headers['webhook-id'])).size).toBe(1); // the same event id every time

    hooks.answer = 200;
    const again = await api('POST', `/v1/webhooks/${sub.id}/deliveries/${log[0].id}/redeliver`);
    expect(again.status).toBe(202);
    await drainQueue();
    const after = (await api('GET', `/v1/webhooks/${sub.id}/deliveries`)).json.items[0];
    expect(after.status).toBe('delivered');
    expect(after.attempts.at(-1)).toMatchObject({ attempt: 9, statusCode: 200, error: null });
  });

  it('a message the queue hands out twice is sent once', async () => {
    const sub = await subscribe('771', ['report.submitted']);
    await api('POST', `/v1/webhooks/${sub.id}/ping`);
    const { id } = (await env.DB.prepare('SELECT id FROM deliveries').first<{ id: string }>())!;
    const batch = createMessageBatch('cascade-deliveries', [1, 2].map((n) => ({ id: `dup${n}`, timestamp: new Date(), attempts: 1, body: { deliveryId: id } })));
    const ctx = createExecutionContext();
    await worker.queue!(batch as never, env, ctx);
    await waitOnExecutionContext(ctx);
    expect(hooks.received).toHaveLength(1);
  });
});
