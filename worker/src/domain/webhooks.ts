/** Webhook rules with no I/O: URL safety (SSRF), Standard Webhooks signatures, delivery bodies, backoff. */
import { t, type Text } from '../../../schemas/text';
import { eventText } from './events';

/** Names that always mean this machine or a private network. */
function isPrivateName(host: string): boolean {
  const h = host.replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === 'localhost.localdomain' || h.endsWith('.localdomain')
    || h === 'ip6-localhost' || h === 'ip6-loopback' || h.endsWith('.local') || h.endsWith('.internal') || h.endsWith('.home.arpa') || !h.includes('.');
}

/** Loopback, private, shared, link-local, documentation, benchmarking, multicast and reserved IPv4 ranges. */
const V4_REFUSED: [number, number][] = [
  [0x00000000, 8], [0x0a000000, 8], [0x64400000, 10], [0x7f000000, 8], [0xa9fe0000, 16], [0xac100000, 12],
  [0xc0000000, 24], [0xc0000200, 24], [0xc0586300, 24], [0xc0a80000, 16], [0xc6120000, 15], [0xc6336400, 24],
  [0xcb007100, 24], [0xe0000000, 4], [0xf0000000, 4],
];

function v4Refused(addr: number): boolean {
  return V4_REFUSED.some(([net, bits]) => (addr >>> (32 - bits)) === (net >>> (32 - bits)));
}

function parseV4(host: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
}

/** "::ffff:7f00:1" → its eight 16-bit groups; an embedded dotted quad at the end is read too. */
function parseV6(host: string): number[] | null {
  let h = host;
  const tail: number[] = [];
  const dotted = /^(.*:)(\d{1,3}(?:\.\d{1,3}){3})$/.exec(h);
  if (dotted) {
    const v4 = parseV4(dotted[2]!);
    if (v4 === null) return null;
    tail.push(v4 >>> 16, v4 & 0xffff);
    h = dotted[1]!.endsWith('::') ? dotted[1]! : dotted[1]!.slice(0, -1);
  }
  const halves = h.split('::');
  if (halves.length > 2) return null;
  const groups = (s: string) => (s === '' ? [] : s.split(':').map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? parseInt(g, 16) : NaN)));
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  const missing = 8 - head.length - rest.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 0) return null;
  const all = [...head, ...Array(halves.length === 2 ? missing : 0).fill(0), ...rest, ...tail];
  return all.some(Number.isNaN) ? null : all;
}

function v6Refused(g: number[]): boolean {
  const [a = 0, b = 0] = g;
  const zeroTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroTo(6)) return true; // ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d
  if (zeroTo(5) && g[5] === 0xffff) return true; // IPv4-mapped: a public host has a plain IPv4 URL
  if (a === 0x64 && b === 0xff9b) return true; // NAT64 (64:ff9b::/96 and 64:ff9b:1::/48) reaches IPv4 behind it
  if (a === 0x2002) return true; // 6to4 embeds an IPv4 address
  if (a === 0x2001 && (b === 0 || b === 0xdb8)) return true; // Teredo, documentation
  if (a === 0x0100 && zeroTo(4)) return true; // discard-only
  if ((a & 0xfe00) === 0xfc00) return true; // unique local fc00::/7
  if ((a & 0xffc0) === 0xfe80 || (a & 0xffc0) === 0xfec0) return true; // link-local, site-local
  return (a & 0xff00) === 0xff00; // multicast
}

/** Loopback, private, link-local, reserved and other non-public targets a Worker must not be made to call (SSRF). */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host.includes(':')) {
    const groups = parseV6(host);
    return groups === null || v6Refused(groups);
  }
  const v4 = parseV4(host);
  if (v4 !== null) return v4Refused(v4);
  if (/^[\d.]+$/.test(host) || /^0x/i.test(host)) return true; // a number the URL parser did not normalise
  return isPrivateName(host);
}

/** null when a subscriber URL may be used, else what is wrong with it. */
export function checkWebhookUrl(raw: string, allowPrivate: boolean): Text | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return t('is not a URL', 'không phải một địa chỉ URL');
  }
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:')) return t('must be an https:// URL', 'phải là địa chỉ https://');
  if (url.username || url.password) return t('must not carry a user name or password', 'không được chứa tên đăng nhập hay mật khẩu');
  if (!allowPrivate && isPrivateHost(url.hostname)) {
    return t('must not point at a private, loopback, link-local or reserved address', 'không được trỏ tới địa chỉ nội bộ, loopback, link-local hay địa chỉ dành riêng');
  }
  return null;
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export function newSecret(): string {
  return `whsec_${toBase64(crypto.getRandomValues(new Uint8Array(24)))}`;
}

/** Standard Webhooks: v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>, the key being the base64 after whsec_. */
export async function sign(secret: string, id: string, timestamp: number, body: string): Promise<string> {
  const key = Uint8Array.from(atob(secret.replace(/^whsec_/, '')), (c) => c.charCodeAt(0));
  const hmac = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', hmac, new TextEncoder().encode(`${id}.${timestamp}.${body}`));
  return `v1,${toBase64(new Uint8Array(mac))}`;
}

export type WebhookFormat = 'cascade' | 'text' | 'telegram';

/** What is POSTed: the signed JSON event, `{"text"}` for Google Chat and Slack, or `{"chat_id","text"}` for a Telegram bot. */
export function deliveryBody(
  format: WebhookFormat,
  e: { id: string; type: string; occurredAt: string; data: Record<string, unknown> },
  tz: string,
  chatId: string | null,
): string {
  if (format === 'cascade') return JSON.stringify({ id: e.id, type: e.type, occurredAt: e.occurredAt, data: e.data });
  const text = eventText(e.type, e.data, tz, e.occurredAt);
  return JSON.stringify(format === 'telegram' ? { chat_id: chatId, text } : { text });
}

/** Retry delays of the delivery queue: 30 s, 1, 2, 4, 8, 16 min … capped at an hour. */
export function backoffSeconds(attempt: number): number {
  return Math.min(3600, 30 * 2 ** Math.max(0, attempt - 1));
}
export const MAX_ATTEMPTS = 8;
