/** @jsxImportSource hono/jsx */
/**
 * Nhắc việc: a unit's webhook subscriptions (Google Chat / Slack / Telegram text, or the signed JSON), a test ping,
 * and the delivery log with every attempt — errors in words — and redelivery.
 */
import { EVENT_TYPES, type Webhook } from '../../../schemas';
import { formatDateTime, formatNumber } from '../../../schemas/labels';
import { DELIVERY_LABEL, DELIVERY_STATUS_LABEL, deliveryError, EVENT_LABEL, FORMAT_LABEL } from './words';

type Attempt = { attempt: number; at: string; statusCode: number | null; durationMs: number; error: string | null };
type Delivery = { id: string; eventType: string; status: string; attempts: Attempt[]; createdAt: string };

/** A webhook address without its secrets (a chat key in the query, a bot token in the path): host and short path parts. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    const parts = u.pathname.split('/').filter(Boolean).map((s) => (s.length > 14 || s.includes(':') ? '…' : s));
    return `${u.host}${parts.length ? `/${parts.join('/')}` : ''}`;
  } catch {
    return 'địa chỉ không đọc được';
  }
}

const DEFAULT_EVENTS = new Set(['obligation.due_soon', 'obligation.overdue', 'report.submitted', 'report.returned']);

export function RemindersView(props: { root: { code: string; name: string }; hooks: { hook: Webhook; deliveries: Delivery[] }[]; tz: string }) {
  const { tz } = props;
  return (
    <section id="reminders" data-unit={props.root.code}>
      <h2>Nhắc việc — {props.root.name}</h2>
      <p class="hint">Cascade gửi tin nhắc sắp đến hạn, quá hạn, và tin báo khi đơn vị nộp hay bị trả lại báo cáo vào nhóm chat của đơn vị (mọi đơn vị trực thuộc).</p>
      <form class="card" id="webhook-form">
        <h3>Đăng ký nhận tin</h3>
        <fieldset>
          <legend>Nơi nhận</legend>
          {(['text', 'telegram', 'cascade'] as const).map((f, i) => (
            <label class="switch"><input type="radio" name="format" value={f} checked={i === 0} /> {FORMAT_LABEL[f]}</label>
          ))}
        </fieldset>
        <label>Địa chỉ webhook của nhóm chat{' '}
          <input name="url" type="url" required maxlength={2000} placeholder="https://chat.googleapis.com/v1/spaces/…" data-path="url" />
        </label>
        <label data-for-format="telegram" hidden>Mã nhóm chat Telegram (chat id){' '}<input name="chatId" type="text" data-path="chatId" /></label>
        <fieldset data-path="events">
          <legend>Các tin muốn nhận</legend>
          <div class="checks">{EVENT_TYPES.map((e) => <label><input type="checkbox" name="events" value={e} checked={DEFAULT_EVENTS.has(e)} /> {EVENT_LABEL[e]}</label>)}</div>
        </fieldset>
        <fieldset>
          <legend>Cách gửi</legend>
          {(['each', 'digest'] as const).map((d, i) => <label class="switch"><input type="radio" name="delivery" value={d} checked={i === 0} /> {DELIVERY_LABEL[d]}</label>)}
        </fieldset>
        <div class="actions"><button type="button" class="primary" data-action="subscribe">Đăng ký</button></div>
      </form>
      <div id="webhook-secret"></div>
      {props.hooks.length === 0 ? <p class="muted">Đơn vị chưa đăng ký nhận tin ở đâu.</p> : null}
      {props.hooks.map(({ hook, deliveries }) => (
        <article class="card" data-webhook={hook.id}>
          <h3>{FORMAT_LABEL[hook.format]} — {maskUrl(hook.url)}</h3>
          <p>Nhận: {hook.events.map((e) => EVENT_LABEL[e] ?? 'sự kiện khác').join(', ')} · {DELIVERY_LABEL[hook.delivery]}</p>
          <div class="actions">
            <button type="button" class="primary" data-action="ping" data-webhook={hook.id}>Gửi tin thử</button>
            <button type="button" data-action="refresh">Làm mới nhật ký</button>
            <button type="button" class="danger" data-action="unsubscribe" data-webhook={hook.id}>Hủy đăng ký</button>
          </div>
          <h4>Nhật ký gửi (mới nhất trước)</h4>
          {deliveries.length === 0 ? <p class="muted">Chưa gửi tin nào.</p> : (
            <ul class="items deliveries">
              {deliveries.map((d) => (
                <li class={d.status === 'delivered' ? 'done' : d.status === 'dead' ? 'overdue' : 'open'} data-delivery={d.id} data-status={d.status}>
                  <strong>{EVENT_LABEL[d.eventType] ?? 'Sự kiện'}</strong> · {formatDateTime(d.createdAt, tz)} · <span class="delivery-status">{DELIVERY_STATUS_LABEL[d.status]}</span>
                  <ol class="attempts">
                    {d.attempts.map((a) => (
                      <li data-attempt={a.attempt}>Lần {a.attempt}: {formatDateTime(a.at, tz)} · {deliveryError(a.error, a.statusCode) || 'đã gửi'} · {formatNumber(a.durationMs)} ms</li>
                    ))}
                  </ol>
                  {d.attempts.length === 0 ? <p class="muted">Đang chờ gửi…</p> : null}
                  {d.status !== 'pending' ? <button type="button" data-action="redeliver" data-webhook={hook.id} data-delivery={d.id}>Gửi lại</button> : null}
                </li>
              ))}
            </ul>
          )}
        </article>
      ))}
    </section>
  );
}
