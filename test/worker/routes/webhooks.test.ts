import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, issueToken } from '../helpers';
import { freshWithHooks, restore } from '../webhook-harness';

beforeEach(freshWithHooks);
afterEach(restore);

describe('subscriptions', () => {
  it.each([
    'http://hooks.example.vn/x', 'https://127.0.0.1/x', 'https://10.0.0.5/x', 'https://192.168.1.10/', 'https://169.254.169.254/latest',
    'https://[::1]/x', 'https://localhost:8787/x', 'https://[fd00::1]/', 'https://user:pw@hooks.example.vn/', 'ftp://hooks.example.vn/',
    // Forms a fuzz of the contract found accepted before (DESIGN §14).
    'https://localhost./', 'https://localhost.localdomain/', 'https://ip6-localhost/', 'https://[::127.0.0.1]/', 'https://[64:ff9b::a9fe:a9fe]/',
    'https://[2002:7f00:1::]/', 'https://[fec0::1]/', 'https://[ff02::1]/', 'https://192.0.2.1/', 'https://198.18.0.1/',
    'https://app.localhost/', 'https://[::ffff:10.0.0.1]/', 'https://192.0.0.170/', 'https://2130706433/',
  ])('refuse %s (SSRF)', async (url) => {
    const res = await api('POST', '/v1/webhooks', { body: { unit: '771', url, events: ['report.submitted'] } });
    expect(res.status, res.text).toBe(400);
    expect(res.json.errors[0].path).toBe('url');
  });

  it('accept the chat services people use', async () => {
    for (const [url, format, chatId] of [
      ['https://chat.googleapis.com/v1/spaces/AAA/messages?key=k&token=t', 'text', undefined],
      ['https://hooks.slack.com/services/T0/B0/XYZ', 'text', undefined],
      ['https://api.telegram.org/bot123456:ABC/sendMessage', 'telegram', '-1001234567890'],
    ] as const) {
      const res = await api('POST', '/v1/webhooks', { body: { unit: '771', url, events: ['obligation.overdue'], format, ...(chatId ? { chatId } : {}) } });
      expect(res.status, res.text).toBe(201);
      expect(res.json).toMatchObject({ format, chatId: chatId ?? null });
    }
  });

  it('a Telegram subscription needs its chat id, and only Telegram takes one', async () => {
    const telegram = await api('POST', '/v1/webhooks', { body: { unit: '771', url: 'https://api.telegram.org/bot1:x/sendMessage', events: ['obligation.overdue'], format: 'telegram' } });
    expect(telegram.status).toBe(400);
    expect(telegram.json.errors[0].path).toBe('chatId');
    const text = await api('POST', '/v1/webhooks', { body: { unit: '771', url: 'https://hooks.example.vn/x', events: ['obligation.overdue'], chatId: '42' } });
    expect(text.status).toBe(400);
  });

  it('are for managers of the unit; a submitter or another district cannot subscribe', async () => {
    const ward = await issueToken('27163', 'submitter');
    const q5 = await issueToken('774', 'manager');
    const body = { unit: '771', url: 'https://hooks.example.vn/x', events: ['report.submitted'] };
    expect((await api('POST', '/v1/webhooks', { token: ward, body: { ...body, unit: '27163' } })).status).toBe(403);
    expect((await api('POST', '/v1/webhooks', { token: q5, body })).status).toBe(403);
    const q10 = await issueToken('771', 'manager');
    const created = await api('POST', '/v1/webhooks', { token: q10, body });
    expect(created.status).toBe(201);
    expect((await api('GET', '/v1/webhooks', { token: q10 })).json.items).toHaveLength(1);
    expect((await api('GET', `/v1/webhooks/${created.json.id}`, { token: q5 })).status).toBe(403);
    const paused = await api('PATCH', `/v1/webhooks/${created.json.id}`, { token: q10, body: { active: false } });
    expect(paused.json.active).toBe(false);
    expect((await api('DELETE', `/v1/webhooks/${created.json.id}`, { token: q10 })).json.active).toBe(false);
  });
});
