/**
 * Webhook rules with no I/O: which subscriber URLs a Worker may be made to call (SSRF), Standard Webhooks signatures,
 * the three body formats and the retry backoff.
 */
import { Webhook as Verifier } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { eventText, obligationEventData } from '../../../worker/src/domain/events';
import { backoffSeconds, checkWebhookUrl, deliveryBody, isPrivateHost, newSecret, sign } from '../../../worker/src/domain/webhooks';

const TZ = 'Asia/Ho_Chi_Minh';

describe('checkWebhookUrl: where a subscription may send', () => {
  it.each([
    'https://chat.googleapis.com/v1/spaces/x/messages?key=y',
    'https://hooks.slack.com/services/T/B/X',
    'https://api.telegram.org/bot123:abc/sendMessage',
    'https://8.8.8.8/',
    'https://[2606:4700:4700::1111]/',
    'https://hooks.example.vn/x',
  ])('accepts %s', (url) => {
    expect(checkWebhookUrl(url, false)).toBeNull();
    expect(isPrivateHost(new URL(url).hostname)).toBe(false);
  });

  it.each([
    ['plain http', 'http://hooks.example.vn/x'],
    ['a user name and password', 'https://user:pw@hooks.example.vn/x'],
    ['a user name alone', 'https://user@hooks.example.vn/x'],
    ['not a URL', 'hooks.example.vn/x'],
    ['another scheme', 'ftp://hooks.example.vn/x'],
  ])('refuses %s', (_, url) => {
    const problem = checkWebhookUrl(url, false);
    expect(problem).not.toBeNull();
    expect(problem!.vi).not.toBe(problem!.en);
  });

  it.each([
    // names of this machine or a private network
    'https://localhost/',
    'https://localhost./',
    'https://app.localhost/',
    'https://localhost.localdomain/',
    'https://ip6-localhost/',
    'https://ip6-loopback/',
    'https://printer.local/',
    'https://db.internal/',
    // IPv4, however it is written (the URL parser normalises 127.1, 2130706433 and 0x7f000001)
    'https://127.0.0.1/',
    'https://127.1/',
    'https://2130706433/',
    'https://0x7f000001/',
    'https://10.1.2.3/',
    'https://172.16.0.1/',
    'https://192.168.0.1/',
    'https://169.254.169.254/', // the cloud metadata service
    'https://100.64.0.1/',
    'https://0.0.0.0/',
    'https://192.0.0.8/',
    'https://192.0.2.1/',
    'https://198.18.0.1/',
    'https://198.19.255.255/',
    'https://198.51.100.7/',
    'https://203.0.113.9/',
    'https://224.0.0.1/',
    'https://255.255.255.255/',
    // IPv6, including the forms that embed an IPv4 address
    'https://[::1]/',
    'https://[::]/',
    'https://[::127.0.0.1]/',
    'https://[::ffff:127.0.0.1]/',
    'https://[::ffff:8.8.8.8]/',
    'https://[64:ff9b::a9fe:a9fe]/',
    'https://[64:ff9b:1::1]/',
    'https://[2002:7f00:1::]/',
    'https://[2001:db8::1]/',
    'https://[2001::1]/',
    'https://[fc00::1]/',
    'https://[fd12:3456::1]/',
    'https://[fe80::1]/',
    'https://[fec0::1]/',
    'https://[ff02::1]/',
  ])('refuses the private or reserved address %s', (url) => {
    const problem = checkWebhookUrl(url, false);
    expect(problem?.en).toMatch(/private, loopback, link-local or reserved/);
    expect(problem?.vi).toMatch(/địa chỉ nội bộ/);
    expect(isPrivateHost(new URL(url).hostname)).toBe(true);
  });

  it('lets a local deployment call a local receiver, even over http', () => {
    expect(checkWebhookUrl('http://localhost:9999/', true)).toBeNull();
    expect(checkWebhookUrl('https://127.0.0.1:8443/hook', true)).toBeNull();
  });

  it('still refuses credentials and other schemes when private addresses are allowed', () => {
    expect(checkWebhookUrl('http://user:pw@localhost:9999/', true)).not.toBeNull();
    expect(checkWebhookUrl('ftp://localhost/', true)).not.toBeNull();
  });
});

describe('isPrivateHost on raw host names', () => {
  it.each([
    ['127.0.0.1', true],
    ['[::1]', true],
    ['LOCALHOST', true],
    ['intranet', true], // a single label resolves inside the network
    ['router.home.arpa', true],
    ['172.32.0.1', false], // just past 172.16.0.0/12
    ['172.15.255.255', false],
    ['100.128.0.1', false], // just past 100.64.0.0/10
    ['198.20.0.1', false], // just past 198.18.0.0/15
    ['dichvucong.gov.vn', false],
  ])('%s → %s', (host, refused) => {
    expect(isPrivateHost(host)).toBe(refused);
  });
});

describe('sign: Standard Webhooks signatures', () => {
  it('is verified by the standardwebhooks library', async () => {
    const secret = newSecret();
    const body = JSON.stringify({ id: 'evt_due_42_1', type: 'obligation.due_soon', data: { unit: { name: 'Phường 15' } } });
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = await sign(secret, 'evt_due_42_1', timestamp, body);
    const headers = { 'webhook-id': 'evt_due_42_1', 'webhook-timestamp': String(timestamp), 'webhook-signature': signature };
    expect(new Verifier(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('does not verify a changed body or another secret', async () => {
    const secret = newSecret();
    const timestamp = Math.floor(Date.now() / 1000);
    const body = '{"text":"Phường 15 đã nộp"}';
    const headers = { 'webhook-id': 'evt_1', 'webhook-timestamp': String(timestamp), 'webhook-signature': await sign(secret, 'evt_1', timestamp, body) };
    expect(() => new Verifier(secret).verify('{"text":"Phường 13 đã nộp"}', headers)).toThrow();
    expect(() => new Verifier(newSecret()).verify(body, headers)).toThrow();
  });

  it('is the same for the same message', async () => {
    const secret = newSecret();
    expect(await sign(secret, 'evt_1', 1_700_000_000, '{}')).toBe(await sign(secret, 'evt_1', 1_700_000_000, '{}'));
    expect(await sign(secret, 'evt_1', 1_700_000_000, '{}')).not.toBe(await sign(secret, 'evt_1', 1_700_000_001, '{}'));
  });
});

describe('newSecret', () => {
  it('is whsec_ and a base64 key of 24 random bytes', () => {
    const secret = newSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(atob(secret.slice('whsec_'.length))).toHaveLength(24);
  });

  it('is different every time', () => {
    expect(new Set(Array.from({ length: 20 }, newSecret)).size).toBe(20);
  });
});

describe('backoffSeconds', () => {
  it.each([
    [1, 30],
    [2, 60],
    [3, 120],
    [4, 240],
    [5, 480],
    [6, 960],
    [7, 1920],
    [8, 3600],
    [20, 3600],
  ])('attempt %i waits %i s', (attempt, seconds) => {
    expect(backoffSeconds(attempt)).toBe(seconds);
  });
});

describe('deliveryBody', () => {
  const data = obligationEventData(
    {
      id: 42, unit_code: '27163', unit_name: 'Phường 15', unit_path: '/79/771/27163/', parent_name: 'Quận 10', period: '2021S1',
      due_at: '2021-05-14T17:00:00.000Z', plan_id: 'pl_papi', schedule_id: 'sc_6t', schedule_code: '6T',
    },
    { name: 'Báo cáo 6 tháng', periodType: 'half' },
    { number: 'KH-PAPI/Q10', title: 'Nâng cao Chỉ số PAPI' },
    TZ,
  );
  const event = { id: 'evt_due_42_1', type: 'obligation.due_soon', occurredAt: '2021-05-14T08:00:00.000Z', data: { ...data, days: 1 } };

  it('cascade: the event itself, {id, type, occurredAt, data}', () => {
    const body = JSON.parse(deliveryBody('cascade', event, TZ, null));
    expect(Object.keys(body).sort()).toEqual(['data', 'id', 'occurredAt', 'type']);
    expect(body).toEqual(event);
  });

  it('text: exactly {"text"} with the Vietnamese message, for Google Chat and Slack', () => {
    const body = JSON.parse(deliveryBody('text', event, TZ, null));
    expect(Object.keys(body)).toEqual(['text']);
    expect(body.text).toBe(eventText(event.type, event.data, TZ, event.occurredAt));
    expect(body.text).toContain('Phường 15 (Quận 10)');
  });

  it('telegram: exactly {"chat_id", "text"}', () => {
    const body = JSON.parse(deliveryBody('telegram', event, TZ, '-1001234567890'));
    expect(Object.keys(body).sort()).toEqual(['chat_id', 'text']);
    expect(body.chat_id).toBe('-1001234567890');
    expect(body.text).toBe(eventText(event.type, event.data, TZ, event.occurredAt));
  });
});
