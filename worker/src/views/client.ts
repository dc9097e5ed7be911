/**
 * The dashboard's only client script (inlined into /app): sign-in with a token kept in sessionStorage and sent as
 * a bearer header (never in a URL), then one fetch per view of a server-rendered fragment.
 */
export const CLIENT_SCRIPT = `
(() => {
  const $ = (s) => document.querySelector(s);
  const state = { view: 'matrix', plan: '', schedule: '', period: '', report: null };
  const token = () => sessionStorage.getItem('cascade-token');
  async function call(path, init = {}) {
    const res = await fetch(path, { ...init, headers: { ...(init.headers || {}), authorization: 'Bearer ' + token() } });
    if (res.status === 401) { signOut('Mã truy cập không hợp lệ hoặc đã bị thu hồi.'); throw new Error('401'); }
    return res;
  }
  function signOut(message) {
    sessionStorage.removeItem('cascade-token');
    $('#app').hidden = true; $('#signin').hidden = false;
    $('#signin-error').textContent = message || '';
  }
  async function signIn(value) {
    sessionStorage.setItem('cascade-token', value.trim());
    const res = await call('/v1/plans?status=active&limit=1000');
    if (!res.ok) return;
    const plans = (await res.json()).items;
    $('#plan').innerHTML = plans.map((p) => '<option value="' + p.id + '">' + p.number + ' — ' + p.title.replace(/</g, '&lt;') + '</option>').join('');
    state.plan = plans[0] ? plans[0].id : '';
    $('#signin').hidden = true; $('#app').hidden = false;
    await show(state.view);
  }
  async function show(view, extra) {
    state.view = view;
    document.querySelectorAll('#views button').forEach((b) => b.setAttribute('aria-current', String(b.dataset.view === view)));
    const q = new URLSearchParams({ plan: state.plan, ...(state.period ? { schedule: state.schedule, period: state.period } : {}), ...(extra || {}) });
    $('#view').setAttribute('aria-busy', 'true');
    const res = await call('/v1/dashboard/' + view + '?' + q);
    $('#view').innerHTML = await res.text();
    $('#view').setAttribute('aria-busy', 'false');
  }
  $('#signin').addEventListener('submit', (e) => { e.preventDefault(); signIn($('#token').value).catch(() => {}); });
  $('#signout').addEventListener('click', () => signOut());
  $('#plan').addEventListener('change', (e) => { state.plan = e.target.value; state.schedule = ''; state.period = ''; show(state.view); });
  $('#views').addEventListener('click', (e) => { const b = e.target.closest('button[data-view]'); if (b) show(b.dataset.view); });
  $('#view').addEventListener('change', (e) => { if (e.target.name === 'period') { [state.schedule, state.period] = e.target.value.split('|'); show(state.view); } });
  $('#view').addEventListener('click', async (e) => {
    const plain = e.target.closest('td[data-status]:not([data-report])');
    if (plain) { $('#notice').textContent = plain.closest('tr').querySelector('.unit').textContent + ' — ' + plain.title.replace(/\\n/g, ' · '); return; }
    const cell = e.target.closest('[data-report]');
    if (cell) { const [unit, schedule, period] = cell.dataset.report.split('|'); state.report = { unit, schedule, period }; return show('report', state.report); }
    const act = e.target.closest('button[data-action]');
    if (!act) return;
    const r = state.report;
    const path = '/v1/reports/' + r.unit + '/' + r.schedule + '/' + r.period + '/' + act.dataset.action;
    const reason = act.dataset.action === 'return' ? $('#reason').value : undefined;
    const res = await call(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(reason === undefined ? {} : { reason }) });
    const msg = res.ok ? (act.dataset.action === 'return' ? 'Đã trả lại báo cáo.' : 'Đã tiếp nhận báo cáo.') : ((await res.json()).detail || 'Không thực hiện được.');
    await show('report', r);
    $('#notice').textContent = msg;
  });
  if (token()) signIn(token()).catch(() => {});
})();
`;
