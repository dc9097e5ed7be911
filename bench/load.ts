// Load: `connections` wards, each with its own submitter token, submitting their 6-month report over and over for
// `seconds`; every fifth request replays the previous Idempotency-Key, as a sheet does after a lost answer.
// Afterwards every stored version must have its own key, with no gaps, and every answered version must be stored.
import autocannon from 'autocannon';
import type { Miniflare } from 'miniflare';
import { INDICATORS, reportOf } from './nation';

type Call = <T = any>(method: string, path: string, body?: unknown, token?: string) => Promise<T>;
type Ward = { code: string; token: string; body: string; n: number; key: string; versions: Set<number>; replays: number };

export async function loadTest(o: { base: string; call: Call; d1: Awaited<ReturnType<Miniflare['getD1Database']>>; wards: string[]; schedule: string; period: string; seconds: number; connections: number }) {
  const wards: Ward[] = [];
  for (const code of o.wards) {
    const { token } = await o.call<{ token: string }>('POST', '/v1/tokens', { unit: code, role: 'submitter', label: `load ${code}` });
    wards.push({ code, token, body: JSON.stringify(reportOf(code, INDICATORS)), n: 0, key: '', versions: new Set(), replays: 0 });
  }
  let next = 0;
  const statuses = new Map<number, number>();
  const firstError: Record<number, string> = {};
  const errorKinds: Record<string, number> = {};
  // The promise autocannon returns is also its event emitter (autocannon.Instance).
  const instance = autocannon({
    url: o.base,
    connections: o.connections,
    duration: o.seconds,
    // Under 200 connections a single local D1 queues requests for seconds; a client timeout would only muddy the count.
    timeout: 120,
    // Each connection is one ward: its own token, report and idempotency keys.
    setupClient: (client: any) => {
      const w = wards[next++ % wards.length]!;
      let replay = false;
      client.setRequests([{
        method: 'PUT',
        path: `/v1/reports/${w.code}/${o.schedule}/${o.period}`,
        setupRequest: (req: any) => {
          replay = w.n > 0 && w.n % 5 === 0;
          if (!replay) w.key = `load-${w.code}-${w.n}`;
          w.n++;
          return { ...req, body: w.body, headers: { authorization: `Bearer ${w.token}`, 'content-type': 'application/json', 'idempotency-key': w.key } };
        },
        onResponse: (status: number, body: string) => {
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (status !== 200) return void (firstError[status] ??= body.slice(0, 300));
          const { version } = JSON.parse(body) as { version: number };
          if (replay) w.replays++;
          w.versions.add(version);
        },
      }]);
    },
  } as autocannon.Options) as unknown as autocannon.Instance & Promise<autocannon.Result>;
  instance.on('reqError', (e: Error & { code?: string }) => void (errorKinds[e.code ?? e.message] = (errorKinds[e.code ?? e.message] ?? 0) + 1));
  const result = await instance;

  // What the database holds afterwards. Every version must come from its own Idempotency-Key (a replay, or a retry
  // after a client timeout, never adds one), versions run 1..n with no gap, and every answered version is stored.
  const rows = (await o.d1.prepare(
    `SELECT o.unit_code AS unit, count(v.version) AS versions, max(v.version) AS top,
            (SELECT count(*) FROM idempotency_keys k WHERE k.unit_code = o.unit_code AND k.key LIKE 'load-%') AS keys,
            json_group_array(v.version) AS stored
     FROM obligations o JOIN report_versions v ON v.obligation_id = o.id
     WHERE o.schedule_id = ?1 AND o.period = ?2 AND o.unit_code IN (SELECT value FROM json_each(?3)) GROUP BY o.unit_code`,
  ).bind(o.schedule, o.period, JSON.stringify(o.wards)).all<{ unit: string; versions: number; top: number; keys: number; stored: string }>()).results;
  const byUnit = new Map(rows.map((r) => [r.unit, r]));
  let lost = 0;
  let doubled = 0;
  let gaps = 0;
  for (const w of wards) {
    const r = byUnit.get(w.code);
    const stored = new Set<number>(r ? JSON.parse(r.stored) : []);
    lost += [...w.versions].filter((v) => !stored.has(v)).length;
    if (r) {
      doubled += Math.max(0, r.versions - r.keys);
      if (r.top !== r.versions) gaps++;
    }
  }
  // autocannon's `errors` are connection errors, its timeouts among them.
  const errors = [...statuses].filter(([s]) => s !== 200).reduce((n, [, k]) => n + k, 0) + result.errors;
  return {
    connections: o.connections, seconds: o.seconds, requests: result.requests.total, perSecond: Math.round(result.requests.average),
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    statuses: Object.fromEntries(statuses), firstError, errors, connectionErrors: result.errors, timeouts: result.timeouts, errorKinds,
    versionsAnswered: wards.reduce((n, w) => n + w.versions.size, 0), replays: wards.reduce((n, w) => n + w.replays, 0),
    versionsStored: rows.reduce((n, r) => n + r.versions, 0), versionsLost: lost, versionsWithoutTheirOwnKey: doubled, wardsWithGaps: gaps,
  };
}
