/**
 * The ward's report form in the browser: the live percentage, "Không áp dụng" with its note, the API's own checks
 * before sending (schemas/report-check.ts), and the add-on's idempotency discipline — one key per intended
 * submission, kept in localStorage until an answer arrives and reused on every retry — so a retried submission never
 * makes a second version; an unsent report stays on the phone and is offered again when the connection is back.
 */
import { formatDateTime, formatNumber, formatPercent, onTimeLabel } from '../../../../schemas/labels';
import { checkReport, type CheckedPlan, type TaskInput, type ValueInput } from '../../../../schemas/report-check';
import { Offline, Problem, request, problemOf, type FieldError } from './api.mts';
import { $, $$, h } from './dom.mts';
import * as notice from './notice.mts';

type Value = ValueInput;
type Task = TaskInput;
type Body = { values: Value[]; tasks: Task[]; submit: boolean };
type Receipt = { version: number; status: string; submittedAt: string | null; onTime: boolean | null; deadline: string; periodLabel: string; warnings: { indicator: string; message: string }[] };
type Pending = { path: string; key: string; body: Body; title: string; at: string };

const PENDING = 'cascade-pending';

export function pendings(): Record<string, Pending> {
  try {
    return JSON.parse(localStorage.getItem(PENDING) ?? '{}') as Record<string, Pending>;
  } catch {
    return {};
  }
}
function savePending(p: Pending | null, path: string) {
  const all = pendings();
  if (p) all[path] = p;
  else delete all[path];
  localStorage.setItem(PENDING, JSON.stringify(all));
  renderPendingBanner();
}

function newKey(): string {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}

/** "12,5" and "1.234,5" as people type them; "12.5" too. NaN when it is not a number. */
export function parseDecimal(text: string): number {
  const s = text.trim().replace(/\s/g, '');
  if (s === '') return NaN;
  let normal = s;
  if (s.includes(',') && s.includes('.')) normal = s.replace(/\./g, '').replace(',', '.');
  else if (s.includes(',')) normal = s.replace(',', '.');
  else if (/^\d{1,3}(\.\d{3})+$/.test(s)) normal = s.replace(/\./g, '');
  return /^-?\d+(\.\d+)?$/.test(normal) ? Number(normal) : NaN;
}

const numberOf = (input: HTMLInputElement | null): number | null => {
  if (!input || input.value.trim() === '') return null;
  const x = input.type === 'number' ? Number(input.value) : parseDecimal(input.value);
  return Number.isFinite(x) ? x : null;
};

/** The form as a report body, indicators in the plan's order (so an error's values[i] names the i-th answered one). */
export function serialize(form: HTMLFormElement, submit: boolean): { body: Body; order: string[] } {
  const values: Value[] = [];
  for (const fs of $$<HTMLFieldSetElement>('fieldset.ind', form)) {
    const indicator = fs.dataset.indicator!;
    const kind = fs.dataset.kind!;
    const na = $<HTMLInputElement>('input[name=na]', fs)!.checked;
    if (na) {
      values.push({ indicator, na: true, note: $<HTMLTextAreaElement>('textarea[name=note]', fs)!.value.trim() });
      continue;
    }
    if (kind === 'percent' || kind === 'ratio') {
      const n = numberOf($<HTMLInputElement>('input[name=numerator]', fs));
      const d = numberOf($<HTMLInputElement>('input[name=denominator]', fs));
      if (n !== null || d !== null) values.push({ indicator, numerator: n, denominator: d });
    } else if (kind === 'boolean') {
      const chosen = $<HTMLInputElement>('input[type=radio]:checked', fs);
      if (chosen) values.push({ indicator, value: chosen.value === 'true' });
    } else if (kind === 'text') {
      const t = $<HTMLTextAreaElement>('textarea[name=value]', fs)!.value.trim();
      if (t) values.push({ indicator, value: t });
    } else {
      const input = $<HTMLInputElement>('input[name=value]', fs)!;
      const raw = input.value.trim();
      if (raw) {
        const x = numberOf(input);
        // Not a number: sent as typed, so the API's own check says what to enter.
        values.push({ indicator, value: x === null ? raw : x });
      }
    }
  }
  const tasks: Task[] = [];
  for (const fs of $$<HTMLFieldSetElement>('fieldset.task', form)) {
    const text = (name: string) => $<HTMLTextAreaElement>(`textarea[name=${name}]`, fs)!.value.trim() || null;
    const status = ($<HTMLSelectElement>('select[name=status]', fs)!.value || null) as Task['status'];
    const t = { task: fs.dataset.task!, status, result: text('result'), difficulties: text('difficulties'), proposals: text('proposals') };
    if (t.status || t.result || t.difficulties || t.proposals) tasks.push(t);
  }
  return { body: { values, tasks, submit }, order: values.map((v) => v.indicator) };
}

/** Puts a body back into the form (an unsent report kept on the phone). */
function fill(form: HTMLFormElement, body: Body) {
  for (const fs of $$<HTMLFieldSetElement>('fieldset.ind', form)) {
    const v = body.values.find((x) => x.indicator === fs.dataset.indicator);
    const set = (sel: string, value: string) => { const e = $<HTMLInputElement | HTMLTextAreaElement>(sel, fs); if (e) e.value = value; };
    const na = $<HTMLInputElement>('input[name=na]', fs)!;
    na.checked = v?.na === true;
    set('textarea[name=note]', v?.na ? (v.note ?? '') : '');
    set('input[name=numerator]', v?.numerator == null ? '' : String(v.numerator));
    set('input[name=denominator]', v?.denominator == null ? '' : String(v.denominator));
    set('[name=value]', v?.value == null || typeof v.value === 'boolean' ? '' : String(v.value));
    for (const r of $$<HTMLInputElement>('input[type=radio]', fs)) r.checked = typeof v?.value === 'boolean' && r.value === String(v.value);
    toggleNa(fs);
    liveRate(fs);
  }
  for (const fs of $$<HTMLFieldSetElement>('fieldset.task', form)) {
    const t = body.tasks.find((x) => x.task === fs.dataset.task);
    $<HTMLSelectElement>('select[name=status]', fs)!.value = t?.status ?? '';
    for (const name of ['result', 'difficulties', 'proposals'] as const) $<HTMLTextAreaElement>(`textarea[name=${name}]`, fs)!.value = t?.[name] ?? '';
  }
}

function toggleNa(fs: HTMLElement) {
  const na = $<HTMLInputElement>('input[name=na]', fs)!.checked;
  $('.answer', fs)!.hidden = na;
  $('.na-note', fs)!.hidden = !na;
}

/** 289 of 300 → "96,3 %", as the report view and the roll-up will say it. */
function liveRate(fs: HTMLElement) {
  const out = $('output.rate', fs);
  if (!out) return;
  const n = numberOf($<HTMLInputElement>('input[name=numerator]', fs));
  const d = numberOf($<HTMLInputElement>('input[name=denominator]', fs));
  out.textContent = n === null || d === null || d <= 0 ? '' : fs.dataset.kind === 'percent' ? formatPercent((100 * n) / d) : formatNumber(n / d, 3);
}

function clearErrors(form: HTMLElement) {
  for (const e of $$('.field-error', form)) e.textContent = '';
  for (const e of $$('.invalid', form)) e.classList.remove('invalid');
}

/** Each problem next to its field: values[i] is the i-th answer sent, "values" names a missing indicator by its name. */
function showErrors(form: HTMLFormElement, errors: FieldError[], order: string[]) {
  clearErrors(form);
  const general: string[] = [];
  let first: HTMLElement | null = null;
  for (const e of errors) {
    let fs: HTMLElement | null = null;
    let m: RegExpExecArray | null;
    if ((m = /^values\[(\d+)\](?:\.(\w+))?/.exec(e.path))) {
      fs = $(`fieldset.ind[data-indicator="${order[Number(m[1])]}"]`, form);
      const input = fs && m[2] ? $(`[name=${m[2] === 'value' ? 'value' : m[2]}]`, fs) : null;
      input?.classList.add('invalid');
    } else if (e.path === 'values') {
      fs = $$<HTMLFieldSetElement>('fieldset.ind', form).find((f) => e.message.includes(`"${f.dataset.name}"`)) ?? null;
    } else if ((m = /^tasks\[(\d+)\]/.exec(e.path))) {
      fs = $$('fieldset.task', form)[Number(m[1])] ?? null;
    }
    const slot = fs ? $('.field-error', fs) : null;
    if (slot) {
      slot.textContent = slot.textContent ? `${slot.textContent} ${e.message}` : e.message;
      first ??= fs;
    } else general.push(e.message);
  }
  $('#form-errors', form)!.textContent = general.length ? general.join(' ') : errors.length ? `Báo cáo còn ${errors.length} chỗ cần sửa (ghi đỏ bên dưới).` : '';
  (first ?? $('#form-errors', form))?.scrollIntoView({ block: 'center' });
}

function tz(): string {
  return $('header.top')?.dataset.tz ?? 'Asia/Ho_Chi_Minh';
}

function showReceipt(r: Receipt, names: Map<string, string>) {
  const box = $('#receipt');
  if (!box) return;
  const submitted = r.status === 'submitted' && r.submittedAt;
  box.replaceChildren(submitted
    ? h('div', { class: `receipt${r.onTime === false ? ' late' : ''}`, 'data-version': r.version },
      h('strong', {}, `Đã nộp phiên bản ${r.version}`), ` lúc ${formatDateTime(r.submittedAt!, tz())} · ${onTimeLabel(r.onTime)}`,
      h('br'), `${r.periodLabel} · hạn ${r.deadline}`,
      r.warnings.length ? h('ul', { class: 'warnings' }, r.warnings.map((w) => h('li', { class: 'warning' }, `⚠ ${names.get(w.indicator) ?? ''}: ${w.message}`))) : null)
    : h('p', { class: 'receipt' }, `Đã lưu bản nháp phiên bản ${r.version} lúc ${formatDateTime(new Date(), tz())}. Báo cáo chưa được nộp.`));
  box.scrollIntoView({ block: 'center' });
  if (submitted) {
    const badge = $('#form-status');
    if (badge) { badge.textContent = 'Đã nộp'; badge.className = 'badge s-submitted'; badge.dataset.status = 'submitted'; }
    $('#form-reason')?.remove();
  }
}

/** Sends a kept submission with its own key (the same on every retry) and reports what happened. */
async function send(p: Pending, names: Map<string, string>, form: HTMLFormElement | null, order: string[]) {
  let res: Response;
  try {
    res = await request(p.path, { method: 'PUT', headers: { 'content-type': 'application/json', 'idempotency-key': p.key }, body: JSON.stringify(p.body) });
  } catch (e) {
    if (e instanceof Offline) {
      notice.err(`Mất kết nối: báo cáo “${p.title}” chưa gửi được và đã được giữ trên máy này. Khi có mạng lại, bấm “Gửi ngay”.`);
      renderPendingBanner();
      return;
    }
    if (e instanceof Problem) { savePending(null, p.path); notice.err(e.detail); return; }
    throw e;
  }
  if (res.status >= 500) {
    notice.err('Máy chủ đang gặp lỗi; báo cáo vẫn được giữ trên máy này, hãy bấm “Gửi ngay” sau ít phút.');
    renderPendingBanner();
    return;
  }
  // An answer arrived: the key has done its work.
  savePending(null, p.path);
  if (!res.ok) {
    const problem = await problemOf(res);
    notice.err(problem.detail);
    if (form) showErrors(form, problem.errors, order);
    return;
  }
  const receipt = (await res.json()) as Receipt;
  if (form && form.dataset.path === p.path) {
    form.dataset.version = String(receipt.version);
    clearErrors(form);
    showReceipt(receipt, names);
  }
  notice.ok(p.body.submit ? `Đã nộp báo cáo ${p.title} (phiên bản ${receipt.version}).` : `Đã lưu bản nháp ${p.title}.`);
}

function namesOf(plan: CheckedPlan) {
  return new Map(plan.indicators.map((i) => [i.code, i.name]));
}

/** Wires one report form. */
export function initForm(form: HTMLFormElement) {
  const plan = JSON.parse(form.dataset.plan ?? '{}') as CheckedPlan;
  const names = namesOf(plan);
  const path = form.dataset.path!;
  const kept = pendings()[path];
  if (kept) {
    fill(form, kept.body);
    notice.err(`Báo cáo này có bản ${kept.body.submit ? 'nộp' : 'nháp'} chưa gửi được (giữ trên máy này). Bấm “Gửi ngay” để gửi.`);
  }
  form.addEventListener('input', (e) => {
    const fs = (e.target as HTMLElement).closest<HTMLElement>('fieldset.ind, fieldset.task');
    if (!fs) return;
    liveRate(fs);
    const slot = $('.field-error', fs);
    if (slot) slot.textContent = '';
    (e.target as HTMLElement).classList.remove('invalid');
  });
  form.addEventListener('change', (e) => {
    const t = e.target as HTMLInputElement;
    if (t.name === 'na') {
      const fs = t.closest<HTMLElement>('fieldset.ind')!;
      toggleNa(fs);
      if (t.checked) $<HTMLTextAreaElement>('textarea[name=note]', fs)?.focus();
    }
  });
}

/** Lưu nháp / Nộp báo cáo: the API's checks first, in the page; then one PUT with the submission's key. */
export async function saveReport(form: HTMLFormElement, submit: boolean) {
  const plan = JSON.parse(form.dataset.plan ?? '{}') as CheckedPlan;
  const { body, order } = serialize(form, submit);
  const problems = checkReport(plan, body, submit).problems.map((p) => ({ path: p.path, message: p.message.vi }));
  if (problems.length) {
    showErrors(form, problems, order);
    notice.err(`Báo cáo còn ${problems.length} chỗ cần sửa trước khi ${submit ? 'nộp' : 'lưu'}.`);
    return;
  }
  clearErrors(form);
  const path = form.dataset.path!;
  const before = pendings()[path];
  const p: Pending = before && JSON.stringify(before.body) === JSON.stringify(body)
    ? before
    : { path, key: newKey(), body, title: form.dataset.title ?? '', at: new Date().toISOString() };
  savePending(p, path);
  for (const b of $$<HTMLButtonElement>('button', form)) b.disabled = true;
  try {
    await send(p, namesOf(plan), form, order);
  } finally {
    for (const b of $$<HTMLButtonElement>('button', form)) b.disabled = false;
  }
}

/** "Gửi ngay" for a kept submission, from the banner. */
export async function sendPending(path: string) {
  const p = pendings()[path];
  if (!p) return renderPendingBanner();
  const form = $<HTMLFormElement>('#report-form');
  const here = form && form.dataset.path === path ? form : null;
  const plan = here ? (JSON.parse(here.dataset.plan ?? '{}') as CheckedPlan) : null;
  await send(p, plan ? namesOf(plan) : new Map(), here, p.body.values.map((v) => v.indicator));
}

/** The banner of reports kept on this phone, with "Gửi ngay"; when the connection comes back it says so. */
export function renderPendingBanner() {
  const banner = $('#pending');
  if (!banner) return;
  const all = Object.values(pendings());
  banner.hidden = all.length === 0;
  const back = navigator.onLine;
  banner.replaceChildren(...all.map((p) => h('p', { class: 'row' },
    h('span', {}, `${back ? 'Đã có mạng lại. ' : 'Đang mất kết nối. '}Báo cáo “${p.title}” (${p.body.submit ? 'bản nộp' : 'bản nháp'}) chưa gửi được, đang giữ trên máy này.`),
    h('button', { type: 'button', class: 'primary', 'data-action': 'send-pending', 'data-path': p.path }, 'Gửi ngay'))));
}
