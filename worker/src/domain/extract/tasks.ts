// Tasks: the numbered contents of the sections that assign work ("II. NHIỆM VỤ VÀ GIẢI PHÁP", "III. TỔ CHỨC THỰC
// HIỆN" …), each with the units its heading or its sentences name as the ones to act.
import type { PlanDraft } from '../../../../schemas';
import { inChargeAt, selection, subjectAt, type Reading } from './actors';
import type { Notes } from './notes';
import { blocks, clauses, type Outline, type Para, type Section } from './outline';
import { clean, stripEnd, truncate, type Doc } from './text';
import type { Mention } from './units';

export type DraftTask = Omit<NonNullable<PlanDraft['tasks']>[number], 'code'>;

const TASK_SECTION = /nhiem vu|noi dung|giai phap|to chuc thuc hien|trien khai|phan cong|trach nhiem/;
/** Sections and items that state aims, audiences, timing or money rather than work. */
const NOT_WORK = /^(?:muc dich|muc tieu|yeu cau|doi tuong|tien do|kinh phi|thoi gian|che do bao cao|pham vi)/;

const foldOf = (doc: Doc, p: Para) => doc.fold.slice(p.body, p.e).trim();

function isTaskSection(doc: Doc, s: Section): boolean {
  if (!s.head) return true;
  const heading = foldOf(doc, s.head);
  return TASK_SECTION.test(heading) && !NOT_WORK.test(heading);
}

/** A short heading with no sentence in it may be a name and nothing else ("6. Đài Truyền thanh thị xã, Trang …"). */
const isNameLine = (doc: Doc, p: Para) => p.e - p.body <= 150 && !/[.;]/.test(doc.lower.slice(p.body, p.e).replace(/[.:]\s*$/, ''));

/**
 * Who a task names: its heading's subject, else the subjects of its paragraphs, and anyone put "in charge". A heading
 * that only says "các cơ quan, đơn vị" lets its paragraphs say which ones.
 */
function assigneeMentions(doc: Doc, r: Reading, head: Para, paras: readonly Para[]): Mention[] {
  const span = (p: Para) => ({ s: p.body, e: p.e });
  const inCharge = [head, ...paras].flatMap((p) => inChargeAt(doc, r, span(p)));
  const own = subjectAt(doc, r, span(head), isNameLine(doc, head));
  if (own.some((m) => !m.agencies)) return [...own, ...inCharge];
  return [...own, ...paras.flatMap((p) => subjectAt(doc, r, span(p), p.kind !== 'text' && isNameLine(doc, p))), ...inCharge];
}

/** A heading's first clause, at most 200 characters; `cut` when the heading says more. */
function titleOf(doc: Doc, head: Para): { title: string; cut: boolean } {
  const full = stripEnd(clean(doc.text.slice(head.body, head.e)), ' :');
  const first = clauses(doc, { s: head.body, e: head.e })[0];
  const title = truncate(first ? stripEnd(clean(doc.text.slice(first.s, first.e)), ' :') : full, 200);
  return { title, cut: title.length < full.length };
}

export function tasks(doc: Doc, o: Outline, r: Reading, notes: Notes): DraftTask[] {
  const out: DraftTask[] = [];
  for (const section of o.sections.filter((s) => isTaskSection(doc, s))) {
    for (const { head, paras } of blocks(section)) {
      if (out.length >= 500 || NOT_WORK.test(foldOf(doc, head))) continue;
      const { title, cut } = titleOf(doc, head);
      if (!title) continue;
      const i = out.length;
      notes.found(`tasks[${i}]`, { s: head.body, e: head.e });
      const lines = [head, ...paras].map((p) => clean(doc.text.slice(p.s, p.e))).filter(Boolean);
      const description = cut || paras.length ? truncate(lines.join('\n'), 5000) : undefined;
      const mentions = assigneeMentions(doc, r, head, paras);
      const { selector, unknown, outside } = selection(r, mentions);
      mentions.filter((m) => m.units.length || m.levels.length || m.agencies).forEach((m) => notes.found(`tasks[${i}].assignees`, m));
      for (const sp of unknown) notes.gap(`tasks[${i}].assignees`, sp, `Không tìm thấy đơn vị “${clean(doc.text.slice(sp.s, sp.e))}” trong danh sách đơn vị; hãy chọn đơn vị tương ứng.`);
      for (const m of outside) notes.gap(`tasks[${i}].assignees`, m, `“${clean(doc.text.slice(m.s, m.e))}” không trực thuộc đơn vị ban hành nên không giao nhiệm vụ được; hãy chọn đơn vị.`);
      if (!selector && !unknown.length && !outside.length) {
        notes.gap(`tasks[${i}].assignees`, { s: head.body, e: head.e }, 'Kế hoạch không nêu đơn vị thực hiện nội dung này; hãy chọn đơn vị.');
      }
      out.push({ title, ...(description ? { description } : {}), ...(selector ? { assignees: selector } : {}) });
    }
  }
  return out;
}
