/**
 * The documents an office files (DESIGN §12), as bytes from plain view models: a report or compiled report as a
 * Decree 30 .docx, a roll-up as an .xlsx, and the pieces of the official form. No database and no HTTP here.
 */
import type { ReportDocumentModel } from './models';

export type * from './models';
export { aggregateText, answerText, cellsOf } from './answers';
export { dateLine, numberLine, officialForm, speakerName, type FormUnit, type OfficialForm } from './official';
export { rollupXlsx } from './rollup-xlsx';

/**
 * The report as .docx bytes. The `docx` library (about 70 kB gzipped) is loaded on the first call, so a Worker
 * that never builds a document never evaluates it.
 */
export async function reportDocx(model: ReportDocumentModel): Promise<Uint8Array> {
  const { reportDocx: build } = await import('./report-docx');
  return build(model);
}
