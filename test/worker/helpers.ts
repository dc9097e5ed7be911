import { env, SELF } from 'cloudflare:test';
import { TEST_ADMIN_TOKEN } from '../admin-token';

export const ADMIN = TEST_ADMIN_TOKEN;
export const BASE = 'https://cascade.test';

type Call = { token?: string | null; body?: unknown; csv?: string; headers?: Record<string, string> };

/** One API call through the Worker's real fetch handler; returns status, headers and parsed body. */
export async function api(method: string, path: string, opts: Call = {}) {
  const headers: Record<string, string> = { ...opts.headers };
  const token = opts.token === undefined ? ADMIN : opts.token;
  if (token) headers.authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (opts.csv !== undefined) {
    headers['content-type'] = 'text/csv';
    body = opts.csv;
  } else if (opts.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
  }
  const res = await SELF.fetch(BASE + path, { method, headers, body });
  const text = await res.text();
  let json: any = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json, text };
}

export type UnitIn = { code: string; name: string; level: string; parent?: string | null };

export async function importUnits(units: UnitIn[], token: string = ADMIN) {
  const res = await api('POST', '/v1/units/import', { token, body: { units } });
  if (res.status !== 200) throw new Error(`import failed: ${res.status} ${res.text}`);
  return res.json;
}

export async function issueToken(unit: string, role: 'submitter' | 'manager', by: string = ADMIN): Promise<string> {
  const res = await api('POST', '/v1/tokens', { token: by, body: { unit, role, label: `${role} of ${unit}` } });
  if (res.status !== 201) throw new Error(`token failed: ${res.status} ${res.text}`);
  return res.json.token;
}

/** A small real tree from the seeds: TP.HCM → Quận 10 → two wards and Phòng Nội vụ; Quận 5 → one ward. */
export const HCM_TREE: UnitIn[] = [
  { code: '79', name: 'Thành phố Hồ Chí Minh', level: 'province' },
  { code: '771', name: 'Quận 10', level: 'district', parent: '79' },
  { code: '27163', name: 'Phường 15', level: 'commune', parent: '771' },
  { code: '27166', name: 'Phường 13', level: 'commune', parent: '771' },
  { code: '771-NV', name: 'Phòng Nội vụ Quận 10', level: 'department', parent: '771' },
  { code: '774', name: 'Quận 5', level: 'district', parent: '79' },
  { code: '27325', name: 'Phường 1', level: 'commune', parent: '774' },
];

/** A synthetic nation shaped like Vietnam: `provinces` × `districts` × `communes`. */
export function syntheticNation(provinces: number, districts: number, communes: number): UnitIn[] {
  const units: UnitIn[] = [];
  for (let p = 1; p <= provinces; p++) {
    const pc = String(p).padStart(2, '0');
    units.push({ code: pc, name: `Tỉnh ${pc}`, level: 'province' });
    for (let d = 1; d <= districts; d++) {
      const dc = `${pc}${String(d).padStart(2, '0')}`;
      units.push({ code: dc, name: `Huyện ${dc}`, level: 'district', parent: pc });
      for (let w = 1; w <= communes; w++) {
        const wc = `${dc}${String(w).padStart(2, '0')}`;
        units.push({ code: wc, name: `Xã Đông Thạnh ${wc}`, level: 'commune', parent: dc });
      }
    }
  }
  return units;
}

/** Storage is isolated per test file, not per test: each test that needs a clean slate calls this. */
export async function resetDb() {
  await env.DB.batch(['delivery_attempts', 'deliveries', 'reminders_sent', 'events', 'webhooks', 'audit_log', 'scores', 'idempotency_keys', 'report_values', 'report_versions', 'reports', 'obligations', 'schedules', 'plans', 'holidays', 'tokens', 'successions', 'unit_versions', 'units'].map((t) => env.DB.prepare(`DELETE FROM ${t}`)));
}

/** Every row of every table, as one string: equal before and after a request means the request changed nothing. */
export async function fingerprint(): Promise<string> {
  const { results: tables } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT GLOB 'sqlite_*' AND name NOT GLOB '_cf_*' AND name NOT GLOB 'd1_*' ORDER BY name",
  ).all<{ name: string }>();
  const rows = await env.DB.batch(tables.map((t) => env.DB.prepare(`SELECT * FROM "${t.name}"`)));
  return JSON.stringify(rows.map((r, i) => [tables[i]!.name, r.results]));
}
