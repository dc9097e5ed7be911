/** @jsxImportSource hono/jsx */
/** Đơn vị và mã truy cập: a manager's subtree, issuing a token (shown once, with a handover slip), the tokens and revoking them. */
import type { UnitTreeNode } from '../../../schemas';
import { formatDate, localDate } from '../../../schemas/labels';
import type { TokenLine as TokenRow } from './types';
import { levelLabel, ROLE_LABEL, unitOrder } from './words';

function flatten(node: UnitTreeNode, depth = 0): { node: UnitTreeNode; depth: number }[] {
  return [{ node, depth }, ...[...node.children].sort(unitOrder).flatMap((c) => flatten(c, depth + 1))];
}

function Tree(props: { node: UnitTreeNode; counts: Map<string, number>; root?: boolean }) {
  const n = props.node;
  const count = props.counts.get(n.code) ?? 0;
  return (
    <li data-unit={n.code}>
      <div class="node">
        <span><strong>{n.name}</strong> <small>· {levelLabel(n.level)} · {count ? `${count} mã đang dùng` : 'chưa có mã'}</small></span>
        <button type="button" data-action="token-for" data-unit={n.code} aria-label={`Cấp mã cho ${n.name}`}>Cấp mã</button>
      </div>
      {n.children.length ? <ul>{[...n.children].sort(unitOrder).map((c) => <Tree node={c} counts={props.counts} />)}</ul> : null}
    </li>
  );
}

export function UnitsView(props: { root: { code: string; name: string }; tree: UnitTreeNode; tokens: TokenRow[]; names: Map<string, string>; now: Date; tz: string }) {
  const { tree, tokens, now, tz } = props;
  const nowIso = now.toISOString();
  const live = (t: TokenRow) => !t.revoked_at && !(t.expires_at && t.expires_at <= nowIso);
  const counts = new Map<string, number>();
  for (const t of tokens) if (live(t)) counts.set(t.unit_code, (counts.get(t.unit_code) ?? 0) + 1);
  const day = (iso: string | null) => (iso ? formatDate(localDate(iso, tz)) : '—');
  return (
    <section id="units" data-unit={props.root.code}>
      <h2>Đơn vị và mã truy cập — {props.root.name}</h2>
      <form class="card" id="token-form">
        <h3>Cấp mã truy cập</h3>
        <div class="grid two">
          <label>Đơn vị{' '}
            <select name="unit">{flatten(tree).map(({ node, depth }) => (
              <option value={node.code} data-name={node.name}>{'— '.repeat(depth)}{node.name}</option>
            ))}</select>
          </label>
          <label>Người nhận (họ tên, chức vụ){' '}
            <input name="label" type="text" required maxlength={200} placeholder="Ví dụ: Chị Lan, văn phòng UBND phường" />
          </label>
        </div>
        <fieldset>
          <legend>Vai trò</legend>
          <label class="switch"><input type="radio" name="role" value="submitter" checked /> {ROLE_LABEL.submitter}: nhập và nộp báo cáo của đơn vị (trên điện thoại hoặc Google Trang tính)</label>
          <label class="switch"><input type="radio" name="role" value="manager" /> {ROLE_LABEL.manager}: giao kế hoạch, cấp mã, xem xét báo cáo của cấp dưới</label>
        </fieldset>
        <label>Hết hạn sau ngày (ngày/tháng/năm; để trống nếu không đặt hạn){' '}<input type="text" name="expires" inputmode="numeric" placeholder="Ví dụ: 31/12/2027" maxlength={10} /></label>
        <div class="actions"><button type="button" class="primary" data-action="issue-token">Cấp mã</button></div>
      </form>
      <div id="issued"></div>
      <h3>Các đơn vị</h3>
      <ul class="tree" id="tree"><Tree node={tree} counts={counts} root /></ul>
      <h3>Mã đã cấp ({tokens.length})</h3>
      {tokens.length === 0 ? <p class="muted">Chưa cấp mã nào.</p> : (
        <div class="scroll" tabindex={0} role="region" aria-label="Các mã truy cập đã cấp">
          <table class="sticky cards" id="tokens">
            <thead><tr><th scope="col">Người nhận</th><th scope="col">Đơn vị</th><th scope="col">Vai trò</th><th scope="col">Cấp ngày</th><th scope="col">Dùng đến hết ngày</th><th scope="col">Dùng lần cuối</th><th scope="col">Trạng thái</th><th scope="col"><span class="muted">Thao tác</span></th></tr></thead>
            <tbody>
              {tokens.map((t) => {
                const state = t.revoked_at ? `Đã thu hồi ngày ${day(t.revoked_at)}` : t.expires_at && t.expires_at <= nowIso ? 'Đã hết hạn' : 'Đang dùng';
                return (
                  <tr data-token={t.id} data-unit={t.unit_code} data-live={String(live(t))}>
                    <th scope="row">{t.label}</th>
                    <td data-label="Đơn vị">{props.names.get(t.unit_code) ?? 'Đơn vị trực thuộc'}</td>
                    <td data-label="Vai trò">{ROLE_LABEL[t.role]}</td>
                    <td data-label="Cấp ngày">{day(t.created_at)}</td>
                    <td data-label="Dùng đến hết ngày">{t.expires_at ? day(new Date(Date.parse(t.expires_at) - 1).toISOString()) : 'Không đặt hạn'}</td>
                    <td data-label="Dùng lần cuối">{day(t.last_used_at)}</td>
                    <td data-label="Trạng thái" class="token-state">{state}</td>
                    <td>{live(t) ? <button type="button" class="danger" data-action="revoke" data-token={t.id} data-label={t.label}>Thu hồi</button> : null}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
