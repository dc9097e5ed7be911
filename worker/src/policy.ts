/**
 * Who may do what: every permission rule of DESIGN §4 in one place, called by the API, the web app and the sweep
 * alike. Pure: a principal and the facts of a unit, plan or report in, a yes/no (or a 403) out.
 */
import type { Role } from '../../schemas';
import { forbidden, t } from './errors';

export type Principal =
  | { kind: 'admin'; actor: 'admin'; unit: null }
  | { kind: 'unit'; actor: string; unit: string; path: string; role: Role };

type UnitFacts = { code: string; path: string };

/** A token of unit U sees U's subtree and nothing else. */
export function canSee(p: Principal, unitPath: string): boolean {
  return p.kind === 'admin' || unitPath.startsWith(p.path);
}

/** Plans cascade down: a plan is visible inside its issuer's subtree and to the issuer's descendants' tokens. */
export function canSeePlan(p: Principal, issuerPath: string): boolean {
  return p.kind === 'admin' || issuerPath.startsWith(p.path) || p.path.startsWith(issuerPath);
}

export function assertCanSee(p: Principal, unit: UnitFacts): void {
  if (!canSee(p, unit.path)) {
    throw forbidden(t(`Unit ${unit.code} is outside the subtree of your token's unit (${p.unit}).`, `Đơn vị ${unit.code} nằm ngoài phạm vi của mã truy cập (đơn vị ${p.unit}).`));
  }
}

export function assertCanSeePlan(p: Principal, plan: { id: string; issuer_path: string }): void {
  if (!canSeePlan(p, plan.issuer_path)) {
    throw forbidden(t(`Plan ${plan.id} is issued outside your token's reach.`, `Kế hoạch ${plan.id} do một đơn vị ngoài phạm vi của mã truy cập ban hành.`));
  }
}

export function assertAdmin(p: Principal): void {
  if (p.kind !== 'admin') throw forbidden(t('Only the administrator (ADMIN_TOKEN) may do this.', 'Chỉ quản trị viên (ADMIN_TOKEN) được làm việc này.'));
}

export function assertManager(p: Principal): void {
  if (p.kind === 'unit' && p.role !== 'manager') {
    throw forbidden(t('This needs a manager token; yours is a submitter token.', 'Việc này cần mã truy cập của cán bộ quản lý; mã của bạn chỉ để nộp báo cáo.'));
  }
}

/** Managers act on their own subtree; the administrator on everything. */
export function assertManagerOf(p: Principal, unit: UnitFacts): void {
  assertCanSee(p, unit);
  assertManager(p);
}

/** The unit's own staff (submitter or manager) and the administrator write a unit's report. */
export function mayWriteReport(p: Principal, unitCode: string): boolean {
  return p.kind === 'admin' || p.unit === unitCode;
}

export function assertMayWriteReport(p: Principal, unitCode: string): void {
  if (!mayWriteReport(p, unitCode)) {
    throw forbidden(t(`Only ${unitCode}'s own tokens may write its report; yours is for ${p.unit}.`, `Chỉ mã truy cập của chính đơn vị ${unitCode} được nhập báo cáo này; mã của bạn thuộc đơn vị ${p.unit}.`));
  }
}

/** Managers above the unit, managers of a unit it reports to (reportTo) and the administrator review its report. */
export function mayReviewReport(p: Principal, report: { unitPath: string; recipients: readonly string[] }): boolean {
  if (p.kind === 'admin') return true;
  if (p.role !== 'manager') return false;
  const above = report.unitPath.startsWith(p.path) && report.unitPath !== p.path;
  return above || report.recipients.includes(p.unit);
}

export function assertMayReviewReport(p: Principal, report: { unitPath: string; recipients: readonly string[] }): void {
  if (!mayReviewReport(p, report)) {
    throw forbidden(t('Only a manager of a unit above this one, or of a unit it reports to, may return or accept its report.',
      'Chỉ cán bộ quản lý của đơn vị cấp trên, hoặc của đơn vị nhận báo cáo, được trả lại hay tiếp nhận báo cáo này.'));
  }
}

/** A manager scores units strictly below its own, inside the subtree the plan was issued for. */
export function assertMayScore(p: Principal, unit: UnitFacts, plan: { id: string; issuer_code: string; issuer_path: string }): void {
  assertManager(p);
  if (p.kind === 'unit' && p.path === unit.path) {
    throw forbidden(t('A unit cannot score itself; a manager of a unit above it does.', 'Đơn vị không tự chấm điểm mình; cán bộ quản lý cấp trên chấm.'));
  }
  assertCanSeePlan(p, plan);
  if (!unit.path.startsWith(plan.issuer_path)) {
    throw forbidden(t(`Plan ${plan.id} does not reach ${unit.code}; it applies inside ${plan.issuer_code}.`, `Kế hoạch ${plan.id} không áp dụng cho đơn vị ${unit.code}; kế hoạch áp dụng trong phạm vi ${plan.issuer_code}.`));
  }
}

/** A roll-up over `root` for a plan: the root is the caller's and lies on the plan's branch (above or below its issuer). */
export function assertMayRollUp(p: Principal, plan: { id: string; issuer_path: string }, root: UnitFacts): void {
  assertCanSee(p, root);
  const related = root.path.startsWith(plan.issuer_path) || plan.issuer_path.startsWith(root.path);
  if (!related) throw forbidden(t(`Plan ${plan.id} does not reach ${root.code}.`, `Kế hoạch ${plan.id} không áp dụng cho đơn vị ${root.code}.`));
}
