/**
 * The district officer's actions: reviewing a report, issuing and revoking tokens (with the printable handover
 * slip), subscribing webhooks (ping, delivery log, redelivery), scoring, and a plan's life (read from its text,
 * edit, derive, preview and activate). Every write is the JSON API's own route; the views re-read their fragment.
 */
import { formatDate, formatNumber, localDate, wallTime } from '../../../../schemas/labels';
import { ROLE_LABEL } from '../words';
import { api, Problem, request, problemOf, type FieldError } from './api.mts';
import { $, $$, confirmTwice, h, parseDayMonthYear } from './dom.mts';
import { openEditor, type Draft } from './editor.mts';
import * as notice from './notice.mts';

export type Ctx = { refresh: () => Promise<void>; go: (params: Record<string, string | undefined>) => void; reloadSession: () => Promise<void> };

const tz = () => $('header.top')?.dataset.tz ?? 'Asia/Ho_Chi_Minh';
const ownUnit = () => $('header.top')?.dataset.unit ?? '';

/** Field errors onto the inputs they name (by path or by input name), the rest into one message. */
function fieldErrors(form: HTMLElement, errors: FieldError[], names: Record<string, string> = {}): string[] {
  for (const e of $$('.field-error.dyn', form)) e.remove();
  for (const e of $$('.invalid', form)) e.classList.remove('invalid');
  const rest: string[] = [];
  for (const e of errors) {
    const target = $(`[data-path="${e.path}"]`, form) ?? $(`[name="${names[e.path] ?? e.path}"]`, form);
    if (!target) { rest.push(e.message); continue; }
    target.classList.add('invalid');
    target.closest('label, fieldset')?.append(h('p', { class: 'field-error dyn', role: 'alert' }, e.message));
  }
  return rest;
}

function failed(e: unknown, form?: HTMLElement, names?: Record<string, string>) {
  if (e instanceof Problem) {
    const rest = form ? fieldErrors(form, e.errors, names) : e.errors.map((x) => x.message);
    notice.err([e.detail, ...rest].join(' '));
  } else notice.err('Không có kết nối mạng; hãy thử lại khi có mạng.');
}

// ---------------------------------------------------------------------------------------------------------------
// Review

export async function review(action: 'return' | 'accept', ctx: Ctx) {
  const form = $<HTMLFormElement>('#review')!;
  const path = form.dataset.path!;
  let body: unknown = {};
  if (action === 'return') {
    const reason = $<HTMLTextAreaElement>('#reason')!.value.trim();
    if (!reason) {
      $('#reason-error')!.textContent = 'Hãy ghi lý do trả lại để đơn vị biết cần sửa gì.';
      $('#reason')!.classList.add('invalid');
      $<HTMLTextAreaElement>('#reason')!.focus();
      return;
    }
    body = { reason };
  }
  try {
    await api('POST', `${path}/${action}`, body);
    notice.later(action === 'return' ? 'Đã trả lại báo cáo.' : 'Đã tiếp nhận báo cáo.');
    await ctx.refresh();
  } catch (e) {
    failed(e, form);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Tokens and the handover slip

/** The instant a local calendar day ends in the deployment's zone (a token "expires after 31/12/2027"). */
function endOfLocalDay(date: string, zone: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d + 1);
  const w = wallTime(new Date(guess), zone);
  const offset = Date.UTC(w.y, w.m - 1, w.d, w.h, w.mi) - guess;
  return new Date(guess - offset).toISOString();
}

type Issued = { id: string; unit: string; role: string; label: string; token: string; createdAt: string; expiresAt: string | null };

function slip(t: Issued, unitName: string): HTMLElement {
  const origin = location.origin;
  return h('div', { class: 'slip', id: 'slip' },
    h('h2', {}, 'PHIẾU BÀN GIAO MÃ TRUY CẬP CASCADE'),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Đơn vị'), h('dd', { 'data-slip': 'unit' }, unitName),
      h('dt', {}, 'Vai trò'), h('dd', { 'data-slip': 'role' }, ROLE_LABEL[t.role] ?? ''),
      h('dt', {}, 'Người nhận'), h('dd', { 'data-slip': 'label' }, t.label),
      h('dt', {}, 'Địa chỉ máy chủ'), h('dd', { 'data-slip': 'origin' }, origin),
      h('dt', {}, 'Mã truy cập'), h('dd', {}, h('div', { class: 'secret', 'data-slip': 'token' }, t.token)),
      h('dt', {}, 'Ngày cấp'), h('dd', { 'data-slip': 'issued' }, formatDate(localDate(t.createdAt, tz()))),
      h('dt', {}, 'Hết hạn'), h('dd', {}, t.expiresAt ? `sau ngày ${formatDate(localDate(new Date(Date.parse(t.expiresAt) - 1), tz()))}` : 'không đặt hạn')),
    h('h3', {}, 'Cách kết nối'),
    h('ol', {},
      h('li', {}, 'Trên Google Trang tính: mở bảng tính báo cáo, chọn Tiện ích mở rộng › Cascade › Kết nối; dán “Địa chỉ máy chủ” và “Mã truy cập” ở trên; bấm Kết nối.'),
      h('li', {}, `Trên điện thoại: mở ${origin}/app, dán mã truy cập, bấm Đăng nhập (chọn “Ghi nhớ trên thiết bị này” nếu máy là của riêng mình).`)),
    h('p', {}, 'Giữ kín mã này như mật khẩu. Mất mã hoặc đổi người phụ trách: báo cấp trên thu hồi và cấp mã mới.'),
    h('p', { class: 'row' }, h('span', {}, 'Người giao: ……………………'), h('span', {}, 'Người nhận: ……………………')));
}

export async function issueToken(ctx: Ctx) {
  const form = $<HTMLFormElement>('#token-form')!;
  const unitSelect = $<HTMLSelectElement>('select[name=unit]', form)!;
  const label = $<HTMLInputElement>('input[name=label]', form)!.value.trim();
  const expiresText = $<HTMLInputElement>('input[name=expires]', form)!.value.trim();
  const expires = expiresText ? parseDayMonthYear(expiresText) : '';
  if (expires === null) {
    fieldErrors(form, [{ path: 'expires', message: `Nhập ngày dạng ngày/tháng/năm, ví dụ 31/12/${new Date().getFullYear() + 1}.` }]);
    return;
  }
  const role = $<HTMLInputElement>('input[name=role]:checked', form)?.value ?? 'submitter';
  const unitName = unitSelect.selectedOptions[0]?.dataset.name ?? '';
  if (!label) {
    fieldErrors(form, [{ path: 'label', message: 'Hãy ghi tên người nhận mã.' }]);
    return;
  }
  try {
    const t = await api<Issued>('POST', '/v1/tokens', { unit: unitSelect.value, role, label, ...(expires ? { expiresAt: endOfLocalDay(expires, tz()) } : {}) });
    const box = h('div', { class: 'card', id: 'issued' },
      h('h3', {}, `Mã mới cho ${unitName}`),
      h('p', { class: 'late-text' }, 'Mã chỉ hiện một lần: in phiếu bàn giao hoặc sao chép ngay.'),
      slip(t, unitName),
      h('div', { class: 'actions no-print' },
        h('button', { type: 'button', class: 'primary', 'data-action': 'print-slip' }, 'In phiếu bàn giao'),
        h('button', { type: 'button', 'data-action': 'copy-token', 'data-token': t.token }, 'Sao chép mã')));
    await ctx.refresh();
    $('#issued')?.replaceWith(box);
    notice.ok(`Đã cấp mã cho ${unitName}.`);
    box.scrollIntoView({ block: 'start' });
  } catch (e) {
    failed(e, form, { expiresAt: 'expires' });
  }
}

/** Prints the slip alone (the print sheet hides everything else while body has print-slip). */
export function printSlip() {
  const s = $('#slip');
  if (!s) return;
  $('#slip-host')!.replaceChildren(s.cloneNode(true));
  document.body.classList.add('print-slip');
  const done = () => { document.body.classList.remove('print-slip'); window.removeEventListener('afterprint', done); };
  window.addEventListener('afterprint', done);
  window.print();
}

export async function copyToken(value: string) {
  try {
    await navigator.clipboard.writeText(value);
    notice.ok('Đã sao chép mã.');
  } catch {
    notice.err('Trình duyệt không cho sao chép; hãy chọn mã và sao chép bằng tay.');
  }
}

export async function revokeToken(button: HTMLElement, id: string, label: string, ctx: Ctx) {
  if (!confirmTwice(button, 'Bấm lần nữa để thu hồi')) return;
  try {
    await api('DELETE', `/v1/tokens/${encodeURIComponent(id)}`);
    notice.later(`Đã thu hồi mã của ${label}.`);
    await ctx.refresh();
  } catch (e) {
    failed(e);
  }
}

export function tokenFor(unit: string) {
  const form = $<HTMLFormElement>('#token-form')!;
  $<HTMLSelectElement>('select[name=unit]', form)!.value = unit;
  form.scrollIntoView({ block: 'start' });
  $<HTMLInputElement>('input[name=label]', form)!.focus();
}

// ---------------------------------------------------------------------------------------------------------------
// Reminders (webhooks)

export function formatChanged() {
  const form = $<HTMLFormElement>('#webhook-form');
  if (!form) return;
  const format = $<HTMLInputElement>('input[name=format]:checked', form)?.value;
  $('[data-for-format=telegram]', form)!.hidden = format !== 'telegram';
  $<HTMLInputElement>('input[name=url]', form)!.placeholder = format === 'telegram' ? 'https://api.telegram.org/bot…/sendMessage'
    : format === 'cascade' ? 'https://may-chu-cua-don-vi.gov.vn/cascade' : 'https://chat.googleapis.com/v1/spaces/…';
}

/** The log after a ping or a redelivery: the queue sends within seconds, so look again a few times. */
async function watch(ctx: Ctx) {
  for (const wait of [1200, 2500, 4000]) {
    await new Promise((r) => setTimeout(r, wait));
    if (!$('#reminders')) return;
    await ctx.refresh();
  }
}

export async function subscribe(ctx: Ctx) {
  const form = $<HTMLFormElement>('#webhook-form')!;
  const format = $<HTMLInputElement>('input[name=format]:checked', form)!.value;
  const chatId = $<HTMLInputElement>('input[name=chatId]', form)!.value.trim();
  const body = {
    unit: $('#reminders')!.dataset.unit,
    url: $<HTMLInputElement>('input[name=url]', form)!.value.trim(),
    events: $$<HTMLInputElement>('input[name=events]:checked', form).map((c) => c.value),
    format,
    ...(format === 'telegram' ? { chatId } : {}),
    delivery: $<HTMLInputElement>('input[name=delivery]:checked', form)!.value,
  };
  try {
    const w = await api<{ secret: string }>('POST', '/v1/webhooks', body);
    await ctx.refresh();
    if (format === 'cascade') {
      $('#webhook-secret')?.replaceWith(h('div', { class: 'card', id: 'webhook-secret' },
        h('p', {}, 'Khóa ký (chỉ hiện một lần) — máy chủ nhận dùng khóa này để kiểm tra chữ ký của mỗi tin:'), h('div', { class: 'secret' }, w.secret)));
    }
    notice.ok('Đã đăng ký nhận tin. Bấm “Gửi tin thử” để kiểm tra.');
  } catch (e) {
    failed(e, form);
  }
}

export async function ping(id: string, ctx: Ctx) {
  try {
    await api('POST', `/v1/webhooks/${encodeURIComponent(id)}/ping`);
    notice.ok('Đã gửi tin thử; nhật ký gửi cập nhật sau vài giây.');
    await ctx.refresh();
    void watch(ctx);
  } catch (e) {
    failed(e);
  }
}

export async function redeliver(id: string, delivery: string, ctx: Ctx) {
  try {
    await api('POST', `/v1/webhooks/${encodeURIComponent(id)}/deliveries/${encodeURIComponent(delivery)}/redeliver`);
    notice.ok('Đã gửi lại; nhật ký gửi cập nhật sau vài giây.');
    await ctx.refresh();
    void watch(ctx);
  } catch (e) {
    failed(e);
  }
}

export async function unsubscribe(button: HTMLElement, id: string, ctx: Ctx) {
  if (!confirmTwice(button, 'Bấm lần nữa để hủy đăng ký')) return;
  try {
    await api('DELETE', `/v1/webhooks/${encodeURIComponent(id)}`);
    notice.later('Đã hủy đăng ký nhận tin.');
    await ctx.refresh();
  } catch (e) {
    failed(e);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Scores

export function scoreUnitChanged() {
  const form = $<HTMLFormElement>('#score-form');
  if (!form) return;
  const unit = $<HTMLSelectElement>('select[name=unit]', form)!.value;
  const row = $<HTMLElement>(`#ranking tr[data-unit="${unit}"]`);
  const points = row ? (JSON.parse(row.dataset.points ?? '{}') as Record<string, number>) : {};
  for (const input of $$<HTMLInputElement>('input[type=number]', form)) input.value = points[input.name] === undefined ? '' : String(points[input.name]);
}

export async function saveScore(ctx: Ctx) {
  const form = $<HTMLFormElement>('#score-form')!;
  const unitSelect = $<HTMLSelectElement>('select[name=unit]', form)!;
  const inputs = $$<HTMLInputElement>('input[type=number]', form);
  const empty = inputs.filter((i) => i.value.trim() === '');
  if (empty.length === inputs.length) {
    fieldErrors(form, inputs.map((_, i) => ({ path: `criteria[${i}].points`, message: 'Hãy nhập số điểm.' })));
    return;
  }
  const criteria = inputs.filter((i) => i.value.trim() !== '').map((i) => ({ code: i.name, points: Number(i.value) }));
  const name = unitSelect.selectedOptions[0]?.textContent ?? '';
  try {
    await api('PUT', `/v1/scores/${encodeURIComponent(unitSelect.value)}/${encodeURIComponent(form.dataset.plan!)}/${encodeURIComponent(form.dataset.period!)}`, { criteria });
    notice.later(`Đã lưu điểm cho ${name}.`);
    await ctx.refresh();
  } catch (e) {
    failed(e, form);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Plans

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

type Extract = { draft: Draft; findings: { path: string; text: string }[]; unresolved: { path: string; text: string; message: string }[] };

export async function extract() {
  const text = $<HTMLTextAreaElement>('#plan-text')!.value;
  const file = $<HTMLInputElement>('#plan-file')!.files?.[0];
  if (!file && !text.trim()) {
    notice.err('Hãy dán toàn văn kế hoạch hoặc chọn tệp Word.');
    return;
  }
  const button = $<HTMLButtonElement>('[data-action=extract]');
  if (button) button.disabled = true;
  try {
    const res = await request(`/v1/plans/extract?issuer=${encodeURIComponent(ownUnit())}`, {
      method: 'POST',
      headers: { 'content-type': file ? DOCX : 'text/plain; charset=utf-8' },
      body: file ? await file.arrayBuffer() : text,
    });
    if (res.status === 404) {
      notice.err('Máy chủ này chưa có chức năng đọc văn bản kế hoạch; hãy bấm “Lập kế hoạch trống” và nhập tay.');
      return;
    }
    if (!res.ok) throw await problemOf(res);
    const x = (await res.json()) as Extract;
    $<HTMLDetailsElement>('#new-plan')!.open = false;
    await openEditor($('#editor-host')!, { draft: x.draft, findings: x.findings, unresolved: x.unresolved });
    notice.ok(x.unresolved.length ? `Đã đọc văn bản. Còn ${x.unresolved.length} điều văn bản chưa nói rõ, cần bổ sung (tô vàng).` : 'Đã đọc văn bản; hãy kiểm tra rồi lưu bản nháp.');
  } catch (e) {
    failed(e);
  } finally {
    if (button) button.disabled = false;
  }
}

export async function newPlan() {
  const today = localDate(new Date(), tz());
  await openEditor($('#editor-host')!, { draft: { number: '', title: '', issuer: ownUnit(), issuedOn: today, years: [Number(today.slice(0, 4))], tasks: [], indicators: [], schedules: [], criteria: [] } });
}

type PlanJson = Draft & { id: string; version: number; basisChain?: { number: string }[] };

export async function editPlan(id: string) {
  try {
    const plan = await api<PlanJson>('GET', `/v1/plans/${encodeURIComponent(id)}`);
    await openEditor($('#editor-host')!, { draft: plan, id: plan.id, version: plan.version, basisNumber: plan.basisChain?.[0]?.number ?? null });
  } catch (e) {
    failed(e);
  }
}

export async function derive(id: string) {
  try {
    const plan = await api<PlanJson>('POST', `/v1/plans/${encodeURIComponent(id)}/derive`, { issuer: ownUnit() });
    await openEditor($('#editor-host')!, { draft: plan, id: plan.id, version: plan.version, basisNumber: plan.basisChain?.[0]?.number ?? null });
    notice.ok(`Đã lập bản nháp kế hoạch triển khai ${plan.number ?? ''}: nhiệm vụ và chỉ tiêu đã chép sang; sửa chỉ tiêu của đơn vị rồi lưu.`);
  } catch (e) {
    failed(e);
  }
}

export async function preview(id: string) {
  try {
    const res = await request(`/v1/dashboard/preview?plan=${encodeURIComponent(id)}`);
    if (!res.ok) throw await problemOf(res);
    const host = $('#preview-host')!;
    host.innerHTML = await res.text();
    host.scrollIntoView({ block: 'start' });
  } catch (e) {
    failed(e);
  }
}

export async function activate(id: string, ctx: Ctx) {
  try {
    const r = await api<{ obligations: number }>('POST', `/v1/plans/${encodeURIComponent(id)}/activate`);
    notice.later(`Đã ban hành kế hoạch: ${formatNumber(r.obligations)} kỳ báo cáo đã được giao.`);
    await ctx.reloadSession();
    ctx.go({ v: 'matrix', plan: id });
  } catch (e) {
    failed(e);
  }
}
