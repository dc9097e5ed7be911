/**
 * The web app's one client script (bundled by build.mjs into views/client.ts and inlined into /app): sign-in with a
 * unit token kept in the browser, the header fragment for that token (a ward's clerk gets the ward view, a manager
 * the workbench), then one fragment per view. The view and its plan live in the URL's hash, so reload and sharing
 * keep them; notices clear when the view changes.
 */
import { clearToken, fragment, messageOf, Problem, setToken, token, whenUnauthorized, download } from './api.mts';
import { $, $$ } from './dom.mts';
import { editing } from './editor.mts';
import * as notice from './notice.mts';
import { initForm, renderPendingBanner, saveReport, sendPending } from './ward.mts';
import * as wb from './workbench.mts';

type State = Record<string, string | undefined> & { v?: string };

const state = (): State => Object.fromEntries(new URLSearchParams(location.hash.slice(1)));

function hashOf(params: State): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  return `#${q}`;
}

/** Views that read one plan, and the parameters each keeps. */
const PLAN_VIEWS = new Set(['matrix', 'indicators', 'calendar', 'scores', 'report']);

function go(params: State) {
  const next = hashOf(params);
  if (next === location.hash) void render();
  else location.hash = next;
}

function fragmentPath(s: State): string | null {
  const q = (keys: string[]) => {
    const p = new URLSearchParams();
    for (const k of keys) if (s[k]) p.set(k, s[k]!);
    return p.toString();
  };
  switch (s.v) {
    case 'plans': return '/v1/dashboard/plans';
    case 'matrix': return `/v1/dashboard/matrix?${q(['plan'])}`;
    case 'indicators': return `/v1/dashboard/indicators?${q(['plan', 'schedule', 'period'])}`;
    case 'calendar': return `/v1/dashboard/calendar?${q(s.all ? ['period'] : ['plan', 'period'])}`;
    case 'scores': return `/v1/dashboard/scores?${q(['plan', 'period'])}`;
    case 'report': return `/v1/dashboard/report?${q(['plan', 'unit', 'schedule', 'period'])}`;
    case 'units': return '/v1/dashboard/units';
    case 'reminders': return '/v1/dashboard/reminders';
    case 'owed': return '/v1/dashboard/owed';
    case 'form': return `/v1/dashboard/form?${q(['unit', 'schedule', 'period'])}`;
    default: return null;
  }
}

let rendering = 0;

/** Draws the view the hash names: one request for its fragment. */
async function render(sameView = false) {
  const header = $('header.top');
  if (!header) return;
  const s = state();
  if (!s.v) return go({ v: header.dataset.defaultView, plan: header.dataset.defaultPlan || undefined });
  const manager = header.dataset.role === 'manager';
  if (!manager && s.v !== 'owed' && s.v !== 'form' && s.v !== 'report') return go({ v: 'owed' });
  const planSelect = $<HTMLSelectElement>('#plan');
  if (planSelect && s.plan && planSelect.value !== s.plan && [...planSelect.options].some((o) => o.value === s.plan)) planSelect.value = s.plan;
  for (const a of $$<HTMLAnchorElement>('header.top nav a')) {
    const v = a.dataset.view!;
    a.href = hashOf({ v, plan: s.plan });
    if (v === s.v || (s.v === 'report' && v === 'matrix') || (s.v === 'form' && v === 'owed')) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  $('#menu-panel')?.classList.remove('open');
  $('#menu')?.setAttribute('aria-expanded', 'false');
  document.body.classList.remove('print-slip');
  const view = $('#view')!;
  if (PLAN_VIEWS.has(s.v) && !s.plan && !(s.v === 'calendar' && s.all) && s.v !== 'report') {
    notice.afterRender(sameView);
    view.innerHTML = '<section><h2>Chưa có kế hoạch</h2><p>Đơn vị chưa có kế hoạch nào đang thực hiện. <a href="#v=plans">Lập hoặc ban hành kế hoạch</a>.</p></section>';
    view.dataset.shown = location.hash;
    return;
  }
  const path = fragmentPath(s);
  if (!path) return go({ v: header.dataset.defaultView, plan: s.plan });
  const mine = ++rendering;
  view.setAttribute('aria-busy', 'true');
  try {
    const html = await fragment(path);
    if (mine !== rendering) return;
    view.innerHTML = html;
    notice.afterRender(sameView);
    const form = $<HTMLFormElement>('#report-form');
    if (form) initForm(form);
    wb.formatChanged();
    wb.scoreUnitChanged();
    showCurrentColumn();
  } catch (e) {
    if (mine !== rendering) return;
    if (e instanceof Problem && e.status === 401) return;
    notice.afterRender();
    view.innerHTML = '';
    notice.err(messageOf(e));
  } finally {
    if (mine === rendering) {
      view.dataset.shown = location.hash; // which address the view shows (a script or a test waits for it)
      view.setAttribute('aria-busy', 'false');
    }
  }
  renderPendingBanner();
}

/** A matrix cell without a report, in words: "Phường 14 — Hạn: chậm nhất 23:59 ngày 31/01/2026" (its row's unit, its column's deadline). */
function deadlineOf(button: HTMLElement): string {
  const cell = button.closest('td')!;
  const row = cell.closest('tr')!;
  const header = cell.closest('table')!.querySelectorAll('thead th')[[...row.children].indexOf(cell)];
  return `${row.querySelector('th')?.textContent ?? ''} — Hạn: ${header?.querySelector('.due')?.textContent ?? ''}`;
}

/** On a narrow screen the matrix opens on the report due next, not on the oldest one. */
function showCurrentColumn() {
  const box = $('#matrix .scroll');
  const cur = $('#matrix th[data-current]');
  if (!box || !cur || box.scrollWidth <= box.clientWidth) return;
  box.scrollLeft = Math.max(0, cur.offsetLeft - ($('#matrix th.unit')?.offsetWidth ?? 0));
}

/** Re-reads the current view's fragment (after a write), keeping the editor if one is open. */
async function refresh() {
  const editor = editing() ? $('#editor-host')?.firstElementChild : null;
  await render(true);
  if (editor) $('#editor-host')?.replaceChildren(editor);
}

async function loadSession() {
  const html = await fragment('/v1/dashboard/session');
  $('#session')!.innerHTML = html;
}

const ctx: wb.Ctx = { refresh, go, reloadSession: loadSession };

function signOut(message = '') {
  clearToken();
  $('#app')!.hidden = true;
  $('#signin')!.hidden = false;
  $('#session')!.innerHTML = '';
  $('#view')!.innerHTML = '';
  $('#signin-error')!.textContent = message;
}
whenUnauthorized((m) => signOut(m || 'Mã truy cập không hợp lệ hoặc đã bị thu hồi.'));

async function start() {
  try {
    await loadSession();
  } catch (e) {
    if (!(e instanceof Problem && e.status === 401)) {
      $('#signin')!.hidden = false;
      $('#signin-error')!.textContent = messageOf(e);
    }
    return;
  }
  $('#signin')!.hidden = true;
  $('#app')!.hidden = false;
  await render();
}

$('#signin')!.addEventListener('submit', (e) => {
  e.preventDefault();
  const value = $<HTMLInputElement>('#token')!.value.trim();
  if (!value) return;
  setToken(value, $<HTMLInputElement>('#remember')!.checked);
  $<HTMLInputElement>('#token')!.value = '';
  void start();
});

window.addEventListener('hashchange', () => void render());
window.addEventListener('online', renderPendingBanner);
window.addEventListener('offline', renderPendingBanner);

document.addEventListener('change', (e) => {
  const t = e.target as HTMLInputElement & HTMLSelectElement;
  const s = state();
  if (t.id === 'plan') {
    const v = s.v === 'report' || s.v === 'form' || !PLAN_VIEWS.has(s.v ?? '') ? 'matrix' : s.v;
    return go({ v, plan: t.value });
  }
  if (t.name === 'period' && t.closest('#indicators')) {
    const [schedule, period] = t.value.split('|');
    return go({ ...s, schedule, period });
  }
  if (t.name === 'cal-period') return go({ ...s, period: t.value || undefined });
  if (t.name === 'all-plans') return go({ ...s, all: t.checked ? '1' : undefined, period: undefined });
  if (t.name === 'score-period') return go({ ...s, period: t.value });
  if (t.name === 'unit' && t.closest('#score-form')) return wb.scoreUnitChanged();
  if (t.name === 'format' && t.closest('#webhook-form')) return wb.formatChanged();
  if (t.id === 'plan-file') $('#plan-file-name')!.textContent = t.files?.[0]?.name ?? 'Chưa chọn tệp';
});

document.addEventListener('click', (e) => {
  const target = e.target as HTMLElement;
  if (target.closest('#menu')) {
    const panel = $('#menu-panel')!;
    const open = panel.classList.toggle('open');
    $('#menu')!.setAttribute('aria-expanded', String(open));
    return;
  }
  if (target.closest('#signout')) return signOut();
  const b = target.closest<HTMLElement>('[data-action]');
  if (!b) return;
  const d = b.dataset;
  const run = (p: Promise<unknown> | void) => { if (p) p.catch((x: unknown) => notice.err(messageOf(x))); };
  switch (d.action) {
    case 'deadline': return notice.ok(deadlineOf(b));
    case 'download': return run(download(d.url!, d.name ?? 'tai-lieu').catch((x: unknown) => notice.err(messageOf(x))));
    case 'return': case 'accept': return run(wb.review(d.action, ctx));
    case 'issue-token': return run(wb.issueToken(ctx));
    case 'token-for': return wb.tokenFor(d.unit!);
    case 'print-slip': return wb.printSlip();
    case 'copy-token': return run(wb.copyToken(d.token!));
    case 'revoke': return run(wb.revokeToken(b, d.token!, d.label ?? '', ctx));
    case 'subscribe': return run(wb.subscribe(ctx));
    case 'ping': return run(wb.ping(d.webhook!, ctx));
    case 'redeliver': return run(wb.redeliver(d.webhook!, d.delivery!, ctx));
    case 'unsubscribe': return run(wb.unsubscribe(b, d.webhook!, ctx));
    case 'refresh': return run(refresh());
    case 'save-score': return run(wb.saveScore(ctx));
    case 'extract': return run(wb.extract());
    case 'new-plan': return run(wb.newPlan());
    case 'edit-plan': return run(wb.editPlan(d.plan!));
    case 'derive': return run(wb.derive(d.plan!));
    case 'preview': return run(wb.preview(d.plan!));
    case 'close-preview': return void $('#preview-host')?.replaceChildren();
    case 'activate': return run(wb.activate(d.plan!, ctx));
    case 'save-draft': case 'submit-report': return run(saveReport($<HTMLFormElement>('#report-form')!, d.action === 'submit-report'));
    case 'send-pending': return run(sendPending(d.path!));
  }
});

document.addEventListener('cascade:plan-saved', () => {
  // The list behind the editor shows the new draft; the editor stays as it is.
  if (state().v === 'plans') void refresh();
});

if (token()) {
  $('#signin')!.hidden = true;
  void start();
}
