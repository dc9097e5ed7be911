/** @jsxImportSource hono/jsx */
/**
 * The header a token gets: its unit and role, a menu button on a phone, the plan (the one with the nearest deadline
 * first) and the views its role has. Data attributes carry what the client script needs (codes stay out of the text).
 */
import { formatDeadline } from '../../../schemas/labels';
import { href } from './components';
import { ROLE_LABEL } from './words';

export type SessionPlan = { id: string; number: string; title: string; nextDue: string | null };

export const WORKBENCH_VIEWS: [string, string][] = [
  ['plans', 'Kế hoạch'], ['matrix', 'Tình hình nộp'], ['indicators', 'Chỉ tiêu'], ['calendar', 'Lịch'], ['scores', 'Chấm điểm'],
  ['units', 'Đơn vị và mã truy cập'], ['reminders', 'Nhắc việc'], ['owed', 'Báo cáo của đơn vị'],
];
export const WARD_VIEWS: [string, string][] = [['owed', 'Việc phải nộp']];

export function SessionHeader(props: { unitCode: string | null; unitName: string; role: string; manager: boolean; plans: SessionPlan[]; tz: string }) {
  const views = props.manager ? WORKBENCH_VIEWS : WARD_VIEWS;
  return (
    <header class="top" data-role={props.manager ? 'manager' : 'submitter'} data-unit={props.unitCode ?? ''} data-tz={props.tz}
      data-default-plan={props.plans[0]?.id ?? ''} data-default-view={props.manager ? (props.plans.length ? 'matrix' : 'plans') : 'owed'}>
      <div class="bar">
        <span class="brand">Cascade</span>
        <span class="who" id="who">{props.unitCode ? `${props.unitName} · ${ROLE_LABEL[props.role] ?? ''}` : 'Quản trị hệ thống'}</span>
        <button type="button" id="menu" aria-expanded="false" aria-controls="menu-panel">Menu</button>
      </div>
      <div class="panel" id="menu-panel">
        {props.manager ? (
          <label>Kế hoạch
            <select id="plan">
              {props.plans.length === 0 ? <option value="">Chưa có kế hoạch đang thực hiện</option> : null}
              {props.plans.map((pl) => (
                <option value={pl.id}>{pl.number} — {pl.title}{pl.nextDue ? ` (hạn gần nhất ${formatDeadline(pl.nextDue, props.tz).replace(/^(chậm nhất|trước) /, '')})` : ''}</option>
              ))}
            </select>
          </label>
        ) : <span></span>}
        <nav aria-label="Chức năng">
          {views.map(([v, label]) => <a href={href(v)} data-view={v}>{label}</a>)}
        </nav>
        <button type="button" id="signout">Đăng xuất</button>
      </div>
    </header>
  );
}
