/**
 * The plan editor: a draft (read from a plan's text by POST /v1/plans/extract, derived from the plan above, an
 * existing draft, or empty) as an editable form. What the text left open comes first and is highlighted; every value
 * the text gave links to the words it came from; targets and due rules read back in words as they are typed; saving
 * sends the plan to the API, whose own checks come back onto the fields they name.
 */
import { dueRuleLabel, formatDate, PERIOD_TYPE_LABEL, targetLabel } from '../../../../schemas/labels';
import { DUE_RULE_LABEL, KIND_LABEL, levelLabel, OP_LABEL, subPeriods, unitOrder } from '../words';
import { api, Problem, type FieldError } from './api.mts';
import { $, $$, h, parseDayMonthYear, uid, type Kid } from './dom.mts';
import * as notice from './notice.mts';

type Sel = { level?: string; units?: string[] } | undefined;
type Target = { op: string; value: number } | undefined;
type DueRule = { rule: string; month?: number; day?: number; days?: number; date?: string; yearOffset?: number; before?: boolean };
type TaskD = { code?: string; title?: string; description?: string; assignees?: Sel };
type IndD = { code?: string; name?: string; kind?: string; unit?: string; target?: Target; required?: boolean };
type SchD = {
  id?: string; code?: string; name?: string; periodType?: string; only?: string[]; due?: DueRule; appliesTo?: Sel; reportTo?: string | string[]; via?: string | null;
  [k: string]: unknown;
};
type CritD = { code?: string; name?: string; maxPoints?: number };
export type Draft = {
  number?: string; title?: string; issuer?: string; issuedOn?: string; years?: number[]; basis?: string | null; basisText?: string[];
  tasks?: TaskD[]; indicators?: IndD[]; schedules?: SchD[]; criteria?: CritD[]; validationRules?: unknown[]; [k: string]: unknown;
};
type Finding = { path: string; text: string };
type Unresolved = { path: string; text: string; message: string };
type TreeNode = { code: string; name: string; level: string; children: TreeNode[] };

/** What the editor is working on. */
type Session = {
  draft: Draft;
  /** set once saved (or when editing a stored draft): PATCH with If-Match */
  id: string | null;
  version: number | null;
  basisNumber: string | null;
  issuerName: string;
  units: { code: string; name: string; level: string; depth: number }[];
  levels: string[];
  /** quotes and gaps tied to the item they belong to, so they follow it when items are added or removed */
  notes: WeakMap<object, { rest: string; text: string; message?: string }[]>;
  unresolved: Unresolved[];
  errors: FieldError[];
};

let s: Session | null = null;

const LISTS = ['tasks', 'indicators', 'schedules', 'criteria'] as const;

/** "schedules[1].due" → the schedule object and ".due"; "title" → the draft and "title". */
function anchor(draft: Draft, path: string): { obj: object; rest: string } {
  const m = /^(tasks|indicators|schedules|criteria)\[(\d+)\](.*)$/.exec(path);
  const item = m ? (draft[m[1] as (typeof LISTS)[number]] as object[] | undefined)?.[Number(m[2])] : undefined;
  return item ? { obj: item, rest: m![3]! } : { obj: draft, rest: path };
}

/** Is `a` the path `b` or a path above it? */
const covers = (a: string, b: string) => b === a || b.startsWith(`${a}.`) || b.startsWith(`${a}[`);

function flattenTree(node: TreeNode, depth = 0): { code: string; name: string; level: string; depth: number }[] {
  const kids = [...node.children].sort(unitOrder);
  return [{ code: node.code, name: node.name, level: node.level, depth }, ...kids.flatMap((c) => flattenTree(c, depth + 1))];
}

/** Opens the editor on a draft. */
export async function openEditor(host: HTMLElement, opts: { draft: Draft; findings?: Finding[]; unresolved?: Unresolved[]; id?: string | null; version?: number | null; basisNumber?: string | null }) {
  const issuer = opts.draft.issuer ?? $('header.top')?.dataset.unit ?? '';
  const tree = await api<TreeNode>('GET', `/v1/units/${encodeURIComponent(issuer)}/tree?depth=2`);
  const units = flattenTree(tree);
  const draft: Draft = { tasks: [], indicators: [], schedules: [], criteria: [], ...structuredClone(opts.draft), issuer };
  const notes = new WeakMap<object, { rest: string; text: string; message?: string }[]>();
  const note = (path: string, text: string, message?: string) => {
    const { obj, rest } = anchor(draft, path);
    notes.set(obj, [...(notes.get(obj) ?? []), { rest, text, message }]);
  };
  for (const f of opts.findings ?? []) note(f.path, f.text);
  for (const u of opts.unresolved ?? []) note(u.path, u.text, u.message);
  s = {
    draft, id: opts.id ?? null, version: opts.version ?? null, basisNumber: opts.basisNumber ?? null, issuerName: tree.name,
    units: units.slice(1), levels: [...new Set(units.slice(1).map((u) => u.level))], notes, unresolved: opts.unresolved ?? [], errors: [],
  };
  render(host);
  host.scrollIntoView({ block: 'start' });
}

// ---------------------------------------------------------------------------------------------------------------
// Reading and writing the draft by path

function get(obj: unknown, path: string): unknown {
  return path.split(/\.|\[|\]/).filter(Boolean).reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj);
}
function set(obj: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split(/\.|\[|\]/).filter(Boolean);
  let o: Record<string, unknown> = obj;
  keys.slice(0, -1).forEach((k, i) => {
    if (o[k] === undefined || o[k] === null) o[k] = /^\d+$/.test(keys[i + 1]!) ? [] : {};
    o = o[k] as Record<string, unknown>;
  });
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete o[last];
  else o[last] = value;
}

// ---------------------------------------------------------------------------------------------------------------
// Fields

type FieldOpts = { type?: 'text' | 'int' | 'number' | 'date' | 'years' | 'days' | 'lines'; area?: boolean; hint?: string; size?: 'small' };

/** A labelled input bound to a draft path; its value written back on every keystroke. */
function field(label: string, path: string, o: FieldOpts = {}): HTMLElement {
  const id = uid('f');
  const v = get(s!.draft, path);
  const shown = (o.type === 'years' || o.type === 'days') && Array.isArray(v) ? v.join(', ') : o.type === 'lines' && Array.isArray(v) ? v.join('\n')
    : o.type === 'date' && typeof v === 'string' ? formatDate(v) : v === undefined || v === null ? '' : String(v);
  const input = o.area || o.type === 'lines'
    ? h('textarea', { id, rows: o.type === 'lines' ? 3 : 2, 'data-bind': path, 'data-type': o.type ?? 'text', 'data-path': path })
    : h('input', {
      id, type: o.type === 'int' || o.type === 'number' ? 'number' : 'text', 'data-bind': path, 'data-type': o.type ?? 'text', 'data-path': path,
      ...(o.type === 'int' ? { step: 1, min: 0, inputmode: 'numeric' } : o.type === 'number' ? { step: 'any', inputmode: 'decimal' }
        : o.type === 'date' ? { inputmode: 'numeric', placeholder: 'ngày/tháng/năm', maxlength: 10 } : o.type === 'days' ? { inputmode: 'numeric' } : {}),
    });
  input.value = shown;
  return h('div', { class: 'fld', 'data-path': path }, h('label', { for: id }, label), input, o.hint ? h('p', { class: 'hint' }, o.hint) : null);
}

function parseBound(type: string, raw: string): unknown {
  const t = raw.trim();
  if (type === 'int' || type === 'number') return t === '' ? undefined : Number(t);
  if (type === 'years') return t.split(/[^\d]+/).filter(Boolean).map(Number);
  // Days before or after the deadline ("7, 1"), each once, in the order typed.
  if (type === 'days') return t === '' ? undefined : [...new Set(t.split(/[^\d]+/).filter(Boolean).map(Number))];
  if (type === 'lines') return t.split('\n').map((x) => x.trim()).filter(Boolean);
  if (type === 'date') return t === '' ? undefined : (parseDayMonthYear(t) ?? raw);
  return t === '' ? undefined : raw;
}

function select(label: string, path: string, options: [string, string][], o: { rerender?: boolean; empty?: string } = {}): HTMLElement {
  const id = uid('f');
  const v = get(s!.draft, path);
  const sel = h('select', { id, 'data-bind': path, 'data-type': 'choice', 'data-path': path, 'data-rerender': o.rerender ? '1' : null },
    o.empty !== undefined ? h('option', { value: '' }, o.empty) : null,
    options.map(([value, text]) => h('option', { value, selected: String(v ?? '') === value }, text)));
  return h('div', { class: 'fld', 'data-path': path }, h('label', { for: id }, label), sel);
}

function checkbox(label: string, path: string, checkedWhenAbsent: boolean, write: (checked: boolean) => unknown): HTMLElement {
  const v = get(s!.draft, path);
  const box = h('input', { type: 'checkbox', checked: v === undefined ? checkedWhenAbsent : Boolean(v), 'data-path': path });
  box.addEventListener('change', () => { set(s!.draft as Record<string, unknown>, path, write(box.checked)); });
  return h('label', { class: 'switch' }, box, label);
}

// ---------------------------------------------------------------------------------------------------------------
// Who: a level inside the issuer's subtree, or a list of units

function selector(label: string, path: string): HTMLElement {
  const sel = get(s!.draft, path) as Sel;
  const mode = sel?.level !== undefined ? 'level' : sel?.units ? 'units' : '';
  const name = uid('mode');
  const radio = (value: string, text: string) => {
    const r = h('input', { type: 'radio', name, value, checked: mode === value });
    r.addEventListener('change', () => {
      set(s!.draft as Record<string, unknown>, path, value === 'level' ? { level: s!.levels.find((l) => l !== 'department') ?? s!.levels[0] ?? 'commune' } : { units: [] });
      rerender();
    });
    return h('label', { class: 'switch' }, r, text);
  };
  const chosen = new Set(sel?.units ?? []);
  const known = new Set(s!.units.map((u) => u.code));
  const box = (code: string, text: string) => {
    const c = h('input', { type: 'checkbox', value: code, checked: chosen.has(code) });
    c.addEventListener('change', () => {
      const cur = new Set(((get(s!.draft, path) as Sel)?.units) ?? []);
      if (c.checked) cur.add(code);
      else cur.delete(code);
      set(s!.draft as Record<string, unknown>, path, { units: s!.units.map((u) => u.code).filter((x) => cur.has(x)).concat([...cur].filter((x) => !known.has(x))) });
      summary.textContent = words();
    });
    return h('label', {}, c, text);
  };
  const words = () => {
    const cur = get(s!.draft, path) as Sel;
    if (cur?.level !== undefined) return `Mọi đơn vị cấp “${levelLabel(cur.level)}” thuộc ${s!.issuerName}`;
    if (cur?.units) return cur.units.length ? `${cur.units.length} đơn vị` : 'Chưa chọn đơn vị nào';
    return 'Chưa chọn';
  };
  const summary = h('span', { class: 'words' }, words());
  return h('fieldset', { 'data-path': path },
    h('legend', {}, label),
    h('div', { class: 'row' }, radio('level', 'Mọi đơn vị một cấp'), radio('units', 'Chọn từng đơn vị')),
    mode === 'level' ? select('Cấp', `${path}.level`, s!.levels.map((l) => [l, levelLabel(l)])) : null,
    mode === 'units' ? h('div', { class: 'checks' },
      s!.units.map((u) => box(u.code, `${u.depth > 1 ? '— ' : ''}${u.name}`)),
      [...chosen].filter((c) => !known.has(c)).map((c) => box(c, 'Đơn vị không có trong danh sách'))) : null,
    h('p', {}, summary));
}

/** Gửi đến: the recipients, from the issuer and the units under it. */
function recipients(path: string): HTMLElement {
  const v = get(s!.draft, path);
  const chosen = new Set(v === undefined ? [] : [v].flat() as string[]);
  const options = [{ code: s!.draft.issuer!, name: s!.issuerName, depth: 0 }, ...s!.units];
  return h('fieldset', { 'data-path': path },
    h('legend', {}, 'Gửi báo cáo đến'),
    h('div', { class: 'checks' }, options.map((u) => {
      const c = h('input', { type: 'checkbox', value: u.code, checked: chosen.has(u.code) });
      c.addEventListener('change', () => {
        if (c.checked) chosen.add(u.code);
        else chosen.delete(u.code);
        const list = options.map((o) => o.code).filter((x) => chosen.has(x));
        set(s!.draft as Record<string, unknown>, path, list.length === 0 ? undefined : list.length === 1 ? list[0] : list);
      });
      return h('label', {}, c, u.name);
    })));
}

// ---------------------------------------------------------------------------------------------------------------
// Items

function itemBox(kind: (typeof LISTS)[number], i: number, title: string, ...kids: Kid[]): HTMLElement {
  return h('div', { class: 'item', 'data-path': `${kind}[${i}]` },
    h('div', { class: 'row' }, h('strong', {}, title),
      h('button', { type: 'button', class: 'danger', 'data-edit': 'remove', 'data-list': kind, 'data-index': i }, 'Xóa')),
    kids);
}

function targetWords(ind: IndD): string {
  return ind.target && ind.target.op && typeof ind.target.value === 'number' && Number.isFinite(ind.target.value) ? `Chỉ tiêu: ${targetLabel(ind.target, ind.kind ?? 'count', ind.unit)}` : 'Không giao chỉ tiêu';
}

function dueWords(d: DueRule | undefined): string {
  if (!d?.rule) return 'Chưa có hạn nộp';
  const complete = d.rule === 'fixedDate' ? d.month && d.day : d.rule === 'dayOfLastMonth' ? d.day : d.rule === 'afterPeriodEnd' ? d.days !== undefined : d.date;
  return complete ? `Hạn nộp: ${dueRuleLabel(d)}` : 'Hạn nộp chưa đủ thông tin';
}

function dueFields(p: string, d: DueRule | undefined): HTMLElement {
  const rule = d?.rule ?? '';
  const beforeChoice = select('Cách tính', `${p}.before`, [['true', 'trước ngày (ngày đó đã là trễ)'], ['false', 'chậm nhất ngày (nộp trong ngày đó vẫn đúng hạn)']]);
  (beforeChoice.querySelector('select') as HTMLSelectElement).value = d?.before === false ? 'false' : 'true';
  (beforeChoice.querySelector('select') as HTMLSelectElement).dataset.type = 'bool';
  return h('fieldset', { 'data-path': p },
    h('legend', {}, 'Hạn nộp'),
    select('Loại hạn', `${p}.rule`, Object.entries(DUE_RULE_LABEL), { rerender: true, empty: '— Chọn —' }),
    h('div', { class: 'grid three' },
      rule === 'fixedDate' ? [field('Ngày', `${p}.day`, { type: 'int' }), field('Tháng', `${p}.month`, { type: 'int' }),
        select('Năm', `${p}.yearOffset`, [['0', 'cùng năm của kỳ'], ['1', 'năm sau kỳ']])] : null,
      rule === 'dayOfLastMonth' ? field('Ngày', `${p}.day`, { type: 'int' }) : null,
      rule === 'afterPeriodEnd' ? field('Số ngày sau khi hết kỳ', `${p}.days`, { type: 'int' }) : null,
      rule === 'date' ? field('Ngày', `${p}.date`, { type: 'date', hint: 'Ví dụ: 01/02/2021' }) : null,
      rule ? beforeChoice : null),
    h('p', { class: 'words', 'data-words': 'due' }, dueWords(d)));
}

function scheduleItem(sch: SchD, i: number): HTMLElement {
  const p = `schedules[${i}]`;
  const subs = subPeriods(sch.periodType ?? '');
  const only = new Set(sch.only ?? []);
  return itemBox('schedules', i, sch.name || `Chế độ báo cáo ${i + 1}`,
    h('div', { class: 'grid two' },
      field('Tên báo cáo', `${p}.name`, { hint: 'Ví dụ: Báo cáo 6 tháng' }),
      field('Mã', `${p}.code`, { hint: 'Chữ in hoa không dấu, ví dụ 6T' }),
      select('Kỳ báo cáo', `${p}.periodType`, Object.keys(PERIOD_TYPE_LABEL).map((t) => [t, t === 'once' ? 'Một lần' : `Hằng ${PERIOD_TYPE_LABEL[t]}`]), { rerender: true, empty: '— Chọn —' })),
    subs.length ? h('fieldset', { 'data-path': `${p}.only` }, h('legend', {}, 'Chỉ những kỳ (để trống: mọi kỳ)'),
      h('div', { class: 'checks' }, subs.map((x) => {
        const c = h('input', { type: 'checkbox', checked: only.has(x.key) });
        c.addEventListener('change', () => {
          const cur = new Set(sch.only ?? []);
          if (c.checked) cur.add(x.key);
          else cur.delete(x.key);
          const list = subs.map((y) => y.key).filter((k) => cur.has(k));
          if (list.length) sch.only = list;
          else delete sch.only;
        });
        return h('label', {}, c, x.label);
      }))) : null,
    dueFields(`${p}.due`, sch.due),
    selector('Đơn vị phải báo cáo', `${p}.appliesTo`),
    recipients(`${p}.reportTo`),
    select('Qua (đơn vị tổng hợp)', `${p}.via`, s!.units.map((u) => [u.code, u.name]), { empty: '— Không qua đơn vị nào —' }),
    reminderFields(`${p}.reminders`));
}

/** When the sweep reminds the units (DESIGN §5): days before the deadline, and days after it while the report is missing. */
function reminderFields(p: string): HTMLElement {
  return h('fieldset', { 'data-path': p }, h('legend', {}, 'Nhắc việc'),
    h('div', { class: 'grid two' },
      field('Nhắc trước hạn (số ngày)', `${p}.before`, { type: 'days', hint: 'Ví dụ: 7, 1 — nhắc trước hạn 7 ngày và 1 ngày' }),
      field('Nhắc khi quá hạn (số ngày sau hạn)', `${p}.after`, { type: 'days', hint: 'Ví dụ: 1, 7 — đơn vị chưa nộp được nhắc, cấp trên được báo' })),
    h('p', { class: 'hint' }, 'Để trống cả hai: không gửi nhắc việc cho chế độ báo cáo này.'));
}

function indicatorItem(ind: IndD, i: number): HTMLElement {
  const p = `indicators[${i}]`;
  const req = checkbox('Bắt buộc khi nộp', `${p}.required`, true, (checked) => (checked ? undefined : false));
  return itemBox('indicators', i, ind.name || `Chỉ tiêu ${i + 1}`,
    h('div', { class: 'grid two' },
      field('Tên chỉ tiêu', `${p}.name`, { area: true }),
      field('Mã', `${p}.code`, { hint: 'Chữ in hoa không dấu, ví dụ TTHC_DUNG_HAN' }),
      select('Loại số liệu', `${p}.kind`, Object.entries(KIND_LABEL), { empty: '— Chọn —' }),
      field('Đơn vị tính', `${p}.unit`, { hint: 'Ví dụ: hồ sơ, lớp, buổi' })),
    h('fieldset', { 'data-path': `${p}.target` },
      h('legend', {}, 'Chỉ tiêu giao'),
      h('div', { class: 'grid two' },
        select('So sánh', `${p}.target.op`, Object.entries(OP_LABEL), { empty: '— Không giao chỉ tiêu —' }),
        field('Mức', `${p}.target.value`, { type: 'number' })),
      h('p', { class: 'words', 'data-words': 'target' }, targetWords(ind))),
    req);
}

function taskItem(_task: TaskD, i: number): HTMLElement {
  const p = `tasks[${i}]`;
  return itemBox('tasks', i, `Nhiệm vụ ${i + 1}`,
    h('div', { class: 'grid two' }, field('Tên nhiệm vụ', `${p}.title`, { area: true }), field('Mã', `${p}.code`, { hint: 'Ví dụ: T1' })),
    field('Mô tả', `${p}.description`, { area: true }),
    selector('Giao cho', `${p}.assignees`));
}

function criterionItem(_c: CritD, i: number): HTMLElement {
  const p = `criteria[${i}]`;
  return itemBox('criteria', i, `Tiêu chí ${i + 1}`,
    h('div', { class: 'grid three' }, field('Tên tiêu chí', `${p}.name`, { area: true }), field('Mã', `${p}.code`), field('Điểm tối đa', `${p}.maxPoints`, { type: 'number' })));
}

const LIST_TITLES: Record<(typeof LISTS)[number], [string, string]> = {
  tasks: ['Nhiệm vụ', 'Thêm nhiệm vụ'], indicators: ['Chỉ tiêu', 'Thêm chỉ tiêu'], schedules: ['Chế độ báo cáo và thời hạn', 'Thêm chế độ báo cáo'], criteria: ['Tiêu chí chấm điểm', 'Thêm tiêu chí'],
};

function section(kind: (typeof LISTS)[number]): HTMLElement {
  const items = (s!.draft[kind] ?? []) as object[];
  const [title, add] = LIST_TITLES[kind];
  const render = { tasks: taskItem, indicators: indicatorItem, schedules: scheduleItem, criteria: criterionItem }[kind] as (x: object, i: number) => HTMLElement;
  return h('fieldset', { 'data-path': kind, class: 'list' },
    h('legend', {}, `${title} (${items.length})`),
    items.map((x, i) => render(x, i)),
    h('button', { type: 'button', 'data-edit': 'add', 'data-list': kind }, add));
}

// ---------------------------------------------------------------------------------------------------------------
// Quotes, gaps and errors on the fields they name

function attach(root: HTMLElement) {
  const d = s!.draft;
  const targets = $$<HTMLElement>('[data-path]', root);
  const best = (path: string) => targets.filter((e) => covers(e.dataset.path!, path)).sort((a, b) => b.dataset.path!.length - a.dataset.path!.length)[0] ?? null;
  const quotes = new Map<HTMLElement, string[]>();
  const visit = (obj: object, base: string) => {
    for (const n of s!.notes.get(obj) ?? []) {
      const path = `${base}${n.rest}`;
      const target = best(path) ?? root;
      if (n.message !== undefined) {
        target.classList.add('unresolved');
        for (const input of $$('input, select, textarea', target).filter((e) => covers(target.dataset.path ?? '', e.dataset.path ?? path))) input.classList.add('unresolved');
      }
      if (n.text && !(quotes.get(target) ?? []).includes(n.text)) quotes.set(target, [...(quotes.get(target) ?? []), n.text]);
    }
  };
  visit(d, '');
  for (const kind of LISTS) ((d[kind] ?? []) as object[]).forEach((x, i) => visit(x, `${kind}[${i}]`));
  for (const [target, texts] of quotes) addQuote(target, texts);
  for (const e of s!.errors) {
    const target = best(e.path);
    if (!target) continue;
    target.classList.add('has-error');
    const input = $$<HTMLElement>('[data-bind]', target).find((x) => covers(x.dataset.bind!, e.path) || covers(e.path, x.dataset.bind!)) ?? $('[data-bind]', target);
    input?.classList.add('invalid');
    const msg = h('p', { class: 'field-error', role: 'alert' }, e.message);
    const legendOrLabel = target.querySelector(':scope > legend, :scope > label');
    if (legendOrLabel) legendOrLabel.after(msg);
    else target.prepend(msg);
  }
}

/** "❝ Nguồn": hover shows the words of the plan it came from (title), a tap shows them below. */
function addQuote(target: HTMLElement, texts: string[]) {
  const label = target.querySelector(':scope > legend, :scope > label, :scope > .row > strong') ?? target;
  const box = h('div', { class: 'quote-text', hidden: true }, texts.map((t) => h('p', {}, t)));
  const button = h('button', { type: 'button', class: 'quote', title: texts.join('\n'), 'aria-expanded': 'false', 'data-quote': texts[0] }, texts.length > 1 ? `❝ Nguồn (${texts.length})` : '❝ Nguồn');
  button.addEventListener('click', () => {
    box.hidden = !box.hidden;
    button.setAttribute('aria-expanded', String(!box.hidden));
  });
  label.append(button);
  label.after(box);
}

// ---------------------------------------------------------------------------------------------------------------

function gapList(): HTMLElement | null {
  if (!s!.unresolved.length) return null;
  return h('div', { class: 'card unresolved', id: 'unresolved' },
    h('h3', {}, `Cần bổ sung trước khi lưu (${s!.unresolved.length})`),
    h('p', { class: 'hint' }, 'Văn bản chưa nói rõ những điều dưới đây; các ô tương ứng được tô vàng.'),
    h('ol', {}, s!.unresolved.map((u) => h('li', { 'data-gap': u.path },
      u.message, u.text ? h('div', { class: 'quote-text' }, u.text) : null,
      u.path ? h('button', { type: 'button', 'data-goto': u.path }, 'Đến ô cần bổ sung') : null))));
}

const FIELD_NAME: Record<string, string> = {
  number: 'Số kế hoạch', issuedOn: 'Ngày ban hành', years: 'Năm thực hiện', title: 'Tên', name: 'Tên', code: 'Mã', description: 'Mô tả',
  basisText: 'Căn cứ', basis: 'Căn cứ', assignees: 'Giao cho', kind: 'Loại số liệu', unit: 'Đơn vị tính', target: 'Chỉ tiêu giao',
  periodType: 'Kỳ báo cáo', only: 'Chỉ những kỳ', due: 'Hạn nộp', appliesTo: 'Đơn vị phải báo cáo', reportTo: 'Gửi báo cáo đến', via: 'Qua',
  maxPoints: 'Điểm tối đa', criteria: 'Tiêu chí', validationRules: 'Quy tắc kiểm tra',
};
const ITEM_NAME: Record<string, string> = { tasks: 'Nhiệm vụ', indicators: 'Chỉ tiêu', schedules: 'Chế độ báo cáo', criteria: 'Tiêu chí', validationRules: 'Quy tắc kiểm tra' };

/** "tasks[5].assignees" → "Nhiệm vụ 6 · Giao cho": where an error is, as the form names it. */
function placeOf(path: string): string {
  const m = /^(\w+)(?:\[(\d+)\])?(?:\.(\w+))?/.exec(path);
  if (!m) return '';
  const [, top, index, field] = m;
  if (index !== undefined) return [`${ITEM_NAME[top!] ?? FIELD_NAME[top!] ?? ''} ${Number(index) + 1}`, field ? FIELD_NAME[field] : null].filter(Boolean).join(' · ');
  return FIELD_NAME[top!] ?? '';
}

function errorList(): HTMLElement | null {
  if (!s!.errors.length) return null;
  return h('div', { class: 'card', id: 'editor-errors', role: 'alert' },
    h('h3', { class: 'miss' }, `Kế hoạch còn ${s!.errors.length} lỗi`),
    h('ul', {}, s!.errors.map((e) => h('li', {}, placeOf(e.path) ? h('strong', {}, `${placeOf(e.path)}: `) : null, e.message, ' ', h('button', { type: 'button', 'data-goto': e.path }, 'Đến ô này')))));
}

function render(host: HTMLElement) {
  const d = s!.draft;
  const heading = s!.id ? `Sửa bản nháp kế hoạch ${d.number ?? ''}` : 'Kế hoạch mới (bản nháp)';
  const form = h('form', { class: 'card editor', id: 'plan-editor', novalidate: true },
    h('h2', {}, heading),
    s!.basisNumber ? h('p', {}, `Căn cứ kế hoạch ${s!.basisNumber} của cấp trên: nhiệm vụ và chỉ tiêu đã được chép sang; sửa chỉ tiêu của đơn vị rồi lưu.`) : null,
    gapList(),
    errorList(),
    h('fieldset', { 'data-path': '' },
      h('legend', {}, `Thông tin chung — đơn vị ban hành: ${s!.issuerName}`),
      h('div', { class: 'grid two' },
        field('Số kế hoạch', 'number', { hint: 'Ví dụ: 123/KH-UBND' }),
        field('Ngày ban hành', 'issuedOn', { type: 'date', hint: 'Ví dụ: 14/06/2026' }),
        field('Năm thực hiện', 'years', { type: 'years', hint: 'Ví dụ: 2020, 2021' })),
      field('Tên kế hoạch', 'title', { area: true }),
      field('Căn cứ (mỗi dòng một văn bản)', 'basisText', { type: 'lines' })),
    LISTS.map(section),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'primary', 'data-edit': 'save' }, 'Lưu bản nháp'),
      s!.id ? h('button', { type: 'button', 'data-action': 'preview', 'data-plan': s!.id }, 'Ban hành…') : null,
      h('button', { type: 'button', 'data-edit': 'close' }, 'Đóng')));
  form.addEventListener('input', onInput);
  form.addEventListener('change', onChange);
  form.addEventListener('click', onClick);
  host.replaceChildren(form);
  attach(form);
}

function rerender() {
  const host = $('#editor-host');
  if (!host || !s) return;
  const y = window.scrollY;
  render(host);
  window.scrollTo(0, y);
}

function onInput(e: Event) {
  const t = e.target as HTMLInputElement;
  const path = t.dataset.bind;
  if (!path || !s) return;
  write(t, path);
  // The words follow what is typed.
  const item = t.closest<HTMLElement>('.item');
  if (!item) return;
  const base = item.dataset.path!;
  const obj = get(s.draft, base) as IndD & SchD;
  const tw = $('[data-words=target]', item);
  if (tw) tw.textContent = targetWords(obj);
  const dw = $('[data-words=due]', item);
  if (dw) dw.textContent = dueWords(obj.due);
  const strong = $(':scope > .row > strong', item);
  if (strong && (obj.name !== undefined) && /\.name$/.test(path)) strong.textContent = obj.name || strong.textContent;
}

function write(t: HTMLInputElement | HTMLSelectElement, path: string) {
  const type = t.dataset.type ?? 'text';
  let value: unknown;
  if (type === 'choice') value = t.value === '' ? undefined : /yearOffset$/.test(path) ? Number(t.value) || undefined : t.value;
  else if (type === 'bool') value = t.value === 'false' ? false : undefined;
  else value = parseBound(type, t.value);
  if (/\.target\.op$/.test(path) && value === undefined) {
    set(s!.draft as Record<string, unknown>, path.replace(/\.op$/, ''), undefined);
    return;
  }
  if (/\.via$/.test(path) && value === undefined) value = null;
  set(s!.draft as Record<string, unknown>, path, value);
}

function onChange(e: Event) {
  const t = e.target as HTMLSelectElement;
  if (!t.dataset.bind || !s) return;
  write(t, t.dataset.bind);
  if (t.dataset.rerender) {
    if (/\.periodType$/.test(t.dataset.bind)) {
      const sch = get(s.draft, t.dataset.bind.replace(/\.periodType$/, '')) as SchD;
      delete sch.only;
      if (sch.periodType === 'once' && sch.due && sch.due.rule !== 'date') sch.due = { rule: 'date', before: sch.due.before };
    }
    if (/\.rule$/.test(t.dataset.bind)) {
      const due = get(s.draft, t.dataset.bind.replace(/\.rule$/, '')) as DueRule;
      for (const k of ['month', 'day', 'days', 'date', 'yearOffset'] as const) delete due[k];
    }
    rerender();
  }
}

function blank(kind: (typeof LISTS)[number], n: number): object {
  if (kind === 'tasks') return { code: `T${n}`, title: '' };
  if (kind === 'indicators') return { code: `CT${n}`, name: '', kind: 'count' };
  if (kind === 'criteria') return { code: `TC${n}`, name: '', maxPoints: 1 };
  return { code: `BC${n}`, name: '', periodType: 'year', reportTo: s!.draft.issuer };
}

async function onClick(e: Event) {
  const b = (e.target as HTMLElement).closest<HTMLElement>('[data-edit], [data-goto]');
  if (!b || !s) return;
  if (b.dataset.goto !== undefined) {
    const target = $$<HTMLElement>('[data-path]', $('#plan-editor')!).filter((x) => covers(x.dataset.path!, b.dataset.goto!)).sort((x, y) => y.dataset.path!.length - x.dataset.path!.length)[0];
    target?.scrollIntoView({ block: 'center' });
    $<HTMLElement>('input, select, textarea', target ?? document.body)?.focus();
    return;
  }
  const list = b.dataset.list as (typeof LISTS)[number] | undefined;
  if (b.dataset.edit === 'add' && list) {
    const items = (s.draft[list] ??= []) as object[];
    items.push(blank(list, items.length + 1));
    rerender();
  } else if (b.dataset.edit === 'remove' && list) {
    ((s.draft[list] ?? []) as object[]).splice(Number(b.dataset.index), 1);
    s.errors = [];
    rerender();
  } else if (b.dataset.edit === 'close') {
    s = null;
    $('#editor-host')?.replaceChildren();
  } else if (b.dataset.edit === 'save') await save();
}

/** The draft as the API takes it: no ids, no empty strings, a plan's own fields only. */
function body(d: Draft, forPatch: boolean): Record<string, unknown> {
  const { issuer, ...rest } = structuredClone(d);
  const out: Record<string, unknown> = forPatch ? rest : { issuer, ...rest };
  for (const k of ['id', 'status', 'version', 'basisChain', 'createdAt', 'updatedAt', 'activatedAt']) delete out[k];
  out.schedules = (d.schedules ?? []).map(({ id: _id, ...sch }) => sch);
  if (Array.isArray(out.criteria) && out.criteria.length === 0) delete out.criteria;
  if (Array.isArray(out.basisText) && out.basisText.length === 0) delete out.basisText;
  return out;
}

async function save() {
  const d = s!.draft;
  // A date that is not a day/month/year is said in the page; the API would only name its own YYYY-MM-DD.
  const badDates = $$<HTMLInputElement>('#plan-editor input[data-type=date]').filter((i) => i.value.trim() && !parseDayMonthYear(i.value));
  if (badDates.length) {
    s!.errors = badDates.map((i) => ({ path: i.dataset.bind!, message: 'Nhập ngày dạng ngày/tháng/năm, ví dụ 14/06/2026.' }));
    rerender();
    notice.err('Có ngày chưa đúng dạng ngày/tháng/năm.');
    return;
  }
  const button = $<HTMLButtonElement>('[data-edit=save]');
  if (button) button.disabled = true;
  try {
    const plan = s!.id
      ? await api<{ id: string; version: number; number: string }>('PATCH', `/v1/plans/${s!.id}`, body(d, true), { 'if-match': String(s!.version) })
      : await api<{ id: string; version: number; number: string }>('POST', '/v1/plans', body(d, false));
    s!.id = plan.id;
    s!.version = plan.version;
    s!.errors = [];
    s!.unresolved = [];
    s!.notes = new WeakMap();
    rerender();
    notice.ok(`Đã lưu bản nháp kế hoạch ${plan.number}. Khi đã xong, bấm “Ban hành…”.`);
    document.dispatchEvent(new CustomEvent('cascade:plan-saved'));
  } catch (e) {
    if (e instanceof Problem && e.status === 400) {
      s!.errors = e.errors.length ? e.errors : [{ path: '', message: e.detail }];
      rerender();
      $('#editor-errors')?.scrollIntoView({ block: 'start' });
      notice.err(e.detail);
    } else notice.err(e instanceof Problem ? e.detail : 'Không lưu được: mất kết nối mạng.');
  } finally {
    const again = $<HTMLButtonElement>('[data-edit=save]');
    if (again) again.disabled = false;
  }
}

/** Is the editor open with unsaved work (the list behind it may refresh without losing it)? */
export const editing = () => s !== null;
