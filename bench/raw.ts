// The practical limit: the same schema (worker/migrations) in plain SQLite inside Node (better-sqlite3, one process,
// no HTTP, no JSON bridge, no auth), driven by the most direct set-based SQL for each answer.
import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Indicator, PlanInput, ReportPut, RollupNode } from '../schemas';
import { dueInstant, periodsOfYear, type PeriodType } from '../worker/src/domain/periods';
import { meetsTarget } from '../worker/src/domain/reports';
import { assembleRollup, type GroupTotals } from '../worker/src/domain/rollups';
import { subtreeEnd } from '../worker/src/domain/units';
import { dueReminder, type Reminders } from '../worker/src/domain/webhooks';
import type { Unit } from './nation';

const root = join(import.meta.dirname, '..');

export class RawCascade {
  readonly db: Database.Database;
  private readonly prepared = new Map<string, Database.Statement>();

  /** Statements are prepared once, as any long-lived server would. */
  private stmt(sql: string): Database.Statement {
    let st = this.prepared.get(sql);
    if (!st) this.prepared.set(sql, (st = this.db.prepare(sql)));
    return st;
  }

  constructor(file: string) {
    this.db = new Database(file);
    // What D1 runs with: WAL, and foreign keys on.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    const dir = join(root, 'worker', 'migrations');
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.sql')).sort()) this.db.exec(readFileSync(join(dir, f), 'utf8'));
  }

  /** Paths computed in the process, then one prepared INSERT per unit inside one transaction. */
  importUnits(units: Unit[]) {
    const parent = new Map(units.map((u) => [u.code, u.parent]));
    const paths = new Map<string, string>();
    const pathOf = (code: string): string => {
      let p = paths.get(code);
      if (p === undefined) {
        const up = parent.get(code);
        paths.set(code, (p = `${up ? pathOf(up) : '/'}${code}/`));
      }
      return p;
    };
    const at = new Date().toISOString();
    const insert = this.db.prepare('INSERT INTO units (code, name, level, parent_code, path, depth, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const u of units) {
        const path = pathOf(u.code);
        insert.run(u.code, u.name, u.level, u.parent ?? null, path, path.split('/').length - 3, at, at);
      }
    })();
  }

  /** One INSERT … SELECT per schedule: the units it applies to × its periods with their due instants. */
  activate(id: string, plan: PlanInput): Map<string, string> {
    const at = new Date().toISOString();
    const scheduleIds = new Map(plan.schedules.map((s) => [s.code, `${id}-${s.code}`]));
    const issuer = this.db.prepare('SELECT path FROM units WHERE code = ?').get(plan.issuer) as { path: string };
    const obligations = this.db.prepare(
      `INSERT INTO obligations (schedule_id, plan_id, unit_code, period, due_at)
       SELECT :schedule, :plan, u.code, p.value ->> '$.period', p.value ->> '$.dueAt'
       FROM units u, json_each(:periods) p WHERE u.level = :level AND u.path > :path AND u.path < :end`,
    );
    this.db.transaction(() => {
      this.db.prepare(
        `INSERT INTO plans (id, number, title, issuer_code, issued_on, first_year, last_year, status, doc_json, created_at, updated_at, activated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?)`,
      ).run(id, plan.number, plan.title, plan.issuer, plan.issuedOn, Math.min(...plan.years), Math.max(...plan.years), JSON.stringify(plan), at, at, at);
      for (const s of plan.schedules) {
        const sid = scheduleIds.get(s.code)!;
        this.db.prepare('INSERT INTO schedules (id, plan_id, code, period_type, doc_json) VALUES (?, ?, ?, ?, ?)').run(sid, id, s.code, s.periodType, JSON.stringify(s));
        const periods = plan.years.flatMap((y) => periodsOfYear(s.periodType as PeriodType, y, s.only))
          .map((period) => ({ period, dueAt: dueInstant(period, s.due).toISOString() }));
        obligations.run({ schedule: sid, plan: id, periods: JSON.stringify(periods), level: (s.appliesTo as { level: string }).level, path: issuer.path, end: subtreeEnd(issuer.path) });
      }
    })();
    return scheduleIds;
  }

  /** One submission in one transaction: version, head, values, obligation state. */
  submit(unit: string, scheduleId: string, period: string, body: ReportPut, indicators: Indicator[], at: string) {
    const kinds = new Map(indicators.map((i) => [i.code, i]));
    const o = this.stmt('SELECT id FROM obligations WHERE unit_code = ? AND schedule_id = ? AND period = ?').get(unit, scheduleId, period) as { id: number };
    const head = this.stmt('SELECT current_version FROM reports WHERE obligation_id = ?').get(o.id) as { current_version: number } | undefined;
    const version = (head?.current_version ?? 0) + 1;
    const value = this.stmt('INSERT INTO report_values (obligation_id, indicator, value, numerator, denominator, text, met) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      this.stmt('INSERT INTO report_versions (obligation_id, version, submitted, created_at, actor, body_json) VALUES (?, ?, 1, ?, ?, ?)')
        .run(o.id, version, at, 'bench', JSON.stringify({ values: body.values, tasks: body.tasks }));
      this.stmt(
        `INSERT INTO reports (obligation_id, current_version, status, updated_at) VALUES (?, ?, 'submitted', ?)
         ON CONFLICT (obligation_id) DO UPDATE SET current_version = excluded.current_version, status = 'submitted', updated_at = excluded.updated_at`,
      ).run(o.id, version, at);
      this.stmt('DELETE FROM report_values WHERE obligation_id = ?').run(o.id);
      for (const v of body.values) {
        const ind = kinds.get(v.indicator)!;
        const rate = v.numerator != null && v.denominator ? (v.numerator / v.denominator) * (ind.kind === 'percent' ? 100 : 1) : null;
        const num = typeof v.value === 'boolean' ? Number(v.value) : typeof v.value === 'number' ? v.value : rate;
        const text = typeof v.value === 'string' ? v.value : null;
        if (num === null && text === null) continue;
        const met = meetsTarget(num, ind.target);
        value.run(o.id, v.indicator, num, v.numerator ?? null, v.denominator ?? null, text, met === null ? null : Number(met));
      }
      this.stmt(`UPDATE obligations SET state = 'submitted', submitted_at = :at, first_submitted_at = coalesce(first_submitted_at, :at) WHERE id = :id`)
        .run({ id: o.id, at });
    })();
  }

  returnReport(unit: string, scheduleId: string, period: string) {
    this.stmt(`UPDATE obligations SET state = 'returned' WHERE unit_code = ? AND schedule_id = ? AND period = ?`).run(unit, scheduleId, period);
  }

  /**
   * The roll-up: per child of the root, completeness and per-indicator sums, from the leaf reports, in three
   * grouped queries driven from the subtree's path range; assembled by the same pure function as Cascade's.
   */
  rollup(planId: string, period: string, unitCode: string): RollupNode {
    const plan = JSON.parse((this.stmt('SELECT doc_json FROM plans WHERE id = ?').get(planId) as { doc_json: string }).doc_json) as PlanInput;
    const rootUnit = this.stmt('SELECT code, name, path FROM units WHERE code = ?').get(unitCode) as { code: string; name: string; path: string };
    const args = { path: rootUnit.path, end: subtreeEnd(rootUnit.path), plan: planId, period };
    const sub = `WITH sub(code, child) AS MATERIALIZED (
      SELECT code, CASE WHEN path = :path THEN '' ELSE substr(path, length(:path) + 1, instr(substr(path, length(:path) + 1), '/') - 1) END
      FROM units WHERE path >= :path AND path < :end)`;
    const counts = this.stmt(
      `${sub} SELECT child, count(*) AS expected, sum(state IN ('submitted', 'accepted')) AS submitted,
         sum(state IN ('submitted', 'accepted') AND first_submitted_at < due_at) AS onTime, sum(state = 'returned') AS returned,
         json_group_array(CASE WHEN state IN ('pending', 'returned') THEN code END) AS missing
       FROM sub CROSS JOIN obligations o ON o.unit_code = sub.code WHERE o.plan_id = :plan AND o.period = :period GROUP BY child`,
    ).all(args) as { child: string; expected: number; submitted: number; onTime: number; returned: number; missing: string }[];
    const values = this.stmt(
      `${sub} SELECT child, v.indicator, count(v.value) AS n, sum(v.value) AS total, sum(v.numerator) AS num, sum(v.denominator) AS den, sum(v.met) AS meeting
       FROM sub CROSS JOIN obligations o ON o.unit_code = sub.code JOIN report_values v ON v.obligation_id = o.id
       WHERE o.plan_id = :plan AND o.period = :period AND o.state IN ('submitted', 'accepted') GROUP BY child, v.indicator`,
    ).all(args) as ({ child: string; indicator: string; n: number; total: number | null; num: number | null; den: number | null; meeting: number | null })[];
    const texts = this.stmt(
      `${sub} SELECT sub.code AS unit, v.indicator, v.text
       FROM sub CROSS JOIN obligations o ON o.unit_code = sub.code JOIN report_values v ON v.obligation_id = o.id
       WHERE o.plan_id = :plan AND o.period = :period AND o.state IN ('submitted', 'accepted') AND v.text IS NOT NULL
       ORDER BY sub.code LIMIT 500`,
    ).all(args) as { unit: string; indicator: string; text: string }[];
    const groups = new Map<string, GroupTotals>();
    for (const c of counts) {
      groups.set(c.child, { ...c, missing: (JSON.parse(c.missing) as (string | null)[]).filter((m): m is string => m !== null).sort(), values: new Map() });
    }
    for (const v of values) groups.get(v.child)!.values.set(v.indicator, v);
    const names = new Map((this.stmt(`SELECT code, name FROM units WHERE parent_code = ?`).all(unitCode) as { code: string; name: string }[]).map((u) => [u.code, u.name]));
    return assembleRollup(rootUnit, period, plan.indicators as Indicator[], groups, names, texts);
  }

  /** The reminder sweep: candidates through the partial due index, claim each (obligation, offset) once, write the events. */
  sweep(now: Date): number {
    const DAY = 86_400_000;
    const schedules = new Map((this.stmt(`SELECT id, doc_json ->> '$.reminders' AS r FROM schedules WHERE r IS NOT NULL`).all() as { id: string; r: string }[])
      .map((s) => [s.id, JSON.parse(s.r) as Reminders]));
    const candidates = this.stmt(
      `SELECT o.id, o.unit_code, o.schedule_id, o.period, o.due_at, u.name FROM obligations o JOIN units u ON u.code = o.unit_code
       WHERE o.state IN ('pending', 'returned') AND o.due_at > ? AND o.due_at <= ?`,
    ).all(new Date(now.getTime() - 8 * DAY).toISOString(), new Date(now.getTime() + 7 * DAY).toISOString()) as
      { id: number; unit_code: string; schedule_id: string; period: string; due_at: string; name: string }[];
    const claim = this.stmt('INSERT INTO reminders_sent (obligation_id, kind, days, sent_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING');
    const event = this.stmt('INSERT INTO events (id, type, occurred_at, unit_code, anchors_json, data_json) VALUES (?, ?, ?, ?, ?, ?)');
    let sent = 0;
    this.db.transaction(() => {
      for (const o of candidates) {
        const r = dueReminder(new Date(o.due_at), now, schedules.get(o.schedule_id) ?? {});
        if (!r || claim.run(o.id, r.kind, r.days, now.toISOString()).changes === 0) continue;
        event.run(`evt_${r.kind}_${o.id}_${r.days}`, r.kind === 'before' ? 'obligation.due_soon' : 'obligation.overdue', now.toISOString(), o.unit_code,
          '[]', JSON.stringify({ unit: o.unit_code, unitName: o.name, period: o.period, dueAt: o.due_at, days: r.days }));
        sent++;
      }
    })();
    return sent;
  }
}
