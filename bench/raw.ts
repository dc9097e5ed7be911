// The practical limit: the same schema (worker/migrations) in plain SQLite inside Node (better-sqlite3, one process,
// no HTTP, no JSON bridge, no auth), driven by the most direct set-based SQL for each answer.
import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Indicator, PlanInput, ReportPut, RollupNode } from '../schemas';
import { checkReport } from '../schemas/report-check';
import { reminderEvent } from '../worker/src/domain/events';
import { outlierWarnings } from '../worker/src/domain/outliers';
import { DEFAULT_TZ } from '../worker/src/domain/periods';
import { schedulePeriods } from '../worker/src/domain/plans';
import { dueReminder, firstReminderAt, nextReminderAfter, type Reminders } from '../worker/src/domain/reminders';
import { assembleRollup, type GroupTotals, type ValueTotals } from '../worker/src/domain/rollups';
import { subtreeEnd } from '../worker/src/domain/units';
import type { Unit } from './nation';

/** The Worker's sweep limits (worker/src/flows/reminders.ts), so both sides do the same work per run. */
export const PER_RUN = 20_000;

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

  /**
   * One INSERT … SELECT per schedule: the units it applies to × its periods with their due instants and first
   * reminders (the Worker's own period and reminder rules), each obligation with the path it was made under.
   */
  activate(id: string, plan: PlanInput): Map<string, string> {
    const at = new Date().toISOString();
    const scheduleIds = new Map(plan.schedules.map((s) => [s.code, `${id}-${s.code}`]));
    const issuer = this.db.prepare('SELECT path FROM units WHERE code = ?').get(plan.issuer) as { path: string };
    const obligations = this.db.prepare(
      `INSERT INTO obligations (schedule_id, plan_id, unit_code, unit_path, period, due_at, next_reminder_at)
       SELECT :schedule, :plan, u.code, u.path, p.value ->> '$.period', p.value ->> '$.dueAt', p.value ->> '$.nextReminderAt'
       FROM units u, json_each(:periods) p WHERE u.level = :level AND u.path > :path AND u.path < :end AND u.valid_to IS NULL`,
    );
    this.db.transaction(() => {
      this.db.prepare(
        `INSERT INTO plans (id, number, title, issuer_code, issued_on, first_year, last_year, status, doc_json, created_at, updated_at, activated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?)`,
      ).run(id, plan.number, plan.title, plan.issuer, plan.issuedOn, Math.min(...plan.years), Math.max(...plan.years), JSON.stringify(plan), at, at, at);
      for (const s of plan.schedules) {
        const sid = scheduleIds.get(s.code)!;
        this.db.prepare('INSERT INTO schedules (id, plan_id, code, period_type, doc_json) VALUES (?, ?, ?, ?, ?)').run(sid, id, s.code, s.periodType, JSON.stringify(s));
        const periods = schedulePeriods(s, plan.years, DEFAULT_TZ, new Set())
          .map((x) => ({ ...x, nextReminderAt: firstReminderAt(new Date(x.dueAt), s.reminders) }));
        obligations.run({ schedule: sid, plan: id, periods: JSON.stringify(periods), level: (s.appliesTo as { level: string }).level, path: issuer.path, end: subtreeEnd(issuer.path) });
      }
    })();
    return scheduleIds;
  }

  /**
   * One submission: the unit's earlier values and its siblings' this period (the Worker's outlier yardsticks, the
   * same query), the values checked and judged by the Worker's own rules, then one transaction: version, head,
   * values, obligation state.
   */
  submit(unit: string, scheduleId: string, period: string, body: ReportPut, indicators: Indicator[], at: string) {
    const o = this.stmt('SELECT id FROM obligations WHERE unit_code = ? AND schedule_id = ? AND period = ?').get(unit, scheduleId, period) as { id: number };
    const head = this.stmt('SELECT current_version FROM reports WHERE obligation_id = ?').get(o.id) as { current_version: number } | undefined;
    const history = new Map<string, { own: number[]; peers: number[] }>();
    for (const r of this.stmt(
      `SELECT 'own' AS side, v.indicator, json_group_array(v.value) AS vals
       FROM obligations o JOIN report_values v ON v.obligation_id = o.id
       WHERE o.unit_code = :unit AND o.schedule_id = :schedule AND o.period < :period AND o.state IN ('submitted', 'accepted') AND v.value IS NOT NULL AND v.na = 0
       GROUP BY v.indicator
       UNION ALL
       SELECT 'peers', v.indicator, json_group_array(v.value)
       FROM units me JOIN units sib ON sib.parent_code = me.parent_code AND sib.code <> me.code
       JOIN obligations o ON o.unit_code = sib.code AND o.schedule_id = :schedule AND o.period = :period
       JOIN report_values v ON v.obligation_id = o.id
       WHERE me.code = :unit AND o.state IN ('submitted', 'accepted') AND v.value IS NOT NULL AND v.na = 0
       GROUP BY v.indicator`,
    ).all({ unit, schedule: scheduleId, period }) as { side: 'own' | 'peers'; indicator: string; vals: string }[]) {
      const h = history.get(r.indicator) ?? { own: [], peers: [] };
      h[r.side] = JSON.parse(r.vals) as number[];
      history.set(r.indicator, h);
    }
    const version = (head?.current_version ?? 0) + 1;
    const checked = checkReport({ indicators, tasks: [{ code: 'T1' }] }, body, true).values;
    const { rows, warnings } = outlierWarnings(checked, history, new Map(indicators.map((i) => [i.code, i.name])));
    const value = this.stmt('INSERT INTO report_values (obligation_id, indicator, value, numerator, denominator, text, met, na, outlier) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      this.stmt('INSERT INTO report_versions (obligation_id, version, submitted, created_at, actor, body_json, warnings_json) VALUES (?, ?, 1, ?, ?, ?, ?)')
        .run(o.id, version, at, 'bench', JSON.stringify({ values: body.values, tasks: body.tasks }), JSON.stringify(warnings));
      this.stmt(
        `INSERT INTO reports (obligation_id, current_version, status, updated_at) VALUES (?, ?, 'submitted', ?)
         ON CONFLICT (obligation_id) DO UPDATE SET current_version = excluded.current_version, status = 'submitted', updated_at = excluded.updated_at`,
      ).run(o.id, version, at);
      this.stmt('DELETE FROM report_values WHERE obligation_id = ?').run(o.id);
      for (const v of rows) value.run(o.id, v.indicator, v.value, v.numerator, v.denominator, v.text, v.met, v.na, v.outlier);
      this.stmt(
        `UPDATE obligations SET state = 'submitted', submitted_at = :at, first_submitted_at = coalesce(first_submitted_at, :at), return_reason = NULL, next_reminder_at = NULL
         WHERE id = :id`,
      ).run({ id: o.id, at });
    })();
  }

  /** A return: reminders resume from the next offset still to come, in a new round. */
  returnReport(unit: string, scheduleId: string, period: string, now: Date) {
    const o = this.stmt(
      `SELECT o.id, o.due_at, s.doc_json ->> '$.reminders' AS r FROM obligations o JOIN schedules s ON s.id = o.schedule_id
       WHERE o.unit_code = ? AND o.schedule_id = ? AND o.period = ?`,
    ).get(unit, scheduleId, period) as { id: number; due_at: string; r: string | null };
    const next = nextReminderAfter(new Date(o.due_at), now, o.r ? (JSON.parse(o.r) as Reminders) : {});
    this.stmt(`UPDATE obligations SET state = 'returned', return_reason = 'bench', next_reminder_at = ?, reminder_round = reminder_round + 1 WHERE id = ?`).run(next, o.id);
  }

  /**
   * The roll-up: per child of the root, completeness and per-indicator totals, from the leaf reports, in three
   * grouped queries over the obligations' own paths (obligations_path); assembled by the same pure function as Cascade's.
   */
  rollup(planId: string, period: string, unitCode: string): RollupNode {
    const plan = JSON.parse((this.stmt('SELECT doc_json FROM plans WHERE id = ?').get(planId) as { doc_json: string }).doc_json) as PlanInput;
    const rootUnit = this.stmt('SELECT code, name, path FROM units WHERE code = ?').get(unitCode) as { code: string; name: string; path: string };
    const args = { path: rootUnit.path, end: subtreeEnd(rootUnit.path), plan: planId, period };
    const owed = `WITH owed AS MATERIALIZED (
      SELECT id, unit_code, state, first_submitted_at, due_at,
             CASE WHEN unit_path = :path THEN '' ELSE substr(unit_path, length(:path) + 1, instr(substr(unit_path, length(:path) + 1), '/') - 1) END AS child
      FROM obligations WHERE plan_id = :plan AND period = :period AND unit_path >= :path AND unit_path < :end AND cancelled_at IS NULL)`;
    const counts = this.stmt(
      `${owed} SELECT child, count(*) AS expected, sum(state IN ('submitted', 'accepted')) AS submitted,
         sum(state IN ('submitted', 'accepted') AND first_submitted_at < due_at) AS onTime, sum(state = 'returned') AS returned,
         json_group_array(CASE WHEN state IN ('pending', 'returned') THEN unit_code END) AS missing
       FROM owed GROUP BY child`,
    ).all(args) as { child: string; expected: number; submitted: number; onTime: number; returned: number; missing: string }[];
    const values = this.stmt(
      `${owed} SELECT child, v.indicator, count(v.value) AS n, sum(v.value) AS total, min(v.value) AS min, max(v.value) AS max,
         sum(v.numerator) AS num, sum(v.denominator) AS den, sum(v.met) AS meeting, sum(v.na) AS na, sum(v.outlier) AS outliers
       FROM owed JOIN report_values v ON v.obligation_id = owed.id
       WHERE owed.state IN ('submitted', 'accepted') GROUP BY child, v.indicator`,
    ).all(args) as (ValueTotals & { child: string; indicator: string })[];
    const texts = this.stmt(
      `${owed} SELECT owed.unit_code AS unit, v.indicator, v.text
       FROM owed JOIN report_values v ON v.obligation_id = owed.id
       WHERE owed.state IN ('submitted', 'accepted') AND v.text IS NOT NULL
       ORDER BY owed.unit_code LIMIT 500`,
    ).all(args) as { unit: string; indicator: string; text: string }[];
    const groups = new Map<string, GroupTotals>();
    for (const c of counts) {
      groups.set(c.child, { ...c, missing: (JSON.parse(c.missing) as (string | null)[]).filter((m): m is string => m !== null).sort(), values: new Map() });
    }
    for (const { child, indicator, ...v } of values) groups.get(child)!.values.set(indicator, v);
    const names = new Map((this.stmt(`SELECT code, name FROM units WHERE parent_code = ?`).all(unitCode) as { code: string; name: string }[]).map((u) => [u.code, u.name]));
    return assembleRollup(rootUnit, period, { indicators: plan.indicators as Indicator[] }, groups, names, texts);
  }

  /**
   * The reminder sweep as the Worker now does it: the obligations whose next_reminder_at has come (partial index),
   * at most `limit` a run (-1: all); for each the one reminder due, claimed once per (obligation, offset, round), its event,
   * and the next instant to look. Returns how many were sent and how many obligations were looked at.
   */
  sweep(now: Date, limit = PER_RUN): { sent: number; looked: number } {
    const at = now.toISOString();
    const candidates = this.stmt(
      `SELECT o.id, o.unit_code, u.name AS unit_name, u.path AS unit_path, pu.name AS parent_name, o.schedule_id, s.code AS schedule_code,
              o.plan_id, o.period, o.due_at, o.reminder_round AS round, s.doc_json ->> '$.reminders' AS reminders, s.doc_json -> '$.reportTo' AS report_to,
              s.doc_json ->> '$.name' AS schedule_name, s.period_type, p.number AS plan_number, p.title AS plan_title
       FROM obligations o JOIN units u ON u.code = o.unit_code LEFT JOIN units pu ON pu.code = u.parent_code
       JOIN schedules s ON s.id = o.schedule_id JOIN plans p ON p.id = o.plan_id
       WHERE o.next_reminder_at <= ? AND o.state IN ('pending', 'returned') AND o.cancelled_at IS NULL
       ORDER BY o.next_reminder_at LIMIT ?`,
    ).all(at, limit) as ({ round: number; reminders: string | null; report_to: string; schedule_name: string | null; period_type: string; plan_number: string; plan_title: string } &
      Parameters<typeof reminderEvent>[0])[];
    const claim = this.stmt('INSERT INTO reminders_sent (obligation_id, kind, days, round, sent_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING');
    const event = this.stmt('INSERT INTO events (id, type, occurred_at, unit_code, anchors_json, data_json) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING');
    const move = this.stmt('UPDATE obligations SET next_reminder_at = ? WHERE id = ?');
    const pathOf = this.stmt('SELECT path FROM units WHERE code = ?');
    const paths = new Map<string, string[]>();
    // An overdue reminder also concerns the units the report goes to.
    const escalateTo = (reportTo: string) => {
      let p = paths.get(reportTo);
      if (!p) {
        p = [JSON.parse(reportTo) as string | string[]].flat().flatMap((c) => (pathOf.get(c) as { path: string } | undefined)?.path ?? []);
        paths.set(reportTo, p);
      }
      return p;
    };
    let sent = 0;
    this.db.transaction(() => {
      for (const o of candidates) {
        const reminders = (o.reminders ? JSON.parse(o.reminders) : {}) as Reminders;
        const due = new Date(o.due_at);
        const r = dueReminder(due, now, reminders);
        move.run(nextReminderAfter(due, now, reminders), o.id);
        if (!r || claim.run(o.id, r.kind, r.days, o.round, at).changes === 0) continue;
        const e = reminderEvent(o, { name: o.schedule_name, periodType: o.period_type }, { number: o.plan_number, title: o.plan_title }, DEFAULT_TZ,
          { ...r, round: o.round, at, escalateTo: r.kind === 'after' ? escalateTo(o.report_to) : [] });
        event.run(e.id, e.type, e.occurredAt, e.unit, JSON.stringify(e.anchors), JSON.stringify(e.data));
        sent++;
      }
    })();
    return { sent, looked: candidates.length };
  }

  /** What a sweep at `now` would look at: the obligations whose next reminder has come. */
  due(now: Date): number {
    return (this.stmt(`SELECT count(*) AS n FROM obligations WHERE next_reminder_at <= ? AND state IN ('pending', 'returned') AND cancelled_at IS NULL`)
      .get(now.toISOString()) as { n: number }).n;
  }
}
