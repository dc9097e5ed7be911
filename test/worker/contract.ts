import { api } from './helpers';

/**
 * The served OpenAPI document, read as the contract the tests hold the Worker to: which write routes exist and what
 * their bodies may hold. `accepts` is a small JSON Schema check, deliberately never stricter than the zod schemas it
 * was generated from, so whatever it refuses the Worker must refuse too.
 */
export type Schema = {
  $ref?: string;
  type?: string | string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
};
export type Parameter = { name: string; in: string; schema: Schema };
type Operation = { parameters?: Parameter[]; responses?: Record<string, unknown>; requestBody?: { content: Record<string, { schema: Schema }> } };
export type Key = string | number;
type BodyNode = { path: Key[]; value: unknown; schema: Schema; union: Key[] | null };
type Doc = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

const WRITE_METHODS = ['post', 'put', 'patch', 'delete'];

export async function readContract() {
  const doc = (await api('GET', '/v1/openapi.json', { token: null })).json as Doc;
  const deref = (s: Schema): Schema => (s.$ref ? deref(doc.components.schemas[s.$ref.split('/').pop()!]!) : s);
  /** "POST /v1/plans" → its operation, for every write route the document lists. */
  const writes = new Map(Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).filter(([m]) => WRITE_METHODS.includes(m)).map(([m, op]): [string, Operation] => [`${m.toUpperCase()} ${path}`, op])));

  function accepts(schema: Schema, v: unknown): boolean {
    const s = deref(schema);
    const branches = s.anyOf ?? s.oneOf;
    if (branches) return branches.some((b) => accepts(b, v));
    if (s.enum && !s.enum.includes(v)) return false;
    const type = jsonType(v);
    const types = [s.type ?? []].flat();
    if (types.length && !types.some((t) => t === type || (t === 'number' && type === 'integer'))) return false;
    if (typeof v === 'string') return stringFits(s, v);
    if (typeof v === 'number') return (s.minimum === undefined || v >= s.minimum) && (s.maximum === undefined || v <= s.maximum)
      && (s.exclusiveMinimum === undefined || v > s.exclusiveMinimum);
    if (Array.isArray(v)) return v.length >= (s.minItems ?? 0) && v.length <= (s.maxItems ?? Infinity) && v.every((x) => !s.items || accepts(s.items, x));
    if (type === 'object') {
      const o = v as Record<string, unknown>;
      const props = s.properties ?? {};
      return (s.required ?? []).every((k) => Object.hasOwn(o, k))
        && Object.entries(o).every(([k, x]) => (Object.hasOwn(props, k) ? accepts(props[k]!, x) : s.additionalProperties !== false));
    }
    return true;
  }

  /**
   * Every node of a body with the schema branch it is checked against, and the path of the innermost union (anyOf,
   * oneOf) it sits in: where no branch fits, zod can only blame the union.
   */
  function nodes(v: unknown, schema: Schema, at: Key[] = [], union: Key[] | null = null): BodyNode[] {
    const s = deref(schema);
    const branches = s.anyOf ?? s.oneOf;
    if (branches) {
      const fitting = branches.find((b) => accepts(b, v));
      return fitting ? nodes(v, fitting, at, at) : [];
    }
    const here = { path: at, value: v, schema: s, union };
    if (Array.isArray(v)) return [here, ...v.flatMap((x, i) => (s.items ? nodes(x, s.items, [...at, i], union) : []))];
    if (jsonType(v) === 'object') {
      return [here, ...Object.entries(v as object).flatMap(([k, x]) => (s.properties?.[k] ? nodes(x, s.properties[k], [...at, k], union) : []))];
    }
    return [here];
  }

  /** Strings and lists the contract leaves without an upper bound, as paths like "units[].name". */
  function unbounded(schema: Schema, at = '(body)'): string[] {
    const s = deref(schema);
    const branches = s.anyOf ?? s.oneOf;
    if (branches) return branches.flatMap((b) => unbounded(b, at));
    const types = [s.type ?? []].flat();
    const out: string[] = [];
    const boundedPattern = s.pattern !== undefined && !/[*+]|\{\d+,\}/.test(s.pattern);
    if (types.includes('string') && s.maxLength === undefined && !boundedPattern && !s.enum && !s.format) out.push(at);
    if (types.includes('array')) {
      if (s.maxItems === undefined) out.push(at);
      if (s.items) out.push(...unbounded(s.items, `${at}[]`));
    }
    for (const [k, p] of Object.entries(s.properties ?? {})) out.push(...unbounded(p, `${at}.${k}`));
    return out;
  }

  return { writes, accepts, nodes, unbounded };
}
export type Contract = Awaited<ReturnType<typeof readContract>>;

/** JSON's types, with the non-finite numbers JSON cannot carry (sent as 1e999) belonging to none. */
function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return !Number.isFinite(v) ? 'non-finite' : Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function stringFits(s: Schema, v: string): boolean {
  // Some fields are trimmed before their bounds are checked: judge the trimmed length, never the stricter one.
  if (s.maxLength !== undefined && v.trim().length > s.maxLength) return false;
  if (s.minLength !== undefined && v.length < s.minLength) return false;
  if (s.pattern !== undefined && !new RegExp(s.pattern).test(v)) return false;
  if (s.format === 'date') {
    const day = new Date(`${v}T00:00:00Z`);
    return /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(day.getTime()) && day.toISOString().startsWith(v);
  }
  if (s.format === 'date-time') return !Number.isNaN(Date.parse(v));
  if (s.format === 'uri') return URL.canParse(v);
  return true;
}

/** A copy of `body` with the node at `path` replaced (or, for `undefined`, removed). */
export function setAt(body: unknown, path: readonly Key[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [k, ...rest] = path;
  const copy: any = Array.isArray(body) ? [...body] : { ...(body as object) };
  const next = setAt(copy[k!], rest, value);
  if (next === undefined) delete copy[k!];
  else copy[k!] = next;
  return copy;
}

/** JSON text of a body; Infinity, which JSON.stringify would turn into null, goes on the wire as 1e999. */
export function wire(body: unknown): string {
  return (JSON.stringify(body, (_, v) => (v === Infinity ? '\u221e' : v)) ?? '').replaceAll('"\u221e"', '1e999');
}
