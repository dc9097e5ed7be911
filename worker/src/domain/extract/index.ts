// DESIGN §11: a draft plan from a plan's text, with where each value came from (findings) and what the text says
// but the draft could not hold (unresolved). Pure and deterministic: no model, no network, no clock.
import type { PlanDraft, PlanExtract } from '../../../../schemas';
import { CODE_PATTERN } from '../../../../schemas/common';
import { Codes } from './codes';
import { criteria as criteriaOf, indicators as indicatorsOf } from './targets';
import { issueDate, planBasis, planNumber, planTitle, planYears } from './header';
import { Notes } from './notes';
import { isBasis, outline, type Outline } from './outline';
import { decree09, schedules as schedulesOf } from './schedules';
import { tasks as tasksOf } from './tasks';
import { prepare, type Doc } from './text';
import { tokenize } from './tokens';
import { UnitIndex, type ExtractContext } from './units';

export type { ExtractContext, ExtractUnit } from './units';
export { DocxError, docxText } from './docx';

export const NOT_A_PLAN =
  'Không nhận ra kế hoạch nào trong văn bản này: không thấy chữ “KẾ HOẠCH”, số kế hoạch hay các phần của một kế hoạch. Hãy kiểm tra lại văn bản.';

/** A plan has its heading and at least one of number, date, basis or sections; or a plan number and a body. */
function looksLikePlan(doc: Doc, o: Outline): boolean {
  const header = o.header.map((p) => doc.lower.slice(p.s, p.e)).join('\n');
  const numbered = /(?<![\p{L}\d])số\s*:?\s*[\d.\s]*\/\s*kh/u.test(header);
  const dated = /ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}|ngày\s+\d{1,2}\s*\/\s*\d{1,2}\s*\/\s*\d{4}/u.test(header);
  const based = o.preamble.some((p) => isBasis(doc, p));
  const sectioned = o.sections.some((s) => s.head);
  return (o.heading !== null && (numbered || dated || based || sectioned)) || (numbered && (based || sectioned));
}

export function extractPlan(text: string, ctx: ExtractContext): PlanExtract {
  const doc = prepare(typeof text === 'string' ? text : '');
  const issuer = CODE_PATTERN.test(ctx.issuer.code) ? ctx.issuer.code : undefined;
  const o = outline(doc);
  if (!looksLikePlan(doc, o)) return { draft: issuer ? { issuer } : {}, findings: [], unresolved: [{ path: '', text: '', message: NOT_A_PLAN }] };

  const notes = new Notes(doc);
  if (!issuer) notes.gap('issuer', null, 'Mã đơn vị ban hành không hợp lệ; hãy chọn đơn vị ban hành.');
  const reading = { tokens: tokenize(doc), units: new UnitIndex(ctx) };
  const number = planNumber(doc, o.heading ? [...o.header, o.heading] : o.header, notes);
  const title = planTitle(doc, o, notes);
  const issuedOn = issueDate(doc, [...o.header, ...o.preamble.filter((p) => !isBasis(doc, p))], notes);
  const years = planYears(doc, o, notes);
  const { basisText, basis } = planBasis(doc, o, ctx.plans, notes);
  const scoring = criteriaOf(doc, o.body, notes);
  const tasks = tasksOf(doc, o, reading, notes);
  const indicators = indicatorsOf(doc, o.body.filter((p) => !scoring.lines.has(p.index)), notes);
  const schedules = schedulesOf(doc, o, reading, years ?? [], notes);
  decree09(doc, o, schedules, notes);

  const codes = new Codes();
  const draft: PlanDraft = {
    ...(issuer ? { issuer } : {}),
    ...(number ? { number } : {}),
    ...(title ? { title } : {}),
    ...(issuedOn ? { issuedOn } : {}),
    ...(years ? { years } : {}),
    ...(basis ? { basis } : {}),
    ...(basisText.length ? { basisText } : {}),
    tasks: tasks.map((t, i) => ({ code: codes.next(t.title, `T${i + 1}`), ...t })),
    indicators: indicators.map((x, i) => ({ code: codes.next(x.name, `CT${i + 1}`), ...x })),
    schedules: schedules.map((s, i) => ({ code: codes.next(s.name ?? '', `BC${i + 1}`), ...s })),
    ...(scoring.items.length ? { criteria: scoring.items.map((c, i) => ({ code: codes.next(c.name, `TC${i + 1}`), ...c })) } : {}),
  };
  return { draft, findings: notes.findings, unresolved: notes.unresolved };
}
